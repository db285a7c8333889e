package io.edvt.node.validatorclient;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.metrics.JvmMetrics;
import io.edvt.node.metrics.MetricsRegistry;
import io.edvt.node.metrics.MetricsServer;
import io.edvt.node.time.SlotClock;
import io.edvt.node.time.SlotTicker;
import io.edvt.node.validator.DoppelgangerGuard;
import io.edvt.node.validator.DoppelgangerWatch;
import io.edvt.node.validator.Signer;
import io.edvt.node.validator.keys.KeySource;
import io.edvt.node.validator.keys.LoadProgress;
import io.edvt.node.validator.keys.LoadedKey;
import io.edvt.node.validator.keys.ValidatorKeyLoader;
import io.edvt.node.validator.production.EngineBlockProducer;
import io.edvt.node.validator.slashing.SlashingProtection;
import io.edvt.spec.edvt.SpecVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * A running {@code edvt validator-client}: the keys decrypted, the genesis asked of the beacon
 * nodes (waiting until one answers), slashing protection opened in the data path for that
 * genesis, then {@link RemoteDuties} at every slot on their own thread; a metrics endpoint when
 * enabled. Each part is closed in reverse order.
 */
public final class ValidatorClient implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ValidatorClient.class.getName());
  /** Each request's bound: within a slot, so a node that hangs is failed over in time for the duty. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final CompletableFuture<String> fatalError = new CompletableFuture<>();

  private ValidatorClient() {}

  /**
   * Starts the client; returns once duties are scheduled, or throws (a bad keystore, a data path
   * that cannot hold slashing protection, a metrics port in use). Waits for a beacon node while
   * {@code keepWaiting} says so.
   */
  public static ValidatorClient start(ValidatorClientConfig config, InstantSource time, BooleanSupplier keepWaiting) {
    ValidatorClient client = new ValidatorClient();
    try {
      client.startParts(config, time, keepWaiting);
      return client;
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  private void startParts(ValidatorClientConfig config, InstantSource time, BooleanSupplier keepWaiting) {
    SpecVersions versions = new SpecVersions(config.network().spec());
    Bytes feeRecipient = config.validator().defaultFeeRecipient().map(Bytes::fromHexString).orElseGet(() -> Bytes.wrap(new byte[20]));
    var graffiti = EngineBlockProducer.graffiti(config.graffiti());
    List<KeySource> sources = config.validator().keys().stream().map(k -> new KeySource(k.keys(), k.passwords())).toList();
    List<LoadedKey> keys = ValidatorKeyLoader.load(sources, ValidatorKeyLoader.defaultThreads(), LoadProgress.logging(LOG));
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("--validator-keys: no keystores found");
    }
    if (config.metrics().enabled()) {
      MetricsRegistry registry = new MetricsRegistry();
      JvmMetrics.register(registry);
      try {
        MetricsServer server = MetricsServer.start(config.metrics(), registry);
        started.push(server);
      } catch (IOException e) {
        throw new UncheckedIOException("--metrics-port " + config.metrics().port() + ": cannot listen: " + e.getMessage(), e);
      }
    }
    BeaconNodeEndpoints endpoints = new BeaconNodeEndpoints(config.beaconNodes(), REQUEST_TIMEOUT);
    RemoteBeaconNode node = new RemoteBeaconNode(endpoints, versions);
    RemoteBeaconNode.Genesis genesis = awaitGenesis(node, endpoints, keepWaiting);
    SlashingProtection protection = SlashingProtection.open(config.data().dataPath(), genesis.validatorsRoot());
    started.push(protection);
    Signer signer = new Signer(versions, protection, keys.stream().map(LoadedKey::secretKey).toList());
    SlotClock clock = SlotClock.of(config.network().spec(), genesis.time(), time);
    RemoteDuties duties = new RemoteDuties(versions, node, signer, new SigningStates(versions, genesis.validatorsRoot()), clock,
        feeRecipient, graffiti, GroupSlotSeam.LOG);
    Optional<DoppelgangerWatch> doppelganger = Optional.empty();
    if (config.validator().doppelgangerDetection()) {
      doppelganger = Optional.of(doppelgangerWatch(node, versions, signer, protection, clock));
    }
    Optional<DoppelgangerWatch> watch = doppelganger;
    ScheduledExecutorService dutyThread = daemonThread("validator-duties");
    started.push(dutyThread::shutdownNow);
    ScheduledExecutorService tickerThread = daemonThread("slot-ticker");
    started.push(tickerThread::shutdownNow);
    SlotTicker ticker = SlotTicker.start(clock, tickerThread, slot -> dutyThread.execute(() -> {
      if (clock.currentSlot() > slot) {
        LOG.log(System.Logger.Level.WARNING, "Skipped the duties of slot {0}: it is over", slot);
        return;
      }
      if (watch.isPresent() && !watch.get().allows(slot, clock.epochOf(slot))) {
        return;
      }
      duties.onSlot(UInt64.valueOf(slot), dutyThread);
    }));
    started.push(ticker::close);
    LOG.log(System.Logger.Level.INFO, "Validator client: {0} keys, beacon nodes {1}, fee recipient {2}, slashing protection in {3}",
        keys.size(), config.beaconNodes(), feeRecipient, config.data().dataPath());
  }

  /**
   * With {@code --doppelganger-detection-enabled}: the same watch as the beacon node's own
   * validators run, over the held keys by index (a member key by its virtual index, from its
   * duties), fed by the node's liveness endpoint. A detection completes {@link #fatalError}.
   */
  private DoppelgangerWatch doppelgangerWatch(RemoteBeaconNode node, SpecVersions versions, Signer signer,
      SlashingProtection protection, SlotClock clock) {
    long startEpoch = Math.max(0, clock.currentEpoch());
    Map<Bytes48, BlsPublicKey> byKey = new HashMap<>();
    signer.publicKeys().forEach(k -> byKey.put(k.toBytes(), k));
    Map<Long, BlsPublicKey> held = new HashMap<>();
    node.validatorIndices(List.copyOf(byKey.keySet())).forEach((key, index) -> held.put(index, byKey.get(key)));
    List<Bytes48> others = byKey.keySet().stream().filter(k -> !held.containsValue(byKey.get(k))).sorted().toList();
    if (!others.isEmpty()) {
      node.memberAttesterDuties(UInt64.valueOf(startEpoch), others).forEach(d -> held.put(d.virtualIndex(), byKey.get(d.pubkey())));
    }
    DoppelgangerGuard guard = new DoppelgangerGuard(held, DoppelgangerGuard.ownLastEpochs(protection,
        versions.config().slotsPerEpoch()), new RemoteLiveness(node, clock::currentEpoch), startEpoch);
    LOG.log(System.Logger.Level.INFO, "Doppelganger detection: watching {0} keys ({1} with a validator or member index) for being "
        + "live elsewhere; no duties, and no signature, before epoch {2}", byKey.size(), held.size(), guard.releaseEpoch());
    return new DoppelgangerWatch(guard, () -> {}, () -> {}, fatalError::complete);
  }

  /**
   * Completes, with one line saying why, when the client must stop: a doppelganger was detected.
   * No duty runs after that.
   */
  public CompletableFuture<String> fatalError() {
    return fatalError;
  }

  /** The genesis from the first node that answers; retried every second while {@code keepWaiting}. */
  private static RemoteBeaconNode.Genesis awaitGenesis(RemoteBeaconNode node, BeaconNodeEndpoints endpoints,
      BooleanSupplier keepWaiting) {
    long attempts = 0;
    while (true) {
      try {
        return node.genesis();
      } catch (RuntimeException e) {
        if (!keepWaiting.getAsBoolean()) {
          throw new IllegalStateException("no beacon node gave the genesis: " + e.getMessage(), e);
        }
        if (attempts++ % 30 == 0) {
          LOG.log(System.Logger.Level.WARNING, "Waiting for a beacon node at {0}: {1}", endpoints.endpoints(), e.getMessage());
        }
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a beacon node", e);
      }
    }
  }

  private static ScheduledExecutorService daemonThread(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "stopping " + part + " failed: " + e);
      }
    }
  }
}
