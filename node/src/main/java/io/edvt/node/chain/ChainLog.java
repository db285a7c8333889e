package io.edvt.node.chain;

import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The chain's log lines, formatted in one place so they stay alike: one INFO line per imported
 * block and one per epoch the head enters, on {@code System.Logger} (what the node module uses;
 * the node routes it wherever it logs).
 */
final class ChainLog {
  private static final Logger LOG = System.getLogger("io.edvt.node.chain");

  private ChainLog() {}

  /** {@code Imported block slot 42 root 0xab12cd34… proposer 7 atts 3 (edvt, groups 2)}. */
  static String importedBlock(BeaconBlock block, Bytes32 root, BeaconState post, boolean optimistic) {
    return "Imported block slot " + block.slot() + " root " + shortRoot(root) + " proposer " + block.proposerIndex()
        + " atts " + block.body().attestations().size() + " (" + fork(post) + ")" + (optimistic ? " optimistic" : "");
  }

  /** {@code Epoch 5: head slot 40 root 0xab12cd34…, justified 4, finalized 3 (edvt, groups 2)}. */
  static String epochSummary(long epoch, long headSlot, Bytes32 headRoot, Checkpoint justified, Checkpoint finalized,
      BeaconState headState) {
    return "Epoch " + epoch + ": head slot " + headSlot + " root " + shortRoot(headRoot) + ", justified "
        + justified.epoch() + ", finalized " + finalized.epoch() + " (" + fork(headState) + ")";
  }

  static void info(String line) {
    LOG.log(Level.INFO, line);
  }

  static void warn(String line) {
    LOG.log(Level.WARNING, line);
  }

  /** The first four bytes of {@code root} and an ellipsis: enough to tell blocks apart in a log. */
  static String shortRoot(Bytes32 root) {
    return root.slice(0, 4).toHexString() + "…";
  }

  /** {@code fulu}, or {@code edvt, groups N}. */
  private static String fork(BeaconState state) {
    SpecMilestone milestone = SpecVersions.milestoneOf(state);
    return switch (milestone) {
      case FULU -> "fulu";
      case EDVT -> "edvt, groups " + BeaconStateEdvt.toVersionEdvt(state).map(s -> s.groups().size()).orElse(0);
    };
  }
}
