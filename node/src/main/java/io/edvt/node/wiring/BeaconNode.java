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
import io.edvt.node.chain.ColumnAvailability;
import io.edvt.node.chain.OperationPool;
import io.edvt.node.chain.PooledBlockProductionInputs;
import io.edvt.node.chain.SyncCommitteeIntake;
import io.edvt.node.config.BeaconNodeConfig;
import io.edvt.node.config.GenesisStateReader;
import io.edvt.node.config.P2pConfig;
import io.edvt.node.config.RestApiConfig;
import io.edvt.node.execution.EngineApi;
import io.edvt.node.execution.ExecutionEngines;
import io.edvt.node.execution.embedded.EmbeddedEngine;
import io.edvt.node.metrics.BeaconInteropMetrics;
import io.edvt.node.metrics.EdvtMetrics;
import io.edvt.node.metrics.JvmMetrics;
import io.edvt.node.metrics.MetricsRegistry;
import io.edvt.node.metrics.MetricsServer;
import io.edvt.node.network.GossipPublisher;
import io.edvt.node.network.NodeNetwork;
import io.edvt.node.network.NodeNetworkOptions;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.sync.ColumnFetcher;
import io.edvt.node.sync.DutyReadiness;
import io.edvt.node.sync.Sync;
import io.edvt.node.sync.SyncOptions;
import io.edvt.node.time.SlotClock;
import io.edvt.node.time.SlotTicker;
import io.edvt.node.validator.production.DataColumnSidecarFactory;
import io.edvt.node.validator.production.EngineBlockProducer;
import io.edvt.node.validator.production.ProducedBlobs;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * A running beacon node: the parts built from {@link BeaconNodeConfig} in dependency order
 * (storage, execution engine, chain, slot ticker, API, metrics), each registered to be closed in
 * reverse order. The node knows how to start and stop its parts, nothing else: each part's work
 * lives in its own package.
 */
public final class BeaconNode implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BeaconNode.class.getName());
  /**
   * How long a node whose head is older than an epoch waits for a peer before it signs on that head
   * anyway (Teku's start-up timeout is of this order): a node alone must carry on eventually.
   */
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final SpecVersions versions;
  private ChainStorage storage;
  private Chain chain;
  private Optional<ApiServer> api = Optional.empty();
  private Optional<MetricsServer> metrics = Optional.empty();
  private Optional<NodeNetwork> network = Optional.empty();
  private final java.util.concurrent.CompletableFuture<String> fatal = new java.util.concurrent.CompletableFuture<>();

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
    storage = ChainStart.open(config, versions, genesis);
    started.push(storage);
    // registered whether or not the endpoint runs: the parts count into it from their start
    MetricsRegistry registry = new MetricsRegistry();
    EdvtMetrics own = EdvtMetrics.register(registry, storage::sizes);
    Anchor anchor = storage.anchor();
    BeaconState anchorState = anchor.state();
    int maxBlobs = versions.fulu().misc().getBlobParameters(
        versions.fulu().misc().computeEpochAtSlot(anchorState.slot())).maxBlobsPerBlock().intValue();
    EngineApi engine = ExecutionEngines.create(config.executionEngine(), versions.fulu().schemas(),
        anchorState.latestExecutionPayloadHeader(), maxBlobs);
    if (engine instanceof EmbeddedEngine embedded) {
      // it remembers nothing across a restart: give it back the stored chain's payloads
      storage.hotBlocks().forEach(block -> embedded.remember(block.message().body().executionPayload()));
    }
    SlotClock clock = SlotClock.of(config.network().spec(), anchorState.genesisTime(), time);
    // a node without p2p receives no columns: its own blocks' are all stored before their import
    Optional<NodeNetworkOptions> p2pOptions = config.p2p().enabled() ? Optional.of(networkOptions(config)) : Optional.empty();
    Set<Long> custodyColumns = p2pOptions.map(o -> NodeNetwork.custodyColumns(o, config.network().spec()))
        .orElseGet(() -> LongStream.range(0, config.network().spec().numberOfColumns()).boxed().collect(Collectors.toSet()));
    chain = ChainLoader.load(versions, storage, engine, clock,
        ChainOptions.defaults().withDataAvailability(new ColumnAvailability(storage.dataColumns(), custodyColumns)),
        (source, nanos) -> own.blockImported(source.label(), nanos));
    started.push(chain);
    if (!(engine instanceof EmbeddedEngine)) {
      // an execution client follows the chain's head; the embedded engine needs no telling (it keeps every payload)
      chain.events().subscribe(new ExecutionHeadFollower(chain, engine));
    }
    OperationPool operations = new OperationPool(versions, 1024);
    AttestationPool attestations = AttestationPool.create();
    AttestationIntake intake = new AttestationIntake(versions, attestations, chain);
    SyncCommitteeIntake syncCommittee = SyncCommitteeIntake.create(versions);
    NetworkView networkView = new OfflineNetworkView(chain, clock);
    LongSupplier peerCount = () -> 0;
    // sync committee messages of a slot go into the next block: two slots back is old enough to drop
    List<LongConsumer> slotHooks = new ArrayList<>(List.of(chain::onSlot, slot -> syncCommittee.pool().prune(slot - 2)));
    Optional<NodeNetwork> p2p = Optional.empty();
    // without p2p there is nothing to catch up with: the node is as current as it can be
    Supplier<DutyReadiness.Verdict> readiness = () -> DutyReadiness.Verdict.READY;
    if (config.p2p().enabled()) {
      NodeNetwork network = NodeNetwork.start(p2pOptions.orElseThrow(), versions, chain, storage, clock, intake,
          operations, syncCommittee, (topic, result) -> own.gossipValidated(topic, result.name().toLowerCase(java.util.Locale.ROOT)));
      started.push(network);
      Sync sync = Sync.start(network, chain, SyncOptions.defaults(), Optional.of(new ColumnFetcher(versions, network.client(),
          network.statuses(), storage.dataColumns(), custodyColumns, config.network().spec().slotDurationMs() / 4)));
      started.push(sync);
      DutyReadiness rule = new DutyReadiness(clock.slotsPerEpoch(), STARTUP_TIMEOUT.toMillis());
      long startMillis = clock.nowMillis();
      readiness = () -> sync.readiness(rule, clock.currentSlot(), clock.nowMillis() - startMillis);
      slotHooks.add(network::onSlot);
      slotHooks.add(sync::onSlot);
      p2p = Optional.of(network);
      this.network = p2p;
      P2pNetworkView view = new P2pNetworkView(network, sync, readiness, chain, advertisedAddress(config, network),
          config.p2p().subscribeAllCustodySubnets() ? config.network().spec().numberOfCustodyGroups()
              : config.network().spec().custodyRequirement());
      networkView = view;
      peerCount = view::peerCount;
    }
    ChainParts parts = new ChainParts(chain, storage, config.network().spec().slotsPerEpoch(), peerCount);
    var exitPool = ApiPools.voluntaryExits(versions, operations, parts::headState);
    var groupExits = GroupOperationIntake.exits(versions, anchorState.genesisValidatorsRoot(), parts::headState,
        p2p.map(NodeNetwork::publisher), exitPool::submit);
    var keyChangePool = ApiPools.groupKeyChanges(versions, operations, parts::headState);
    var groupKeyChanges = GroupOperationIntake.keyChanges(versions, anchorState.genesisValidatorsRoot(), parts::headState,
        p2p.map(NodeNetwork::publisher), keyChangePool::submit);
    ProducedBlobs producedBlobs = new ProducedBlobs();
    BlockPublication blockPublication = new BlockPublication(chain, p2p.map(NodeNetwork::publisher),
        new DataColumnSidecarFactory(versions, engine, producedBlobs), storage.dataColumns(),
        config.network().spec().dataColumnSidecarSubnetCount());
    if (config.validator().hasKeys()) {
      LocalValidators validators = LocalValidators.start(config.validator(), config.data().dataPath(), versions, chain, engine,
          intake, syncCommittee, operations, p2p, clock, anchorState.genesisValidatorsRoot(),
          new LocalValidators.GroupOperations(groupExits.collector(), groupKeyChanges.collector()), readiness,
          fatal::complete, producedBlobs, blockPublication);
      started.push(validators);
      slotHooks.add(validators::onSlot);
    }
    OwnSyncCommittee ownSyncCommittee = new OwnSyncCommittee(versions, syncCommittee, p2p.map(NodeNetwork::publisher), parts::headState,
        clock);
    slotHooks.add(ownSyncCommittee::onSlot);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "slot-ticker");
      t.setDaemon(true);
      return t;
    });
    started.push(scheduler::shutdownNow);
    SlotTicker ticker = SlotTicker.start(clock, scheduler, slot -> slotHooks.forEach(hook -> hook.accept(slot)));
    started.push(ticker::close);

    EventHub hub = new EventHub();
    chain.events().subscribe(new ApiEventBridge(hub, storage));
    StoredChainReader chainReader = new StoredChainReader(versions, storage, chain, ChainStart.genesisAnchor(versions, anchor, genesis));
    Optional<GossipPublisher> gossip = p2p.map(NodeNetwork::publisher);
    OwnAttestations ownAttestations = new OwnAttestations(versions, intake, gossip, parts::headState);
    EngineBlockProducer producer = new EngineBlockProducer(versions, engine, new PooledBlockProductionInputs(versions, attestations,
        operations, syncCommittee.pool()), LocalValidators.feeRecipient(config.validator()), LocalValidators.GRAFFITI,
        producedBlobs);
    NodeValidatorService validatorService = new NodeValidatorService(versions, chain, clock, () -> LocalValidators.head(chain),
        producer, intake, ownAttestations, ownSyncCommittee, chainReader::isOptimistic, readiness,
        LocalValidators.feeRecipient(config.validator()), new ApiSubnetSubscriptions(versions, clock, p2p), blockPublication);
    NodeData data = new RunningNodeData(versions, chainReader,
        new ApiPools(versions, operations, attestations, parts::headState, ownAttestations::submit, groupExits, groupKeyChanges,
            gossip), networkView, hub,
        Optional.of(validatorService));
    if (config.restApi().enabled()) {
      ApiServer server = new ApiServer(apiConfig(config.restApi()), data);
      server.start();
      started.push(server);
      api = Optional.of(server);
      LOG.log(System.Logger.Level.INFO, "Beacon API listening on {0}:{1}", config.restApi().interfaceAddress(),
          String.valueOf(server.port()));
    }
    if (config.metrics().enabled()) {
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
  private static NodeNetworkOptions networkOptions(BeaconNodeConfig config) {
    P2pConfig p2p = config.p2p();
    String listen = p2p.interfaces().isEmpty() ? "0.0.0.0" : p2p.interfaces().get(0);
    NodeNetworkOptions options = NodeNetworkOptions.defaults(NodeKeys.load(p2p, config.data().dataPath()))
        .withListen(listen, p2p.port())
        .withPeers(p2p.bootnodes(), List.of())
        .withPeerBounds(p2p.peerLowerBound(), Math.max(p2p.peerLowerBound(), p2p.peerUpperBound()))
        .withSubnets(p2p.subscribeAllSubnets(), p2p.subscribeAllCustodySubnets());
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

  /** The node's storage (tests read its data column sidecars). */
  ChainStorage storage() {
    return storage;
  }

  /** The API's port (useful with {@code --rest-api-port=0}), when the API is enabled. */
  public Optional<Integer> apiPort() {
    return api.map(ApiServer::port);
  }

  /** Completes with why the node must stop, when a part finds it must (a doppelganger of a held key). */
  public java.util.concurrent.CompletableFuture<String> fatalError() {
    return fatal;
  }

  /** The node's p2p part, when p2p is enabled. */
  public Optional<NodeNetwork> network() {
    return network;
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
      ChainEvents events, Optional<io.edvt.node.api.ValidatorService> validators) implements NodeData {}
}
