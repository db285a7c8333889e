package io.edvt.simulator.chain;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time spent per phase of the full-stack simulation (for the performance table). */
public final class PhaseTimers {
  private final Map<String, long[]> nanos = new LinkedHashMap<>();

  /** Runs {@code work} and adds its wall time to {@code phase}. */
  public <T> T time(String phase, java.util.function.Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      add(phase, System.nanoTime() - start);
    }
  }

  public void time(String phase, Runnable work) {
    long start = System.nanoTime();
    try {
      work.run();
    } finally {
      add(phase, System.nanoTime() - start);
    }
  }

  public void add(String phase, long elapsedNanos) {
    long[] entry = nanos.computeIfAbsent(phase, p -> new long[2]);
    entry[0] += elapsedNanos;
    entry[1]++;
  }

  /** Seconds per phase, in the order phases first ran. */
  public Map<String, Double> seconds() {
    Map<String, Double> out = new LinkedHashMap<>();
    nanos.forEach((phase, e) -> out.put(phase, e[0] / 1e9));
    return out;
  }

  public void reset() {
    nanos.clear();
  }
}
