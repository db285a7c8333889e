package io.edvt.node.wiring;

import io.edvt.networking.discovery.DiscoveryConfig;
import io.edvt.networking.discovery.Enrs;
import io.edvt.node.api.ApiConfig;
import io.edvt.node.api.ApiServer;
import io.edvt.node.api.ChainEvents;
import io.edvt.node.api.ChainReader;
import io.edvt.node.api.EventHub;
import io.edvt.node.api.NetworkView;
import io.edvt.node.api.NodeData;
import io.edvt.node.api.OperationPools;
import io.edvt.node.chain.AttestationIntake;
import io.edvt.node.chain.AttestationPool;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainLoader;
import io.edvt.node.chain.ChainOptions;
import io.edvt.node.chain.OperationPool;
import io.edvt.node.config.BeaconNodeConfig;
import io.edvt.node.config.GenesisStateReader;
import io.edvt.node.config.P2pConfig;
import io.edvt.node.config.RestApiConfig;
import io.edvt.node.execution.EngineApi;
import io.edvt.node.execution.ExecutionEngines;
import io.edvt.node.execution.embedded.EmbeddedEngine;
import io.edvt.node.metrics.BeaconInteropMetrics;
import io.edvt.node.metrics.JvmMetrics;
import io.edvt.node.metrics.MetricsRegistry;
import io.edvt.node.metrics.MetricsServer;
import io.edvt.node.network.NodeNetwork;
import io.edvt.node.network.NodeNetworkOptions;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.NetworkIdentity;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.rocksdb.RocksDbChainStorage;
import io.edvt.node.sync.Sync;
import io.edvt.node.sync.SyncOptions;
import io.edvt.node.time.SlotClock;
import io.edvt.node.time.SlotTicker;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A running beacon node: the parts built from {@link BeaconNodeConfig} in dependency order
 * (storage, execution engine, chain, slot ticker, API, metrics), each registered to be closed in
 * reverse order. The node knows how to start and stop its parts, nothing else: each part's work
 * lives in its own package.
 */
public final class BeaconNode implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BeaconNode.class.getName());

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final SpecVersions versions;
  private ChainStorage storage;
  private Chain chain;
  private Optional<ApiServer> api = Optional.empty();
  private Optional<MetricsServer> metrics = Optional.empty();

  private BeaconNode(SpecVersions versions) {
    this.versions = versions;
  }

  /**
   * Starts a node. On a failure everything started so far is stopped again and the exception
   * (a {@link io.edvt.node.storage.StorageStartupException}, a bad genesis state, a port in use)
   * goes to the caller.
   */
  public static BeaconNode start(BeaconNodeConfig config, InstantSource time) {
    BeaconNode node = new BeaconNode(new SpecVersions(config.network().spec()));
    try {
      node.startParts(config, time);
      return node;
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  private void startParts(BeaconNodeConfig config, InstantSource time) {
    Optional<BeaconState> genesis = config.network().genesisState()
        .map(file -> GenesisStateReader.read(file, config.network().spec()));
    storage = openStorage(config, genesis);
    started.push(storage);
    Anchor anchor = storage.anchor();
    BeaconState anchorState = anchor.state();
    EngineApi engine = ExecutionEngines.create(config.executionEngine(), versions.fulu().schemas(),
        anchorState.latestExecutionPayloadHeader());
    SlotClock clock = SlotClock.of(config.network().spec(), anchorState.genesisTime(), time);
    chain = ChainLoader.load(versions, storage, engine, clock, ChainOptions.defaults());
    started.push(chain);
    if (engine instanceof EmbeddedEngine embedded) {
      rememberStoredPayloads(embedded, storage, chain.head().root(), anchor);
    }
    OperationPool operations = new OperationPool(versions, 1024);
    AttestationPool attestations = AttestationPool.create();
    AttestationIntake intake = new AttestationIntake(versions, attestations, chain);
    NetworkView networkView = new OfflineNetworkView(chain, clock);
    LongSupplier peerCount = () -> 0;
    List<LongConsumer> slotHooks = new ArrayList<>(List.of(chain::onSlot));
    Optional<NodeNetwork> p2p = Optional.empty();
    if (config.p2p().enabled()) {
      NodeNetwork network = NodeNetwork.start(networkOptions(config), versions, chain, storage, clock, intake,
          operations);
      started.push(network);
      Sync sync = Sync.start(network, chain, SyncOptions.defaults());
      started.push(sync);
      slotHooks.add(network::onSlot);
      slotHooks.add(sync::onSlot);
      p2p = Optional.of(network);
      P2pNetworkView view = new P2pNetworkView(network, sync, chain, advertisedAddress(config, network),
          config.p2p().subscribeAllCustodySubnets() ? config.network().spec().numberOfCustodyGroups()
              : config.network().spec().custodyRequirement());
      networkView = view;
      peerCount = view::peerCount;
    }
    if (config.validator().hasKeys()) {
      LocalValidators validators = LocalValidators.start(config.validator(), config.data().dataPath(), versions, chain, engine,
          intake, operations, p2p, clock, anchorState.genesisValidatorsRoot());
      started.push(validators);
      slotHooks.add(validators::onSlot);
    }
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "slot-ticker");
      t.setDaemon(true);
      return t;
    });
    started.push(scheduler::shutdownNow);
    SlotTicker ticker = SlotTicker.start(clock, scheduler, slot -> slotHooks.forEach(hook -> hook.accept(slot)));
    started.push(ticker::close);

    ChainParts parts = new ChainParts(chain, storage, config.network().spec().slotsPerEpoch(), peerCount);
    EventHub hub = new EventHub();
    chain.events().subscribe(new ApiEventBridge(hub, storage));
    NodeData data = new RunningNodeData(versions, new StoredChainReader(versions, storage, chain, genesisAnchor(anchor)),
        new ApiPools(versions, operations, attestations, parts::headState), networkView, hub);
    if (config.restApi().enabled()) {
      ApiServer server = new ApiServer(apiConfig(config.restApi()), data);
      server.start();
      started.push(server);
      api = Optional.of(server);
      LOG.log(System.Logger.Level.INFO, "Beacon API listening on {0}:{1}", config.restApi().interfaceAddress(),
          String.valueOf(server.port()));
    }
    if (config.metrics().enabled()) {
      MetricsRegistry registry = new MetricsRegistry();
      JvmMetrics.register(registry);
      BeaconInteropMetrics.register(registry, parts);
      try {
        MetricsServer server = MetricsServer.start(config.metrics(), registry);
        started.push(server);
        metrics = Optional.of(server);
      } catch (IOException e) {
        throw new UncheckedIOException("--metrics-port " + config.metrics().port() + ": cannot listen: " + e.getMessage(), e);
      }
    }
    LOG.log(System.Logger.Level.INFO, "Beacon node started: head slot {0}, finalized epoch {1}, {2} at slot {3}",
        String.valueOf(chain.head().slot()), storage.finalizedCheckpoint().epoch(),
        versions.milestoneAtSlot(io.edvt.infrastructure.unsigned.UInt64.valueOf(clock.currentSlot())).forkName(),
        String.valueOf(clock.currentSlot()));
  }

  /**
   * The p2p options from the flags: the listen address and port, the peer bounds, discv5 with the
   * bootnodes (or, with discovery off, the bootnodes dialled directly) and custody.
   */
  /**
   * A restarted node's embedded engine learns the payloads of the stored chain, from the head back
   * to the anchor (or the first block without one): what an execution client would have kept in its
   * own database. Without them it answers {@code SYNCING} to every block built on the head.
   */
  private static void rememberStoredPayloads(EmbeddedEngine engine, ChainStorage storage, Bytes32 head, Anchor anchor) {
    Bytes32 root = head;
    int remembered = 0;
    while (!root.equals(anchor.finalized().root())) {
      Optional<SignedBeaconBlock> block = storage.block(root);
      if (block.isEmpty() || block.get().message().slot().isZero()) {
        break;
      }
      // every block after the anchor has a payload (the devnet's chains start at Fulu)
      if (!engine.remember(block.get().message().body().executionPayload(), block.get().message().parentRoot())) {
        break;
      }
      remembered++;
      root = block.get().message().parentRoot();
    }
    if (remembered > 0) {
      LOG.log(System.Logger.Level.INFO, "Embedded engine: remembered the payloads of " + remembered + " stored block(s)");
    }
  }

  private static NodeNetworkOptions networkOptions(BeaconNodeConfig config) {
    P2pConfig p2p = config.p2p();
    String listen = p2p.interfaces().isEmpty() ? "0.0.0.0" : p2p.interfaces().get(0);
    NodeNetworkOptions options = NodeNetworkOptions.defaults(NodeKeys.load(p2p, config.data().dataPath()))
        .withListen(listen, p2p.port())
        .withPeers(p2p.bootnodes(), List.of())
        .withPeerBounds(p2p.peerLowerBound(), Math.max(p2p.peerLowerBound(), p2p.peerUpperBound()))
        // a node with validators joins every attestation subnet (no per-duty subnet rotation yet)
        .withSubnets(config.validator().hasKeys()
            ? NodeNetworkOptions.allSubnets(config.network().spec().attestationSubnetCount()) : java.util.Set.of(),
            p2p.subscribeAllCustodySubnets());
    if (!p2p.discoveryEnabled()) {
      return options;
    }
    DiscoveryConfig discovery = DiscoveryConfig.defaults()
        .withListen(address(listen), p2p.udpPort())
        .withBootnodes(p2p.bootnodes())
        .withSiteLocalAddresses(p2p.siteLocalAddressesEnabled());
    if (!p2p.advertisedIps().isEmpty()) {
      discovery = discovery.withAdvertisedIp(address(p2p.advertisedIps().get(0)));
    }
    return options.withDiscovery(discovery);
  }

  private static InetAddress address(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + ip, e);
    }
  }

  /** What others dial: {@code --p2p-advertised-ip}, else the listen address when it is a specific one, else loopback. */
  private static String advertisedAddress(BeaconNodeConfig config, NodeNetwork network) {
    P2pConfig p2p = config.p2p();
    String ip = !p2p.advertisedIps().isEmpty() ? p2p.advertisedIps().get(0)
        : network.localEnr().flatMap(enr -> Enrs.toPeer(Enrs.decode(enr)).tcp()).map(a -> a.getAddress().getHostAddress())
            .orElse(p2p.interfaces().isEmpty() || p2p.interfaces().get(0).equals("0.0.0.0") ? "127.0.0.1"
                : p2p.interfaces().get(0));
    return "/ip4/" + ip + "/tcp/" + p2p.port();
  }

  /**
   * The database in {@code --data-path}/beacon: a new one starts from the genesis state; an
   * existing one must be of the same network (the storage checks it and refuses otherwise).
   */
  private ChainStorage openStorage(BeaconNodeConfig config, Optional<BeaconState> genesis) {
    StorageOptions options = StorageOptions.defaults(config.data().storageMode(), config.network().spec());
    NetworkIdentity network = genesis.map(NetworkIdentity::of).orElseThrow(() -> new IllegalArgumentException(
        "--genesis-state is required: this node has no built-in genesis for '" + config.network().name()
            + "' and checkpoint sync (--checkpoint-sync-url) is not wired yet"));
    return RocksDbChainStorage.open(config.data().beaconDirectory(), versions, network, options,
        () -> Anchor.genesis(versions, genesis.orElseThrow()));
  }

  /**
   * The genesis anchor the API shows as {@code genesis}: the stored anchor when the node started
   * from genesis. (After a checkpoint sync the genesis state is not known; that start is not
   * wired yet.)
   */
  private static Anchor genesisAnchor(Anchor anchor) {
    if (anchor.state().slot().longValue() != 0) {
      throw new IllegalStateException("the database's anchor is at slot " + anchor.state().slot()
          + ", not genesis: a node started from a checkpoint is not supported by this build");
    }
    return anchor;
  }

  private static ApiConfig apiConfig(RestApiConfig rest) {
    return new ApiConfig(rest.interfaceAddress(), rest.port(), rest.hostAllowlist(), rest.corsOrigins(), rest.docsEnabled(),
        ApiConfig.DEFAULT_MAX_REQUEST_BYTES);
  }

  public Chain chain() {
    return chain;
  }

  public SpecVersions versions() {
    return versions;
  }

  /** The API's port (useful with {@code --rest-api-port=0}), when the API is enabled. */
  public Optional<Integer> apiPort() {
    return api.map(ApiServer::port);
  }

  public Optional<InetSocketAddress> metricsAddress() {
    return metrics.map(MetricsServer::address);
  }

  /** Stops every part, the last started first; a part that fails to stop does not keep the others running. */
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

  /** The Beacon API's view of this node. */
  private record RunningNodeData(SpecVersions versions, ChainReader chain, OperationPools pools, NetworkView network,
      ChainEvents events) implements NodeData {}
}
