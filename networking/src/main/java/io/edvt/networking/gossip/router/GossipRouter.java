package io.edvt.networking.gossip.router;

import io.edvt.networking.gossip.GossipConfig;
import io.edvt.networking.gossip.GossipMessage;
import io.edvt.networking.gossip.GossipTracer;
import io.edvt.networking.gossip.PublishResult;
import io.edvt.networking.gossip.TopicValidator;
import io.edvt.networking.gossip.codec.Rpc;
import io.edvt.networking.transport.crypto.PeerId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The gossipsub router: all its state lives on one thread (the {@code executor} given, single
 * threaded), and every public method hops there, so it may be called from anywhere. The network
 * side reports peers ({@link #peerConnected}, {@link #outboundReady}, {@link #peerDisconnected}) and
 * received RPCs ({@link #rpcReceived}); the application subscribes, sets validators and publishes.
 * Its parts: {@link MessagePipeline} (messages), {@link ControlHandler} (control), {@link Heartbeat}
 * (mesh maintenance and gossip), {@link Outbox} (sending).
 */
public final class GossipRouter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.edvt.networking.gossip");

  private final ScheduledExecutorService executor;
  private final RouterContext ctx;
  private final MessagePipeline pipeline;
  private final ControlHandler control;
  private final Heartbeat heartbeat;
  private final ScheduledFuture<?> heartbeatTask;
  private volatile boolean closed;

  /**
   * @param executor a single-threaded executor that the router owns from now on (closed with it)
   * @param clock milliseconds
   * @param peerExchange gets the peer ids of a peer exchange (from, peers) that the peer manager may dial
   */
  public GossipRouter(GossipConfig config, PeerId self, ScheduledExecutorService executor, LongSupplier clock,
      GossipTracer tracer, BiConsumer<PeerId, List<PeerId>> peerExchange) {
    this.executor = executor;
    this.ctx = new RouterContext(config, self, clock, tracer, new Random());
    this.pipeline = new MessagePipeline(ctx, this::execute);
    this.control = new ControlHandler(ctx, pipeline, peerExchange);
    this.heartbeat = new Heartbeat(ctx, pipeline);
    long period = config.heartbeatInterval().toMillis();
    this.heartbeatTask = executor.scheduleAtFixedRate(() -> guarded(heartbeat::run), Math.min(100, period), period,
        TimeUnit.MILLISECONDS);
  }

  public GossipConfig config() {
    return ctx.config;
  }

  public PeerId self() {
    return ctx.self;
  }

  // ------------------------------------------------------------------------------ threading

  void execute(Runnable r) {
    if (!closed) {
      try {
        executor.execute(() -> guarded(r));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing
      }
    }
  }

  private void guarded(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "gossip router task failed", e);
    }
  }

  /** Runs {@code query} on the router thread (tests, metrics). */
  public <T> CompletableFuture<T> inspect(Supplier<T> query) {
    CompletableFuture<T> f = new CompletableFuture<>();
    execute(() -> {
      try {
        f.complete(query.get());
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    return f;
  }

  // ------------------------------------------------------------------------------ application

  /**
   * Subscribes to {@code topic}: announces it to every peer and joins its mesh. {@code handler} gets
   * each accepted message once, on the router thread (hand heavy work elsewhere).
   */
  public CompletableFuture<Void> subscribe(String topic, Consumer<GossipMessage> handler) {
    return inspect(() -> {
      if (ctx.subscriptions.put(topic, handler) != null) {
        return null;
      }
      announce(new Rpc.SubOpts(true, topic));
      Set<PeerId> mesh = ctx.mesh.join(topic);
      mesh.removeIf(p -> ctx.score(p) < 0);
      for (PeerId p : mesh) {
        ctx.score.graft(p, topic);
        ctx.outbox.graft(p, topic);
        ctx.tracer.graft(p, topic, false);
      }
      long now = ctx.now();
      long slack = ctx.config.heartbeatInterval().toMillis();
      for (PeerId p : ctx.shuffledTopicPeers(topic, s -> !mesh.contains(s.id)
          && !ctx.backoff.active(topic, s.id, now, slack) && ctx.score(s.id) >= 0)) {
        if (mesh.size() >= ctx.config.d()) {
          break;
        }
        ctx.graft(p, topic);
      }
      ctx.outbox.flush();
      return null;
    });
  }

  /** Leaves the mesh of {@code topic} (PRUNE with the unsubscribe backoff) and announces it. */
  public CompletableFuture<Void> unsubscribe(String topic) {
    return inspect(() -> {
      if (ctx.subscriptions.remove(topic) == null) {
        return null;
      }
      announce(new Rpc.SubOpts(false, topic));
      for (PeerId p : List.copyOf(ctx.mesh.meshPeers(topic))) {
        ctx.prune(p, topic, true, ctx.config.unsubscribeBackoff().toMillis());
      }
      ctx.mesh.leave(topic);
      ctx.outbox.flush();
      return null;
    });
  }

  /** Sets the validator of {@code topic} (default: accept all). */
  public CompletableFuture<Void> setValidator(String topic, TopicValidator validator) {
    return inspect(() -> {
      ctx.validators.put(topic, validator);
      return null;
    });
  }

  /**
   * Publishes {@code data} on {@code topic} as our own message; fails with an
   * {@link IllegalStateException} if that message was seen already.
   */
  public CompletableFuture<PublishResult> publish(String topic, byte[] data) {
    return inspect(() -> pipeline.publish(topic, data));
  }

  private void announce(Rpc.SubOpts sub) {
    Rpc rpc = new Rpc(List.of(sub), List.of(), null);
    for (PeerState p : ctx.peers.values()) {
      if (p.ready()) {
        ctx.outbox.send(p.id, rpc);
      }
    }
  }

  // ------------------------------------------------------------------------------ network

  /** A connection to {@code peer} is up ({@code outbound}: we dialled); {@code ip} for P6, may be null. */
  public void peerConnected(PeerId peer, boolean outbound, String ip) {
    execute(() -> {
      if (!ctx.peers.containsKey(peer)) {
        ctx.peers.put(peer, new PeerState(peer, outbound));
        ctx.score.addPeer(peer, ip);
      }
    });
  }

  /** Our outbound gossip stream to {@code peer} is open with {@code protocol}: send it our subscriptions. */
  public void outboundReady(PeerId peer, String protocol, PeerSender sender) {
    execute(() -> {
      PeerState p = ctx.peers.get(peer);
      if (p == null) {
        return;
      }
      p.sender = sender;
      p.protocol = protocol;
      if (!ctx.subscriptions.isEmpty()) {
        List<Rpc.SubOpts> subs = new ArrayList<>();
        for (String t : ctx.subscriptions.keySet()) {
          subs.add(new Rpc.SubOpts(true, t));
        }
        ctx.outbox.send(peer, new Rpc(subs, List.of(), null));
      }
      for (Rpc early : p.beforeReady) {
        ctx.outbox.send(peer, early);
      }
      p.beforeReady.clear();
    });
  }

  /** Our outbound stream to {@code peer} closed while the peer stays connected: it leaves every mesh. */
  public void outboundLost(PeerId peer) {
    execute(() -> {
      PeerState p = ctx.peers.get(peer);
      if (p != null) {
        p.sender = null;
        p.protocol = null;
        for (String topic : ctx.mesh.meshTopics()) {
          if (ctx.mesh.meshPeers(topic).remove(peer)) {
            ctx.score.prune(peer, topic);
          }
        }
        ctx.mesh.removePeer(peer);
      }
    });
  }

  /** The last connection to {@code peer} closed. */
  public void peerDisconnected(PeerId peer) {
    execute(() -> {
      PeerState p = ctx.peers.remove(peer);
      if (p == null) {
        return;
      }
      for (String t : p.topics) {
        Set<PeerId> s = ctx.topicPeers.get(t);
        if (s != null) {
          s.remove(peer);
          if (s.isEmpty()) {
            ctx.topicPeers.remove(t);
          }
        }
      }
      ctx.mesh.removePeer(peer);
      ctx.score.removePeer(peer);
    });
  }

  /** An RPC decoded from {@code peer}'s stream. */
  public void rpcReceived(PeerId peer, Rpc rpc) {
    execute(() -> handleRpc(peer, rpc));
  }

  private void handleRpc(PeerId peer, Rpc rpc) {
    PeerState from = ctx.peers.get(peer);
    if (from == null) {
      return;
    }
    if (ctx.score(peer) < ctx.config.scoreThresholds().graylistThreshold()) {
      return; // graylisted: every RPC is ignored
    }
    for (Rpc.SubOpts s : rpc.subscriptions()) {
      onSubscription(from, s);
    }
    for (Rpc.Message m : rpc.messages()) {
      pipeline.onMessage(from, m);
    }
    if (rpc.control() != null) {
      control.onControl(from, rpc.control());
    }
    ctx.outbox.flush();
  }

  private void onSubscription(PeerState from, Rpc.SubOpts s) {
    String topic = s.topic();
    if (topic == null) {
      return;
    }
    if (s.subscribe()) {
      if (!from.topics.contains(topic) && from.topics.size() >= ctx.config.maxSubscriptionsPerPeer()) {
        if (!from.subscriptionLimitLogged) {
          from.subscriptionLimitLogged = true;
          LOG.log(System.Logger.Level.INFO, "peer {0} subscribes to more than {1} topics; ignoring the rest", from.id,
              ctx.config.maxSubscriptionsPerPeer());
        }
        return;
      }
      from.topics.add(topic);
      ctx.topicPeers.computeIfAbsent(topic, t -> new HashSet<>()).add(from.id);
    } else {
      from.topics.remove(topic);
      Set<PeerId> set = ctx.topicPeers.get(topic);
      if (set != null) {
        set.remove(from.id);
        if (set.isEmpty()) {
          ctx.topicPeers.remove(topic);
        }
      }
      if (ctx.mesh.meshPeers(topic).remove(from.id)) {
        ctx.score.prune(from.id, topic);
      }
      ctx.mesh.fanoutPeersOrEmpty(topic).remove(from.id);
    }
  }

  // ------------------------------------------------------------------------------ inspection

  /** The mesh peers of {@code topic}. */
  public CompletableFuture<Set<PeerId>> meshPeers(String topic) {
    return inspect(() -> Set.copyOf(ctx.mesh.meshPeers(topic)));
  }

  public CompletableFuture<Set<PeerId>> fanoutPeers(String topic) {
    return inspect(() -> Set.copyOf(ctx.mesh.fanoutPeersOrEmpty(topic)));
  }

  /** The peers we know to be subscribed to {@code topic}. */
  public CompletableFuture<Set<PeerId>> topicPeers(String topic) {
    return inspect(() -> Set.copyOf(ctx.topicPeers(topic)));
  }

  public CompletableFuture<Double> score(PeerId peer) {
    return inspect(() -> ctx.score(peer));
  }

  /** Sizes of the seen cache and message cache, for tests and metrics. */
  public CompletableFuture<int[]> cacheSizes() {
    return inspect(() -> new int[] {ctx.seen.size(), ctx.mcache.size()});
  }

  @Override
  public void close() {
    closed = true;
    heartbeatTask.cancel(false);
    executor.shutdown();
  }
}
