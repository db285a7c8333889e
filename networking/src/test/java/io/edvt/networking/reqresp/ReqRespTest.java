package io.edvt.networking.reqresp;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.host.HostConfig;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two hosts talking req/resp: chunks, errors, timeouts, rate limits and concurrency limits. */
@Timeout(60)
class ReqRespTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** {@code uint64 -> uint64}, one chunk. */
  private static final RpcMethod<UInt64, UInt64> ECHO = RpcMethod.singleChunk("echo", 1, Optional.of(SszTypes.UINT64),
      ResponseTypes.single(SszTypes.UINT64));

  /** {@code uint64 n -> n chunks 0..n-1}, each with context 0x00000000 for even values and 0x00000001 for odd. */
  private static final RpcMethod<UInt64, UInt64> COUNT = new RpcMethod<>("count", 1, Optional.of(SszTypes.UINT64),
      new ResponseTypes<>() {
        @Override
        public int contextLength() {
          return 4;
        }

        @Override
        public io.edvt.infrastructure.ssz.SszType<UInt64> typeFor(Bytes context) {
          if (!context.equals(Bytes.fromHexString("0x00000000")) && !context.equals(Bytes.fromHexString("0x00000001"))) {
            throw new WireFormatException("unknown context");
          }
          return SszTypes.UINT64;
        }

        @Override
        public Bytes contextOf(UInt64 value) {
          return Bytes.fromHexString(value.longValue() % 2 == 0 ? "0x00000000" : "0x00000001");
        }

        @Override
        public byte[] serialize(UInt64 value) {
          return SszTypes.UINT64.serialize(value);
        }
      }, UInt64::longValue, false, UInt64::longValue);

  /** No request content (like metadata). */
  private static final RpcMethod<Void, UInt64> NO_CONTENT = RpcMethod.singleChunk("nocontent", 1, Optional.empty(),
      ResponseTypes.single(SszTypes.UINT64));

  private final List<Host> hosts = new ArrayList<>();
  private final List<ReqResp> engines = new ArrayList<>();

  @AfterEach
  void stop() {
    hosts.forEach(Host::close);
    engines.forEach(ReqResp::close);
  }

  private Host host(String muxer) {
    Host h = Host.start(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)).withMuxers(List.of(muxer))
        .withEventLoopThreads(1));
    hosts.add(h);
    return h;
  }

  private ReqResp engine(ReqRespConfig config) {
    ReqResp r = new ReqResp(config);
    engines.add(r);
    return r;
  }

  private static Connection connect(Host from, Host to) throws Exception {
    Multiaddr addr = to.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS);
    return from.dial(addr).get(5, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    try {
      f.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure, got " + f.join());
  }

  private record Pair(Connection connection, ReqResp client, ReqResp server, Host serverHost) {}

  private Pair pair(String muxer, ReqRespConfig serverConfig) throws Exception {
    Host a = host(muxer);
    Host b = host(muxer);
    ReqResp client = engine(ReqRespConfig.defaults());
    ReqResp server = engine(serverConfig);
    server.register(b.registry(), ECHO, (peer, req, out) -> {
      out.next(req.plus(1));
      out.complete();
    });
    server.register(b.registry(), COUNT, (peer, n, out) -> {
      for (long i = 0; i < n.longValue(); i++) {
        out.whenWritable().join();
        out.next(UInt64.valueOf(i));
      }
      out.complete();
    });
    server.register(b.registry(), NO_CONTENT, (peer, none, out) -> {
      out.next(UInt64.valueOf(42));
      out.complete();
    });
    return new Pair(connect(a, b), client, server, b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/yamux/1.0.0", "/mplex/6.7.0"})
  void answersSingleAndMultiChunkRequests(String muxer) throws Exception {
    Pair p = pair(muxer, ReqRespConfig.defaults());
    assertThat(p.client().request(p.connection(), ECHO, UInt64.valueOf(41)).get(5, TimeUnit.SECONDS))
        .containsExactly(UInt64.valueOf(42));
    List<UInt64> streamed = new CopyOnWriteArrayList<>();
    long n = p.client().request(p.connection(), COUNT, UInt64.valueOf(50), streamed::add).get(5, TimeUnit.SECONDS);
    assertThat(n).isEqualTo(50);
    assertThat(streamed).extracting(UInt64::longValue).containsExactlyElementsOf(
        java.util.stream.LongStream.range(0, 50).boxed().toList());
    assertThat(p.client().request(p.connection(), COUNT, UInt64.ZERO).get(5, TimeUnit.SECONDS)).isEmpty();
    assertThat(p.client().request(p.connection(), NO_CONTENT, null).get(5, TimeUnit.SECONDS))
        .containsExactly(UInt64.valueOf(42));
  }

  @Test
  void handlerErrorsReachTheRequesterWithTheirCodeAndMessage() throws Exception {
    Pair p = pair("/yamux/1.0.0", ReqRespConfig.defaults());
    RpcMethod<UInt64, UInt64> failing = RpcMethod.singleChunk("failing", 1, Optional.of(SszTypes.UINT64),
        ResponseTypes.single(SszTypes.UINT64));
    p.server().register(p.serverHost().registry(), failing, (peer, req, out) -> {
      if (req.longValue() == 1) {
        throw new RpcErrorException(ResponseCode.RESOURCE_UNAVAILABLE, "no blocks before slot 64");
      }
      throw new IllegalStateException("database on fire");
    });
    Throwable e1 = failure(p.client().request(p.connection(), failing, UInt64.ONE));
    assertThat(e1).isInstanceOf(RpcErrorException.class).hasMessage("no blocks before slot 64");
    assertThat(((RpcErrorException) e1).code()).isEqualTo(3);
    Throwable e2 = failure(p.client().request(p.connection(), failing, UInt64.valueOf(2)));
    assertThat(((RpcErrorException) e2).code()).isEqualTo(ResponseCode.SERVER_ERROR);
    assertThat(e2).hasMessage("internal error"); // the cause stays in our log, not on the wire
  }

  /** Writes raw bytes on a stream of {@code protocol}, half-closes, and collects the response chunks. */
  private static CompletableFuture<List<ResponseDecoder.Chunk>> raw(Connection c, String protocol, byte[] request,
      boolean close) {
    CompletableFuture<List<ResponseDecoder.Chunk>> result = new CompletableFuture<>();
    ResponseDecoder decoder = new ResponseDecoder(ResponseTypes.single(SszTypes.UINT64).bounds(1 << 20), 10);
    List<ResponseDecoder.Chunk> chunks = new ArrayList<>();
    c.openStream(protocol, new StreamHandler() {
      @Override
      public void onActive(Stream stream) {
        stream.write(Unpooled.wrappedBuffer(request));
        if (close) {
          stream.closeWrite();
        }
      }

      @Override
      public void onData(Stream stream, ByteBuf data) {
        try {
          chunks.addAll(decoder.decode(data));
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        } finally {
          data.release();
        }
      }

      @Override
      public void onRemoteClosed(Stream stream) {
        chunks.addAll(decoder.finish());
        result.complete(chunks);
        stream.closeWrite();
      }

      @Override
      public void onClosed(Stream stream, io.edvt.networking.transport.api.StreamClosedException cause) {
        if (cause != null) {
          result.completeExceptionally(cause);
        }
      }
    });
    return result;
  }

  private static String message(ResponseDecoder.Chunk c) {
    return new String(c.payload(), StandardCharsets.UTF_8);
  }

  @Test
  void malformedRequestsGetInvalidRequestWithTheReason() throws Exception {
    Pair p = pair("/yamux/1.0.0", ReqRespConfig.defaults());
    byte[] good = io.netty.buffer.ByteBufUtil.getBytes(ChunkEncoder.request(new byte[8]));

    byte[] badCrc = good.clone();
    badCrc[badCrc.length - 1] ^= 1;
    List<ResponseDecoder.Chunk> r1 = raw(p.connection(), ECHO.protocolId(), badCrc, true).get(5, TimeUnit.SECONDS);
    assertThat(r1).singleElement().satisfies(c -> {
      assertThat(c.code()).isEqualTo(ResponseCode.INVALID_REQUEST);
      assertThat(message(c)).contains("CRC32C mismatch");
    });

    byte[] wrongLength = io.netty.buffer.ByteBufUtil.getBytes(ChunkEncoder.request(new byte[9]));
    List<ResponseDecoder.Chunk> r2 = raw(p.connection(), ECHO.protocolId(), wrongLength, true).get(5, TimeUnit.SECONDS);
    assertThat(message(r2.getFirst())).isEqualTo("request: length prefix 9 outside [8, 8] for uint64");

    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
    List<ResponseDecoder.Chunk> r3 = raw(p.connection(), ECHO.protocolId(), truncated, true).get(5, TimeUnit.SECONDS);
    assertThat(message(r3.getFirst())).contains("stream ended after 0 of the 8 announced bytes");

    List<ResponseDecoder.Chunk> r4 = raw(p.connection(), NO_CONTENT.protocolId(), new byte[0], true).get(5, TimeUnit.SECONDS);
    assertThat(r4).singleElement().satisfies(c -> assertThat(c.code()).isZero());
  }

  @Test
  void theRequesterTimesOutWithoutAFirstByteAndBetweenChunks() throws Exception {
    Pair p = pair("/yamux/1.0.0", ReqRespConfig.defaults());
    RpcMethod<UInt64, UInt64> stalls = new RpcMethod<>("stalls", 1, Optional.of(SszTypes.UINT64),
        ResponseTypes.single(SszTypes.UINT64), q -> 10, false, q -> 1);
    p.server().register(p.serverHost().registry(), stalls, (peer, req, out) -> {
      for (long i = 0; i < req.longValue(); i++) {
        out.next(UInt64.valueOf(i));
      }
      // and never completes
    });
    ReqResp impatient = engine(ReqRespConfig.defaults().withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300)));
    long t0 = System.nanoTime();
    Throwable ttfb = failure(impatient.request(p.connection(), stalls, UInt64.ZERO));
    assertThat(ttfb).isInstanceOf(RpcTimeoutException.class).hasMessageContaining("no response byte within PT0.3S");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(10));

    List<UInt64> got = new CopyOnWriteArrayList<>();
    Throwable resp = failure(impatient.request(p.connection(), stalls, UInt64.valueOf(3), got::add));
    assertThat(resp).isInstanceOf(RpcTimeoutException.class).hasMessageContaining("no response chunk within PT0.3S");
    assertThat(got).hasSize(3);
  }

  @Test
  void theResponderWithholdsWithinItsBoundAndRefusesBeyondIt() throws Exception {
    ReqRespConfig limited = ReqRespConfig.defaults()
        .withRateLimits(Map.of(ECHO.key(), new RateLimit(2, 5), COUNT.key(), new RateLimit(100, 1000)))
        .withDefaultRateLimit(new RateLimit(100, 10), Duration.ofMillis(500));
    Pair p = pair("/yamux/1.0.0", limited);
    p.client().request(p.connection(), ECHO, UInt64.ONE).get(5, TimeUnit.SECONDS);
    p.client().request(p.connection(), ECHO, UInt64.ONE).get(5, TimeUnit.SECONDS);
    long t0 = System.nanoTime();
    p.client().request(p.connection(), ECHO, UInt64.ONE).get(5, TimeUnit.SECONDS); // one token at 5/s: ~200 ms
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    // three more at once: the first waits ~200 ms more, the next ~400, the last would wait ~600 > 500: refused
    List<CompletableFuture<List<UInt64>>> burst = new ArrayList<>();
    ReqResp many = engine(new ReqRespConfig(ReqRespConfig.DEFAULT_MAX_PAYLOAD_SIZE, Duration.ofSeconds(5),
        Duration.ofSeconds(10), 10, Map.of(), new RateLimit(100, 10), Duration.ofSeconds(1)));
    for (int i = 0; i < 3; i++) {
      burst.add(many.request(p.connection(), ECHO, UInt64.ONE));
    }
    int refused = 0;
    for (CompletableFuture<List<UInt64>> f : burst) {
      try {
        f.get(5, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(RpcErrorException.class);
        assertThat(((RpcErrorException) e.getCause()).code()).isEqualTo(ResponseCode.RATE_LIMITED);
        refused++;
      }
    }
    assertThat(refused).isGreaterThanOrEqualTo(1);
    // another method has its own bucket
    assertThat(p.client().request(p.connection(), COUNT, UInt64.valueOf(3)).get(5, TimeUnit.SECONDS)).hasSize(3);
  }

  @Test
  void atMostTwoRequestsOfAMethodAreOpenPerPeerAndTheRestWait() throws Exception {
    Pair p = pair("/yamux/1.0.0", ReqRespConfig.defaults());
    RpcMethod<UInt64, UInt64> slow = RpcMethod.singleChunk("slow", 1, Optional.of(SszTypes.UINT64),
        ResponseTypes.single(SszTypes.UINT64));
    AtomicInteger open = new AtomicInteger();
    AtomicInteger maxOpen = new AtomicInteger();
    p.server().register(p.serverHost().registry(), slow, (peer, req, out) -> {
      maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      open.decrementAndGet();
      out.next(req);
      out.complete();
    });
    List<CompletableFuture<List<UInt64>>> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(p.client().request(p.connection(), slow, UInt64.valueOf(i)));
    }
    for (int i = 0; i < 6; i++) {
      assertThat(all.get(i).get(10, TimeUnit.SECONDS)).containsExactly(UInt64.valueOf(i));
    }
    assertThat(maxOpen.get()).isEqualTo(2);

    // a peer that opens a third stream anyway is refused on it
    List<CompletableFuture<List<ResponseDecoder.Chunk>>> rude = new ArrayList<>();
    byte[] request = io.netty.buffer.ByteBufUtil.getBytes(ChunkEncoder.request(new byte[8]));
    for (int i = 0; i < 3; i++) {
      rude.add(raw(p.connection(), slow.protocolId(), request, true));
    }
    long rateLimited = 0;
    for (CompletableFuture<List<ResponseDecoder.Chunk>> f : rude) {
      rateLimited += f.get(5, TimeUnit.SECONDS).stream().filter(c -> c.code() == ResponseCode.RATE_LIMITED).count();
    }
    assertThat(rateLimited).isEqualTo(1);
  }

  @Test
  void aRequestKeepsItsTurnUntilItsStreamHasClosed() throws Exception {
    // The responder counts a request until its stream closes. A requester that took its turn back
    // at the last chunk (found by ReqRespBench, two pings in flight) opened a third stream while the
    // responder still counted two, and was refused with RateLimited.
    Pair p = pair("/yamux/1.0.0", ReqRespConfig.defaults());
    RpcMethod<UInt64, UInt64> lingering = RpcMethod.singleChunk("lingering", 1, Optional.of(SszTypes.UINT64),
        ResponseTypes.single(SszTypes.UINT64));
    p.server().register(p.serverHost().registry(), lingering, (peer, req, out) -> {
      out.next(req);
      try {
        Thread.sleep(100); // the chunk is out, the stream stays open a while
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out.complete();
    });
    List<CompletableFuture<List<UInt64>>> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(p.client().request(p.connection(), lingering, UInt64.valueOf(i)));
    }
    for (int i = 0; i < 6; i++) {
      assertThat(all.get(i).get(10, TimeUnit.SECONDS)).containsExactly(UInt64.valueOf(i));
    }
  }

  @Test
  void aChunkOverTheRequestersPayloadLimitFailsTheRequest() throws Exception {
    Pair p = pair("/yamux/1.0.0", ReqRespConfig.defaults());
    RpcMethod<UInt64, Bytes> big = RpcMethod.singleChunk("big", 1, Optional.of(SszTypes.UINT64),
        ResponseTypes.single(SszTypes.byteList(1 << 20)));
    p.server().register(p.serverHost().registry(), big, (peer, req, out) -> {
      out.next(Bytes.wrap(new byte[(int) req.longValue()]));
      out.complete();
    });
    ReqResp small = engine(ReqRespConfig.defaults().withMaxPayloadSize(1000));
    assertThat(small.request(p.connection(), big, UInt64.valueOf(1000)).get(5, TimeUnit.SECONDS).getFirst().size())
        .isEqualTo(1000);
    Throwable e = failure(small.request(p.connection(), big, UInt64.valueOf(1001)));
    assertThat(e).isInstanceOf(WireFormatException.class).hasMessageContaining("length prefix 1001 outside [0, 1000]");
  }
}
