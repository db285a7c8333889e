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

  /** {@code P(X < x)}. */
  double cdf(double x);

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

      @Override
      public double cdf(double x) {
        return x <= 0 ? 0 : Gaussian.cdf(Math.log(x / medianMs) / sigma);
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

      @Override
      public double cdf(double x) {
        return Math.max(0, Math.min(1, (x - minMs) / (maxMs - minMs)));
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

      @Override
      public double cdf(double x) {
        return x > ms ? 1 : 0;
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

      @Override
      public double cdf(double x) {
        return x <= 0 ? 0 : 1 - Math.exp(-x / meanMs);
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

      @Override
      public double cdf(double x) {
        return base.cdf(x / factor);
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

    /** The standard normal distribution function (erfc by Numerical Recipes' Chebyshev fit, 1.2e-7). */
    static double cdf(double z) {
      double x = Math.abs(z) / Math.sqrt(2);
      double t = 1 / (1 + 0.5 * x);
      double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
          + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
          + t * 0.17087277)))))))));
      return z >= 0 ? 1 - erfc / 2 : erfc / 2;
    }

    static double next(SplittableRandom random) {
      double u1 = 1 - random.nextDouble();
      double u2 = random.nextDouble();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
  }
}
