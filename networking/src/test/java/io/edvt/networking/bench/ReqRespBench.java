package io.edvt.networking.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.messages.RangeRequest;
import io.edvt.networking.eth2.rpc.Eth2Client;
import io.edvt.networking.eth2.rpc.Eth2Methods;
import io.edvt.networking.eth2.rpc.Eth2Responders;
import io.edvt.networking.eth2.testing.InMemoryChain;
import io.edvt.networking.eth2.testing.TestChains;
import io.edvt.networking.interop.JsInstall;
import io.edvt.networking.reqresp.RateLimit;
import io.edvt.networking.reqresp.ReqResp;
import io.edvt.networking.reqresp.ReqRespConfig;
import io.edvt.networking.reqresp.ResponseTypes;
import io.edvt.networking.reqresp.RpcMethod;
import io.edvt.networking.reqresp.SnappyFrames;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.host.HostConfig;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.edvt.networking.transport.yamux.YamuxSession;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.edvt.SpecVersions;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Req/resp side by side with js-libp2p on the same machine, in the same run: the same workload
 * between two of our hosts and between two js-libp2p 3.3.11 nodes
 * ({@code src/test/js-reqresp/reqresp-bench.mjs}, the ssz_snappy wire format written on js-libp2p
 * streams as Lodestar's {@code @lodestar/reqresp} writes it, with native snappy and CRC32C). Both
 * sides use noise and yamux over loopback, serve the same block bytes (written to
 * {@code target/js-reqresp/blocks.bin}), compress each chunk when they send it and decompress and
 * CRC-check it on arrival, and keep each received block as bytes. After a warm-up (500 pings, 200
 * one-block requests, one whole range) each side measures:
 *
 * <ul>
 *   <li>{@code beacon_blocks_by_range/2} of all 1,000 blocks (about 35 kB of SSZ each, half random
 *       and half zeros, so snappy halves them as it does real blocks) in one request: time to the
 *       first and to the last block, hence blocks/s and MB/s of SSZ;
 *   <li>{@code beacon_blocks_by_range/2} of one block, 500 requests one after the other: latency
 *       median and p99;
 *   <li>{@code ping/1}, 2,000 round trips one after the other (latency median and p99, rate), then
 *       2,000 with two in flight ({@code MAX_CONCURRENT_REQUESTS}).
 * </ul>
 *
 * <p>After the timing both sides compare each block of the whole range with the one served, byte
 * for byte, and the js side prints the SHA-256 of what it received, which must equal ours. Our side
 * also times the full client on the whole range ({@link Eth2Client}: every block decoded into a
 * {@code SignedBeaconBlock}, its slot and parent root checked), and checks the decoded blocks' roots;
 * js has no counterpart for that row. {@code MAX_REQUEST_BLOCKS_DENEB} is raised to 1,024 so that
 * one request asks for all blocks. Rounds alternate the three set-ups (EDVT with both hosts on one
 * event loop thread, as js has one Node thread for both nodes; EDVT with a thread per host; js), and
 * the table takes each one's best. Not a test: run it by hand, on a machine as quiet as can be had.
 *
 * <pre>
 *   mvn -q -pl networking -am test-compile
 *   mvn -q -pl networking -am dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 *   java -cp networking/target/classes:networking/target/test-classes:$(cat networking/target/cp.txt) \
 *     io.edvt.networking.bench.ReqRespBench [pings=2000] [oneBlockRequests=500] [rounds=3]
 * </pre>
 */
public final class ReqRespBench {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BLOCKS = 1000;
  private static final int RANDOM_BYTES = 17_000;
  private static final int ZERO_BYTES = 17_000;
  private static final int WARMUP_PINGS = 500;
  private static final int WARMUP_ONE_BLOCK = 200;
  private static final Bytes CONTEXT = Bytes.fromHexString("0x01020304");
  private static final SpecVersions VERSIONS = TestChains.versions(1_000_000, Map.of("MAX_REQUEST_BLOCKS_DENEB", "1024"));

  /** {@code beacon_blocks_by_range/2} whose chunks are kept as bytes (no SSZ decoding), as the js side does. */
  private static final RpcMethod<RangeRequest, Bytes> RAW_BLOCKS = new RpcMethod<>("beacon_blocks_by_range", 2,
      Optional.of(RangeRequest.TYPE), new ResponseTypes<>() {
        @Override
        public int contextLength() {
          return 4;
        }

        @Override
        public SszType<Bytes> typeFor(Bytes context) {
          return SszTypes.byteList(ReqRespConfig.DEFAULT_MAX_PAYLOAD_SIZE);
        }

        @Override
        public Bytes contextOf(Bytes value) {
          return CONTEXT;
        }

        @Override
        public byte[] serialize(Bytes value) {
          return value.toArrayUnsafe();
        }
      }, r -> r.count().longValue(), false, r -> 1);

  private ReqRespBench() {}

  /**
   * One set-up's measurements (times in ms). {@code decodedMs} is NaN for js; {@code streamBytes} is
   * what js read from the stream for the whole range (-1 on our side, where {@link #responseBytes}
   * gives what our encoder writes).
   */
  record Result(double rangeTtfbMs, double rangeTtlbMs, double decodedMs, double blockMedianMs, double blockP99Ms,
      double pingMedianMs, double pingP99Ms, double pingPerSec, double ping2PerSec, long streamBytes, String sha256) {}

  public static void main(String[] args) throws Exception {
    int pings = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int oneBlockRequests = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    List<SignedBeaconBlock> chain = TestChains.chain(VERSIONS, BLOCKS - 1, s -> false, 42, RANDOM_BYTES, ZERO_BYTES);
    List<Bytes> blocks = chain.stream().map(b -> Bytes.wrap(b.serialize())).toList();
    List<Bytes32> roots = chain.stream().map(b -> b.message().hashTreeRoot()).toList();
    long sszBytes = blocks.stream().mapToLong(Bytes::size).sum();
    long ourStreamBytes = responseBytes(blocks);
    String sha256 = sha256(blocks);
    Path js = JsInstall.dir(JsInstall.REQRESP_BENCH);
    writeBlocks(js.resolve("blocks.bin"), blocks);
    System.out.printf("java %s, %d cores, load %s; %d blocks of %.1f kB on average (%.1f MB of SSZ, %.1f MB as our"
            + " ssz_snappy response); %d pings, %d one-block requests; %d alternating rounds%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), load(), blocks.size(),
        sszBytes / 1e3 / blocks.size(), sszBytes / 1e6, ourStreamBytes / 1e6, pings, oneBlockRequests, rounds);

    String[] names = {"EDVT, both hosts on 1 thread", "EDVT, 1 thread per host", "js-libp2p 3.3.11, 1 process"};
    List<List<Result>> all = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    String nodeVersion = "?";
    for (int round = 1; round <= rounds; round++) {
      String loadBefore = load();
      EventLoopGroup shared = new NioEventLoopGroup(1, new DefaultThreadFactory("shared"));
      Result one = measure(pings, oneBlockRequests, blocks, chain, roots, shared, shared);
      shared.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
      EventLoopGroup a = new NioEventLoopGroup(1, new DefaultThreadFactory("client"));
      EventLoopGroup b = new NioEventLoopGroup(1, new DefaultThreadFactory("server"));
      Result two = measure(pings, oneBlockRequests, blocks, chain, roots, a, b);
      a.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
      b.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
      JsonNode j = runJs(js, pings, oneBlockRequests);
      nodeVersion = j.get("node").asText();
      Result jsr = new Result(j.get("rangeTtfbMs").asDouble(), j.get("rangeTtlbMs").asDouble(), Double.NaN,
          j.get("blockMedianMs").asDouble(), j.get("blockP99Ms").asDouble(), j.get("pingMedianMs").asDouble(),
          j.get("pingP99Ms").asDouble(), j.get("pingPerSec").asDouble(), j.get("ping2InFlightPerSec").asDouble(),
          j.get("streamBytes").asLong(), j.get("sha256").asText());
      if (!jsr.sha256().equals(sha256) || j.get("blocks").asInt() != blocks.size() || j.get("sszBytes").asLong() != sszBytes) {
        throw new IllegalStateException("the js side received other blocks: " + j + ", expected SHA-256 " + sha256);
      }
      Result[] now = {one, two, jsr};
      System.out.printf("round %d (load %s before, %s after):%n", round, loadBefore, load());
      for (int k = 0; k < 3; k++) {
        all.get(k).add(now[k]);
        Result r = now[k];
        System.out.printf("  %-30s range %.1f ms (first block %.2f ms)%s | one block median %.3f ms p99 %.3f |"
                + " ping median %.3f ms p99 %.3f, %.0f/s, 2 in flight %.0f/s%n", names[k], r.rangeTtlbMs(), r.rangeTtfbMs(),
            Double.isNaN(r.decodedMs()) ? "" : String.format(", decoded %.1f ms", r.decodedMs()), r.blockMedianMs(),
            r.blockP99Ms(), r.pingMedianMs(), r.pingP99Ms(), r.pingPerSec(), r.ping2PerSec());
      }
    }
    table(names, all, blocks.size(), sszBytes, ourStreamBytes, sha256, rounds, nodeVersion);
  }

  /** The comparison table: each set-up's best round per row; ratios EDVT / js. */
  private static void table(String[] names, List<List<Result>> all, int blocks, long sszBytes, long ourStreamBytes,
      String sha256, int rounds, String nodeVersion) {
    Result j0 = all.get(2).getFirst();
    System.out.println();
    System.out.printf("Same bytes on both sides: %d blocks, %d bytes of SSZ, SHA-256 %s; ssz_snappy response %d bytes"
        + " (ours, snappy-java) and %d bytes (js, napi-rs snappy).%n", blocks, sszBytes, sha256, ourStreamBytes,
        j0.streamBytes());
    System.out.printf("Best of %d alternating rounds each; load %s at the end; java %s, node %s.%n", rounds, load(),
        System.getProperty("java.version"), nodeVersion);
    System.out.println();
    System.out.println("| metric (best of " + rounds + " rounds) | " + names[0] + " | " + names[1] + " | " + names[2]
        + " | EDVT 1 thread / js | EDVT thread per host / js |");
    System.out.println("| --- | --- | --- | --- | --- | --- |");
    double mb = sszBytes / 1e6;
    row(all, "by_range of " + blocks + " blocks: time to last block, ms (lower is better)", Result::rangeTtlbMs, false, "%.1f");
    row(all, "by_range of " + blocks + ": blocks/s (higher is better)", r -> blocks / (r.rangeTtlbMs() / 1e3), true, "%.0f");
    row(all, "by_range of " + blocks + ": MB/s of SSZ (higher is better)", r -> mb / (r.rangeTtlbMs() / 1e3), true, "%.1f");
    row(all, "by_range of " + blocks + ": time to first block, ms", Result::rangeTtfbMs, false, "%.2f");
    row(all, "by_range of 1 block: median latency, ms", Result::blockMedianMs, false, "%.3f");
    row(all, "by_range of 1 block: p99 latency, ms", Result::blockP99Ms, false, "%.3f");
    row(all, "ping: median latency, ms", Result::pingMedianMs, false, "%.3f");
    row(all, "ping: p99 latency, ms", Result::pingP99Ms, false, "%.3f");
    row(all, "ping: round trips/s, 1 at a time", Result::pingPerSec, true, "%.0f");
    row(all, "ping: round trips/s, 2 in flight", Result::ping2PerSec, true, "%.0f");
    double d0 = best(all.get(0), Result::decodedMs, false);
    double d1 = best(all.get(1), Result::decodedMs, false);
    System.out.printf("| by_range of %d, our full client (SSZ-decoded, slots and parents checked), ms | %.1f | %.1f | -"
        + " | - | - |%n", blocks, d0, d1);
  }

  private static void row(List<List<Result>> all, String name, ToDoubleFunction<Result> f, boolean higherIsBetter,
      String format) {
    double[] b = new double[3];
    for (int k = 0; k < 3; k++) {
      b[k] = best(all.get(k), f, higherIsBetter);
    }
    System.out.printf("| %s | %s | %s | %s | %.2f | %.2f |%n", name, String.format(format, b[0]), String.format(format, b[1]),
        String.format(format, b[2]), b[0] / b[2], b[1] / b[2]);
  }

  private static double best(List<Result> rs, ToDoubleFunction<Result> f, boolean higherIsBetter) {
    return higherIsBetter ? rs.stream().mapToDouble(f).max().orElseThrow() : rs.stream().mapToDouble(f).min().orElseThrow();
  }

  private static Result measure(int pings, int oneBlockRequests, List<Bytes> blocks, List<SignedBeaconBlock> chain,
      List<Bytes32> roots, EventLoopGroup clientGroup, EventLoopGroup serverGroup) throws Exception {
    ReqRespConfig config = ReqRespConfig.defaults().withDefaultRateLimit(new RateLimit(1L << 40, 1e12), Duration.ofSeconds(1));
    ForkDigests digests = new ForkDigests(VERSIONS, Bytes32.ZERO);
    Eth2Methods methods = new Eth2Methods(digests);
    // the engines close last, after the hosts have stopped delivering to them
    try (ReqResp serverRr = new ReqResp(config);
        ReqResp clientRr = new ReqResp(config);
        Host server = Host.start(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM))
            .withMuxers(List.of(YamuxSession.PROTOCOL_ID)), serverGroup);
        Host fullServer = Host.start(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM))
            .withMuxers(List.of(YamuxSession.PROTOCOL_ID)), serverGroup);
        Host client = Host.start(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM))
            .withMuxers(List.of(YamuxSession.PROTOCOL_ID)), clientGroup)) {
      serverRr.register(server.registry(), methods.ping, (peer, seq, out) -> {
        out.next(seq);
        out.complete();
      });
      serverRr.register(server.registry(), RAW_BLOCKS, (peer, req, out) -> {
        int start = (int) req.startSlot().longValue();
        for (int i = start; i < Math.min(blocks.size(), start + req.count().longValue()); i++) {
          out.whenWritable().join(); // handlers run on virtual threads
          out.next(blocks.get(i));
        }
        out.complete();
      });
      // the full path: the responders over an in-memory chain, our client decoding and checking every block
      new Eth2Responders(methods, new InMemoryChain(digests, chain, List.of(), UInt64.ZERO)).register(serverRr,
          fullServer.registry());
      Connection c = client.dial(server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS))
          .get(10, TimeUnit.SECONDS);
      Connection full = client.dial(fullServer.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS))
          .get(10, TimeUnit.SECONDS);
      Eth2Client eth2 = new Eth2Client(clientRr, methods);

      // warm-up, as on the js side (plus the full client)
      for (int i = 0; i < WARMUP_PINGS; i++) {
        ping(clientRr, methods, c, i);
      }
      for (int i = 0; i < WARMUP_ONE_BLOCK; i++) {
        oneBlock(clientRr, c, blocks, i);
      }
      wholeRange(clientRr, c, blocks);
      eth2.blocksByRange(full, UInt64.ZERO, blocks.size()).get(60, TimeUnit.SECONDS);

      double[] pingMs = latencies(pings, i -> ping(clientRr, methods, c, i));
      double pingRate = pingRate(clientRr, methods, c, pings, 1);
      double ping2Rate = pingRate(clientRr, methods, c, pings, 2);
      double[] blockMs = latencies(oneBlockRequests, i -> oneBlock(clientRr, c, blocks, i));
      Range range = wholeRange(clientRr, c, blocks);
      long t0 = System.nanoTime();
      List<SignedBeaconBlock> got = eth2.blocksByRange(full, UInt64.ZERO, blocks.size()).get(60, TimeUnit.SECONDS);
      double decodedMs = (System.nanoTime() - t0) / 1e6;

      // after the timing: the same bytes as served, and the same roots
      for (int i = 0; i < blocks.size(); i++) {
        if (!range.received().get(i).equals(blocks.get(i))) {
          throw new IllegalStateException("block " + i + " differs from the one served");
        }
      }
      if (got.size() != blocks.size()) {
        throw new IllegalStateException("the full client got " + got.size() + " blocks");
      }
      for (int i = 0; i < got.size(); i++) {
        if (!got.get(i).message().hashTreeRoot().equals(roots.get(i))) {
          throw new IllegalStateException("decoded block " + i + " has another root");
        }
      }
      return new Result(range.ttfbMs(), range.ttlbMs(), decodedMs, quantile(blockMs, 0.5), quantile(blockMs, 0.99),
          quantile(pingMs, 0.5), quantile(pingMs, 0.99), pingRate, ping2Rate, -1, sha256(range.received()));
    }
  }

  private interface Call {
    void run(int i) throws Exception;
  }

  /** Latencies in ms of {@code n} calls one after the other, sorted. */
  private static double[] latencies(int n, Call call) throws Exception {
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      call.run(i);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  /** The same quantile as the js side: the element at floor(q n). */
  private static double quantile(double[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
  }

  private static void ping(ReqResp rr, Eth2Methods methods, Connection c, int seq) throws Exception {
    List<UInt64> r = rr.request(c, methods.ping, UInt64.valueOf(seq)).get(10, TimeUnit.SECONDS);
    if (r.size() != 1 || !r.getFirst().equals(UInt64.valueOf(seq))) {
      throw new IllegalStateException("ping " + seq + " answered " + r);
    }
  }

  private static void oneBlock(ReqResp rr, Connection c, List<Bytes> blocks, int i) throws Exception {
    int slot = i % blocks.size();
    List<Bytes> r = rr.request(c, RAW_BLOCKS, RangeRequest.of(slot, 1)).get(10, TimeUnit.SECONDS);
    if (r.size() != 1 || r.getFirst().size() != blocks.get(slot).size()) {
      throw new IllegalStateException("block " + slot + ": " + r.size() + " chunks");
    }
  }

  private static double pingRate(ReqResp rr, Eth2Methods methods, Connection c, int n, int inFlight) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    List<CompletableFuture<Void>> lanes = new ArrayList<>();
    for (int l = 0; l < inFlight; l++) {
      CompletableFuture<Void> lane = new CompletableFuture<>();
      lanes.add(lane);
      pingLoop(rr, methods, c, n, next, lane);
    }
    CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  private static void pingLoop(ReqResp rr, Eth2Methods methods, Connection c, int n, AtomicInteger next,
      CompletableFuture<Void> lane) {
    int seq = next.getAndIncrement();
    if (seq >= n) {
      lane.complete(null);
      return;
    }
    rr.request(c, methods.ping, UInt64.valueOf(seq)).whenComplete((r, e) -> {
      if (e != null) {
        lane.completeExceptionally(e);
      } else if (!r.getFirst().equals(UInt64.valueOf(seq))) {
        lane.completeExceptionally(new IllegalStateException("ping " + seq + " answered " + r.getFirst()));
      } else {
        pingLoop(rr, methods, c, n, next, lane);
      }
    });
  }

  private record Range(double ttfbMs, double ttlbMs, List<Bytes> received) {}

  /** One request of every block, each kept as it arrives. */
  private static Range wholeRange(ReqResp rr, Connection c, List<Bytes> blocks) throws Exception {
    List<Bytes> received = new ArrayList<>(blocks.size());
    long[] first = {0};
    long t0 = System.nanoTime();
    long n = rr.request(c, RAW_BLOCKS, RangeRequest.of(0, blocks.size()), b -> {
      if (received.isEmpty()) {
        first[0] = System.nanoTime();
      }
      received.add(b);
    }).get(60, TimeUnit.SECONDS);
    long t1 = System.nanoTime();
    if (n != blocks.size() || received.size() != blocks.size()) {
      throw new IllegalStateException(n + " blocks, expected " + blocks.size());
    }
    return new Range((first[0] - t0) / 1e6, (t1 - t0) / 1e6, received);
  }

  /** The bytes of our ssz_snappy response of every block: result, context, length prefix, frames. */
  private static long responseBytes(List<Bytes> blocks) {
    long n = 0;
    for (Bytes b : blocks) {
      n += 1 + CONTEXT.size() + uvarintSize(b.size()) + SnappyFrames.encode(b.toArrayUnsafe()).length;
    }
    return n;
  }

  private static int uvarintSize(long v) {
    int n = 1;
    while ((v >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  private static String sha256(List<Bytes> payloads) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Bytes b : payloads) {
      sha.update(b.toArrayUnsafe());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void writeBlocks(Path file, List<Bytes> blocks) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      byte[] len = new byte[4];
      for (Bytes b : blocks) {
        int n = b.size();
        len[0] = (byte) n;
        len[1] = (byte) (n >>> 8);
        len[2] = (byte) (n >>> 16);
        len[3] = (byte) (n >>> 24);
        out.write(len);
        out.write(b.toArrayUnsafe());
      }
    }
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private static JsonNode runJs(Path dir, int pings, int oneBlockRequests) throws Exception {
    Process p = new ProcessBuilder("node", "--require", "./polyfill.cjs", "reqresp-bench.mjs", "blocks.bin",
        Integer.toString(pings), Integer.toString(oneBlockRequests)).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("reqresp-bench.mjs failed:\n" + out);
    }
    String last = out.strip().lines().reduce((x, y) -> y).orElse("");
    return new ObjectMapper().readTree(last);
  }
}
