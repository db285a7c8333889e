package io.edvt.networking.gossip.router;

import io.edvt.networking.gossip.GossipMessage;
import io.edvt.networking.gossip.MessageId;
import io.edvt.networking.gossip.PublishResult;
import io.edvt.networking.gossip.TopicValidator;
import io.edvt.networking.gossip.ValidationResult;
import io.edvt.networking.gossip.codec.Rpc;
import io.edvt.networking.gossip.codec.RpcCodec;
import io.edvt.networking.transport.crypto.PeerId;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Messages, received and published: the StrictNoSign check, the message id, the seen cache,
 * IDONTWANT to the mesh, asynchronous validation per topic, then delivery, caching for IWANT and
 * forwarding to the mesh (ACCEPT), nothing (IGNORE) or an invalid-delivery penalty (REJECT).
 * Our own messages are flood-published (or sent to the mesh or fanout). Router thread only.
 */
final class MessagePipeline {
  private static final System.Logger LOG = System.getLogger("io.edvt.networking.gossip");

  private final RouterContext ctx;
  private final Executor routerThread;
  /**
   * A validation that takes longer than this is given up (its message counts as ignored; a late
   * result still delivers an accepted message), so that a validator that never answers cannot fill
   * the bound on pending validations for good.
   */
  static final long VALIDATION_TIMEOUT_MS = 120_000;

  /** Messages under validation (in start order) and the peers that sent them meanwhile (not forwarded to them; scored with the result). */
  private final Map<MessageId, Validation> validating = new LinkedHashMap<>();

  private record Validation(long started, Set<PeerId> senders) {}

  MessagePipeline(RouterContext ctx, Executor routerThread) {
    this.ctx = ctx;
    this.routerThread = routerThread;
  }

  boolean isValidating(MessageId id) {
    return validating.containsKey(id);
  }

  void onMessage(PeerState from, Rpc.Message m) {
    String topic = m.topic();
    if (!ctx.subscriptions.containsKey(topic)) {
      return; // not a topic of ours: neither delivered nor relayed
    }
    if (m.hasAuthorFields()) {
      ctx.score.rejectInvalidMessage(from.id, topic);
      ctx.tracer.rejected(from.id, topic, ValidationResult.REJECT,
          "StrictNoSign: the message carries from, seqno, signature or key");
      return;
    }
    MessageId id;
    try {
      id = ctx.config.messageIdFunction().apply(topic, m.data());
    } catch (RuntimeException e) {
      ctx.score.rejectInvalidMessage(from.id, topic);
      ctx.tracer.rejected(from.id, topic, ValidationResult.REJECT, "message id: " + e);
      return;
    }
    if (validating.size() >= ctx.config.maxPendingValidations() && !ctx.seen.contains(id)) {
      ctx.tracer.rejected(from.id, topic, ValidationResult.IGNORE, "validation queue full ("
          + ctx.config.maxPendingValidations() + ")");
      return; // not marked seen: the message can still come again once the validators caught up
    }
    if (!ctx.seen.add(id)) {
      ctx.score.duplicateMessage(from.id, id, topic);
      Validation v = validating.get(id);
      if (v != null) {
        v.senders().add(from.id);
      }
      ctx.tracer.duplicate(from.id, id);
      return;
    }
    ctx.promises.fulfilled(id);
    ctx.score.validateMessage(id);
    sendIDontWant(topic, id, m.data().length, from.id);
    Set<PeerId> senders = new HashSet<>(4);
    senders.add(from.id);
    validating.put(id, new Validation(ctx.now(), senders));
    GossipMessage gm = new GossipMessage(topic, m.data(), id, from.id);
    TopicValidator validator = ctx.validators.getOrDefault(topic, TopicValidator.ACCEPT_ALL);
    CompletableFuture<ValidationResult> f;
    try {
      f = validator.validate(gm);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    if (f.isDone()) {
      finish(m, gm, f.handle((r, e) -> e != null ? null : r).join(), f.isCompletedExceptionally());
    } else {
      f.whenComplete((r, e) -> routerThread.execute(() -> finish(m, gm, e != null ? null : r, e != null)));
    }
  }

  private void finish(Rpc.Message m, GossipMessage gm, ValidationResult result, boolean failed) {
    Validation v = validating.remove(gm.id());
    Set<PeerId> senders = v == null ? Set.of(gm.from()) : v.senders();
    if (failed || result == null) {
      result = ValidationResult.IGNORE;
    }
    switch (result) {
      case ACCEPT -> {
        ctx.score.deliverMessage(gm.from(), gm.id(), gm.topic());
        ctx.mcache.put(gm.id(), m);
        Consumer<GossipMessage> handler = ctx.subscriptions.get(gm.topic());
        if (handler != null) {
          try {
            handler.accept(gm);
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "subscriber of " + gm.topic() + " failed", e);
          }
        }
        ctx.tracer.delivered(gm);
        forward(m, gm.id(), gm.topic(), senders);
      }
      case REJECT -> {
        ctx.score.rejectMessage(gm.from(), gm.id(), gm.topic());
        ctx.tracer.rejected(gm.from(), gm.topic(), result, "validator rejected it");
      }
      case IGNORE -> {
        ctx.score.ignoreMessage(gm.id());
        ctx.tracer.rejected(gm.from(), gm.topic(), result, failed ? "validator failed" : "validator ignored it");
      }
    }
  }

  /** Gives up validations older than {@link #VALIDATION_TIMEOUT_MS} (every heartbeat). */
  void expireValidations() {
    long cutoff = ctx.now() - VALIDATION_TIMEOUT_MS;
    for (Iterator<Map.Entry<MessageId, Validation>> it = validating.entrySet().iterator(); it.hasNext();) {
      Map.Entry<MessageId, Validation> e = it.next();
      if (e.getValue().started() > cutoff) {
        break;
      }
      it.remove();
      ctx.score.ignoreMessage(e.getKey());
    }
  }

  /** Forwards a validated message to the mesh, except to the peers that sent it or said IDONTWANT. */
  private void forward(Rpc.Message m, MessageId id, String topic, Set<PeerId> exclude) {
    List<PeerState> targets = new ArrayList<>();
    for (PeerId p : ctx.mesh.meshPeers(topic)) {
      PeerState s = ctx.peers.get(p);
      if (s != null && s.ready() && !exclude.contains(p) && !s.doesNotWant(id)) {
        targets.add(s);
      }
    }
    if (!targets.isEmpty()) {
      ctx.outbox.sendToAll(targets, RpcCodec.encodeFrame(ByteBufAllocator.DEFAULT, Rpc.ofMessages(List.of(m))));
    }
  }

  /** meshsub 1.2.0: tells the other mesh peers at once that we have a large message, before validating it. */
  private void sendIDontWant(String topic, MessageId id, int size, PeerId from) {
    if (size < ctx.config.idontwantMinDataSize()) {
      return;
    }
    List<PeerState> targets = new ArrayList<>();
    for (PeerId p : ctx.mesh.meshPeers(topic)) {
      PeerState s = ctx.peers.get(p);
      if (s != null && s.ready() && s.supportsIDontWant() && !p.equals(from)) {
        targets.add(s);
        ctx.tracer.idontwant(p, 1, false);
      }
    }
    if (!targets.isEmpty()) {
      Rpc.Control c = new Rpc.Control(List.of(), List.of(), List.of(), List.of(),
          List.of(new Rpc.IDontWant(List.of(id.bytes()))));
      ctx.outbox.sendToAll(targets, RpcCodec.encodeFrame(ByteBufAllocator.DEFAULT, Rpc.ofControl(c)));
    }
  }

  /**
   * Publishes our own message: to every topic peer at or above the publish threshold (flood
   * publishing), or else to the mesh, or to the fanout when we are not subscribed.
   *
   * @throws IllegalStateException when the message was seen already (published or received)
   */
  PublishResult publish(String topic, byte[] data) {
    MessageId id = ctx.config.messageIdFunction().apply(topic, data);
    if (!ctx.seen.add(id)) {
      throw new IllegalStateException("message " + id + " on " + topic + " was seen already");
    }
    Rpc.Message m = Rpc.Message.unsigned(topic, data);
    ctx.mcache.put(id, m);
    double threshold = ctx.config.scoreThresholds().publishThreshold();
    List<PeerState> targets = new ArrayList<>();
    if (ctx.config.floodPublish()) {
      for (PeerId p : ctx.topicPeers(topic)) {
        PeerState s = ctx.peers.get(p);
        if (s != null && s.ready() && ctx.score(p) >= threshold) {
          targets.add(s);
        }
      }
    } else {
      Set<PeerId> chosen;
      if (ctx.mesh.joined(topic)) {
        chosen = ctx.mesh.meshPeers(topic);
      } else {
        chosen = ctx.mesh.fanout(topic);
        if (chosen.isEmpty()) {
          for (PeerId p : ctx.shuffledTopicPeers(topic, s -> ctx.score(s.id) >= threshold)) {
            if (chosen.size() >= ctx.config.d()) {
              break;
            }
            chosen.add(p);
          }
        }
        ctx.mesh.published(topic, ctx.now());
      }
      for (PeerId p : chosen) {
        PeerState s = ctx.peers.get(p);
        if (s != null && s.ready()) {
          targets.add(s);
        }
      }
    }
    if (!ctx.mesh.joined(topic) && ctx.config.floodPublish()) {
      ctx.mesh.published(topic, ctx.now()); // keeps a fanout for gossip about our message
      Set<PeerId> fanout = ctx.mesh.fanout(topic);
      if (fanout.isEmpty()) {
        for (PeerId p : ctx.shuffledTopicPeers(topic, s -> ctx.score(s.id) >= threshold)) {
          if (fanout.size() >= ctx.config.d()) {
            break;
          }
          fanout.add(p);
        }
      }
    }
    int n = targets.isEmpty() ? 0
        : ctx.outbox.sendToAll(targets, RpcCodec.encodeFrame(ByteBufAllocator.DEFAULT, Rpc.ofMessages(List.of(m))));
    return new PublishResult(id, n);
  }
}
