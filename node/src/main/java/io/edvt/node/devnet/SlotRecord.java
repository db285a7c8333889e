package io.edvt.node.devnet;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The samples of every node at one slot.
 *
 * @param importMs per node, the delay from the slot's start to its block's import, -1 when it had none by the sample
 * @param participation the current epoch's participation so far (one node's head state), or null when no node answered
 */
record SlotRecord(long slot, long epoch, List<NodeSample> nodes, List<Long> importMs, EpochParticipation participation) {
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

  /** The proposer of the slot's block as the nodes that had it said, or -1. */
  long proposer() {
    return nodes.stream().mapToLong(NodeSample::proposer).filter(p -> p >= 0).findFirst().orElse(-1);
  }

  int answered() {
    return (int) nodes.stream().filter(NodeSample::answered).count();
  }

  /** Whether every node that answered has the same head root. */
  boolean headsAgree() {
    return nodes.stream().filter(NodeSample::answered).map(NodeSample::headRoot).filter(Objects::nonNull).distinct()
        .count() <= 1;
  }

  /**
   * The live line: {@code slot 12 (epoch 1) | head 12 12 x 12 | justified 0 finalized 0 | peers 3 3 x 3 | block 3/3
   * | import ms 210 230 - 250 | epoch 1 target: plain 40/62, groups v0 3/4 v1 2/4!} (participation so far in the
   * epoch; {@code !} marks a group below its threshold).
   */
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
    String imports = slot == 0 || importMs.stream().allMatch(ms -> ms < 0) ? ""
        : " | import ms" + importMs.stream().map(ms -> ms < 0 ? " -" : " " + ms).collect(Collectors.joining());
    String part = participation == null ? "" : " | epoch " + participation.epoch() + " target: " + participation.brief();
    return String.format("slot %4d (epoch %d) | head%s | %s | peers%s | block %s%s%s%s", slot, epoch, heads, finality, peers,
        block, imports, part, headsAgree() ? "" : " | heads differ");
  }
}
