package io.edvt.networking.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.networking.gossip.Gossip;
import io.edvt.networking.gossip.GossipConfig;
import io.edvt.networking.gossip.GossipTracer;
import io.edvt.networking.interop.JsInstall;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.host.HostConfig;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.edvt.networking.transport.yamux.YamuxSession;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xerial.snappy.Snappy;

/**
 * Gossip latency over a line of four peers, A-B-C-D (three hops): publish at A, time the arrival at
 * D's subscriber, one message at a time, eth2 parameters and message id; for our hosts and then for
 * four js-libp2p nodes with {@code @libp2p/gossipsub} ({@code src/test/js/gossip-bench.mjs}) on the
 * same machine in the same run. Rounds alternate the set-ups (the machine is shared); the table takes
 * each one's best median.
 *
 * <pre>
 *   mvn -q -pl networking -am test-compile
 *   mvn -q -pl networking -am dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 *   java -cp networking/target/classes:networking/target/test-classes:$(cat networking/target/cp.txt) \
 *     io.edvt.networking.bench.GossipBench [rawBytes=512,102400] [messages=500] [rounds=3]
 * </pre>
 */
public final class GossipBench {
  private static final String TOPIC = "/eth2/00000000/beacon_block/ssz_snappy";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int WARMUP = 200;

  private GossipBench() {}

  /** Latencies in milliseconds: median, p90, p99, mean. */
  record Stats(double median, double p90, double p99, double mean) {
    static Stats of(double[] ms) {
      double[] s = ms.clone();
      Arrays.sort(s);
      return new Stats(q(s, 0.5), q(s, 0.9), q(s, 0.99), Arrays.stream(s).average().orElse(0));
    }

    private static double q(double[] s, double f) {
      return s[Math.min(s.length - 1, (int) (f * s.length))];
    }

    @Override
    public String toString() {
      return String.format("median %.3f ms (%.3f per hop), p90 %.3f, p99 %.3f, mean %.3f", median, median / 3, p90, p99,
          mean);
    }
  }

  public static void main(String[] args) throws Exception {
    int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "512,102400").split(",")).mapToInt(Integer::parseInt).toArray();
    int messages = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
        + " cores; line A-B-C-D, " + messages + " messages per size after " + WARMUP + " for warm-up, " + rounds
        + " alternating rounds");
    for (int size : sizes) {
      Stats[] best = new Stats[3];
      for (int round = 1; round <= rounds; round++) {
        Stats own = measure(size, messages, false);
        Stats shared = measure(size, messages, true);
        JsonNode js = runJs(size, messages);
        Stats jsStats = new Stats(js.get("medianMs").asDouble(), js.get("p90Ms").asDouble(), js.get("p99Ms").asDouble(),
            js.get("meanMs").asDouble());
        System.out.printf("%d B round %d (load %s):%n  EDVT, thread per peer:    %s%n  EDVT, all on 1 thread:    %s%n"
            + "  js-libp2p, 1 process:     %s%n", size, round, load(), own, shared, jsStats);
        Stats[] now = {own, shared, jsStats};
        for (int k = 0; k < 3; k++) {
          if (best[k] == null || now[k].median() < best[k].median()) {
            best[k] = now[k];
          }
        }
      }
      System.out.println();
      System.out.printf("| %d B payload, best of %d rounds | A to D median ms | per hop ms | p90 ms | p99 ms |%n", size,
          rounds);
      System.out.println("| --- | --- | --- | --- | --- |");
      String[] names = {"EDVT, a thread per peer (event loop + router)", "EDVT, all four peers on 1 thread",
          "js-libp2p 3.3.11 + @libp2p/gossipsub 17.1.1, 1 process"};
      for (int k = 0; k < 3; k++) {
        System.out.printf("| %s | %.3f | %.3f | %.3f | %.3f |%n", names[k], best[k].median(), best[k].median() / 3,
            best[k].p90(), best[k].p99());
      }
      System.out.println();
    }
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private static Stats measure(int size, int messages, boolean oneThread) throws Exception {
    GossipConfig config = GossipConfig.eth2(Duration.ofSeconds(2 * 32 * 12));
    EventLoopGroup shared = oneThread ? new NioEventLoopGroup(1) : null;
    List<Host> hosts = new ArrayList<>();
    List<Gossip> gossips = new ArrayList<>();
    List<EventLoopGroup> groups = new ArrayList<>();
    CompletableFuture<?>[] arrival = new CompletableFuture<?>[1];
    long[] arrivedAt = new long[1];
    try {
      for (int i = 0; i < 4; i++) {
        HostConfig hc = HostConfig.defaults(Secp256k1PrivateKey.generate(RANDOM)).withMuxers(List.of(YamuxSession.PROTOCOL_ID));
        EventLoopGroup g = shared != null ? shared : new NioEventLoopGroup(1);
        if (shared == null) {
          groups.add(g);
        }
        Host h = Host.start(hc, g);
        hosts.add(h);
        ScheduledExecutorService routerThread = shared != null ? shared.next() : Executors.newSingleThreadScheduledExecutor();
        gossips.add(Gossip.start(h, config, GossipTracer.NONE, (f, p) -> { }, routerThread));
      }
      List<Multiaddr> addrs = new ArrayList<>();
      for (Host h : hosts) {
        addrs.add(h.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")).get(5, TimeUnit.SECONDS));
      }
      for (int i = 0; i < 4; i++) {
        int k = i;
        gossips.get(i).subscribe(TOPIC, m -> {
          if (k == 3) {
            arrivedAt[0] = System.nanoTime();
            arrival[0].complete(null);
          }
        }).get(5, TimeUnit.SECONDS);
      }
      for (int i = 0; i < 3; i++) {
        hosts.get(i).dial(addrs.get(i + 1)).get(10, TimeUnit.SECONDS);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!meshed(gossips, hosts)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the line did not form a mesh in 30 s");
        }
        Thread.sleep(50);
      }
      for (int i = 0; i < WARMUP; i++) {
        once(gossips.getFirst(), size, arrival, arrivedAt);
      }
      double[] ms = new double[messages];
      for (int i = 0; i < messages; i++) {
        ms[i] = once(gossips.getFirst(), size, arrival, arrivedAt);
      }
      return Stats.of(ms);
    } finally {
      hosts.forEach(Host::close);
      if (shared == null) {
        gossips.forEach(Gossip::close);
        for (EventLoopGroup g : groups) {
          g.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
      } else {
        shared.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
      }
    }
  }

  private static boolean meshed(List<Gossip> gossips, List<Host> hosts) throws Exception {
    for (int i = 0; i < 3; i++) {
      if (!gossips.get(i).meshPeers(TOPIC).get().contains(hosts.get(i + 1).peerId())
          || !gossips.get(i + 1).meshPeers(TOPIC).get().contains(hosts.get(i).peerId())) {
        return false;
      }
    }
    return true;
  }

  private static double once(Gossip a, int size, CompletableFuture<?>[] arrival, long[] arrivedAt) throws Exception {
    byte[] raw = new byte[size];
    RANDOM.nextBytes(raw);
    byte[] data = Snappy.compress(raw);
    arrival[0] = new CompletableFuture<>();
    long t0 = System.nanoTime();
    a.publish(TOPIC, data);
    arrival[0].get(10, TimeUnit.SECONDS);
    return (arrivedAt[0] - t0) / 1e6;
  }

  private static JsonNode runJs(int size, int messages) throws Exception {
    Path dir = JsInstall.dir();
    Process p = new ProcessBuilder("node", "--require", "./polyfill.cjs", "gossip-bench.mjs", Integer.toString(size),
        Integer.toString(messages), Integer.toString(WARMUP)).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("gossip-bench.mjs failed:\n" + out);
    }
    String last = out.strip().lines().reduce((x, y) -> y).orElse("");
    return new ObjectMapper().readTree(last);
  }
}
