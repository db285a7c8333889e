package io.edvt.simulator.scenario;

import io.edvt.simulator.chain.ChainRun;
import io.edvt.simulator.chain.FullStackChain;
import io.edvt.simulator.chain.PhaseTimers;
import io.edvt.simulator.chain.Population;
import io.edvt.simulator.chain.SimGenesis;
import io.edvt.simulator.netmodel.NetworkModel;
import io.edvt.simulator.report.Progress;
import io.edvt.simulator.report.Section;
import io.edvt.simulator.report.Table;
import java.util.List;
import java.util.Map;

/**
 * {@code performance} (not part of {@code all}): simulated epochs per second of the full stack
 * with 10% of the stake in groups of 7 (threshold 5), and where the time goes.
 */
public final class Performance implements Scenario {
  public static final String NAME = "performance";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Section run(ScenarioContext context) {
    Section section = new Section(NAME, "Full-stack performance");
    section.question = "How many epochs per second does the full stack simulate, and where does the time go?";
    section.provenance = "**Full stack**, late blocks as in late-block-rewards, signatures off, one thread driving "
        + "(the state's hashing uses the fork-join pool). The first epoch is a warm-up and not timed.";
    Table table = new Table(NAME, "validators", "member keys", "genesis (s)", "epochs timed", "epochs per second",
        "phase", "share of time");
    NetworkModel net = Networks.of(context.all(), context.seed());
    List<int[]> sizes = context.quick() ? List.of(new int[] {10_000, 2}) : List.of(new int[] {10_000, 6}, new int[] {100_000, 3});
    for (int[] size : sizes) {
      long t0 = System.nanoTime();
      Population pop = Population.withGroupShare(size[0], 0.10, 5, 7);
      SimGenesis.Start start = SimGenesis.build(pop, Map.of());
      double genesis = (System.nanoTime() - t0) / 1e9;
      PhaseTimers timers = new PhaseTimers();
      FullStackChain chain = new FullStackChain(start, timers);
      ChainRun run = new ChainRun(chain, net, Networks.turns(833), context.seed(), (v, j, s) -> false, false);
      Progress progress = context.progress(NAME + " " + size[0], (size[1] + 1) * 32L);
      // warm-up epoch, then the timed ones (ChainRun counts slots from 1, so run them in one go and time the tail)
      long[] timedStart = new long[1];
      run.run((size[1] + 1) * 32L, List.of(new ChainRun.Observer() {
        @Override
        public void slot(ChainRun.SlotRecord r) {
          if (r.slot() == 32) {
            timers.reset();
            timedStart[0] = System.nanoTime();
          }
        }
      }), progress);
      progress.finish();
      double seconds = (System.nanoTime() - timedStart[0]) / 1e9;
      double eps = size[1] / seconds;
      double phases = timers.seconds().values().stream().mapToDouble(Double::doubleValue).sum();
      boolean first = true;
      for (Map.Entry<String, Double> e : timers.seconds().entrySet()) {
        table.row(size[0], pop.memberKeys(), first ? genesis : Double.NaN, size[1], first ? eps : Double.NaN, e.getKey(),
            e.getValue() / seconds);
        first = false;
      }
      table.row(size[0], pop.memberKeys(), Double.NaN, size[1], Double.NaN, "other (driver, rewards, models)",
          Math.max(0, 1 - phases / seconds));
      section.headline.put("eps_" + size[0], eps);
    }
    section.table(table);
    section.sentence(NAME, "Full stack: " + section.headline.entrySet().stream()
        .map(e -> String.format("%.2f epochs/s at %s validators", e.getValue(), e.getKey().substring(4))).toList()
        + " with 10% of stake in (5, 7) groups.");
    return section;
  }
}
