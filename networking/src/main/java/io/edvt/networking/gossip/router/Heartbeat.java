package io.edvt.networking.gossip.router;

import io.edvt.networking.gossip.GossipConfig;
import io.edvt.networking.gossip.MessageId;
import io.edvt.networking.transport.crypto.PeerId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One gossipsub heartbeat (v1.1 "Heartbeat" with the scoring extensions): decay scores and charge
 * broken IWANT promises; per mesh topic prune negative-score peers, graft up to D below D_low,
 * prune down to D above D_high (keeping the D_score best and D_out outbound peers), top up outbound
 * peers, graft opportunistically when the median score is low; keep fanouts fresh; emit IHAVE
 * gossip to D_lazy non-mesh peers; flush the gathered GRAFT/PRUNE/IHAVE; shift the message cache
 * and expire the seen cache, IDONTWANTs and validations that never ended. Router thread only.
 */
final class Heartbeat {
  private final RouterContext ctx;
  private final MessagePipeline pipeline;
  private Map<PeerId, Double> scores;

  Heartbeat(RouterContext ctx, MessagePipeline pipeline) {
    this.ctx = ctx;
    this.pipeline = pipeline;
  }

  private double score(PeerId p) {
    return scores.computeIfAbsent(p, ctx::score);
  }

  void run() {
    GossipConfig c = ctx.config;
    long now = ctx.now();
    ctx.ticks++;
    ctx.score.refresh();
    ctx.promises.takeBroken().forEach(ctx.score::addPenalty);
    scores = new HashMap<>();
    for (PeerState p : ctx.peers.values()) {
      p.newHeartbeat();
      p.expireDontWant(ctx.ticks);
    }
    long slack = c.heartbeatInterval().toMillis();
    if (ctx.ticks % 15 == 0) {
      ctx.backoff.expire(now, slack);
    }
    for (String topic : List.copyOf(ctx.mesh.meshTopics())) {
      maintainMesh(topic, now, slack);
    }
    maintainFanout(now);
    for (String topic : ctx.mesh.meshTopics()) {
      emitGossip(topic, ctx.mesh.meshPeers(topic));
    }
    for (String topic : ctx.mesh.fanoutTopics()) {
      emitGossip(topic, ctx.mesh.fanoutPeersOrEmpty(topic));
    }
    ctx.outbox.flush();
    ctx.mcache.shift();
    ctx.seen.expire();
    pipeline.expireValidations();
    scores = null;
  }

  private void maintainMesh(String topic, long now, long slack) {
    GossipConfig c = ctx.config;
    Set<PeerId> mesh = ctx.mesh.meshPeers(topic);
    long backoff = c.pruneBackoff().toMillis();
    for (PeerId p : List.copyOf(mesh)) {
      if (score(p) < 0) {
        ctx.prune(p, topic, false, backoff);
      }
    }
    if (mesh.size() < c.dLow()) {
      List<PeerId> candidates = candidates(topic, mesh, now, slack, false);
      for (int i = 0; i < candidates.size() && mesh.size() < c.d(); i++) {
        ctx.graft(candidates.get(i), topic);
      }
    }
    if (mesh.size() > c.dHigh()) {
      List<PeerId> ranked = new ArrayList<>(mesh);
      Collections.shuffle(ranked, ctx.random);
      ranked.sort(Comparator.comparingDouble(this::score).reversed());
      List<PeerId> rest = new ArrayList<>(ranked.subList(c.dScore(), ranked.size()));
      Collections.shuffle(rest, ctx.random);
      // outbound peers first among the rest, as many as D_out needs beyond the best D_score
      int outboundKept = 0;
      for (PeerId p : ranked.subList(0, c.dScore())) {
        if (isOutbound(p)) {
          outboundKept++;
        }
      }
      if (outboundKept < c.dOut()) {
        int need = c.dOut() - outboundKept;
        List<PeerId> ordered = new ArrayList<>();
        for (PeerId p : rest) {
          if (need > 0 && isOutbound(p)) {
            ordered.add(p);
            need--;
          }
        }
        for (PeerId p : rest) {
          if (!ordered.contains(p)) {
            ordered.add(p);
          }
        }
        rest = ordered;
      }
      List<PeerId> keep = new ArrayList<>(ranked.subList(0, c.dScore()));
      keep.addAll(rest.subList(0, c.d() - c.dScore()));
      for (PeerId p : ranked) {
        if (!keep.contains(p)) {
          ctx.prune(p, topic, true, backoff);
        }
      }
    }
    if (mesh.size() >= c.dLow()) {
      int outbound = 0;
      for (PeerId p : mesh) {
        if (isOutbound(p)) {
          outbound++;
        }
      }
      if (outbound < c.dOut()) {
        List<PeerId> candidates = candidates(topic, mesh, now, slack, true);
        for (int i = 0; i < candidates.size() && i < c.dOut() - outbound; i++) {
          ctx.graft(candidates.get(i), topic);
        }
      }
    }
    if (c.opportunisticGraftTicks() > 0 && ctx.ticks % c.opportunisticGraftTicks() == 0 && mesh.size() > 1) {
      List<Double> s = new ArrayList<>();
      for (PeerId p : mesh) {
        s.add(score(p));
      }
      Collections.sort(s);
      double median = s.get(s.size() / 2);
      if (median < c.scoreThresholds().opportunisticGraftThreshold()) {
        List<PeerId> candidates = candidates(topic, mesh, now, slack, false);
        int grafted = 0;
        for (PeerId p : candidates) {
          if (grafted >= c.opportunisticGraftPeers()) {
            break;
          }
          if (score(p) > median) {
            ctx.graft(p, topic);
            grafted++;
          }
        }
      }
    }
  }

  private boolean isOutbound(PeerId p) {
    PeerState s = ctx.peers.get(p);
    return s != null && s.outbound;
  }

  /** Ready topic peers outside the mesh, not in backoff, with a score of at least 0, shuffled. */
  private List<PeerId> candidates(String topic, Set<PeerId> mesh, long now, long slack, boolean outboundOnly) {
    return ctx.shuffledTopicPeers(topic, s -> !mesh.contains(s.id) && (!outboundOnly || s.outbound)
        && !ctx.backoff.active(topic, s.id, now, slack) && score(s.id) >= 0);
  }

  private void maintainFanout(long now) {
    ctx.mesh.expireFanout(now, ctx.config.fanoutTtl().toMillis());
    double threshold = ctx.config.scoreThresholds().publishThreshold();
    for (String topic : ctx.mesh.fanoutTopics()) {
      Set<PeerId> fanout = ctx.mesh.fanoutPeersOrEmpty(topic);
      Set<PeerId> subscribed = ctx.topicPeers(topic);
      fanout.removeIf(p -> !subscribed.contains(p) || score(p) < threshold);
      if (fanout.size() < ctx.config.d()) {
        for (PeerId p : ctx.shuffledTopicPeers(topic, s -> !fanout.contains(s.id) && score(s.id) >= threshold)) {
          if (fanout.size() >= ctx.config.d()) {
            break;
          }
          fanout.add(p);
        }
      }
    }
  }

  private void emitGossip(String topic, Set<PeerId> exclude) {
    List<MessageId> ids = ctx.mcache.gossipIds(topic);
    if (ids.isEmpty()) {
      return;
    }
    double threshold = ctx.config.scoreThresholds().gossipThreshold();
    List<PeerId> peers = ctx.shuffledTopicPeers(topic, s -> !exclude.contains(s.id) && score(s.id) >= threshold);
    int target = Math.max(ctx.config.dLazy(), (int) (ctx.config.gossipFactor() * peers.size()));
    for (int i = 0; i < peers.size() && i < target; i++) {
      List<MessageId> sent = ids;
      if (ids.size() > ctx.config.maxIHaveLength()) {
        sent = new ArrayList<>(ids);
        Collections.shuffle(sent, ctx.random);
        sent = sent.subList(0, ctx.config.maxIHaveLength());
      }
      ctx.outbox.ihave(peers.get(i), topic, sent);
    }
  }
}
