package io.edvt.networking.gossip.router;

import io.edvt.networking.gossip.MessageId;
import io.edvt.networking.gossip.codec.Rpc;
import io.edvt.networking.gossip.codec.RpcCodec;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Control messages from a peer (gossipsub v1.1 and v1.2): IHAVE (ask for what we lack, bounded per
 * heartbeat, with an IWANT promise), IWANT (serve from the message cache, bounded retransmissions),
 * GRAFT (accept, or PRUNE when we are not in the topic, during a backoff (P7), for a negative score
 * or a full mesh), PRUNE (leave the mesh, honour the backoff, pass peer exchange on) and IDONTWANT
 * (do not forward those messages to the peer for a few heartbeats). Router thread only.
 */
final class ControlHandler {
  private final RouterContext ctx;
  private final MessagePipeline pipeline;
  private final BiConsumer<PeerId, List<PeerId>> peerExchange;

  ControlHandler(RouterContext ctx, MessagePipeline pipeline, BiConsumer<PeerId, List<PeerId>> peerExchange) {
    this.ctx = ctx;
    this.pipeline = pipeline;
    this.peerExchange = peerExchange;
  }

  void onControl(PeerState from, Rpc.Control c) {
    if (!c.iwant().isEmpty()) {
      serveIWant(from, c.iwant());
    }
    if (!c.ihave().isEmpty()) {
      onIHave(from, c.ihave());
    }
    for (Rpc.Graft g : c.graft()) {
      onGraft(from, g.topic());
    }
    for (Rpc.Prune p : c.prune()) {
      onPrune(from, p);
    }
    for (Rpc.IDontWant d : c.idontwant()) {
      onIDontWant(from, d);
    }
  }

  private void onIHave(PeerState from, List<Rpc.IHave> ihaves) {
    int total = 0;
    for (Rpc.IHave h : ihaves) {
      total += h.messageIds().size();
    }
    ctx.tracer.ihave(from.id, total, true);
    if (ctx.score(from.id) < ctx.config.scoreThresholds().gossipThreshold()) {
      return;
    }
    if (++from.ihavesThisHeartbeat > ctx.config.maxIHaveMessages() || from.askedThisHeartbeat >= ctx.config.maxIHaveLength()) {
      return;
    }
    Set<MessageId> wanted = new LinkedHashSet<>();
    for (Rpc.IHave h : ihaves) {
      if (h.topic() == null || !ctx.mesh.joined(h.topic())) {
        continue;
      }
      for (byte[] raw : h.messageIds()) {
        MessageId id = MessageId.wrap(raw);
        if (!ctx.seen.contains(id) && !pipeline.isValidating(id)) {
          wanted.add(id);
        }
      }
    }
    if (wanted.isEmpty()) {
      return;
    }
    List<MessageId> ask = new ArrayList<>(wanted);
    int room = ctx.config.maxIHaveLength() - from.askedThisHeartbeat;
    if (ask.size() > room) {
      Collections.shuffle(ask, ctx.random);
      ask = ask.subList(0, room);
    }
    from.askedThisHeartbeat += ask.size();
    ctx.promises.add(from.id, ask.get(ctx.random.nextInt(ask.size())));
    ctx.outbox.iwant(from.id, ask);
  }

  private void serveIWant(PeerState from, List<Rpc.IWant> iwants) {
    int total = 0;
    for (Rpc.IWant w : iwants) {
      total += w.messageIds().size();
    }
    ctx.tracer.iwant(from.id, total, true);
    if (ctx.score(from.id) < ctx.config.scoreThresholds().gossipThreshold() || !from.ready()) {
      return;
    }
    int served = 0;
    for (Rpc.IWant w : iwants) {
      for (byte[] raw : w.messageIds()) {
        if (served >= ctx.config.maxIHaveLength()) {
          return;
        }
        MessageId id = MessageId.wrap(raw);
        Rpc.Message m = ctx.mcache.getForPeer(id, from.id, ctx.config.gossipRetransmission());
        if (m != null && !from.doesNotWant(id)) {
          served++;
          ctx.outbox.sendToAll(List.of(from), RpcCodec.encodeFrame(ByteBufAllocator.DEFAULT, Rpc.ofMessages(List.of(m))));
        }
      }
    }
  }

  private void onGraft(PeerState from, String topic) {
    ctx.tracer.graft(from.id, topic, true);
    if (topic == null) {
      return;
    }
    long now = ctx.now();
    if (!ctx.mesh.joined(topic)) {
      // not our topic: refuse without peer exchange, so as not to leak our peers
      ctx.outbox.prune(from.id, topic, List.of(), ctx.config.pruneBackoff().toMillis());
      return;
    }
    if (ctx.mesh.inMesh(topic, from.id)) {
      return;
    }
    long backoff = ctx.config.pruneBackoff().toMillis();
    if (ctx.backoff.active(topic, from.id, now, 0)) {
      ctx.score.addPenalty(from.id, 1);
      long floodCutoff = ctx.backoff.until(topic, from.id) + ctx.config.graftFloodThreshold().toMillis() - backoff;
      if (now < floodCutoff) {
        ctx.score.addPenalty(from.id, 1);
      }
      refuse(from.id, topic, false, backoff);
      return;
    }
    if (ctx.score(from.id) < 0) {
      refuse(from.id, topic, false, backoff);
      return;
    }
    if (ctx.mesh.meshPeers(topic).size() >= ctx.config.dHigh() && !from.outbound) {
      refuse(from.id, topic, true, backoff);
      return;
    }
    ctx.mesh.meshPeers(topic).add(from.id);
    ctx.score.graft(from.id, topic);
  }

  private void refuse(PeerId peer, String topic, boolean px, long backoffMillis) {
    ctx.prune(peer, topic, px, backoffMillis);
  }

  private void onPrune(PeerState from, Rpc.Prune p) {
    ctx.tracer.prune(from.id, p.topic(), true);
    if (p.topic() == null || !ctx.mesh.joined(p.topic())) {
      return;
    }
    ctx.mesh.meshPeers(p.topic()).remove(from.id);
    ctx.score.prune(from.id, p.topic());
    long backoffMillis = p.backoffSeconds() != null ? Math.min(p.backoffSeconds(), 24 * 3600L) * 1000
        : ctx.config.pruneBackoff().toMillis();
    ctx.backoff.set(p.topic(), from.id, ctx.now() + backoffMillis);
    if (!p.peers().isEmpty() && ctx.score(from.id) >= ctx.config.scoreThresholds().acceptPXThreshold()) {
      List<PeerId> px = new ArrayList<>();
      for (Rpc.PeerInfo info : p.peers()) {
        try {
          if (info.peerId() != null) {
            PeerId id = PeerId.fromBytes(info.peerId());
            if (!id.equals(ctx.self) && !ctx.peers.containsKey(id)) {
              px.add(id);
            }
          }
        } catch (WireFormatException | IllegalArgumentException e) {
          // a malformed peer id in PX: skip it
        }
      }
      if (!px.isEmpty()) {
        peerExchange.accept(from.id, px);
      }
    }
  }

  private void onIDontWant(PeerState from, Rpc.IDontWant d) {
    ctx.tracer.idontwant(from.id, d.messageIds().size(), true);
    long until = ctx.ticks + ctx.config.idontwantTtlHeartbeats();
    for (byte[] raw : d.messageIds()) {
      if (++from.idontwantsThisHeartbeat > ctx.config.idontwantMaxIds()) {
        return;
      }
      from.dontWant(MessageId.wrap(raw), until);
    }
  }
}
