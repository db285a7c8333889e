package io.edvt.node.devnet;

import java.util.List;
import java.util.Objects;

/** The samples of every node at one slot. */
record SlotRecord(long slot, long epoch, List<NodeSample> nodes) {
  long maxJustified() {
    return nodes.stream().filter(NodeSample::answered).mapToLong(NodeSample::justifiedEpoch).max().orElse(-1);
  }

  long maxFinalized() {
    return nodes.stream().filter(NodeSample::answered).mapToLong(NodeSample::finalizedEpoch).max().orElse(-1);
  }

  /** How many nodes had the slot's block. */
  int blocks() {
    return (int) nodes.stream().filter(NodeSample::blockAtSlot).count();
  }

  int answered() {
    return (int) nodes.stream().filter(NodeSample::answered).count();
  }

  /** Whether every node that answered has the same head root. */
  boolean headsAgree() {
    return nodes.stream().filter(NodeSample::answered).map(NodeSample::headRoot).filter(Objects::nonNull).distinct()
        .count() <= 1;
  }

  /** The live line: {@code slot 12 (epoch 1) | head 12 12 x 12 | justified 0 finalized 0 | peers 3 3 x 3 | block 3/3}. */
  String line() {
    StringBuilder heads = new StringBuilder();
    StringBuilder peers = new StringBuilder();
    for (NodeSample s : nodes) {
      heads.append(' ').append(!s.alive() ? "x" : s.answered() ? Long.toString(s.headSlot()) : "?");
      peers.append(' ').append(!s.alive() ? "x" : s.answered() ? Integer.toString(s.peers()) : "?");
    }
    String block = slot == 0 ? "genesis" : blocks() == 0 ? "missed" : blocks() + "/" + answered();
    String finality = answered() == 0 ? "justified ? finalized ?"
        : "justified " + maxJustified() + " finalized " + maxFinalized();
    return String.format("slot %4d (epoch %d) | head%s | %s | peers%s | block %s%s", slot, epoch, heads, finality, peers,
        block, headsAgree() ? "" : " | heads differ");
  }
}
