package io.edvt.networking.gossip.router;

import io.edvt.networking.gossip.MessageId;
import io.edvt.networking.gossip.codec.Rpc;
import io.edvt.networking.gossip.codec.RpcCodec;
import io.edvt.networking.transport.crypto.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What goes out to peers: control entries gathered per peer and flushed as one RPC (after each
 * received RPC and each heartbeat, as go-libp2p and js-libp2p do), and frames sent at once
 * (messages, IDONTWANT). Encodes once per RPC; a frame for several peers is shared.
 */
final class Outbox {
  private final RouterContext ctx;
  private final Map<PeerId, Pending> pending = new LinkedHashMap<>();

  private static final class Pending {
    final List<Rpc.IHave> ihave = new ArrayList<>();
    final List<Rpc.IWant> iwant = new ArrayList<>();
    final List<Rpc.Graft> graft = new ArrayList<>();
    final List<Rpc.Prune> prune = new ArrayList<>();
  }

  Outbox(RouterContext ctx) {
    this.ctx = ctx;
  }

  private Pending pending(PeerId peer) {
    return pending.computeIfAbsent(peer, p -> new Pending());
  }

  void graft(PeerId peer, String topic) {
    pending(peer).graft.add(new Rpc.Graft(topic));
  }

  void prune(PeerId peer, String topic, List<PeerId> px, long backoffMillis) {
    List<Rpc.PeerInfo> infos = new ArrayList<>();
    for (PeerId p : px) {
      infos.add(new Rpc.PeerInfo(p.toBytes(), null));
    }
    long seconds = (backoffMillis + 999) / 1000;
    Pending q = pending(peer);
    q.graft.removeIf(g -> g.topic().equals(topic)); // a GRAFT and a PRUNE in one heartbeat: the PRUNE wins
    q.prune.add(new Rpc.Prune(topic, infos, seconds));
  }

  void ihave(PeerId peer, String topic, List<MessageId> ids) {
    pending(peer).ihave.add(new Rpc.IHave(topic, ids.stream().map(MessageId::bytes).toList()));
    ctx.tracer.ihave(peer, ids.size(), false);
  }

  void iwant(PeerId peer, List<MessageId> ids) {
    pending(peer).iwant.add(new Rpc.IWant(ids.stream().map(MessageId::bytes).toList()));
    ctx.tracer.iwant(peer, ids.size(), false);
  }

  /** Sends every peer's gathered control entries as one RPC each. */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    for (Map.Entry<PeerId, Pending> e : pending.entrySet()) {
      Pending q = e.getValue();
      Rpc.Control c = new Rpc.Control(q.ihave, q.iwant, q.graft, q.prune, List.of());
      if (!c.isEmpty()) {
        send(e.getKey(), Rpc.ofControl(c));
      }
    }
    pending.clear();
  }

  /**
   * Sends {@code rpc} to one peer now, or keeps it (up to a bound) until our stream to the peer is
   * open; false when it was dropped.
   */
  boolean send(PeerId peer, Rpc rpc) {
    PeerState p = ctx.peers.get(peer);
    if (p == null) {
      return false;
    }
    if (!p.ready()) {
      if (p.beforeReady.size() >= PeerState.MAX_BEFORE_READY) {
        return false;
      }
      p.beforeReady.add(rpc);
      return true;
    }
    return send(p, RpcCodec.encodeFrame(ByteBufAllocator.DEFAULT, rpc));
  }

  /** Sends one encoded frame to each of {@code peers} (takes ownership of {@code frame}); returns how many took it. */
  int sendToAll(List<PeerState> peers, ByteBuf frame) {
    int n = 0;
    try {
      for (PeerState p : peers) {
        if (send(p, frame.retainedDuplicate())) {
          n++;
        }
      }
    } finally {
      frame.release();
    }
    return n;
  }

  private boolean send(PeerState p, ByteBuf frame) {
    int bytes = frame.readableBytes();
    if (!p.sender.send(frame)) {
      ctx.tracer.dropped(p.id, bytes);
      return false;
    }
    return true;
  }
}
