package io.edvt.node.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.node.devnet.genesis.DevnetGenesisWriter;
import io.edvt.node.devnet.genesis.DevnetParameters;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code edvt devnet}: writes a devnet's files ({@link DevnetGenesisWriter}) into its folder,
 * starts one {@code edvt beacon-node} process per node on loopback the way ethereum-package starts
 * Teku participants (node 0 first; the others with node 0's ENR from
 * {@code /eth/v1/node/identity} as {@code --p2p-discovery-bootnodes}; each with its keystores as
 * {@code --validator-keys}), samples every node's Beacon API once per slot and prints one line,
 * reports a node that dies and carries on, and at the end (or on Ctrl-C) stops every process it
 * started and writes the report ({@link DevnetReport}).
 */
public final class DevnetRunner {
  /**
   * How to run: the folder, the parameters (their genesis time already in the future), how many
   * epochs, the node jar and JVM options, how long a node may take to answer its API, the chaos, and
   * how many blobs each payload of the nodes' embedded engines carries.
   */
  public record Options(Path dir, DevnetParameters params, int epochs, Path nodeJar, List<String> nodeJvmOptions,
      Duration startTimeout, List<NodeKill> kills, List<NodeChaos> chaos, Optional<ExecutionClients> execution,
      int blobsPerBlock) {
    public Options {
      kills = List.copyOf(kills);
      chaos = List.copyOf(chaos);
    }

    /** Every node on its embedded engine, without blobs. */
    public Options(Path dir, DevnetParameters params, int epochs, Path nodeJar, List<String> nodeJvmOptions,
        Duration startTimeout, List<NodeKill> kills, List<NodeChaos> chaos) {
      this(dir, params, epochs, nodeJar, nodeJvmOptions, startTimeout, kills, chaos, Optional.empty(), 0);
    }
  }

  /** How a run ended. */
  public record Outcome(boolean finalized, long finalizedEpoch, Path report, int exitCode) {}

  public static final int SLOTS_PER_EPOCH = 8; // the minimal preset's

  private final Options options;
  private final PrintWriter out;
  private final BeaconApi api = new BeaconApi();
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final List<SlotRecord> records = new ArrayList<>();
  /** Each epoch's participation, the latest read (a complete reading is never replaced by a partial one). */
  private final Map<Long, EpochParticipation> participation = new TreeMap<>();
  private BlockImportDelays importDelays;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile long currentSlot = -1;
  private volatile String stoppedBy = "epochs";
  private DevnetGenesisWriter.Written files;
  /** With a fork to EDVT after genesis: the groups' registrations, submitted from the fork on. */
  private Optional<DevnetRegistrations> registrations = Optional.empty();

  public DevnetRunner(Options options, PrintWriter out) {
    this.options = options;
    this.out = out;
  }

  /** Runs the devnet to its end (or to Ctrl-C) and returns how it ended; every node process is stopped. */
  public Outcome run() {
    try {
      DevnetPlots.warmUp();
    } catch (RuntimeException | Error e) {
      say("plots will not be written: %s", e);
    }
    Thread main = Thread.currentThread();
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      if (stopping.compareAndSet(false, true)) {
        stoppedBy = "interrupt";
        say("interrupted: stopping the nodes and writing the report");
        main.interrupt();
        try {
          done.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "devnet-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return runInside();
    } finally {
      stopping.set(true);
      stopAll();
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is what is running us down
      }
    }
  }

  private Outcome runInside() {
    DevnetParameters p = options.params();
    Path dir = options.dir();
    long start = System.nanoTime();
    importDelays = new BlockImportDelays(p.genesisTime() * 1000, p.slotMs());
    files = DevnetGenesisWriter.write(dir, p, options.execution().map(ExecutionClients::genesis));
    say("devnet in %s: %d validators, %d group(s) of %d (threshold %d), %d nodes%s, %d ms slots, EDVT from epoch %d",
        dir, p.validators(), p.groups(), p.groupSize(), p.threshold(), p.nodes(),
        p.memberNodes() == 0 ? "" : " (the last " + p.memberNodes() + " with member keys only)", p.slotMs(),
        p.edvtForkEpoch());
    if (files.registrations() > 0) {
      registrations = Optional.of(DevnetRegistrations.read(files.configYaml().resolveSibling("group-registrations.json"),
          p.edvtForkEpoch() * SLOTS_PER_EPOCH, SLOTS_PER_EPOCH));
      say("%d group registration(s) will be submitted at the fork (slot %d)", files.registrations(),
          p.edvtForkEpoch() * SLOTS_PER_EPOCH);
    }
    options.chaos().forEach(c -> say("chaos: %s (node-%d runs with %s)", c.text(), c.node(), c.nodeFlag()));
    options.execution().ifPresent(e -> say("execution clients: %s, block 0 %s (node-i runs with the i-th)",
        String.join(" ", e.endpoints().stream().map(Object::toString).toList()), e.genesis().blockHash()));
    for (int i = 0; i < p.nodes(); i++) {
      nodes.add(new NodeProcess(i, freePort(), freePort(), dir.resolve("nodes").resolve("node-" + i)));
    }
    NodeProcess first = nodes.get(0);
    first.start(command(first, files, Optional.empty()));
    watch(first);
    Optional<JsonNode> identity = awaitIdentity(first);
    if (identity.isEmpty()) {
      say("node-0 did not come up within %d s; last log line: %s (log: %s)", options.startTimeout().toSeconds(),
          first.lastLogLine(), first.log());
      return finish(start);
    }
    String enr = identity.get().get("enr").asText();
    importDelays.follow(first.index, first.restPort);
    say("node-0 up: REST http://127.0.0.1:%d, p2p %d, ENR %s...", first.restPort, first.p2pPort,
        enr.substring(0, Math.min(24, enr.length())));
    for (NodeProcess n : nodes.subList(1, nodes.size())) {
      n.start(command(n, files, Optional.of(enr)));
      watch(n);
    }
    List<CompletableFuture<Void>> ups = new ArrayList<>();
    for (NodeProcess n : nodes.subList(1, nodes.size())) {
      ups.add(CompletableFuture.runAsync(() -> {
        if (awaitIdentity(n).isPresent()) {
          importDelays.follow(n.index, n.restPort);
          say("%s up: REST http://127.0.0.1:%d, p2p %d", n.name, n.restPort, n.p2pPort);
        } else if (n.alive()) {
          say("%s did not answer within %d s; it keeps running (log: %s)", n.name, options.startTimeout().toSeconds(),
              n.log());
        }
      }));
    }
    try {
      CompletableFuture.allOf(ups.toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException e) {
      // a wait was interrupted by Ctrl-C: the slot loop below stops at once
    }
    long genesisMillis = p.genesisTime() * 1000;
    long untilGenesis = genesisMillis - System.currentTimeMillis();
    say("nodes started in %.1f s; genesis %s", (System.nanoTime() - start) / 1e9,
        untilGenesis > 0 ? "in " + (untilGenesis + 999) / 1000 + " s" : "was " + (-untilGenesis / 1000) + " s ago");
    slotLoop(genesisMillis);
    return finish(start);
  }

  /** Samples every slot up to the first slot after the last epoch, at two thirds of the slot. */
  private void slotLoop(long genesisMillis) {
    int slotMs = options.params().slotMs();
    long lastSlot = (long) options.epochs() * SLOTS_PER_EPOCH;
    long now = System.currentTimeMillis();
    long slot = now < genesisMillis ? 0 : (now - genesisMillis) / slotMs;
    while (slot <= lastSlot && !stopping.get()) {
      long sampleAt = genesisMillis + slot * slotMs + slotMs * 2L / 3;
      try {
        if (chaosAt(slot)) {
          long wait = genesisMillis + slot * slotMs - System.currentTimeMillis();
          if (wait > 0) {
            Thread.sleep(wait);
          }
          chaos(slot);
        }
        long wait = sampleAt - System.currentTimeMillis();
        if (wait > 0) {
          Thread.sleep(wait);
        }
      } catch (InterruptedException e) {
        return;
      }
      currentSlot = slot;
      SlotRecord record = sample(slot, Duration.ofMillis(Math.max(500, slotMs / 3)));
      records.add(record);
      say(record.line());
      submitRegistrations(slot);
      if (nodes.stream().noneMatch(NodeProcess::alive)) {
        say("every node has died; stopping");
        stoppedBy = "all nodes died";
        return;
      }
      // behind (a slow sample on a busy machine): go on with the current slot, but never past the last
      long next = Math.min((System.currentTimeMillis() - genesisMillis) / slotMs, lastSlot);
      if (next > slot + 1) {
        say("the sampler fell behind: slot(s) %d to %d not sampled", slot + 1, next - 1);
      }
      slot = Math.max(slot + 1, next);
    }
  }

  /** The pending group registrations, to the first live node. */
  private void submitRegistrations(long slot) {
    if (registrations.isEmpty() || registrations.get().done()) {
      return;
    }
    nodes.stream().filter(NodeProcess::alive).findFirst()
        .ifPresent(n -> registrations.get().submit(slot, n.name, n.restPort, api, line -> say("%s", line)));
  }

  private boolean chaosAt(long slot) {
    return options.kills().stream().anyMatch(k -> k.slot() == slot || k.restartSlot().orElse(-1) == slot);
  }

  /** The {@code --kill}s of {@code slot}, at its start: SIGKILLs first, then restarts. */
  private void chaos(long slot) {
    currentSlot = slot;
    for (NodeKill k : options.kills()) {
      NodeProcess n = nodes.get(k.node());
      if (k.slot() == slot && n.alive()) {
        n.kill(slot);
        say("%s killed (SIGKILL, --kill %s) at the start of slot %d%s", n.name, k.text(), slot,
            k.restartSlot().isPresent() ? "; restart at slot " + k.restartSlot().getAsLong() : "");
      }
    }
    for (NodeKill k : options.kills()) {
      NodeProcess n = nodes.get(k.node());
      if (k.restartSlot().orElse(-1) == slot && !n.alive()) {
        restart(n, slot);
      }
    }
  }

  /**
   * Starts a killed node again with its data, ports and keys, and a live node's ENR as bootnode
   * (node 0's unless it is the one restarting or is down); its block events are followed again
   * once its API answers.
   */
  private void restart(NodeProcess n, long slot) {
    Optional<String> bootnode = nodes.stream().filter(o -> o != n && o.alive())
        .map(o -> api.getNow(o.restPort, "/eth/v1/node/identity", Duration.ofSeconds(2)).data())
        .filter(d -> d != null && d.hasNonNull("enr")).map(d -> d.get("enr").asText()).findFirst();
    n.start(command(n, files, bootnode));
    n.restarted(slot);
    watch(n);
    say("%s restarting at slot %d (its data, ports and keys%s)", n.name, slot, bootnode.isPresent() ? ", a live node's ENR as bootnode" : "");
    CompletableFuture.runAsync(() -> {
      if (awaitIdentity(n).isPresent()) {
        importDelays.follow(n.index, n.restPort);
        n.answeringAgain(Math.max(currentSlot, slot));
        say("%s up again at slot %d", n.name, Math.max(currentSlot, slot));
      }
    });
  }

  private SlotRecord sample(long slot, Duration timeout) {
    // participation from one node's head state: they agree on it whenever their heads agree
    CompletableFuture<BeaconApi.Answer> part = nodes.stream().filter(NodeProcess::alive).findFirst()
        .map(n -> api.get(n.restPort, "/edvt/v1/beacon/states/head/participation", timeout))
        .orElse(CompletableFuture.completedFuture(BeaconApi.Answer.NONE));
    List<CompletableFuture<NodeSample>> samples = new ArrayList<>();
    for (NodeProcess n : nodes) {
      if (!n.alive()) {
        samples.add(CompletableFuture.completedFuture(NodeSample.dead(n.index)));
        continue;
      }
      var head = api.get(n.restPort, "/eth/v1/beacon/headers/head", timeout);
      var finality = api.get(n.restPort, "/eth/v1/beacon/states/head/finality_checkpoints", timeout);
      var peers = api.get(n.restPort, "/eth/v1/node/peer_count", timeout);
      var block = api.get(n.restPort, "/eth/v1/beacon/headers/" + slot, timeout);
      samples.add(CompletableFuture.allOf(head, finality, peers, block).thenApply(v -> {
        JsonNode h = head.join().data();
        JsonNode f = finality.join().data();
        JsonNode c = peers.join().data();
        if (h == null || f == null || c == null) {
          return NodeSample.silent(n.index);
        }
        JsonNode b = block.join().data();
        long proposer = b == null ? -1 : b.get("header").get("message").get("proposer_index").asLong();
        return new NodeSample(n.index, true, true, h.get("header").get("message").get("slot").asLong(),
            h.get("root").asText(), f.get("current_justified").get("epoch").asLong(),
            f.get("finalized").get("epoch").asLong(), c.get("connected").asInt(), b != null, proposer);
      }));
    }
    List<NodeSample> sampled = samples.stream().map(CompletableFuture::join).toList();
    EpochParticipation current = readParticipation(part.join().data(), slot);
    List<Long> imports = nodes.stream().map(n -> importDelays.delay(n.index, slot).orElse(-1)).toList();
    return new SlotRecord(slot, slot / SLOTS_PER_EPOCH, sampled, imports, current);
  }

  /**
   * Records both epochs of a participation answer read at {@code slot}; returns the current epoch's
   * (null without an answer). An epoch's reading is complete from the last slot of the epoch after
   * it on: its attestations can no longer be included.
   */
  private EpochParticipation readParticipation(JsonNode data, long slot) {
    if (data == null) {
      return null;
    }
    EpochParticipation current = null;
    for (String which : List.of("previous_epoch", "current_epoch")) {
      JsonNode e = data.get(which);
      long epoch = e.get("epoch").asLong();
      EpochParticipation read = EpochParticipation.parse(e, slot, slot >= (epoch + 2) * SLOTS_PER_EPOCH - 1);
      EpochParticipation held = participation.get(epoch);
      if (held == null || read.complete() || !held.complete()) {
        participation.put(epoch, read);
      }
      current = read;
    }
    return current;
  }

  private void watch(NodeProcess n) {
    Process p = n.process();
    p.onExit().thenRun(() -> {
      if (!stopping.get() && !n.killedOnPurpose(p)) {
        n.markDied(Math.max(currentSlot, 0));
        say("%s died: exit code %d at slot %d; the others carry on. Last log line: %s (log: %s)", n.name,
            p.exitValue(), Math.max(currentSlot, 0), n.lastLogLine(), n.log());
      }
    });
  }

  private Optional<JsonNode> awaitIdentity(NodeProcess n) {
    long deadline = System.nanoTime() + options.startTimeout().toNanos();
    while (System.nanoTime() < deadline && n.alive() && !stopping.get()) {
      JsonNode data = api.getNow(n.restPort, "/eth/v1/node/identity", Duration.ofSeconds(2)).data();
      if (data != null && data.hasNonNull("enr")) {
        return Optional.of(data);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private List<String> command(NodeProcess n, DevnetGenesisWriter.Written files, Optional<String> bootnode) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.addAll(options.nodeJvmOptions());
    if (Runtime.version().feature() >= 23) {
      c.add("--sun-misc-unsafe-memory-access=allow"); // Netty's Unsafe use, as ./edvt beacon-node passes it
    }
    c.addAll(List.of("-jar", options.nodeJar().toString(), "beacon-node",
        "--network=" + files.configYaml(), "--genesis-state=" + files.genesisSsz(), "--data-path=" + n.data(),
        "--p2p-enabled=true", "--p2p-interface=127.0.0.1", "--p2p-port=" + n.p2pPort, "--p2p-advertised-ip=127.0.0.1",
        // every node dials every other (a full mesh): with fewer, a node whose one peer goes down is cut off
        "--p2p-discovery-site-local-addresses-enabled=true",
        "--p2p-peer-lower-bound=" + Math.max(1, options.params().nodes() - 1),
        "--p2p-peer-upper-bound=" + Math.max(8, options.params().nodes()),
        // every node on every attestation subnet, as the devnet was validated (100% participation) before
        // per-duty subnets: a handful of nodes covers few long-lived subnets, and the report should measure
        // the protocol, not subnet coverage
        "--p2p-subscribe-all-subnets-enabled=true",
        "--rest-api-enabled=true", "--rest-api-interface=127.0.0.1", "--rest-api-port=" + n.restPort,
        "--rest-api-host-allowlist=*", "--metrics-enabled=false", "--log-destination=CONSOLE"));
    if (hasKeys(files.keys(n.index))) {
      c.add("--validator-keys=" + files.keys(n.index) + ":" + files.secrets(n.index));
    }
    bootnode.ifPresent(enr -> c.add("--p2p-discovery-bootnodes=" + enr));
    options.execution().ifPresent(e -> c.addAll(List.of("--ee-endpoint=" + e.endpoint(n.index),
        "--ee-jwt-secret-file=" + e.jwtSecretFile().toAbsolutePath())));
    options.chaos().stream().filter(x -> x.node() == n.index).forEach(x -> c.add(x.nodeFlag()));
    if (options.blobsPerBlock() > 0) {
      c.add("--Xembedded-engine-blobs-per-block=" + options.blobsPerBlock());
      // every node holds every column, so any node can serve any of them and a block is available once they all came
      c.add("--p2p-subscribe-all-custody-subnets-enabled=true");
    }
    return c;
  }

  private static boolean hasKeys(Path dir) {
    try (var s = Files.list(dir)) {
      return s.anyMatch(f -> f.toString().endsWith(".json"));
    } catch (IOException e) {
      return false;
    }
  }

  private Outcome finish(long startNanos) {
    stopping.set(true);
    stopAll();
    Path reportDir = options.dir().resolve("report");
    long finalized = records.stream().mapToLong(SlotRecord::maxFinalized).max().orElse(-1);
    boolean ok = finalized >= 1;
    // the last sample is the first slot after the run's epochs: its epoch is not part of the run
    List<EpochParticipation> epochs = participation.values().stream().filter(e -> e.epoch() < options.epochs()).toList();
    ProposalLatency latency = new ProposalLatency(options.params(), records, importDelays,
        GroupProposalLog.read(nodes.stream().map(NodeProcess::log).toList()), options.kills(), options.chaos());
    SigningScan signing = SigningScan.of(nodes.stream().map(NodeProcess::data).toList());
    DevnetReport report = new DevnetReport(options, nodes, records, epochs,
        importDelays, latency, signing, stoppedBy, (System.nanoTime() - startNanos) / 1e9);
    report.summaryLines().forEach(this::say);
    report.write(reportDir).forEach(this::say);
    if (ok) {
      say("finalized: epoch %d", finalized);
    } else {
      say("did not finalize: finalized epoch %d after %d sampled slot(s) (a finalized epoch of 1 or more was expected)",
          Math.max(finalized, 0), records.size());
    }
    return new Outcome(ok, finalized, reportDir, ok ? 0 : 1);
  }

  private void stopAll() {
    if (importDelays != null) {
      importDelays.close();
    }
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (NodeProcess n : nodes) {
      stops.add(CompletableFuture.runAsync(() -> n.stop(10_000)));
    }
    stops.forEach(CompletableFuture::join);
    // after the nodes: a node's last Engine API calls still find its execution client
    for (AutoCloseable c : alsoStopped) {
      try {
        c.close();
      } catch (Exception e) {
        say("stopping %s: %s", c, e);
      }
    }
    alsoStopped.clear();
  }

  private final List<AutoCloseable> alsoStopped = new CopyOnWriteArrayList<>();

  /** Something the devnet started besides the nodes (its execution clients), stopped with them at the end or on Ctrl-C. */
  public void alsoStop(AutoCloseable companion) {
    alsoStopped.add(companion);
  }

  private synchronized void say(String format, Object... args) {
    out.println(args.length == 0 ? format : String.format(format, args));
    out.flush();
  }

  private final Set<Integer> usedPorts = new HashSet<>();

  /** A TCP port free now and not given to another node of this devnet. */
  private int freePort() {
    while (true) {
      try (ServerSocket s = new ServerSocket(0)) {
        if (usedPorts.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The node processes (for the report). */
  List<NodeProcess> nodes() {
    return nodes;
  }

  static Set<Long> missedSlots(List<SlotRecord> records) {
    Set<Long> missed = new HashSet<>();
    for (SlotRecord r : records) {
      if (r.slot() > 0 && r.blocks() == 0) {
        missed.add(r.slot());
      }
    }
    return missed;
  }
}
