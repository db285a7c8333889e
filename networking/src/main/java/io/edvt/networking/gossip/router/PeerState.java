package io.edvt.networking.gossip.router;

import io.edvt.networking.gossip.GossipConfig;
import io.edvt.networking.gossip.MessageId;
import io.edvt.networking.transport.crypto.PeerId;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What the router knows about one connected peer. Router thread only. */
final class PeerState {
  final PeerId id;
  /** Whether we dialled the peer (D_out counts these). */
  final boolean outbound;
  final Set<String> topics = new HashSet<>();
  /** IDONTWANT ids and the heartbeat tick after which they expire. */
  private final LinkedHashMap<MessageId, Long> dontWant = new LinkedHashMap<>();
  /** Control RPCs for the peer before our outbound stream is open (answers to an early GRAFT), sent once it is. */
  final java.util.List<io.edvt.networking.gossip.codec.Rpc> beforeReady = new java.util.ArrayList<>();
  static final int MAX_BEFORE_READY = 64;
  PeerSender sender;
  String protocol;
  int ihavesThisHeartbeat;
  int askedThisHeartbeat;
  int idontwantsThisHeartbeat;
  boolean subscriptionLimitLogged;

  PeerState(PeerId id, boolean outbound) {
    this.id = id;
    this.outbound = outbound;
  }

  /** Whether our outbound gossip stream to it is open (only then it can be in a mesh or get gossip). */
  boolean ready() {
    return sender != null;
  }

  boolean supportsIDontWant() {
    return GossipConfig.MESHSUB_V12.equals(protocol);
  }

  void dontWant(MessageId id, long untilTick) {
    dontWant.put(id, untilTick);
  }

  boolean doesNotWant(MessageId id) {
    return !dontWant.isEmpty() && dontWant.containsKey(id);
  }

  void expireDontWant(long tick) {
    for (Iterator<Map.Entry<MessageId, Long>> it = dontWant.entrySet().iterator(); it.hasNext();) {
      if (it.next().getValue() >= tick) {
        break;
      }
      it.remove();
    }
  }

  void newHeartbeat() {
    ihavesThisHeartbeat = 0;
    askedThisHeartbeat = 0;
    idontwantsThisHeartbeat = 0;
  }
}
