package io.edvt.networking.bench;

import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.host.HostConfig;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.edvt.networking.transport.yamux.YamuxSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * QUIC ({@code /quic-v1}: TLS 1.3 in quiche/BoringSSL, native streams) against TCP with noise +
 * yamux, between two of our hosts on loopback, one event-loop thread each: bulk throughput of one
 * stream (64 KiB writes that respect backpressure, counted by the receiver; best of three) and
 * connection set-up time (dial to a usable connection, secp256k1 identities; median and p90 of
 * sequential dials after a warm-up). Rounds alternate the transports.
 *
 * <pre>
 *   java -cp ... io.edvt.networking.bench.QuicVsTcpBench [megabytes=256] [dials=200] [rounds=3]
 * </pre>
 */
public final class QuicVsTcpBench {
  private static final String SINK = "/edvt/bench/sink/1.0.0";
  private static final SecureRandom RANDOM = new SecureRandom();

  private QuicVsTcpBench() {}

  public static void main(String[] args) throws Exception {
    int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int dials = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
        + " cores; " + megabytes + " MiB over one stream, " + dials + " sequential dials, " + rounds + " rounds");
    double[][] best = {{0, Double.MAX_VALUE, Double.MAX_VALUE}, {0, Double.MAX_VALUE, Double.MAX_VALUE}};
    for (int round = 1; round <= rounds; round++) {
      for (int t = 0; t < 2; t++) {
        boolean quic = t == 1;
        double[] r = measure(quic, megabytes, dials);
        best[t][0] = Math.max(best[t][0], r[0]);
        best[t][1] = Math.min(best[t][1], r[1]);
        best[t][2] = Math.min(best[t][2], r[2]);
        System.out.printf("round %d %-22s %8.1f MB/s   set-up median %6.2f ms  p90 %6.2f ms   (load %.2f)%n", round,
            quic ? "QUIC" : "TCP+noise+yamux", r[0], r[1], r[2],
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      }
    }
    System.out.printf("best: TCP+noise+yamux %.1f MB/s, set-up %.2f ms (p90 %.2f) | QUIC %.1f MB/s, set-up %.2f ms (p90 %.2f)%n",
        best[0][0], best[0][1], best[0][2], best[1][0], best[1][1], best[1][2]);
    System.exit(0);
  }

  private static Host host() {
    return Host.start(HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)).withEventLoopThreads(1)
        .withMuxers(List.of(YamuxSession.PROTOCOL_ID)));
  }

  /** {MB/s, set-up median ms, set-up p90 ms}. */
  static double[] measure(boolean quic, int megabytes, int dials) throws Exception {
    try (Host server = host(); Host client = host()) {
      CompletableFuture<?>[] done = new CompletableFuture<?>[1];
      long[] target = new long[1];
      long[] received = new long[1];
      server.registry().register(SINK, () -> (stream, data) -> {
        received[0] += data.readableBytes();
        data.release();
        if (received[0] >= target[0]) {
          done[0].complete(null);
        }
      });
      Multiaddr addr = server.listen(Multiaddr.parse(quic ? "/ip4/127.0.0.1/udp/0/quic-v1" : "/ip4/127.0.0.1/tcp/0"))
          .get(5, TimeUnit.SECONDS);
      // Set-up time: sequential dials, each closed before the next.
      for (int i = 0; i < 30; i++) {
        client.dial(addr).get(10, TimeUnit.SECONDS).close().get(5, TimeUnit.SECONDS);
      }
      double[] ms = new double[dials];
      for (int i = 0; i < dials; i++) {
        long t0 = System.nanoTime();
        Connection c = client.dial(addr).get(10, TimeUnit.SECONDS);
        ms[i] = (System.nanoTime() - t0) / 1e6;
        c.close().get(5, TimeUnit.SECONDS);
      }
      Arrays.sort(ms);
      // Throughput: warm-up transfer, then the best of three.
      Connection c = client.dial(addr).get(10, TimeUnit.SECONDS);
      double bestMbps = 0;
      for (int k = 0; k < 4; k++) {
        long bytes = (long) megabytes << 20;
        received[0] = 0;
        target[0] = bytes;
        done[0] = new CompletableFuture<>();
        long t0 = System.nanoTime();
        send(c, bytes);
        done[0].get(120, TimeUnit.SECONDS);
        double mbps = bytes / 1e6 / ((System.nanoTime() - t0) / 1e9);
        if (k > 0) {
          bestMbps = Math.max(bestMbps, mbps);
        }
      }
      return new double[] {bestMbps, ms[ms.length / 2], ms[(int) (ms.length * 0.9)]};
    }
  }

  private static void send(Connection c, long bytes) throws Exception {
    byte[] chunk = new byte[64 << 10];
    RANDOM.nextBytes(chunk);
    ByteBuf payload = Unpooled.wrappedBuffer(chunk);
    long[] sent = new long[1];
    CompletableFuture<Void> finished = new CompletableFuture<>();
    c.openStream(SINK, new StreamHandler() {
      @Override
      public void onActive(Stream stream) {
        pump(stream);
      }

      @Override
      public void onWritabilityChanged(Stream stream) {
        pump(stream);
      }

      private void pump(Stream stream) {
        while (stream.isWritable() && sent[0] < bytes) {
          stream.write(payload.retainedDuplicate());
          sent[0] += chunk.length;
        }
        if (sent[0] >= bytes && !finished.isDone()) {
          finished.complete(null);
          stream.closeWrite();
        }
      }

      @Override
      public void onData(Stream stream, ByteBuf data) {
        data.release();
      }
    }).get(10, TimeUnit.SECONDS);
    finished.get(120, TimeUnit.SECONDS);
  }
}
