package io.edvt.node.cli;

import io.edvt.node.cli.beacon.Converters;
import io.edvt.node.devnet.DevnetRunner;
import io.edvt.node.devnet.ExecutionClients;
import io.edvt.node.devnet.NodeChaos;
import io.edvt.node.devnet.NodeKill;
import io.edvt.node.devnet.genesis.DevnetParameters;
import io.edvt.node.execution.ethereumjs.EthereumJsInstall;
import io.edvt.node.execution.ethereumjs.EthereumJsProcess;
import io.edvt.node.execution.http.JwtSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edvt devnet}: a local network of beacon-node processes on loopback, with live lines and a report. */
@Command(name = "devnet", sortOptions = false,
    description = "Start a local devnet: write its files (as edvt genesis does) into --dir, start one beacon-node "
        + "process per node on loopback (node 0 first, the others with node 0's ENR as bootnode, each with its "
        + "keystores), print one line per slot (head per node, justified and finalized epochs, peers per node, "
        + "whether the slot's block arrived), report a node that dies and carry on, and after --epochs (or on "
        + "Ctrl-C) stop every process and write <dir>/report/{summary.json,summary.md,finality.png,heads.png}. "
        + "Each node's log and data: <dir>/nodes/node-<i>/. Exit code 0 when the chain finalized an epoch, 1 "
        + "when it did not, 2 for bad parameters.")
public final class DevnetCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private DevnetFlags devnet;

  @Option(names = "--epochs", defaultValue = "6", paramLabel = "<N>",
      description = "Epochs to run from genesis (minimal preset: 8 slots each). Default: ${DEFAULT-VALUE}.")
  private int epochs;

  @Option(names = "--dir", defaultValue = "devnet", paramLabel = "<DIR>",
      description = "The devnet's folder; a previous devnet in it (devnet.json) is replaced. Default: ${DEFAULT-VALUE}.")
  private Path dir;

  @Option(names = "--genesis-delay", paramLabel = "<SECONDS>",
      description = "Seconds from now to genesis, time for the nodes to start. Default: 12 + 7 per node.")
  private Long genesisDelay;

  @Option(names = "--node-jar", paramLabel = "<JAR>",
      description = "The edvt jar to run the nodes from. Default: the jar this command runs from.")
  private Path nodeJar;

  @Option(names = "--node-java-opts", defaultValue = "-Xmx512m -XX:+UseSerialGC", paramLabel = "<OPTIONS>",
      description = "JVM options of each node, space-separated. Default: ${DEFAULT-VALUE}.")
  private String nodeJavaOpts;

  @Option(names = "--start-timeout", defaultValue = "120", paramLabel = "<SECONDS>",
      description = "How long a node may take to answer its Beacon API. Default: ${DEFAULT-VALUE}.")
  private int startTimeout;

  @Option(names = "--ee-endpoints", split = ",", paramLabel = "<URL>", converter = Converters.HttpUrl.class,
      description = "Run the nodes on real execution clients: one Engine API endpoint per node, in node order (node i "
          + "gets the i-th as its --ee-endpoint), e.g. http://127.0.0.1:8551,http://127.0.0.1:8552. They must share one "
          + "genesis: its block 0 (read from the first, checked on all) becomes the genesis state's execution header. "
          + "Needs --ee-jwt-secret-file. Default: every node on its embedded engine.")
  private List<URI> eeEndpoints = new ArrayList<>();

  @Option(names = "--ee-jwt-secret-file", paramLabel = "<FILENAME>",
      description = "The JWT secret (32 bytes in hex) the --ee-endpoints share.")
  private Path eeJwtSecretFile;

  /** Which execution engine the nodes run on without {@code --ee-endpoints}. */
  enum Execution { embedded, ethereumjs }

  @Option(names = "--execution", defaultValue = "embedded", paramLabel = "<embedded|ethereumjs>",
      description = "embedded: every node on its embedded engine; ethereumjs: the devnet starts one @ethereumjs/client "
          + "0.10.5 per node on loopback (installed with npm on first use into ~/.cache/edvt, needs Node.js >= 18; "
          + "one genesis.json, data and output in <dir>/execution/el-<i>/), runs the nodes on them as with "
          + "--ee-endpoints and stops them at the end. Default: ${DEFAULT-VALUE}.")
  private Execution executionKind;

  @Option(names = "--ethereumjs-dir", paramLabel = "<DIR>",
      description = "With --execution=ethereumjs: where it is installed (npm ci on first use). "
          + "Default: $XDG_CACHE_HOME or ~/.cache, then edvt/ethereumjs-<version>.")
  private Path ethereumJsDir;

  @Option(names = "--kill", paramLabel = "<node>@<slot>[:<restartSlot>]",
      description = "Chaos: SIGKILL node <node> at the start of <slot> and, if given, start it again (its data, ports "
          + "and keys) at the start of <restartSlot>. Repeatable. With the default layout one node holds one member "
          + "of each group, so killing one leaves every 3-of-4 group n - m = 1 members short.")
  private List<String> kills = new ArrayList<>();

  @Option(names = "--delay", paramLabel = "<node>:<ms>",
      description = "Chaos: node <node> publishes its group proposals and sign-offs (the member topics) <ms> late, for "
          + "the whole run (the node's testing-only --Xchaos-member-delay-ms). Repeatable, one per node.")
  private List<String> delays = new ArrayList<>();

  @Option(names = "--drop", paramLabel = "<node>:<rate>",
      description = "Chaos: node <node> drops that share (0 < rate <= 1) of its group proposals and sign-offs "
          + "(--Xchaos-member-drop-rate). Repeatable, one per node.")
  private List<String> drops = new ArrayList<>();

  @Option(names = "--withhold", paramLabel = "<node>",
      description = "Chaos: node <node>'s members that lead build and sign their block but never publish the proposal, "
          + "so the next rank leads after the turn (--Xchaos-withhold-proposals). Repeatable.")
  private List<String> withholds = new ArrayList<>();

  @Option(names = "--equivocate", paramLabel = "<node>",
      description = "Chaos: node <node>'s member keys sign conflicting messages past slashing protection: a second block "
          + "for each slot they lead, a sign-off for every proposal, a second attestation for each (--Xchaos-equivocate). "
          + "With 2m > n the honest members never let the group be slashed; the report's signing scan shows its keys. "
          + "Repeatable.")
  private List<String> equivocates = new ArrayList<>();

  @Option(names = "--blobs-per-block", defaultValue = "0", paramLabel = "<K>",
      description = "Every payload of the nodes' embedded engines carries K deterministic blobs, published as data "
          + "column sidecars (the node's testing-only --Xembedded-engine-blobs-per-block; nodes then custody every "
          + "column). At most the fork's max blobs per block. Each blob costs its proposer about 0.3 s of KZG cell "
          + "proofs. Default: ${DEFAULT-VALUE}.")
  private int blobsPerBlock;

  @Override
  public Integer call() throws IOException {
    long delay = genesisDelay != null ? genesisDelay : 12 + 7L * Math.max(devnet.nodes, 1);
    DevnetParameters p = devnet.parameters(Instant.now().getEpochSecond() + delay);
    boolean ok = DevnetFlags.check(p, spec);
    String name = spec.qualifiedName();
    if (epochs < 1) {
      spec.commandLine().getErr().println(name + ": --epochs " + epochs + ": must be at least 1");
      ok = false;
    }
    if (genesisDelay != null && genesisDelay < 0) {
      spec.commandLine().getErr().println(name + ": --genesis-delay " + genesisDelay + ": must be 0 or more");
      ok = false;
    }
    int maxBlobs = DevnetFlags.minimal().maxBlobsPerBlockElectra(); // the minimal config's BLOB_SCHEDULE is empty
    if (blobsPerBlock < 0 || blobsPerBlock > maxBlobs) {
      spec.commandLine().getErr().println(name + ": --blobs-per-block " + blobsPerBlock
          + ": must be 0 to the fork's max blobs per block, " + maxBlobs);
      ok = false;
    }
    List<NodeKill> parsedKills = new ArrayList<>();
    for (String k : kills) {
      try {
        parsedKills.add(NodeKill.parse(k));
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println(name + ": " + e.getMessage());
        ok = false;
      }
    }
    for (String problem : NodeKill.problems(parsedKills, devnet.nodes, (long) epochs * DevnetRunner.SLOTS_PER_EPOCH)) {
      spec.commandLine().getErr().println(name + ": " + problem);
      ok = false;
    }
    List<NodeChaos> chaos = new ArrayList<>();
    Map<NodeChaos.Kind, List<String>> given = Map.of(NodeChaos.Kind.DELAY, delays, NodeChaos.Kind.DROP, drops,
        NodeChaos.Kind.WITHHOLD, withholds, NodeChaos.Kind.EQUIVOCATE, equivocates);
    for (NodeChaos.Kind kind : NodeChaos.Kind.values()) {
      for (String value : given.get(kind)) {
        try {
          chaos.add(NodeChaos.parse(kind, value));
        } catch (IllegalArgumentException e) {
          spec.commandLine().getErr().println(name + ": " + e.getMessage());
          ok = false;
        }
      }
    }
    for (String problem : NodeChaos.problems(chaos, devnet.nodes)) {
      spec.commandLine().getErr().println(name + ": " + problem);
      ok = false;
    }
    if (ok) {
      NodeChaos.warnings(chaos, p).forEach(w -> spec.commandLine().getErr().println(name + ": warning: " + w));
    }
    Optional<ExecutionClients> execution = Optional.empty();
    if (ethereumJsDir != null && executionKind != Execution.ethereumjs) {
      spec.commandLine().getErr().println(name + ": --ethereumjs-dir is only used with --execution=ethereumjs");
      ok = false;
    }
    if (blobsPerBlock > 0 && (executionKind == Execution.ethereumjs || !eeEndpoints.isEmpty())) {
      spec.commandLine().getErr().println(name + ": --blobs-per-block is the embedded engine's; execution clients "
          + "(--ee-endpoints, --execution) put their own blob transactions in their payloads");
      ok = false;
    }
    if (executionKind == Execution.ethereumjs && (!eeEndpoints.isEmpty() || eeJwtSecretFile != null)) {
      spec.commandLine().getErr().println(name + ": --execution=ethereumjs starts its own execution clients; "
          + "--ee-endpoints and --ee-jwt-secret-file name running ones: give one or the other");
      ok = false;
    } else if (eeEndpoints.isEmpty() && eeJwtSecretFile != null) {
      spec.commandLine().getErr().println(name + ": --ee-jwt-secret-file " + eeJwtSecretFile
          + " without --ee-endpoints: name the execution clients it is for");
      ok = false;
    } else if (!eeEndpoints.isEmpty() && eeJwtSecretFile == null) {
      spec.commandLine().getErr().println(name + ": --ee-endpoints needs --ee-jwt-secret-file (the Engine API is authenticated)");
      ok = false;
    } else if (!eeEndpoints.isEmpty() && ok) {
      try {
        execution = Optional.of(ExecutionClients.connect(eeEndpoints, eeJwtSecretFile, devnet.nodes));
        Optional<String> timing = execution.get().genesis().timingProblem(p.genesisTime());
        if (timing.isPresent()) {
          spec.commandLine().getErr().println(name + ": --ee-endpoints: " + timing.get());
          ok = false;
        }
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println(name + ": " + e.getMessage());
        ok = false;
      }
    }
    Path jar = nodeJar != null ? nodeJar : ownJar();
    if (jar == null) {
      spec.commandLine().getErr().println(name + ": --node-jar: not running from a jar; name the edvt jar "
          + "(node/target/edvt.jar, built by ./edvt devnet or mvn -pl node -am package)");
      ok = false;
    } else if (!Files.isRegularFile(jar)) {
      spec.commandLine().getErr().println(name + ": --node-jar " + jar + ": no such file");
      ok = false;
    }
    if (Files.exists(dir) && !Files.isRegularFile(dir.resolve("devnet.json")) && !isEmptyDir(dir)) {
      spec.commandLine().getErr().println(name + ": --dir " + dir + ": exists and holds no devnet (devnet.json); "
          + "choose an empty or new folder");
      ok = false;
    }
    if (!ok) {
      spec.commandLine().getErr().flush();
      return ExitCodes.USAGE;
    }
    if (Files.exists(dir)) {
      deleteTree(dir);
    }
    List<String> jvm = Arrays.stream(nodeJavaOpts.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    List<EthereumJsProcess> started = new CopyOnWriteArrayList<>();
    // Ctrl-C before the runner owns them (during the install or the start) must not leave them running
    Thread stopStarted = new Thread(() -> started.forEach(EthereumJsProcess::close), "devnet-stop-ethereumjs");
    Runtime.getRuntime().addShutdownHook(stopStarted);
    try {
      if (executionKind == Execution.ethereumjs) {
        try {
          execution = Optional.of(startEthereumJs(started));
        } catch (IllegalStateException | IllegalArgumentException e) {
          started.forEach(EthereumJsProcess::close);
          spec.commandLine().getErr().println(name + ": --execution=ethereumjs: " + e.getMessage());
          spec.commandLine().getErr().flush();
          return ExitCodes.FAILED;
        }
        // the install and the start took time: genesis counts from now
        p = devnet.parameters(Instant.now().getEpochSecond() + delay);
      }
      DevnetRunner runner = new DevnetRunner(new DevnetRunner.Options(dir.toAbsolutePath(), p, epochs,
          jar.toAbsolutePath(), jvm, Duration.ofSeconds(startTimeout), parsedKills, chaos, execution, blobsPerBlock),
          spec.commandLine().getOut());
      started.forEach(runner::alsoStop);
      return runner.run().exitCode();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopStarted);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
  }

  /**
   * One ethereumjs per node under {@code <dir>/execution/el-<i>/}, in parallel, on one genesis.json
   * whose timestamp is a second ago (before any genesis time from now) and one JWT secret
   * ({@code <dir>/execution/jwtsecret}); {@code started} gets each that started, for the caller to
   * stop.
   */
  private ExecutionClients startEthereumJs(List<EthereumJsProcess> started) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path cli = EthereumJsInstall.install(ethereumJsDir != null ? ethereumJsDir : EthereumJsInstall.defaultCache(), line -> {
      out.println(line);
      out.flush();
    });
    Path executionDir = Files.createDirectories(dir.toAbsolutePath().resolve("execution"));
    JwtSecret secret = JwtSecret.random();
    Path jwt = Files.writeString(executionDir.resolve("jwtsecret"), secret.toHex());
    byte[] genesis = EthereumJsInstall.genesisJson(Instant.now().getEpochSecond() - 1);
    Files.write(executionDir.resolve("genesis.json"), genesis);
    List<CompletableFuture<EthereumJsProcess>> starts = new ArrayList<>();
    for (int i = 0; i < devnet.nodes; i++) {
      Path elDir = executionDir.resolve("el-" + i);
      starts.add(CompletableFuture.supplyAsync(() -> EthereumJsProcess.start(cli, elDir, genesis, secret)));
    }
    RuntimeException failure = null;
    for (CompletableFuture<EthereumJsProcess> s : starts) {
      try {
        started.add(s.join());
      } catch (CompletionException e) {
        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
    }
    if (failure != null) {
      throw failure;
    }
    out.printf("ethereumjs %s: %d execution clients started (%s)%n", EthereumJsInstall.VERSION, started.size(),
        executionDir);
    out.flush();
    return ExecutionClients.connect(started.stream().map(EthereumJsProcess::endpoint).toList(), jwt, devnet.nodes);
  }

  private static Path ownJar() {
    try {
      Path path = Path.of(DevnetCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return path.toString().endsWith(".jar") ? path : null;
    } catch (URISyntaxException | SecurityException e) {
      return null;
    }
  }

  private static boolean isEmptyDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
