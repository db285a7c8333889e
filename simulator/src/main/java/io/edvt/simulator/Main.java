package io.edvt.simulator;

import io.edvt.simulator.report.ReportWriter;
import io.edvt.simulator.report.Section;
import io.edvt.simulator.scenario.Params;
import io.edvt.simulator.scenario.Scenario;
import io.edvt.simulator.scenario.ScenarioContext;
import io.edvt.simulator.scenario.Scenarios;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code simulate [SCENARIO|all] [--quick] [--seed N] [--out DIR] [--params FILE]}: runs the
 * scenarios and writes the report folder ({@code report.md}, {@code index.html}, a CSV per table,
 * a PNG per plot). Deterministic per seed. Exit code 2 for a usage error.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    try {
      System.exit(run(args));
    } catch (IllegalArgumentException e) {
      System.err.println("simulate: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
    }
  }

  static String usage() {
    return "usage: simulate [SCENARIO|all] [--quick] [--seed N] [--out DIR] [--params FILE]\n"
        + "  scenarios: " + String.join(", ", Scenarios.names()) + " (all runs these), performance\n"
        + "  --quick   small sizes for CI (same code paths)\n"
        + "  --seed N  random seed (default 1)\n"
        + "  --out DIR report folder (default simulator-report)\n"
        + "  --params FILE  YAML overriding the defaults (simulator/src/main/resources/io/edvt/simulator/defaults.yaml)";
  }

  /** Runs the command line; returns the exit code. */
  public static int run(String[] args) {
    List<String> rest = new ArrayList<>(List.of(args));
    if (!rest.isEmpty() && rest.get(0).equals("simulate")) {
      rest.remove(0);
    }
    String scenario = "all";
    boolean quick = false;
    long seed = 1;
    Path out = Path.of("simulator-report");
    Path params = null;
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      switch (a) {
        case "--quick" -> quick = true;
        case "--seed" -> seed = Long.parseLong(value(rest, ++i, a));
        case "--out" -> out = Path.of(value(rest, ++i, a));
        case "--params" -> params = Path.of(value(rest, ++i, a));
        case "-h", "--help" -> {
          System.out.println(usage());
          return 0;
        }
        default -> {
          if (a.startsWith("-")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          scenario = a;
        }
      }
    }
    Params all = Params.load(params);
    List<Scenario> scenarios = new ArrayList<>();
    for (String name : scenario.equals("all") ? Scenarios.names() : List.of(scenario.split(","))) {
      scenarios.add(Scenarios.byName(name));
    }
    ScenarioContext context = new ScenarioContext(all, quick, seed, out, System.err);
    long t0 = System.nanoTime();
    List<Section> sections = new ArrayList<>();
    try {
      java.nio.file.Files.createDirectories(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (Scenario s : scenarios) {
      long t = System.nanoTime();
      Section section = s.run(context);
      section.seconds = (System.nanoTime() - t) / 1e9;
      sections.add(section);
      // written after each scenario, so a long run leaves a usable report behind
      ReportWriter.write(out, sections, command(scenario, quick, seed, params), seed, quick, (System.nanoTime() - t0) / 1e9);
    }
    System.err.println("report: " + out.resolve("report.md").toAbsolutePath());
    return 0;
  }

  static String command(String scenario, boolean quick, long seed, Path params) {
    return "./edvt simulate " + scenario + (quick ? " --quick" : "") + (seed != 1 ? " --seed " + seed : "")
        + (params != null ? " --params " + params : "");
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }
}
