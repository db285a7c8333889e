package io.edvt.networking.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A line of three of our own nodes started with bootnodes only (B knows A, C knows B): through
 * discovery every node ends connected to the other two, and each connection passed status.
 */
class DiscoveryLineTest {
  private final List<TestNode> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    long t0 = System.nanoTime();
    CompletableFuture.allOf(nodes.reversed().stream().map(TestNode::closeAsync).toArray(CompletableFuture[]::new)).join();
    System.out.printf("DiscoveryLineTest: stopped in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @Test
  void threeNodesInALineStartedWithOnlyBootnodesAllConnectThroughDiscovery() throws Exception {
    TestNode a = new TestNode(List.of(), 2, true, null);
    nodes.add(a);
    TestNode b = new TestNode(List.of(a.enr()), 2, false, null);
    nodes.add(b);
    TestNode c = new TestNode(List.of(b.enr()), 2, true, null);
    nodes.add(c);
    long t0 = System.nanoTime();
    long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && !allConnected()) {
      Thread.sleep(100);
    }
    System.out.printf("DiscoveryLineTest: all three connected %.1f s after the last start%n", (System.nanoTime() - t0) / 1e9);
    for (TestNode n : nodes) {
      Set<io.edvt.networking.transport.crypto.PeerId> others = new java.util.HashSet<>();
      nodes.stream().filter(o -> o != n).forEach(o -> others.add(o.host.peerId()));
      assertThat(n.peers.readyPeers()).as("peers of %s", n.host.peerId()).containsExactlyInAnyOrderElementsOf(others);
    }
    // A and C both serve QUIC and prefer it: whichever of them dialled the other used QUIC.
    assertThat(a.host.connections(c.host.peerId()).getFirst().muxer()).isEqualTo("/quic-v1");
  }

  private boolean allConnected() {
    return nodes.stream().allMatch(n -> n.peers.readyPeers().size() == nodes.size() - 1);
  }
}
