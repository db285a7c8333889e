package io.edvt.networking.reqresp;

import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.ProtocolRegistry;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.crypto.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The req/resp domain over the transport: one stream per request, {@code ssz_snappy} encoded.
 *
 * <p>Responder side ({@link #register}): each inbound stream of a method reads one request within
 * its size bounds and {@link ReqRespConfig#ttfbTimeout()}, refuses a peer's request beyond
 * {@code MAX_CONCURRENT_REQUESTS} open ones of that method, charges the peer's token bucket
 * (withholding the answer while it refills, refusing past the bound), then calls the
 * {@link RequestHandler} on a virtual thread; a malformed request gets {@code InvalidRequest}.
 *
 * <p>Requester side ({@link #request}): at most {@code MAX_CONCURRENT_REQUESTS} of one method per
 * peer at a time (more wait their turn; a request holds its turn until its stream has closed, not
 * only until its last chunk, because the responder counts it until then), the request is written
 * and our side closed; the first response byte must come within the TTFB timeout and each further
 * chunk within the response timeout; chunks are checked (context, length within bounds, framing,
 * CRC) and decoded one by one as they arrive. Any failure resets the stream.
 */
public final class ReqResp implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ReqResp.class.getName());

  private final ReqRespConfig config;
  private final RateLimiter rateLimiter;
  private final ScheduledThreadPoolExecutor timer;
  private final ExecutorService handlers;
  private final StreamSlots inbound;
  private final StreamSlots outbound;

  public ReqResp(ReqRespConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.rateLimiter = new RateLimiter(config.rateLimits(), config.defaultRateLimit(), config.maxWithhold().toNanos(),
        System::nanoTime);
    this.timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "reqresp-timer");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    this.handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("reqresp-handler-", 0).factory());
    this.inbound = new StreamSlots(config.maxConcurrentRequests());
    this.outbound = new StreamSlots(config.maxConcurrentRequests());
  }

  public ReqRespConfig config() {
    return config;
  }

  /** Accepts {@code method}'s requests with {@code handler}. */
  public <Q, R> void register(ProtocolRegistry registry, RpcMethod<Q, R> method, RequestHandler<Q, R> handler) {
    registry.register(method.protocolId(), responder(method, handler));
  }

  /** The stream-handler factory of {@code method}'s responder (what {@link #register} registers). */
  public <Q, R> Supplier<StreamHandler> responder(RpcMethod<Q, R> method, RequestHandler<Q, R> handler) {
    return () -> new Responder<>(this, method, handler);
  }

  /**
   * Sends a request and collects the response's chunks.
   *
   * @return the chunks, or a failure: {@link RpcErrorException} (the peer's error chunk),
   *     {@link RpcTimeoutException}, {@link io.edvt.networking.transport.encoding.WireFormatException}
   *     (a malformed or over-long response), {@link io.edvt.networking.transport.api.StreamClosedException}
   */
  public <Q, R> CompletableFuture<List<R>> request(Connection connection, RpcMethod<Q, R> method, Q request) {
    List<R> chunks = new ArrayList<>();
    return request(connection, method, request, chunks::add).thenApply(n -> chunks);
  }

  /**
   * Sends a request; each chunk goes to {@code onChunk} as soon as it is decoded (on the
   * connection's event loop: do not block there).
   *
   * @return the number of chunks, or a failure as for {@link #request(Connection, RpcMethod, Object)}
   */
  public <Q, R> CompletableFuture<Long> request(Connection connection, RpcMethod<Q, R> method, Q request,
      Consumer<? super R> onChunk) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    PeerId peer = connection.remotePeerId();
    String key = method.key();
    // The slot is freed when the stream has closed (or could not be opened), not when the last
    // chunk arrives: the responder frees its slot only when the stream closes, so a next request
    // sent at the last chunk could find the responder still counting the previous ones.
    AtomicBoolean released = new AtomicBoolean();
    Runnable release = () -> {
      if (released.compareAndSet(false, true)) {
        outbound.release(peer, key);
      }
    };
    outbound.runWhenFree(peer, key, () -> {
      Requester<Q, R> requester = new Requester<>(this, method, request, onChunk, done, release);
      connection.openStream(method.protocolId(), requester).whenComplete((stream, error) -> {
        if (error != null) {
          release.run();
          done.completeExceptionally(error instanceof java.util.concurrent.CompletionException ce && ce.getCause() != null
              ? ce.getCause() : error);
        }
      });
    });
    return done;
  }

  /** Forgets a peer's rate-limiter state (call when it disconnects). */
  public void forgetPeer(PeerId peer) {
    rateLimiter.forget(peer);
  }

  RateLimiter rateLimiter() {
    return rateLimiter;
  }

  StreamSlots inboundSlots() {
    return inbound;
  }

  ScheduledThreadPoolExecutor timer() {
    return timer;
  }

  ExecutorService handlers() {
    return handlers;
  }

  static System.Logger log() {
    return LOG;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    handlers.shutdownNow();
  }
}
