package io.edvt.networking.bench;

import io.edvt.networking.peers.PeerManagerConfig;
import io.edvt.networking.peers.TestNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How long a node started with one bootnode takes to reach N ready peers in a local network of 16
 * of our nodes (one JVM, loopback; each node a host on TCP and QUIC, discv5 and the peer manager
 * with its default timings: 1 s heartbeat, a search at most every 5 s, 8 dials at once). The
 * network is started first (every node bootstrapped from node 0, target 8 peers) and left to
 * settle; then, in each round, a fresh node with one bootnode (a different member each round) is
 * started and timed to 1, 4, 8 and 12 peers.
 *
 * <pre>
 *   java -cp ... io.edvt.networking.bench.DiscoveryNetworkBench [nodes=16] [rounds=3]
 * </pre>
 */
public final class DiscoveryNetworkBench {
  private DiscoveryNetworkBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<TestNode> net = new ArrayList<>();
    long t0 = System.nanoTime();
    net.add(new TestNode(List.of(), PeerManagerConfig.defaults().withPeers(8, 16), true, null));
    for (int i = 1; i < n; i++) {
      net.add(new TestNode(List.of(net.getFirst().enr()), PeerManagerConfig.defaults().withPeers(8, 16), i % 2 == 0, null));
    }
    while (net.stream().anyMatch(x -> x.peers.readyPeers().size() < 8) && System.nanoTime() - t0 < 120e9) {
      Thread.sleep(100);
    }
    System.out.printf("network of %d nodes: every node at >= 8 peers %.1f s after the first start (min %d, max %d)%n", n,
        (System.nanoTime() - t0) / 1e9, net.stream().mapToInt(x -> x.peers.readyPeers().size()).min().orElse(0),
        net.stream().mapToInt(x -> x.peers.readyPeers().size()).max().orElse(0));
    int[] milestones = {1, 4, 8, 12};
    for (int r = 0; r < rounds; r++) {
      String boot = net.get(1 + r % (n - 1)).enr();
      long s = System.nanoTime();
      TestNode fresh = new TestNode(List.of(boot), PeerManagerConfig.defaults().withPeers(12, 16), true, null);
      double started = (System.nanoTime() - s) / 1e9;
      StringBuilder line = new StringBuilder(String.format("round %d: started in %.2f s;", r + 1, started));
      int next = 0;
      while (next < milestones.length && System.nanoTime() - s < 60e9) {
        int have = fresh.peers.readyPeers().size();
        while (next < milestones.length && have >= milestones[next]) {
          line.append(String.format(" %d peers at %.2f s;", milestones[next], (System.nanoTime() - s) / 1e9));
          next++;
        }
        Thread.sleep(20);
      }
      System.out.println(line + String.format(" load %.2f",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
      fresh.closeAsync();
      Thread.sleep(2000);
    }
    CompletableFuture.allOf(net.stream().map(TestNode::closeAsync).toArray(CompletableFuture[]::new)).join();
    System.exit(0);
  }
}
