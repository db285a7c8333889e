package io.edvt.networking.transport.fuzz;

import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A small deterministic mutation fuzzer for the wire decoders: inputs are random bytes and
 * mutations of a corpus of valid encodings (bit flips, boundary bytes, big-endian and varint
 * boundary values, insertions, deletions, truncations, splices), from a seed, so a failure is
 * reproduced by its seed and iteration. The target may return or throw one of the allowed
 * exception types (the decoders' documented rejections); anything else fails with the input in hex.
 *
 * <p>Inputs per target: {@code -Dedvt.fuzz.iterations} (default 5 000 in the normal build; the
 * documented long run uses 1 000 000). Seed: {@code -Dedvt.fuzz.seed} (default: from the name).
 */
public final class Fuzzer {
  private static final int[] INTERESTING = {0x00, 0x01, 0x02, 0x03, 0x0F, 0x10, 0x7F, 0x80, 0x81, 0xFE, 0xFF};

  /** What a run saw: inputs tried, accepted and rejected by the decoder. */
  public record Result(String name, long inputs, long accepted, long rejected, long millis) {
    @Override
    public String toString() {
      return String.format("fuzz %-22s %,10d inputs  %,10d decoded  %,10d rejected  %,7d ms", name, inputs, accepted,
          rejected, millis);
    }
  }

  private Fuzzer() {}

  public static long iterations() {
    return Long.getLong("edvt.fuzz.iterations", 5_000);
  }

  /**
   * Runs {@code target} over generated inputs.
   *
   * @throws AssertionError with seed, iteration and input when the target throws anything else
   *     than {@code allowed}
   */
  @SafeVarargs
  public static Result run(String name, List<byte[]> corpus, Consumer<byte[]> target, Class<? extends Throwable>... allowed) {
    return run(name, iterations(), corpus, target, allowed);
  }

  /**
   * Like {@link #run(String, List, Consumer, Class[])} with {@code normalIterations} inputs unless
   * {@code -Dedvt.fuzz.iterations} is set (for targets whose inputs cost a signature check each).
   */
  @SafeVarargs
  public static Result run(String name, long normalIterations, List<byte[]> corpus, Consumer<byte[]> target,
      Class<? extends Throwable>... allowed) {
    long seed = Long.getLong("edvt.fuzz.seed", name.hashCode());
    SplittableRandom random = new SplittableRandom(seed);
    long n = System.getProperty("edvt.fuzz.iterations") != null ? iterations() : normalIterations;
    long accepted = 0;
    long rejected = 0;
    long t0 = System.nanoTime();
    for (long i = 0; i < n; i++) {
      byte[] input = next(random, corpus);
      try {
        target.accept(input);
        accepted++;
      } catch (Throwable t) {
        if (!isAllowed(t, allowed)) {
          throw new AssertionError("fuzz " + name + ": seed " + seed + ", iteration " + i + ", input "
              + HexFormat.of().formatHex(input) + ": unexpected " + t, t);
        }
        rejected++;
      }
    }
    Result r = new Result(name, n, accepted, rejected, (System.nanoTime() - t0) / 1_000_000);
    System.out.println(r);
    return r;
  }

  private static boolean isAllowed(Throwable t, Class<? extends Throwable>[] allowed) {
    for (Class<? extends Throwable> c : allowed) {
      if (c.isInstance(t) || (t.getCause() != null && c.isInstance(t.getCause()))) {
        return true;
      }
    }
    return false;
  }

  static byte[] next(SplittableRandom r, List<byte[]> corpus) {
    int mode = r.nextInt(10);
    if (mode == 0 || corpus.isEmpty()) {
      byte[] b = new byte[r.nextInt(r.nextBoolean() ? 16 : 512)];
      r.nextBytes(b);
      return b;
    }
    byte[] b = corpus.get(r.nextInt(corpus.size())).clone();
    int mutations = 1 + r.nextInt(mode >= 8 ? 8 : 2);
    for (int m = 0; m < mutations; m++) {
      b = mutate(r, b, corpus);
    }
    return b;
  }

  private static byte[] mutate(SplittableRandom r, byte[] b, List<byte[]> corpus) {
    if (b.length == 0) {
      return new byte[] {(byte) r.nextInt(256)};
    }
    int at = r.nextInt(b.length);
    switch (r.nextInt(9)) {
      case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
      case 1 -> b[at] = (byte) INTERESTING[r.nextInt(INTERESTING.length)];
      case 2 -> b[at] = (byte) r.nextInt(256);
      case 3 -> { // a big-endian 16/32-bit boundary value (noise lengths, yamux headers)
        int width = r.nextBoolean() ? 2 : 4;
        long v = switch (r.nextInt(5)) {
          case 0 -> 0;
          case 1 -> (1L << (8 * width)) - 1;
          case 2 -> 1L << (8 * width - 1);
          case 3 -> r.nextInt(1 << 16);
          default -> (1L << (8 * width - 1)) - 1;
        };
        for (int k = 0; k < width && at + k < b.length; k++) {
          b[at + k] = (byte) (v >>> (8 * (width - 1 - k)));
        }
      }
      case 4 -> { // insert bytes
        int len = 1 + r.nextInt(8);
        byte[] out = new byte[b.length + len];
        System.arraycopy(b, 0, out, 0, at);
        for (int k = 0; k < len; k++) {
          out[at + k] = (byte) r.nextInt(256);
        }
        System.arraycopy(b, at, out, at + len, b.length - at);
        return out;
      }
      case 5 -> { // delete a range
        int len = Math.min(b.length - at, 1 + r.nextInt(8));
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + len, out, at, b.length - at - len);
        return out;
      }
      case 6 -> { // truncate
        return java.util.Arrays.copyOf(b, at);
      }
      case 7 -> { // splice with another corpus entry
        byte[] other = corpus.get(r.nextInt(corpus.size()));
        int from = other.length == 0 ? 0 : r.nextInt(other.length);
        byte[] out = java.util.Arrays.copyOf(b, at + other.length - from);
        System.arraycopy(other, from, out, at, other.length - from);
        return out;
      }
      default -> { // overwrite with a long varint run (continuation bits set)
        int len = Math.min(b.length - at, 1 + r.nextInt(10));
        for (int k = 0; k < len; k++) {
          b[at + k] = (byte) (0x80 | r.nextInt(128));
        }
      }
    }
    return b;
  }
}
