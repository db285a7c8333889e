package io.edvt.simulator.netmodel;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A delay distribution in milliseconds, named in the parameter file as a map:
 * {@code {type: lognormal, median_ms: 400, sigma: 0.5}}, {@code {type: uniform, min_ms: 2000,
 * max_ms: 6000}}, {@code {type: fixed, ms: 100}} or {@code {type: exponential, mean_ms: 50}}.
 */
public interface Dist {
  double sample(SplittableRandom random);

  /** The median, for reports. */
  double median();

  String describe();

  static Dist lognormal(double medianMs, double sigma) {
    return new Dist() {
      @Override
      public double sample(SplittableRandom random) {
        return medianMs * Math.exp(sigma * Gaussian.next(random));
      }

      @Override
      public double median() {
        return medianMs;
      }

      @Override
      public String describe() {
        return "lognormal(median " + fmt(medianMs) + " ms, sigma " + sigma + ")";
      }
    };
  }

  static Dist uniform(double minMs, double maxMs) {
    return new Dist() {
      @Override
      public double sample(SplittableRandom random) {
        return minMs + (maxMs - minMs) * random.nextDouble();
      }

      @Override
      public double median() {
        return (minMs + maxMs) / 2;
      }

      @Override
      public String describe() {
        return "uniform(" + fmt(minMs) + " to " + fmt(maxMs) + " ms)";
      }
    };
  }

  static Dist fixed(double ms) {
    return new Dist() {
      @Override
      public double sample(SplittableRandom random) {
        return ms;
      }

      @Override
      public double median() {
        return ms;
      }

      @Override
      public String describe() {
        return fmt(ms) + " ms";
      }
    };
  }

  static Dist exponential(double meanMs) {
    return new Dist() {
      @Override
      public double sample(SplittableRandom random) {
        return -meanMs * Math.log(1 - random.nextDouble());
      }

      @Override
      public double median() {
        return meanMs * Math.log(2);
      }

      @Override
      public String describe() {
        return "exponential(mean " + fmt(meanMs) + " ms)";
      }
    };
  }

  /** The same distribution stretched by {@code factor}. */
  default Dist scaled(double factor) {
    Dist base = this;
    return new Dist() {
      @Override
      public double sample(SplittableRandom random) {
        return factor * base.sample(random);
      }

      @Override
      public double median() {
        return factor * base.median();
      }

      @Override
      public String describe() {
        return factor + " x " + base.describe();
      }
    };
  }

  /** A distribution from its parameter-file map. */
  static Dist of(Map<String, Object> spec) {
    String type = String.valueOf(spec.get("type"));
    return switch (type) {
      case "lognormal" -> lognormal(num(spec, "median_ms"), num(spec, "sigma"));
      case "uniform" -> uniform(num(spec, "min_ms"), num(spec, "max_ms"));
      case "fixed" -> fixed(num(spec, "ms"));
      case "exponential" -> exponential(num(spec, "mean_ms"));
      default -> throw new IllegalArgumentException("unknown distribution type '" + type
          + "' (expected lognormal, uniform, fixed or exponential) in " + spec);
    };
  }

  private static double num(Map<String, Object> spec, String key) {
    Object v = spec.get(key);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("distribution " + spec + " needs a number '" + key + "'");
    }
    return n.doubleValue();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format("%.1f", v);
  }

  /** Standard normal deviates (Box-Muller without caching, so a draw is one call). */
  final class Gaussian {
    private Gaussian() {}

    static double next(SplittableRandom random) {
      double u1 = 1 - random.nextDouble();
      double u2 = random.nextDouble();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
  }
}
