package io.edvt.reftests.lodestar;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Runs Lodestar's state transition ({@code @lodestar/state-transition} 1.46.0 from npm) through
 * {@code src/test/lodestar/stf.mjs}.
 *
 * <p>{@link #installed()} installs the pinned npm packages of {@code src/test/lodestar/package.json}
 * into {@code target/lodestar/} (once; a later build finds them there and does nothing) and
 * copies {@code stf.mjs} beside them. When Node.js or npm is missing, the registry cannot be
 * reached, a pinned version is not available or the packages do not load, it throws a
 * {@link LodestarUnavailableException} naming the cause: the tests that use Lodestar then fail,
 * they never pass or skip silently.
 *
 * <p>{@link #run(LodestarCase)} writes a case folder under {@code target/lodestar-cases/<name>/}
 * ({@code config.json}, {@code pre.ssz}, {@code blocks_<i>.ssz}, {@code slots.json}), runs
 * {@code node stf.mjs <folder>} with a time limit and parses its JSON lines. It also checks that
 * every preset and config value Lodestar ran with equals ours (see {@link #configDifferences}), so
 * that a root disagreement always means a difference in the state transition itself. The folder
 * stays for reruns by hand ({@link LodestarResult#rerun()}).
 */
public final class LodestarRunner {
  /** Oldest Node.js major version the pinned Lodestar packages support. */
  static final int MIN_NODE_MAJOR = 20;

  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
  /** Default limit for one {@code stf.mjs} run. */
  public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(15);

  /** Modules whose loading proves that the install (including native prebuilds) works. */
  private static final String LOAD_CHECK = String.join("",
      "await import('@lodestar/state-transition');",
      "await import('@chainsafe/blst');",
      "await import('@chainsafe/persistent-merkle-tree/hasher/hashtree');");

  private static final ObjectMapper JSON = new ObjectMapper();

  private static LodestarRunner shared;
  private static RuntimeException sharedFailure;

  private final Path moduleDir;
  private final Path sourceDir;
  private final Path installDir;
  private final Path casesDir;
  private final Duration runTimeout;

  private LodestarRunner(Path moduleDir, Duration runTimeout) {
    this.moduleDir = moduleDir;
    this.sourceDir = moduleDir.resolve("src").resolve("test").resolve("lodestar");
    this.installDir = moduleDir.resolve("target").resolve("lodestar");
    this.casesDir = moduleDir.resolve("target").resolve("lodestar-cases");
    this.runTimeout = runTimeout;
  }

  /**
   * The runner of this JVM, with the pinned packages installed (installing them on first use).
   * A failed install is remembered, so every later caller fails at once with the same message.
   *
   * @throws LodestarUnavailableException when Lodestar cannot be installed or loaded here
   */
  public static synchronized LodestarRunner installed() {
    if (shared != null) {
      return shared;
    }
    if (sharedFailure != null) {
      throw sharedFailure;
    }
    try {
      LodestarRunner runner = new LodestarRunner(moduleDir(), DEFAULT_RUN_TIMEOUT);
      runner.install();
      shared = runner;
      return runner;
    } catch (RuntimeException e) {
      sharedFailure = e;
      throw e;
    }
  }

  /** This runner with another time limit per {@code stf.mjs} run. */
  public LodestarRunner withRunTimeout(Duration timeout) {
    return new LodestarRunner(moduleDir, timeout);
  }

  /** The reference-tests module folder (Surefire runs in it; an IDE may run in the project root). */
  private static Path moduleDir() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p : List.of(cwd, cwd.resolve("reference-tests"))) {
      if (Files.isRegularFile(p.resolve("src/test/lodestar/stf.mjs"))) {
        return p;
      }
    }
    throw new LodestarUnavailableException(
        "cannot find src/test/lodestar/stf.mjs of the reference-tests module from " + cwd);
  }

  // ------------------------------------------------------------------------------------ install

  private void install() {
    long t0 = System.nanoTime();
    String nodeVersion = toolVersion("node", "Node.js >= " + MIN_NODE_MAJOR + " is needed");
    int major = parseNodeMajor(nodeVersion);
    if (major < MIN_NODE_MAJOR) {
      throw new LodestarUnavailableException(
          "Node.js >= " + MIN_NODE_MAJOR + " is needed, found " + nodeVersion);
    }
    toolVersion("npm", "npm is needed to install the pinned Lodestar packages");

    Map<String, String> pins;
    try {
      Files.createDirectories(installDir);
      Path packageJson = sourceDir.resolve("package.json");
      Path installedJson = installDir.resolve("package.json");
      if (!Files.exists(installedJson) || Files.mismatch(packageJson, installedJson) != -1) {
        Files.copy(packageJson, installedJson, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.copy(sourceDir.resolve("stf.mjs"), installDir.resolve("stf.mjs"), StandardCopyOption.REPLACE_EXISTING);
      pins = pins(packageJson);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + installDir, e);
    }

    List<String> missing = missingPins(pins);
    if (missing.isEmpty()) {
      return;
    }
    System.out.println("LodestarRunner: installing " + pins.size() + " pinned npm packages into " + installDir
        + " (missing or other versions: " + String.join(", ", missing) + ")");
    // Ask the registry first, with no retries: npm install retries an unreachable registry for
    // minutes, and on a partial mirror it may exit 1 without naming the missing version.
    String cause = probeRegistry(pins);
    if (cause != null) {
      throw new LodestarUnavailableException(cause);
    }
    Path log = installDir.resolve("npm-install.log");
    Exec npm = exec(installDir, INSTALL_TIMEOUT, log,
        "npm", "install", "--no-audit", "--no-fund", "--no-package-lock", "--no-update-notifier",
        "--fetch-retries=2", "--fetch-retry-mintimeout=2000", "--fetch-retry-maxtimeout=10000");
    if (npm.timedOut || npm.exitCode != 0) {
      String why = npm.timedOut ? "timed out after " + INSTALL_TIMEOUT.toMinutes() + " min" : "exit status " + npm.exitCode;
      throw new LodestarUnavailableException("npm install in " + installDir + " failed (" + why + "): "
          + npmErrors(npm.output) + "\n(full output in " + log + "; rerun by hand with: cd " + installDir
          + " && npm install --no-package-lock --loglevel silly)");
    }
    List<String> stillMissing = missingPins(pins);
    if (!stillMissing.isEmpty()) {
      throw new LodestarUnavailableException("npm install succeeded but these pins are not installed: "
          + String.join(", ", stillMissing) + " (see " + log + ")");
    }
    Exec load = exec(installDir, TOOL_TIMEOUT, null, "node", "--input-type=module", "-e", LOAD_CHECK);
    if (load.timedOut || load.exitCode != 0) {
      throw new LodestarUnavailableException("the pinned packages are installed in " + installDir
          + " but do not load (native prebuilds missing for this platform?):\n" + tail(load.output, 2500));
    }
    System.out.printf("LodestarRunner: installed in %.1f s (node %s)%n", (System.nanoTime() - t0) / 1e9, nodeVersion);
  }

  private String toolVersion(String tool, String need) {
    Exec e;
    try {
      e = exec(installDir.getParent(), TOOL_TIMEOUT, null, tool, "--version");
    } catch (UncheckedIOException io) {
      throw new LodestarUnavailableException(tool + " is not installed or not on PATH (" + need + "): "
          + io.getCause().getMessage(), io);
    }
    if (e.timedOut || e.exitCode != 0) {
      throw new LodestarUnavailableException("'" + tool + " --version' failed (" + need + "): " + tail(e.output, 500));
    }
    // npm prints warnings about the user's .npmrc before the version; the version is the last line.
    String[] lines = e.output.strip().split("\\R");
    return lines[lines.length - 1].strip();
  }

  static int parseNodeMajor(String version) {
    String v = version.startsWith("v") ? version.substring(1) : version;
    try {
      return Integer.parseInt(v.substring(0, v.indexOf('.') < 0 ? v.length() : v.indexOf('.')));
    } catch (NumberFormatException e) {
      throw new LodestarUnavailableException("cannot read the Node.js version from 'node --version': " + version);
    }
  }

  /** Exact pins: {@code dependencies} and {@code overrides} of package.json, name to version. */
  private static Map<String, String> pins(Path packageJson) throws IOException {
    JsonNode root = JSON.readTree(packageJson.toFile());
    Map<String, String> out = new TreeMap<>();
    for (String section : List.of("dependencies", "overrides")) {
      root.path(section).properties().forEach(f -> out.put(f.getKey(), f.getValue().asText()));
    }
    return out;
  }

  /** The pins not installed with exactly their version under node_modules, as name@version. */
  private List<String> missingPins(Map<String, String> pins) {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> pin : pins.entrySet()) {
      Path pj = installDir.resolve("node_modules").resolve(pin.getKey()).resolve("package.json");
      String got = null;
      if (Files.isRegularFile(pj)) {
        try {
          got = JSON.readTree(pj.toFile()).path("version").asText(null);
        } catch (IOException e) {
          got = null;
        }
      }
      if (!pin.getValue().equals(got)) {
        missing.add(pin.getKey() + "@" + pin.getValue() + (got == null ? "" : " (found " + got + ")"));
      }
    }
    return missing;
  }

  /**
   * Asks the registry for each pinned version, without retries. Returns why the install cannot
   * work (registry unreachable, a pinned version missing), or null when every pin is there.
   */
  private String probeRegistry(Map<String, String> pins) {
    String registry = "the npm registry";
    Exec r = exec(installDir, TOOL_TIMEOUT, null, "npm", "config", "get", "registry");
    if (!r.timedOut && r.exitCode == 0) {
      String[] lines = r.output.strip().split("\\R");
      registry = "the npm registry " + lines[lines.length - 1].strip();
    }
    for (Map.Entry<String, String> pin : pins.entrySet()) {
      String spec = pin.getKey() + "@" + pin.getValue();
      Exec v = exec(installDir, TOOL_TIMEOUT, null,
          "npm", "view", spec, "version", "--fetch-retries=0", "--no-update-notifier");
      String answer = v.output.lines().filter(l -> !l.startsWith("npm warn")).reduce("", (a, b) -> a + b + "\n").strip();
      String upper = answer.toUpperCase(Locale.ROOT);
      if (v.timedOut) {
        return "cannot reach " + registry + ": 'npm view " + spec + "' got no answer within "
            + TOOL_TIMEOUT.toSeconds() + " s";
      }
      if (Stream.of("ENOTFOUND", "ECONNREFUSED", "ETIMEDOUT", "EAI_AGAIN", "ECONNRESET", "ENETUNREACH",
          "EHOSTUNREACH", "CERT", "PROXY").anyMatch(upper::contains)) {
        return "cannot reach " + registry + " ('npm view " + spec + "': " + npmErrors(v.output) + ")";
      }
      if (v.exitCode != 0 || !answer.equals(pin.getValue())) {
        return registry + " has no " + spec + " ('npm view " + spec + " version' answered: "
            + (v.exitCode != 0 ? npmErrors(v.output) : answer.isEmpty() ? "nothing" : answer) + ")";
      }
    }
    return null;
  }

  /** The telling lines of npm's error output (no stack traces or object dumps). */
  private static String npmErrors(String output) {
    List<String> lines = output.lines()
        .filter(l -> l.startsWith("npm error") || l.startsWith("npm ERR!"))
        .map(l -> l.replaceFirst("^npm (error|ERR!)\\s?", ""))
        .filter(l -> !l.isBlank() && !l.startsWith(" ") && !l.startsWith("}") && !l.startsWith("A complete log"))
        .limit(4)
        .toList();
    return lines.isEmpty() ? "(no message; " + tail(output, 300) + ")" : String.join(" | ", lines);
  }

  // ---------------------------------------------------------------------------------------- run

  /**
   * Runs {@code stf.mjs} over {@code c}. Returns what it printed, whether it completed or Lodestar
   * rejected a block ({@link LodestarResult#error()}).
   *
   * @throws AssertionError if the run timed out, printed something that is not a step line, or
   *     Lodestar ran with a preset or config value that differs from {@code c.config()}
   */
  public LodestarResult run(LodestarCase c) {
    Path dir = casesDir.resolve(c.name());
    try {
      deleteRecursively(dir);
      Files.createDirectories(dir);
      Map<String, Object> cfg = new LinkedHashMap<>();
      cfg.put("preset", c.preset());
      cfg.put("config", LodestarCase.chainConfigOverrides(c.config()));
      if (!c.dumpSteps().isEmpty()) {
        cfg.put("dumpSteps", c.dumpSteps());
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), cfg);
      Files.write(dir.resolve("pre.ssz"), c.preState());
      for (int i = 0; i < c.blocks().size(); i++) {
        Files.write(dir.resolve("blocks_" + i + ".ssz"), c.blocks().get(i));
      }
      if (c.targetSlot().isPresent()) {
        JSON.writeValue(dir.resolve("slots.json").toFile(), Map.of("targetSlot", c.targetSlot().getAsLong()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the case folder " + dir, e);
    }

    Path stdout = dir.resolve("stdout.jsonl");
    Path stderr = dir.resolve("stderr.txt");
    List<String> command = List.of("node", installDir.resolve("stf.mjs").toString(), dir.toString());
    String rerun = "cd " + installDir + " && LODESTAR_PRESET=" + c.preset() + " node stf.mjs " + dir;
    long t0 = System.nanoTime();
    int exitCode;
    try {
      ProcessBuilder pb = new ProcessBuilder(command)
          .directory(installDir.toFile())
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile());
      pb.environment().put("LODESTAR_PRESET", c.preset());
      Process p = pb.start();
      if (!p.waitFor(runTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("Lodestar run of " + c.name() + " timed out after " + runTimeout.toSeconds()
            + " s\n--- stderr ---\n" + tail(readString(stderr), 2000) + "\n--- rerun with ---\n" + rerun);
      }
      exitCode = p.exitValue();
    } catch (IOException e) {
      throw new LodestarUnavailableException("cannot start node: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running Lodestar", e);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);

    List<LodestarStep> steps = new ArrayList<>();
    for (String line : readString(stdout).split("\\R")) {
      if (!line.isBlank()) {
        steps.add(parseStep(line, rerun));
      }
    }
    LodestarResult result = new LodestarResult(dir, exitCode, steps, readString(stderr), elapsed, rerun);
    if (exitCode != 0 && result.error().isEmpty()) {
      throw new AssertionError("stf.mjs crashed without an error line: " + result.describeFailure());
    }
    result.config().ifPresent(lc -> {
      List<String> diffs = configDifferences(c.config().toYamlMap(), lc);
      if (!diffs.isEmpty()) {
        throw new AssertionError("Lodestar ran " + c.name() + " with a preset or config that differs from ours, "
            + "so its roots would not be comparable:\n  " + String.join("\n  ", diffs));
      }
    });
    return result;
  }

  private static LodestarStep parseStep(String line, String rerun) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("stf.mjs printed a line that is not JSON: " + line + "\n(rerun with: " + rerun + ")");
    }
    String step = n.path("step").asText("");
    return switch (step) {
      case "config" -> new LodestarStep.Config(
          JSON.convertValue(n.path("preset"), new TypeReference<Map<String, Object>>() {}),
          JSON.convertValue(n.path("config"), new TypeReference<Map<String, Object>>() {}));
      case "epoch" -> new LodestarStep.Epoch(n.get("epoch").asLong(), n.get("slot").asLong(), root(n));
      case "block" -> new LodestarStep.Block(n.get("index").asInt(), n.get("slot").asLong(), root(n));
      case "slots" -> new LodestarStep.Slots(n.get("slot").asLong(), root(n));
      case "done" -> new LodestarStep.Done(n.get("blocks").asInt(), n.get("slot").asLong(), root(n));
      case "error" -> new LodestarStep.Error(n.get("index").asInt(), n.path("message").asText());
      default -> throw new AssertionError("stf.mjs printed an unknown step: " + line);
    };
  }

  private static Bytes32 root(JsonNode n) {
    return Bytes32.fromHexString(n.get("stateRoot").asText());
  }

  /**
   * Every key that both we and Lodestar have (preset and config) whose values differ, as
   * {@code KEY: ours=.. lodestar=..}. Keys only one side knows are not compared (ours only:
   * the networking keys ATTESTATION_SUBNET_COUNT and ATTESTATION_SUBNET_EXTRA_BITS; Lodestar
   * only: later-fork presets, request limits and SECONDS_PER_SLOT).
   */
  static List<String> configDifferences(Map<String, Object> ours, LodestarStep.Config lodestar) {
    Map<String, Object> theirs = new LinkedHashMap<>(lodestar.preset());
    theirs.putAll(lodestar.config());
    List<String> diffs = new ArrayList<>();
    for (Map.Entry<String, Object> e : ours.entrySet()) {
      if (!theirs.containsKey(e.getKey())) {
        continue;
      }
      Object a = normalize(e.getValue());
      Object b = normalize(theirs.get(e.getKey()));
      if (!a.equals(b)) {
        diffs.add(e.getKey() + ": ours=" + e.getValue() + " lodestar=" + theirs.get(e.getKey()));
      }
    }
    return diffs;
  }

  private static Object normalize(Object v) {
    if (v instanceof List<?> list) {
      return list.stream().map(LodestarRunner::normalize).toList();
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      map.forEach((k, x) -> out.put(String.valueOf(k), normalize(x)));
      return out;
    }
    return String.valueOf(v).toLowerCase(Locale.ROOT);
  }

  // ------------------------------------------------------------------------------------ helpers

  private record Exec(int exitCode, boolean timedOut, String output) {}

  /** Runs a command (stdout and stderr merged, into {@code log} if given) with a time limit. */
  private static Exec exec(Path dir, Duration timeout, Path log, String... command) {
    try {
      Files.createDirectories(dir);
      Path out = log != null ? log : Files.createTempFile("edvt-lodestar-", ".log");
      try {
        Process p = new ProcessBuilder(Arrays.asList(command))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
        }
        return new Exec(done ? p.exitValue() : -1, !done, readString(out));
      } finally {
        if (log == null) {
          Files.deleteIfExists(out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    }
  }

  private static String readString(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }

  private static String tail(String s, int max) {
    String t = s.strip();
    return t.length() <= max ? t : "..." + t.substring(t.length() - max);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
