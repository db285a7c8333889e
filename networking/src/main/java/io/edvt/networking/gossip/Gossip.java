package io.edvt.networking.gossip;

import io.edvt.networking.gossip.net.GossipNetwork;
import io.edvt.networking.gossip.router.GossipRouter;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.host.Host;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Gossipsub ({@code /meshsub/1.2.0}, {@code /meshsub/1.1.0}) on a {@link Host}: what the eth2 layer
 * uses. Fork-agnostic: topics, the message id function and the validators come from the caller.
 *
 * <pre>{@code
 * Gossip gossip = Gossip.start(host, GossipConfig.eth2(Duration.ofSeconds(2 * 32 * 12)));
 * gossip.setValidator(topic, msg -> validateAsync(msg));          // ACCEPT / IGNORE / REJECT
 * gossip.subscribe(topic, msg -> importBlock(msg.data()));        // on the router thread
 * gossip.publish(topic, snappyCompressedSsz);                     // flood-published
 * }</pre>
 *
 * Thread safe; callbacks (validators, subscribers, tracer, peer exchange) run on the one router
 * thread and must not block.
 */
public final class Gossip implements AutoCloseable {
  private final GossipRouter router;
  private final GossipNetwork network;

  private Gossip(GossipRouter router, GossipNetwork network) {
    this.router = router;
    this.network = network;
  }

  public static Gossip start(Host host, GossipConfig config) {
    return start(host, config, GossipTracer.NONE, (from, peers) -> { });
  }

  /**
   * @param peerExchange peers offered by a pruning peer (from, their ids) that a peer manager may dial
   */
  public static Gossip start(Host host, GossipConfig config, GossipTracer tracer,
      BiConsumer<PeerId, List<PeerId>> peerExchange) {
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gossip-" + host.peerId().toBase58().substring(0, 12));
      t.setDaemon(true);
      return t;
    });
    return start(host, config, tracer, peerExchange, thread);
  }

  /**
   * @param routerThread a single-threaded executor for the router's state (e.g. a Netty event loop
   *     to share one thread with the host, as the benchmark does); shut down by {@link #close()}
   */
  public static Gossip start(Host host, GossipConfig config, GossipTracer tracer,
      BiConsumer<PeerId, List<PeerId>> peerExchange, ScheduledExecutorService thread) {
    GossipRouter router = new GossipRouter(config, host.peerId(), thread, System::currentTimeMillis, tracer,
        peerExchange);
    GossipNetwork network = new GossipNetwork(host, router);
    network.start();
    return new Gossip(router, network);
  }

  public CompletableFuture<Void> subscribe(String topic, Consumer<GossipMessage> handler) {
    return router.subscribe(topic, handler);
  }

  public CompletableFuture<Void> unsubscribe(String topic) {
    return router.unsubscribe(topic);
  }

  public CompletableFuture<Void> setValidator(String topic, TopicValidator validator) {
    return router.setValidator(topic, validator);
  }

  public CompletableFuture<PublishResult> publish(String topic, byte[] data) {
    return router.publish(topic, data);
  }

  public CompletableFuture<Set<PeerId>> meshPeers(String topic) {
    return router.meshPeers(topic);
  }

  public CompletableFuture<Set<PeerId>> fanoutPeers(String topic) {
    return router.fanoutPeers(topic);
  }

  public CompletableFuture<Set<PeerId>> topicPeers(String topic) {
    return router.topicPeers(topic);
  }

  public CompletableFuture<Double> score(PeerId peer) {
    return router.score(peer);
  }

  public GossipRouter router() {
    return router;
  }

  @Override
  public void close() {
    network.close();
    router.close();
  }
}
