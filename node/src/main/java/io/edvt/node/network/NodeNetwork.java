package io.edvt.node.network;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.discovery.DiscoveryMetrics;
import io.edvt.networking.discovery.DiscoveryService;
import io.edvt.networking.discovery.PeerSource;
import io.edvt.networking.eth2.Custody;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.GossipValidation;
import io.edvt.networking.eth2.messages.MetadataMessage;
import io.edvt.networking.eth2.rpc.Eth2Client;
import io.edvt.networking.eth2.rpc.Eth2Methods;
import io.edvt.networking.eth2.rpc.Eth2Responders;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.SeenCaches;
import io.edvt.networking.gossip.Gossip;
import io.edvt.networking.gossip.GossipConfig;
import io.edvt.networking.peers.PeerCounters;
import io.edvt.networking.peers.PeerManager;
import io.edvt.networking.peers.PeerManagerConfig;
import io.edvt.networking.peers.SubnetInterest;
import io.edvt.networking.reqresp.ReqResp;
import io.edvt.networking.reqresp.ReqRespConfig;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.host.HostConfig;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.edvt.node.chain.AttestationIntake;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.OperationPool;
import io.edvt.node.chain.SyncCommitteeIntake;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.time.SlotClock;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.SpecVersions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The node's p2p part, assembled from networking's pieces: a libp2p host on TCP whose gate and
 * connection listener are the peer manager, req/resp serving {@link StorageChainData} with the
 * Status handshake of {@link Eth2StatusExchange}, gossipsub with the node's topics
 * ({@link GossipSubscriptions}) and handlers, the publisher, what we advertise
 * ({@link LocalAdvertisement}: ENR and MetaData) and the upkeep of connected peers
 * ({@link PeerMetadataTracker}, {@link PeerStatusRefresh}). It only builds, starts and stops them;
 * each job is in its own class. Sync uses {@link #client()} and {@link #statuses()}.
 *
 * <pre>{@code
 * NodeNetwork network = NodeNetwork.start(config, versions, chain, storage, clock, attestationIntake, operationPool);
 * SlotTicker.start(clock, scheduler, slot -> { chain.onSlot(slot); network.onSlot(slot); });
 * network.close();
 * }</pre>
 */
public final class NodeNetwork implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(NodeNetwork.class.getName());

  private final ForkDigests digests;
  private final SlotClock clock;
  private final Host host;
  private final ReqResp reqResp;
  private final Eth2Client client;
  private final PeerManager peers;
  private final PeerChainStatuses statuses;
  private final Gossip gossip;
  private final GossipSubscriptions subscriptions;
  private final GossipBlockHandler blocks;
  private final GossipPublisher publisher;
  private final StaticPeers staticPeers;
  private final ExecutorService workers;
  private final Multiaddr listenAddress;
  private final Optional<DiscoveryService> discovery;
  private final GossipTopicSchedule schedule;
  private final GossipOperationHandler operations;
  private final LocalAdvertisement advertisement;
  private final PeerMetadataTracker peerMetadata;
  private final ScheduledExecutorService upkeep;
  private final SubnetSubscriptions subnets;

  private NodeNetwork(ForkDigests digests, SlotClock clock, Host host, ReqResp reqResp, Eth2Client client, PeerManager peers,
      PeerChainStatuses statuses, Gossip gossip, GossipSubscriptions subscriptions, GossipBlockHandler blocks,
      GossipPublisher publisher, StaticPeers staticPeers, ExecutorService workers, Multiaddr listenAddress,
      Optional<DiscoveryService> discovery, GossipTopicSchedule schedule, GossipOperationHandler operations,
      LocalAdvertisement advertisement, PeerMetadataTracker peerMetadata, ScheduledExecutorService upkeep,
      SubnetSubscriptions subnets) {
    this.subnets = subnets;
    this.advertisement = advertisement;
    this.peerMetadata = peerMetadata;
    this.upkeep = upkeep;
    this.discovery = discovery;
    this.schedule = schedule;
    this.operations = operations;
    this.digests = digests;
    this.clock = clock;
    this.host = host;
    this.reqResp = reqResp;
    this.client = client;
    this.peers = peers;
    this.statuses = statuses;
    this.gossip = gossip;
    this.subscriptions = subscriptions;
    this.blocks = blocks;
    this.publisher = publisher;
    this.staticPeers = staticPeers;
    this.workers = workers;
    this.listenAddress = listenAddress;
  }

  /** Builds and starts every part; returns once the host listens and the current epoch's topics are joined. */
  public static NodeNetwork start(NodeNetworkOptions config, SpecVersions versions, Chain chain, ChainStorage storage,
      SlotClock clock, AttestationIntake attestations, OperationPool operations) {
    return start(config, versions, chain, storage, clock, attestations, operations, GossipVerdicts.NONE);
  }

  /** As the other {@code start}, telling {@code verdicts} of every gossip validation (sync committee messages to a pool of its own). */
  public static NodeNetwork start(NodeNetworkOptions config, SpecVersions versions, Chain chain, ChainStorage storage,
      SlotClock clock, AttestationIntake attestations, OperationPool operations, GossipVerdicts verdicts) {
    return start(config, versions, chain, storage, clock, attestations, operations, SyncCommitteeIntake.create(versions), verdicts);
  }

  /** As the other {@code start}, with accepted sync committee messages and contributions going to {@code syncCommittee}. */
  public static NodeNetwork start(NodeNetworkOptions config, SpecVersions versions, Chain chain, ChainStorage storage,
      SlotClock clock, AttestationIntake attestations, OperationPool operations, SyncCommitteeIntake syncCommittee,
      GossipVerdicts verdicts) {
    SpecConfig spec = versions.config();
    ForkDigests digests = new ForkDigests(versions, storage.metadata().network().genesisValidatorsRoot());
    Eth2Methods methods = new Eth2Methods(digests);
    ReqResp reqResp = new ReqResp(ReqRespConfig.defaults().withRateLimits(methods.defaultRateLimits()));
    Eth2Client client = new Eth2Client(reqResp, methods);

    Set<Integer> columnSubnets = custodySubnets(config, spec);
    long custodyGroups = config.subscribeAllCustody() ? spec.numberOfCustodyGroups() : spec.custodyRequirement();
    SubnetSubscriptions subnets = new SubnetSubscriptions(new LongLivedSubnets(NodeIds.of(config.privateKey().publicKey()), spec),
        spec.attestationSubnetCount(), spec.slotsPerEpoch(), config.subscribeAllSubnets());
    long startSlot = clock.currentSlot();
    Set<Integer> attnets = subnets.advertisedAttestationSubnets(clock.currentEpoch());
    LocalMetadata metadata = new LocalMetadata(spec.attestationSubnetCount(), attnets, custodyGroups);
    PeerChainStatuses statuses = new PeerChainStatuses();
    StorageChainData data = new StorageChainData(digests, storage, chain, clock, metadata, statuses);

    LocalAdvertisement advertisement = new LocalAdvertisement(digests, metadata, attnets, custodyGroups,
        UInt64.valueOf(clock.currentEpoch()));
    Optional<DiscoveryService> discovery = config.discovery().map(d -> new DiscoveryService(
        d.withLibp2pPorts(config.listenPort(), OptionalInt.empty()), config.privateKey(), advertisement.enrFields(), null,
        DiscoveryMetrics.NONE));
    discovery.ifPresent(d -> advertisement.publishTo(d::updateLocalFields));
    PeerSource source = discovery.<PeerSource>map(d -> d).orElseGet(() -> new BootnodePeers(config.bootnodes()));
    // Teku's flags: dial up to the lower bound, drop peers only above the upper one (a node with
    // --p2p-peer-lower-bound=1 was pruned to one peer, however many it had below the upper bound)
    PeerManager peers = new PeerManager(PeerManagerConfig.defaults().withPeers(config.targetPeers(), config.maxPeers())
        .withPruneAllowance(config.maxPeers() - config.targetPeers()),
        source, new Eth2StatusExchange(client, data, statuses),
        () -> digests.digestAt(UInt64.valueOf(clock.currentEpoch())).toArrayUnsafe(), SubnetInterest.NONE,
        new PeerCounters(), Clock.systemUTC());
    // before the host: no peer becomes ready unseen
    ScheduledExecutorService upkeep = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "edvt-peer-upkeep");
      t.setDaemon(true);
      return t;
    });
    PeerMetadataTracker peerMetadata = new PeerMetadataTracker(client, statuses, peers, metadata, config.upkeep());
    data.onPings(peerMetadata::onPing);
    peerMetadata.start(upkeep);
    new PeerStatusRefresh(client, data, statuses, peers, config.upkeep()).start(upkeep);
    Host host = Host.start(HostConfig.defaults(config.privateKey()).withGate(peers));
    host.addConnectionListener(peers);
    host.addConnectionListener(statuses);
    host.addConnectionListener(new io.edvt.networking.transport.api.ConnectionListener() {
      @Override
      public void onDisconnected(io.edvt.networking.transport.api.Connection c) {
        reqResp.forgetPeer(c.remotePeerId());
      }
    });
    new Eth2Responders(methods, data).register(reqResp, host.registry());
    Multiaddr listen = host.listen(Multiaddr.parse("/ip4/" + config.listenHost() + "/tcp/" + config.listenPort())).join();

    long seenTtlMs = 2L * spec.slotsPerEpoch() * spec.slotDurationMs();
    Gossip gossip = Gossip.start(host, GossipConfig.eth2(Duration.ofMillis(seenTtlMs)));
    ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    ForkChoiceChainView view = new ForkChoiceChainView(chain);
    SeenCaches seen = new SeenCaches();
    GossipValidation validation = new GossipValidation(digests, new GossipContext(versions, view, seen));
    GossipPayloads payloads = new GossipPayloads(digests);
    GossipBlockHandler blocks = new GossipBlockHandler(payloads, validation, view, chain.importer(), clock, peers, workers);
    GossipOperationHandler ops = new GossipOperationHandler(payloads, validation, view, attestations, operations, syncCommittee,
        clock, peers, workers, storage.dataColumns());
    GossipTopicSchedule schedule = new GossipTopicSchedule(digests, config.subscribeAheadEpochs(),
        subnets.attestationSubnets(startSlot), columnSubnets);
    GossipSubscriptions subscriptions = new GossipSubscriptions(gossip, schedule, blocks, ops, verdicts);
    subscriptions.update(UInt64.valueOf(clock.currentEpoch())).join();
    GossipPublisher publisher = new GossipPublisher(gossip, digests, chain.importer(), seen);

    discovery.ifPresent(d -> d.start().join());
    peers.start(host::dial);
    StaticPeers staticPeers = new StaticPeers(host, config.staticPeers());
    staticPeers.start(Duration.ofSeconds(5));
    LOG.log(System.Logger.Level.INFO, "p2p listening on {0}", listen);
    return new NodeNetwork(digests, clock, host, reqResp, client, peers, statuses, gossip, subscriptions, blocks, publisher,
        staticPeers, workers, listen, discovery, schedule, ops, advertisement, peerMetadata, upkeep, subnets);
  }

  private static Set<Integer> custodySubnets(NodeNetworkOptions config, SpecConfig spec) {
    return custodyColumns(config, spec).stream()
        .map(column -> (int) (column % spec.dataColumnSidecarSubnetCount()))
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The columns this node custodies: those of its custody groups ({@code get_custody_groups} of its
   * node id), every column with {@code --p2p-subscribe-all-custody-subnets-enabled}.
   */
  public static Set<Long> custodyColumns(NodeNetworkOptions config, SpecConfig spec) {
    long count = config.subscribeAllCustody() ? spec.numberOfCustodyGroups() : spec.custodyRequirement();
    Custody custody = new Custody(spec);
    return custody.getCustodyGroups(NodeIds.of(config.privateKey().publicKey()), count).stream()
        .flatMap(g -> custody.computeColumnsForCustodyGroup(g.longValue()).stream())
        .map(UInt64::longValue)
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The slot hook: joins and leaves gossip topics around fork epochs and around aggregator and sync
   * committee duties ({@link SubnetSubscriptions}), keeps the advertised subnets in step, and at a
   * fork epoch's first slot switches the ENR's {@code eth2} and {@code nfd} fields to the new fork.
   */
  public void onSlot(long slot) {
    refresh(slot);
    advertisement.onEpoch(UInt64.valueOf(clock.epochOf(slot)));
  }

  /** Applies {@link SubnetSubscriptions}' subnets at {@code slot} to the topic schedule, MetaData and ENR, then gossip. */
  private synchronized CompletableFuture<Void> refresh(long slot) {
    long epoch = clock.epochOf(slot);
    subnets.prune(slot);
    Set<Integer> sync = subnets.syncSubnets(epoch);
    schedule.attestationSubnets(subnets.attestationSubnets(slot));
    schedule.syncSubnets(sync);
    advertisement.subnets(subnets.advertisedAttestationSubnets(epoch), sync);
    return subscriptions.update(UInt64.valueOf(epoch));
  }

  /**
   * An attester duty of a validator (ours, or a validator client's through the Beacon API) at
   * {@code slot} on attestation {@code subnet}: an aggregator's subnet is joined
   * {@link SubnetSubscriptions#AHEAD_SLOTS} slots before the slot and left after it. Completes when
   * the router has applied any change due now.
   *
   * @throws IllegalArgumentException when {@code subnet} is not an attestation subnet
   */
  public CompletableFuture<Void> attesterDuty(int subnet, long slot, boolean aggregator) {
    if (!subnets.attesterDuty(subnet, slot, aggregator)) {
      return CompletableFuture.completedFuture(null);
    }
    return refresh(clock.currentSlot());
  }

  /**
   * Sync committee seats in {@code syncSubnets} until {@code untilEpoch} (exclusive): the node is on
   * their {@code sync_committee_{subnet_id}} topics until then and says so in its MetaData
   * ({@code seq_number} raised) and ENR ({@code syncnets}). Completes when the router has applied
   * the change.
   *
   * @throws IllegalArgumentException when a subnet is not a sync committee subnet
   */
  public CompletableFuture<Void> syncSeats(Set<Integer> syncSubnets, long untilEpoch) {
    subnets.syncSeats(syncSubnets, untilEpoch);
    return refresh(clock.currentSlot());
  }

  /** Which subnets the node is on and advertises. */
  public SubnetSubscriptions subnets() {
    return subnets;
  }

  public ForkDigests digests() {
    return digests;
  }

  public PeerId peerId() {
    return host.peerId();
  }

  /** Where others dial us: the listen address with our peer id. */
  public Multiaddr address() {
    return Multiaddr.parse(listenAddress + "/p2p/" + host.peerId().toBase58());
  }

  public Host host() {
    return host;
  }

  public Eth2Client client() {
    return client;
  }

  public PeerManager peers() {
    return peers;
  }

  public PeerChainStatuses statuses() {
    return statuses;
  }

  public Gossip gossip() {
    return gossip;
  }

  public GossipSubscriptions subscriptions() {
    return subscriptions;
  }

  public GossipPublisher publisher() {
    return publisher;
  }

  /**
   * The node runs group member keys: it joins {@code group_block_proposal} and
   * {@code group_block_signoff} (now, and in every EDVT epoch after) and hands what they accept to
   * {@code sink}. Completes when the router has joined them.
   */
  public java.util.concurrent.CompletableFuture<Void> joinMemberTopics(GroupMessages sink) {
    operations.onGroupMessages(sink);
    schedule.includeMemberTopics();
    advertisement.groupMember(true);
    return subscriptions.update(UInt64.valueOf(clock.currentEpoch()));
  }

  /** Gossip blocks whose parent is unknown hand the missing root to {@code fetcher} (sync's by-root fetch). */
  public void onUnknownParent(java.util.function.Consumer<org.apache.tuweni.bytes.Bytes32> fetcher) {
    blocks.onUnknownParent(fetcher);
  }

  /** The node's ENR ({@code enr:...}), when it runs discovery. */
  public Optional<String> localEnr() {
    return discovery.map(DiscoveryService::localEnr);
  }

  /** discv5's UDP address as a multiaddr, when the node runs discovery. */
  public Optional<String> discoveryAddress() {
    return discovery.flatMap(d -> d.localRecord().getUdpAddress().map(udp -> "/ip4/" + udp.getAddress().getHostAddress()
        + "/udp/" + udp.getPort() + "/p2p/" + host.peerId().toBase58()));
  }

  /** Our MetaData now (what a peer's metadata request gets). */
  public MetadataMessage localMetadata() {
    return advertisement.metadata().get();
  }

  /** The MetaData of connected peers, as their pings and metadata answers told us. */
  public PeerMetadataTracker peerMetadata() {
    return peerMetadata;
  }

  /** Goodbye to every peer (the manager's), then discovery, gossip, the host and the workers stop. */
  @Override
  public void close() {
    upkeep.shutdownNow();
    discovery.ifPresent(DiscoveryService::close);
    staticPeers.close();
    peers.close();
    gossip.close();
    host.close();
    reqResp.close();
    workers.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
