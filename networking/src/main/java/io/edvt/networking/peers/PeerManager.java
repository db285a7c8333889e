package io.edvt.networking.peers;

import io.edvt.networking.discovery.DiscoveredPeer;
import io.edvt.networking.discovery.PeerSource;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.ConnectionGate;
import io.edvt.networking.transport.api.ConnectionListener;
import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds and keeps peers: dials discovered peers on our fork digest up to the target count, runs
 * the status exchange on every new connection (bounded by a timeout; a mismatch or silence ends
 * in Goodbye with the right code), keeps scores from what gossip and req/resp report, bans with
 * expiry, and prunes back to the target keeping the peers that serve the subnets the node needs
 * (attestation, sync committee, custody, group member topics). It is the host's
 * {@link ConnectionGate} (bans, one connection per peer, the inbound cap) and a
 * {@link ConnectionListener}.
 *
 * <p>Threading: all decisions run on one scheduler thread; gate checks read concurrent state from
 * the event loops and never block.
 */
public final class PeerManager implements ConnectionGate, ConnectionListener, PeerReports, AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.edvt.networking.peers");
  private static final Duration GOODBYE_TIMEOUT = Duration.ofSeconds(1);

  private final PeerManagerConfig config;
  private final PeerSource source;
  private final StatusExchange status;
  private final ForkDigestSource digest;
  private final SubnetInterest interest;
  private final PeerMetrics metrics;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final BanList bans = new BanList();
  private final PeerScores scores = new PeerScores();
  private final Map<PeerId, Peer> peers = new ConcurrentHashMap<>();
  private final Set<PeerId> dialing = ConcurrentHashMap.newKeySet();
  private final Map<PeerId, Instant> backoff = new HashMap<>();
  private final Map<PeerId, DiscoveredPeer> known = new HashMap<>();
  private Dialer dialer;
  private boolean searching;
  private Instant lastSearch = Instant.EPOCH;
  private volatile boolean closed;

  /** A connected peer, touched on the manager's thread only (except the fields read by the gate). */
  private static final class Peer {
    final Connection connection;
    final String transport;
    volatile boolean statusDone;
    boolean leaving;
    BitSet attnets = new BitSet();
    BitSet syncnets = new BitSet();
    Set<Integer> custody = Set.of();
    boolean groupMember;

    Peer(Connection connection) {
      this.connection = connection;
      this.transport = transportOf(connection);
    }
  }

  public PeerManager(PeerManagerConfig config, PeerSource source, StatusExchange status, ForkDigestSource digest,
      SubnetInterest interest, PeerMetrics metrics, Clock clock) {
    this.config = config;
    this.source = source;
    this.status = status;
    this.digest = digest;
    this.interest = interest;
    this.metrics = metrics;
    this.clock = clock;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "edvt-peers");
      t.setDaemon(true);
      return t;
    });
  }

  static String transportOf(Connection c) {
    return c.remoteAddress().isQuic() ? "quic" : "tcp";
  }

  /** Starts dialling and the heartbeat. */
  public void start(Dialer dialer) {
    executor.execute(() -> this.dialer = dialer);
    long every = config.heartbeat().toMillis();
    executor.scheduleWithFixedDelay(this::heartbeat, 0, every, TimeUnit.MILLISECONDS);
  }

  // ------------------------------------------------------------------------------------- gate

  @Override
  public String refuseDial(Multiaddr address) {
    PeerId p = address.peerId().orElse(null);
    if (p != null) {
      BanList.Ban b = bans.banOf(p, clock.instant());
      if (b != null) {
        return "peer banned until " + b.until() + " (" + b.reason() + ")";
      }
    }
    return null;
  }

  @Override
  public String refuseInbound(Multiaddr remoteAddress) {
    // Accept up to 10 % over the maximum so those peers hear Goodbye(too many peers); refuse beyond.
    int limit = config.maxPeers() + Math.max(2, config.maxPeers() / 10);
    return closed ? "shutting down" : peers.size() >= limit ? "over " + limit + " connections" : null;
  }

  @Override
  public String refuseSecured(PeerId peer, Direction direction, int openConnectionsToPeer) {
    BanList.Ban b = bans.banOf(peer, clock.instant());
    if (b != null) {
      return "peer banned until " + b.until() + " (" + b.reason() + ")";
    }
    return openConnectionsToPeer > 0 ? "already connected" : null;
  }

  // ------------------------------------------------------------------------------ connections

  @Override
  public void onConnected(Connection connection) {
    run(() -> connected(connection));
  }

  @Override
  public void onDisconnected(Connection connection) {
    run(() -> {
      Peer p = peers.get(connection.remotePeerId());
      if (p != null && p.connection == connection) {
        peers.remove(connection.remotePeerId());
        metrics.peerDisconnected(connection.direction(), p.transport);
      }
    });
  }

  private void connected(Connection c) {
    PeerId id = c.remotePeerId();
    if (closed || peers.containsKey(id)) {
      c.close();
      return;
    }
    Peer p = new Peer(c);
    peers.put(id, p);
    metrics.peerConnected(c.direction(), p.transport);
    DiscoveredPeer enr = known.get(id);
    if (enr != null) {
      adoptEnr(p, enr);
    }
    if (peers.size() > config.maxPeers()) {
      disconnect(p, GoodbyeReason.TOO_MANY_PEERS, peers.size() - 1 + " peers, at most " + config.maxPeers());
      return;
    }
    long millis = config.statusTimeout().toMillis();
    CompletableFuture<StatusVerdict> verdict;
    try {
      verdict = status.exchange(c);
    } catch (RuntimeException e) {
      verdict = CompletableFuture.failedFuture(e);
    }
    verdict.orTimeout(millis, TimeUnit.MILLISECONDS).whenComplete((v, e) -> run(() -> statusDone(p, v, e, millis)));
  }

  private void statusDone(Peer p, StatusVerdict v, Throwable e, long millis) {
    if (p.leaving || peers.get(p.connection.remotePeerId()) != p) {
      return;
    }
    if (e != null) {
      Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
      String why = cause instanceof TimeoutException ? "no status within " + millis + " ms" : "status failed: " + cause;
      scores.apply(p.connection.remotePeerId(), PeerAction.MID_TOLERANCE, clock.instant());
      backoff.put(p.connection.remotePeerId(), clock.instant().plus(config.dialBackoff()));
      disconnect(p, GoodbyeReason.FAULT_OR_ERROR, why);
      return;
    }
    switch (v) {
      case StatusVerdict.Accept a -> {
        p.statusDone = true;
        LOG.log(System.Logger.Level.DEBUG, "peer {0} ready ({1}, {2})", p.connection.remotePeerId(),
            p.connection.direction(), p.transport);
      }
      case StatusVerdict.Reject r -> {
        backoff.put(p.connection.remotePeerId(), clock.instant().plus(config.dialBackoff()));
        disconnect(p, r.reason(), r.detail());
      }
    }
  }

  private void disconnect(Peer p, GoodbyeReason reason, String detail) {
    if (p.leaving) {
      return;
    }
    p.leaving = true;
    LOG.log(System.Logger.Level.INFO, "disconnecting {0}: {1} ({2})", p.connection, reason, detail);
    metrics.goodbyeSent(reason);
    CompletableFuture<Void> bye;
    try {
      bye = status.goodbye(p.connection, reason);
    } catch (RuntimeException e) {
      bye = CompletableFuture.completedFuture(null);
    }
    bye.orTimeout(GOODBYE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, e) -> p.connection.close());
  }

  // -------------------------------------------------------------------------- peer knowledge

  /**
   * What a peer's MetaData says (the eth2 layer calls this after a metadata request): its
   * attestation and sync committee subnets and custody group count.
   */
  public void updatePeerMetadata(PeerId peer, BitSet attnets, BitSet syncnets, Set<Integer> custodyGroups) {
    run(() -> {
      Peer p = peers.get(peer);
      if (p != null) {
        p.attnets = (BitSet) attnets.clone();
        p.syncnets = (BitSet) syncnets.clone();
        p.custody = Set.copyOf(custodyGroups);
      }
    });
  }

  /** The subnets a connected peer serves as we last heard them; empty for a peer not connected. */
  public Optional<PeerSubnets> subnetsOf(PeerId peer) {
    return call(() -> Optional.ofNullable(peers.get(peer)).map(p -> new PeerSubnets(p.attnets, p.syncnets,
        p.custody)));
  }

  private void adoptEnr(Peer p, DiscoveredPeer enr) {
    p.attnets = enr.attnets();
    p.syncnets = enr.syncnets();
    p.custody = Set.copyOf(enr.custodyGroups());
    p.groupMember = enr.groupMember();
  }

  // --------------------------------------------------------------------------------- scoring

  @Override
  public void report(PeerId peer, PeerAction action, String reason) {
    run(() -> {
      Instant now = clock.instant();
      scores.apply(peer, action, now);
      LOG.log(System.Logger.Level.DEBUG, "peer {0}: {1} ({2}); score {3}", peer, action, reason, scores.score(peer, now));
      if (action == PeerAction.FATAL) {
        ban(peer, "fatal: " + reason);
      } else {
        enforceScore(peer, now);
      }
    });
  }

  @Override
  public void gossipScore(PeerId peer, double score) {
    run(() -> scores.gossipScore(peer, score, clock.instant()));
  }

  /** Bans a peer for the configured duration and disconnects it. */
  public void ban(PeerId peer, String reason) {
    run(() -> {
      bans.ban(peer, config.banDuration(), reason, clock.instant());
      metrics.peerBanned(reason);
      Peer p = peers.get(peer);
      if (p != null) {
        disconnect(p, GoodbyeReason.BANNED, reason);
      }
    });
  }

  /**
   * Says Goodbye with {@code reason} to a connected peer and closes the connection (what the eth2
   * layer does when a later Status shows the peer on another network); the peer is not redialled
   * for the dial backoff.
   */
  public void disconnect(PeerId peer, GoodbyeReason reason, String detail) {
    run(() -> {
      Peer p = peers.get(peer);
      if (p != null) {
        backoff.put(peer, clock.instant().plus(config.dialBackoff()));
        disconnect(p, reason, detail);
      }
    });
  }

  private void enforceScore(PeerId peer, Instant now) {
    double s = scores.score(peer, now);
    Peer p = peers.get(peer);
    if (s <= PeerScores.BAN_THRESHOLD) {
      bans.ban(peer, config.banDuration(), "score " + Math.round(s), now);
      metrics.peerBanned("score");
      if (p != null) {
        disconnect(p, GoodbyeReason.BANNED, "score " + Math.round(s));
      }
    } else if (s <= PeerScores.DISCONNECT_THRESHOLD && p != null) {
      backoff.put(peer, now.plus(config.dialBackoff()));
      disconnect(p, GoodbyeReason.BAD_SCORE, "score " + Math.round(s));
    }
  }

  public double score(PeerId peer) {
    return call(() -> scores.score(peer, clock.instant()));
  }

  public boolean isBanned(PeerId peer) {
    return bans.isBanned(peer, clock.instant());
  }

  // ------------------------------------------------------------------------------- heartbeat

  private void heartbeat() {
    if (closed) {
      return;
    }
    try {
      Instant now = clock.instant();
      bans.expire(now);
      backoff.values().removeIf(t -> !t.isAfter(now));
      for (PeerId id : List.copyOf(peers.keySet())) {
        enforceScore(id, now);
      }
      scores.prune(peers.keySet(), now);
      maintain(now);
      prune();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "peer manager heartbeat failed", e);
    }
  }

  private List<Peer> active() {
    return peers.values().stream().filter(p -> !p.leaving).toList();
  }

  private void maintain(Instant now) {
    if (dialer == null) {
      return;
    }
    int have = active().size() + dialing.size();
    boolean lacking = have < config.targetPeers() || !deficits().isEmpty();
    if (!lacking) {
      return;
    }
    dialCandidates(source.knownPeers());
    if (!searching && !lastSearch.plus(config.searchInterval()).isAfter(now)) {
      searching = true;
      lastSearch = now;
      metrics.discoveryQuery();
      source.searchForPeers().whenComplete((found, e) -> run(() -> {
        searching = false;
        if (e != null) {
          LOG.log(System.Logger.Level.DEBUG, "peer search failed: {0}", e.toString());
          return;
        }
        dialCandidates(found);
      }));
    }
  }

  /** The subnet keys (kind:index) whose connected, ready peers are fewer than wanted. */
  private Set<String> deficits() {
    Set<String> needed = neededSubnets();
    if (needed.isEmpty()) {
      return Set.of();
    }
    Map<String, Integer> counts = new HashMap<>();
    for (Peer p : active()) {
      for (String s : servedBy(p.attnets, p.syncnets, p.custody, p.groupMember)) {
        counts.merge(s, 1, Integer::sum);
      }
    }
    Set<String> out = new HashSet<>();
    for (String s : needed) {
      if (counts.getOrDefault(s, 0) < interest.minPeersPerSubnet()) {
        out.add(s);
      }
    }
    return out;
  }

  private Set<String> neededSubnets() {
    Set<String> s = new HashSet<>();
    interest.attestationSubnets().forEach(i -> s.add("att:" + i));
    interest.syncCommitteeSubnets().forEach(i -> s.add("sync:" + i));
    interest.custodyGroups().forEach(i -> s.add("custody:" + i));
    if (interest.groupMemberTopics()) {
      s.add("gmember");
    }
    return s;
  }

  private static Set<String> servedBy(BitSet att, BitSet sync, Set<Integer> custody, boolean gmember) {
    Set<String> s = new HashSet<>();
    att.stream().forEach(i -> s.add("att:" + i));
    sync.stream().forEach(i -> s.add("sync:" + i));
    custody.forEach(i -> s.add("custody:" + i));
    if (gmember) {
      s.add("gmember");
    }
    return s;
  }

  private Set<String> servedBy(DiscoveredPeer d) {
    return servedBy(d.attnets(), d.syncnets(), Set.copyOf(d.custodyGroups()), d.groupMember());
  }

  private void dialCandidates(List<DiscoveredPeer> candidates) {
    if (closed || dialer == null) {
      return;
    }
    Instant now = clock.instant();
    byte[] ours = digest.currentForkDigest();
    Set<String> deficits = deficits();
    List<DiscoveredPeer> usable = new ArrayList<>();
    for (DiscoveredPeer d : candidates) {
      PeerId id = d.peerId();
      known.put(id, d);
      if (!d.hasForkDigest(ours) || peers.containsKey(id) || dialing.contains(id) || bans.isBanned(id, now)
          || backoff.containsKey(id)) {
        continue;
      }
      usable.add(d);
    }
    if (known.size() > 4 * config.maxPeers() + 1000) {
      known.keySet().retainAll(peers.keySet());
    }
    // Peers serving subnets we lack first.
    usable.sort(Comparator.comparingInt((DiscoveredPeer d) -> {
      Set<String> s = servedBy(d);
      s.retainAll(deficits);
      return -s.size();
    }));
    for (DiscoveredPeer d : usable) {
      int have = active().size() + dialing.size();
      boolean servesDeficit = !deficits.isEmpty() && servedBy(d).stream().anyMatch(deficits::contains);
      boolean room = have < config.targetPeers() || (servesDeficit && have < config.maxPeers());
      if (!room || dialing.size() >= config.maxConcurrentDials()) {
        break;
      }
      dial(d, d.dialAddresses(config.preferQuic()));
    }
  }

  private void dial(DiscoveredPeer d, List<Multiaddr> addresses) {
    if (addresses.isEmpty()) {
      return;
    }
    PeerId id = d.peerId();
    dialing.add(id);
    tryDial(id, addresses, 0);
  }

  private void tryDial(PeerId id, List<Multiaddr> addresses, int index) {
    Multiaddr a = addresses.get(index);
    CompletableFuture<Connection> f;
    try {
      f = dialer.dial(a);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.whenComplete((c, e) -> run(() -> {
      if (e == null) {
        dialing.remove(id);
        metrics.dialAttempt(true);
        return;
      }
      if (index + 1 < addresses.size()) {
        LOG.log(System.Logger.Level.DEBUG, "dial {0} failed ({1}); trying {2}", a, e.getMessage(), addresses.get(index + 1));
        tryDial(id, addresses, index + 1);
        return;
      }
      dialing.remove(id);
      metrics.dialAttempt(false);
      backoff.put(id, clock.instant().plus(config.dialBackoff()));
      LOG.log(System.Logger.Level.DEBUG, "dial {0} failed: {1}", a, e.getMessage());
    }));
  }

  /**
   * Peers above the target we tolerate before pruning (the configured allowance, else 10 %, at least
   * one), so a node at its target
   * still takes a newcomer instead of dropping it at the next heartbeat.
   */
  private int pruneAllowance() {
    if (config.pruneAllowance() >= 0) {
      return config.pruneAllowance();
    }
    return Math.max(1, config.targetPeers() / 10);
  }

  /**
   * Once over the target by more than {@link #pruneAllowance()}, back down to the target: drop the
   * peers worth least (inbound before outbound on a tie), where a peer that is one of too few for a
   * needed subnet is kept, and otherwise worth 10 per needed subnet it serves plus its score.
   */
  private void prune() {
    List<Peer> ready = new ArrayList<>(active().stream().filter(p -> p.statusDone).toList());
    if (active().size() <= config.targetPeers() + pruneAllowance()) {
      return;
    }
    int excess = active().size() - config.targetPeers();
    Set<String> needed = neededSubnets();
    Instant now = clock.instant();
    while (excess > 0 && !ready.isEmpty()) {
      Map<String, Integer> counts = new HashMap<>();
      for (Peer p : ready) {
        for (String s : servedBy(p.attnets, p.syncnets, p.custody, p.groupMember)) {
          counts.merge(s, 1, Integer::sum);
        }
      }
      Peer victim = null;
      double worst = Double.MAX_VALUE;
      for (Peer p : ready) {
        Set<String> served = servedBy(p.attnets, p.syncnets, p.custody, p.groupMember);
        served.retainAll(needed);
        boolean scarce = served.stream().anyMatch(s -> counts.getOrDefault(s, 0) <= interest.minPeersPerSubnet());
        if (scarce) {
          continue;
        }
        double value = 10.0 * served.size() + scores.score(p.connection.remotePeerId(), now)
            + (p.connection.direction() == Direction.OUTBOUND ? 1 : 0); // we chose it
        if (value < worst) {
          worst = value;
          victim = p;
        }
      }
      if (victim == null) {
        break; // everyone left is needed for a subnet
      }
      ready.remove(victim);
      disconnect(victim, GoodbyeReason.TOO_MANY_PEERS, "pruning to " + config.targetPeers() + " peers");
      excess--;
    }
  }

  // ---------------------------------------------------------------------------------- access

  /** Connected peers that passed the status exchange. */
  public Set<PeerId> readyPeers() {
    Set<PeerId> out = new HashSet<>();
    peers.forEach((id, p) -> {
      if (p.statusDone && !p.leaving) {
        out.add(id);
      }
    });
    return out;
  }

  public int connectedCount() {
    return peers.size();
  }

  private void run(Runnable r) {
    if (closed) {
      return;
    }
    try {
      executor.execute(() -> {
        try {
          r.run();
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "peer manager task failed", e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  private <T> T call(java.util.concurrent.Callable<T> c) {
    try {
      return executor.submit(c).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("peer manager did not answer: " + e, e);
    }
  }

  /** Says Goodbye(client shut down) to every peer and stops. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      executor.submit(() -> {
        for (Peer p : List.copyOf(peers.values())) {
          disconnect(p, GoodbyeReason.CLIENT_SHUTDOWN, "shutting down");
        }
      }).get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      // shutting down anyway
    }
    closed = true;
    executor.shutdownNow();
  }
}
