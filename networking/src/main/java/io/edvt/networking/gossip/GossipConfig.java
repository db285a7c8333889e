package io.edvt.networking.gossip;

import io.edvt.networking.gossip.codec.RpcLimits;
import io.edvt.networking.gossip.scoring.PeerScoreParams;
import io.edvt.networking.gossip.scoring.PeerScoreThresholds;
import java.time.Duration;
import java.util.List;

/**
 * Every gossipsub parameter in one immutable record; {@link #eth2(Duration)} gives the consensus
 * specs' values, and the {@code with...} methods change one group.
 *
 * @param protocols the meshsub versions we speak, preferred first ({@code /meshsub/1.2.0}, {@code /meshsub/1.1.0})
 * @param d mesh degree D
 * @param dLow D_low: fewer mesh peers than this trigger grafting
 * @param dHigh D_high: more mesh peers than this trigger pruning
 * @param dScore mesh peers kept by score when pruning
 * @param dOut outbound peers kept in the mesh (must be below D_low and at most D/2)
 * @param dLazy peers that get gossip (IHAVE) per heartbeat, at least
 * @param gossipFactor gossip goes to max(dLazy, gossipFactor x eligible peers)
 * @param heartbeatInterval heartbeat period (eth2: 700 ms)
 * @param fanoutTtl fanout state of a topic we publish to without subscribing is kept this long after the last publish
 * @param mcacheLength heartbeats of messages kept for IWANT
 * @param mcacheGossip heartbeats of messages advertised in IHAVE
 * @param seenTtl how long message ids are remembered (eth2: two epochs)
 * @param maxSeenEntries bound on the remembered ids
 * @param pruneBackoff backoff after a PRUNE (sent or received without a backoff)
 * @param unsubscribeBackoff backoff sent with the PRUNEs of an unsubscription
 * @param graftFloodThreshold a GRAFT this soon after our PRUNE costs an extra behaviour penalty
 * @param doPx send peer exchange with PRUNE
 * @param prunePeers peers in one peer exchange
 * @param floodPublish our own messages go to every topic peer above the publish threshold, not only the mesh
 * @param maxIHaveLength message ids we ask for per peer and heartbeat (and advertise in one IHAVE)
 * @param maxIHaveMessages IHAVE messages we heed per peer and heartbeat
 * @param iwantFollowupTime a peer must deliver what we asked for this soon (else P7)
 * @param gossipRetransmission times we answer one peer's IWANT for the same message
 * @param opportunisticGraftTicks heartbeats between opportunistic grafts
 * @param opportunisticGraftPeers peers grafted opportunistically at a time
 * @param idontwantMinDataSize IDONTWANT is sent for messages of at least this many bytes
 * @param idontwantMaxIds IDONTWANT ids we store per peer and heartbeat (more are ignored)
 * @param idontwantTtlHeartbeats heartbeats an IDONTWANT is honoured
 * @param maxOutboundQueueBytes per peer, frames waiting for a writable stream beyond this are dropped
 * @param maxSubscriptionsPerPeer topics a peer may be subscribed to (more are ignored)
 * @param maxPendingValidations messages under validation at once; more are ignored (dropped without penalty) until validators catch up
 * @param limits bounds on received RPCs
 * @param messageIdFunction the message id
 * @param scoreParams peer scoring
 * @param scoreThresholds peer scoring thresholds
 */
public record GossipConfig(List<String> protocols, int d, int dLow, int dHigh, int dScore, int dOut, int dLazy,
    double gossipFactor, Duration heartbeatInterval, Duration fanoutTtl, int mcacheLength, int mcacheGossip,
    Duration seenTtl, int maxSeenEntries, Duration pruneBackoff, Duration unsubscribeBackoff,
    Duration graftFloodThreshold, boolean doPx, int prunePeers, boolean floodPublish, int maxIHaveLength,
    int maxIHaveMessages, Duration iwantFollowupTime, int gossipRetransmission, int opportunisticGraftTicks,
    int opportunisticGraftPeers, int idontwantMinDataSize, int idontwantMaxIds, int idontwantTtlHeartbeats,
    int maxOutboundQueueBytes, int maxSubscriptionsPerPeer, int maxPendingValidations, RpcLimits limits, MessageIdFunction messageIdFunction,
    PeerScoreParams scoreParams, PeerScoreThresholds scoreThresholds) {
  public static final String MESHSUB_V11 = "/meshsub/1.1.0";
  public static final String MESHSUB_V12 = "/meshsub/1.2.0";

  public GossipConfig {
    protocols = List.copyOf(protocols);
    check(!protocols.isEmpty() && protocols.stream().allMatch(p -> p.equals(MESHSUB_V11) || p.equals(MESHSUB_V12)),
        "protocols must be /meshsub/1.2.0 and/or /meshsub/1.1.0, got " + protocols);
    check(dLow <= d && d <= dHigh, "need D_low <= D <= D_high, got " + dLow + ", " + d + ", " + dHigh);
    check(dOut <= d / 2 && (dOut < dLow || dLow == 0), "need D_out < D_low and D_out <= D/2, got D_out " + dOut);
    check(dScore <= d && dScore >= 0, "need 0 <= D_score <= D");
    check(dLazy >= 0 && gossipFactor >= 0 && gossipFactor <= 1, "need D_lazy >= 0 and 0 <= gossip factor <= 1");
    check(heartbeatInterval.toMillis() >= 1, "heartbeat interval must be at least 1 ms");
    check(mcacheGossip >= 1 && mcacheLength >= mcacheGossip, "need 1 <= mcache gossip <= mcache length");
    check(maxOutboundQueueBytes >= limits.maxRpcSize(), "the outbound queue must hold one RPC of maxRpcSize");
    check(maxIHaveLength >= 1 && maxIHaveMessages >= 1 && gossipRetransmission >= 1, "IHAVE/IWANT limits must be positive");
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("invalid gossip parameter: " + what);
    }
  }

  /**
   * The consensus specs' parameters ({@code p2p-interface.md}, "The gossip domain: gossipsub"): D 8,
   * D_low 6, D_high 12, D_lazy 6, heartbeat 700 ms, fanout TTL 60 s, mcache 6 windows with gossip
   * over 3, the given seen TTL (two epochs), flood publishing, the eth2 message id with 10 MiB
   * payloads, and scoring with no topic parameters yet (the eth2 layer adds them) and the thresholds
   * the clients use.
   */
  public static GossipConfig eth2(Duration seenTtl) {
    int maxPayload = 10 << 20;
    return new GossipConfig(List.of(MESHSUB_V12, MESHSUB_V11), 8, 6, 12, 5, 2, 6, 0.25, Duration.ofMillis(700),
        Duration.ofSeconds(60), 6, 3, seenTtl, 1 << 20, Duration.ofSeconds(60), Duration.ofSeconds(10),
        Duration.ofSeconds(10), true, 16, true, 5000, 10, Duration.ofSeconds(3), 3, 60, 2, 1000, 512, 3,
        4 * RpcLimits.defaults(maxPayload).maxRpcSize(), 512, 16384, RpcLimits.defaults(maxPayload),
        new Eth2MessageId(maxPayload), PeerScoreParams.defaults(), PeerScoreThresholds.ETH2);
  }

  public GossipConfig withProtocols(List<String> p) {
    return new GossipConfig(p, d, dLow, dHigh, dScore, dOut, dLazy, gossipFactor, heartbeatInterval, fanoutTtl,
        mcacheLength, mcacheGossip, seenTtl, maxSeenEntries, pruneBackoff, unsubscribeBackoff, graftFloodThreshold, doPx,
        prunePeers, floodPublish, maxIHaveLength, maxIHaveMessages, iwantFollowupTime, gossipRetransmission,
        opportunisticGraftTicks, opportunisticGraftPeers, idontwantMinDataSize, idontwantMaxIds, idontwantTtlHeartbeats,
        maxOutboundQueueBytes, maxSubscriptionsPerPeer, maxPendingValidations, limits, messageIdFunction, scoreParams, scoreThresholds);
  }

  /** The mesh degrees D, D_low, D_high, D_score, D_out and D_lazy. */
  public GossipConfig withDegrees(int newD, int newDLow, int newDHigh, int newDScore, int newDOut, int newDLazy) {
    return new GossipConfig(protocols, newD, newDLow, newDHigh, newDScore, newDOut, newDLazy, gossipFactor,
        heartbeatInterval, fanoutTtl, mcacheLength, mcacheGossip, seenTtl, maxSeenEntries, pruneBackoff,
        unsubscribeBackoff, graftFloodThreshold, doPx, prunePeers, floodPublish, maxIHaveLength, maxIHaveMessages,
        iwantFollowupTime, gossipRetransmission, opportunisticGraftTicks, opportunisticGraftPeers, idontwantMinDataSize,
        idontwantMaxIds, idontwantTtlHeartbeats, maxOutboundQueueBytes, maxSubscriptionsPerPeer, maxPendingValidations, limits,
        messageIdFunction, scoreParams, scoreThresholds);
  }

  /** Heartbeat period and the message cache's windows. */
  public GossipConfig withHeartbeat(Duration interval, int newMcacheLength, int newMcacheGossip) {
    return new GossipConfig(protocols, d, dLow, dHigh, dScore, dOut, dLazy, gossipFactor, interval, fanoutTtl,
        newMcacheLength, newMcacheGossip, seenTtl, maxSeenEntries, pruneBackoff, unsubscribeBackoff,
        graftFloodThreshold, doPx, prunePeers, floodPublish, maxIHaveLength, maxIHaveMessages, iwantFollowupTime,
        gossipRetransmission, opportunisticGraftTicks, opportunisticGraftPeers, idontwantMinDataSize, idontwantMaxIds,
        idontwantTtlHeartbeats, maxOutboundQueueBytes, maxSubscriptionsPerPeer, maxPendingValidations, limits, messageIdFunction, scoreParams,
        scoreThresholds);
  }

  /** Backoffs after PRUNE and unsubscription, and the GRAFT flood threshold. */
  public GossipConfig withBackoff(Duration prune, Duration unsubscribe, Duration graftFlood) {
    return new GossipConfig(protocols, d, dLow, dHigh, dScore, dOut, dLazy, gossipFactor, heartbeatInterval,
        fanoutTtl, mcacheLength, mcacheGossip, seenTtl, maxSeenEntries, prune, unsubscribe, graftFlood, doPx,
        prunePeers, floodPublish, maxIHaveLength, maxIHaveMessages, iwantFollowupTime, gossipRetransmission,
        opportunisticGraftTicks, opportunisticGraftPeers, idontwantMinDataSize, idontwantMaxIds, idontwantTtlHeartbeats,
        maxOutboundQueueBytes, maxSubscriptionsPerPeer, maxPendingValidations, limits, messageIdFunction, scoreParams, scoreThresholds);
  }

  public GossipConfig withFloodPublish(boolean flood) {
    return new GossipConfig(protocols, d, dLow, dHigh, dScore, dOut, dLazy, gossipFactor, heartbeatInterval,
        fanoutTtl, mcacheLength, mcacheGossip, seenTtl, maxSeenEntries, pruneBackoff, unsubscribeBackoff,
        graftFloodThreshold, doPx, prunePeers, flood, maxIHaveLength, maxIHaveMessages, iwantFollowupTime,
        gossipRetransmission, opportunisticGraftTicks, opportunisticGraftPeers, idontwantMinDataSize, idontwantMaxIds,
        idontwantTtlHeartbeats, maxOutboundQueueBytes, maxSubscriptionsPerPeer, maxPendingValidations, limits, messageIdFunction, scoreParams,
        scoreThresholds);
  }

  /** Opportunistic grafting: every {@code ticks} heartbeats, up to {@code peers} peers. */
  public GossipConfig withOpportunisticGraft(int ticks, int peers) {
    return new GossipConfig(protocols, d, dLow, dHigh, dScore, dOut, dLazy, gossipFactor, heartbeatInterval,
        fanoutTtl, mcacheLength, mcacheGossip, seenTtl, maxSeenEntries, pruneBackoff, unsubscribeBackoff,
        graftFloodThreshold, doPx, prunePeers, floodPublish, maxIHaveLength, maxIHaveMessages, iwantFollowupTime,
        gossipRetransmission, ticks, peers, idontwantMinDataSize, idontwantMaxIds,
        idontwantTtlHeartbeats, maxOutboundQueueBytes, maxSubscriptionsPerPeer, maxPendingValidations, limits, messageIdFunction, scoreParams,
        scoreThresholds);
  }

  /** Messages under validation at once (more are ignored until the validators catch up). */
  public GossipConfig withMaxPendingValidations(int max) {
    return new GossipConfig(protocols, d, dLow, dHigh, dScore, dOut, dLazy, gossipFactor, heartbeatInterval,
        fanoutTtl, mcacheLength, mcacheGossip, seenTtl, maxSeenEntries, pruneBackoff, unsubscribeBackoff,
        graftFloodThreshold, doPx, prunePeers, floodPublish, maxIHaveLength, maxIHaveMessages, iwantFollowupTime,
        gossipRetransmission, opportunisticGraftTicks, opportunisticGraftPeers, idontwantMinDataSize, idontwantMaxIds,
        idontwantTtlHeartbeats, maxOutboundQueueBytes, maxSubscriptionsPerPeer, max, limits, messageIdFunction, scoreParams,
        scoreThresholds);
  }

  public GossipConfig withFanoutTtl(Duration ttl) {
    return new GossipConfig(protocols, d, dLow, dHigh, dScore, dOut, dLazy, gossipFactor, heartbeatInterval, ttl,
        mcacheLength, mcacheGossip, seenTtl, maxSeenEntries, pruneBackoff, unsubscribeBackoff, graftFloodThreshold, doPx,
        prunePeers, floodPublish, maxIHaveLength, maxIHaveMessages, iwantFollowupTime, gossipRetransmission,
        opportunisticGraftTicks, opportunisticGraftPeers, idontwantMinDataSize, idontwantMaxIds, idontwantTtlHeartbeats,
        maxOutboundQueueBytes, maxSubscriptionsPerPeer, maxPendingValidations, limits, messageIdFunction, scoreParams, scoreThresholds);
  }

  public GossipConfig withIDontWantMinDataSize(int bytes) {
    return new GossipConfig(protocols, d, dLow, dHigh, dScore, dOut, dLazy, gossipFactor, heartbeatInterval,
        fanoutTtl, mcacheLength, mcacheGossip, seenTtl, maxSeenEntries, pruneBackoff, unsubscribeBackoff,
        graftFloodThreshold, doPx, prunePeers, floodPublish, maxIHaveLength, maxIHaveMessages, iwantFollowupTime,
        gossipRetransmission, opportunisticGraftTicks, opportunisticGraftPeers, bytes, idontwantMaxIds,
        idontwantTtlHeartbeats, maxOutboundQueueBytes, maxSubscriptionsPerPeer, maxPendingValidations, limits, messageIdFunction, scoreParams,
        scoreThresholds);
  }

  public GossipConfig withMessageIdFunction(MessageIdFunction f) {
    return new GossipConfig(protocols, d, dLow, dHigh, dScore, dOut, dLazy, gossipFactor, heartbeatInterval,
        fanoutTtl, mcacheLength, mcacheGossip, seenTtl, maxSeenEntries, pruneBackoff, unsubscribeBackoff,
        graftFloodThreshold, doPx, prunePeers, floodPublish, maxIHaveLength, maxIHaveMessages, iwantFollowupTime,
        gossipRetransmission, opportunisticGraftTicks, opportunisticGraftPeers, idontwantMinDataSize, idontwantMaxIds,
        idontwantTtlHeartbeats, maxOutboundQueueBytes, maxSubscriptionsPerPeer, maxPendingValidations, limits, f, scoreParams,
        scoreThresholds);
  }

  public GossipConfig withScoring(PeerScoreParams params, PeerScoreThresholds thresholds) {
    return new GossipConfig(protocols, d, dLow, dHigh, dScore, dOut, dLazy, gossipFactor, heartbeatInterval,
        fanoutTtl, mcacheLength, mcacheGossip, seenTtl, maxSeenEntries, pruneBackoff, unsubscribeBackoff,
        graftFloodThreshold, doPx, prunePeers, floodPublish, maxIHaveLength, maxIHaveMessages, iwantFollowupTime,
        gossipRetransmission, opportunisticGraftTicks, opportunisticGraftPeers, idontwantMinDataSize, idontwantMaxIds,
        idontwantTtlHeartbeats, maxOutboundQueueBytes, maxSubscriptionsPerPeer, maxPendingValidations, limits, messageIdFunction, params,
        thresholds);
  }

  /** Bounds on received RPCs and on each peer's outbound queue. */
  public GossipConfig withLimits(RpcLimits newLimits, int newMaxOutboundQueueBytes) {
    return new GossipConfig(protocols, d, dLow, dHigh, dScore, dOut, dLazy, gossipFactor, heartbeatInterval,
        fanoutTtl, mcacheLength, mcacheGossip, seenTtl, maxSeenEntries, pruneBackoff, unsubscribeBackoff,
        graftFloodThreshold, doPx, prunePeers, floodPublish, maxIHaveLength, maxIHaveMessages, iwantFollowupTime,
        gossipRetransmission, opportunisticGraftTicks, opportunisticGraftPeers, idontwantMinDataSize, idontwantMaxIds,
        idontwantTtlHeartbeats, newMaxOutboundQueueBytes, maxSubscriptionsPerPeer, maxPendingValidations, newLimits, messageIdFunction,
        scoreParams, scoreThresholds);
  }
}
