package io.edvt.node.cli.tools;

import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.InputException;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of the state-transition tools: a state, whose network and fork are detected (or
 * checked against {@code --fork}/{@code --preset}/{@code --config}), and blocks, read with the
 * type of the milestone the state's network has in force at each block's slot.
 */
final class ChainInputs {
  /**
   * A state and the network it belongs to.
   *
   * @param state the state
   * @param network its network and fork
   */
  record LoadedState(BeaconState state, Network network) {
    SpecVersions versions() {
      return network.versions();
    }
  }

  private ChainInputs() {}

  /** Reads the state of {@code file} ({@code flag} names it in errors) on one of {@code options}' networks. */
  static LoadedState state(String flag, Path file, boolean snappy, NetworkOptions options) {
    byte[] bytes = SszFiles.readSsz(flag, file, snappy);
    Decoded<?> decoded = TypedReader.decode(SszFiles.where(flag, file), bytes, "BeaconState", options);
    BeaconState state = (BeaconState) decoded.value();
    checkSchedule(SszFiles.where(flag, file), state, decoded.network());
    return new LoadedState(state, decoded.network());
  }

  /**
   * Refuses a state whose fork is not the one its network has in force at its slot: a Fulu state
   * past the EDVT fork slot (it should have been upgraded), or an EDVT state before EDVT's fork
   * epoch. A Fulu state exactly at the fork slot is fine: the transition upgrades it.
   */
  private static void checkSchedule(String source, BeaconState state, Network network) {
    SpecVersions versions = network.versions();
    SpecMilestone own = SpecVersions.milestoneOf(state);
    SpecMilestone inForce = versions.milestoneAtSlot(state.slot());
    if (own == inForce) {
      return;
    }
    String what = source + ": " + article(own) + " " + own.forkName() + " state at slot " + state.slot() + ", but " + network.name();
    if (inForce.isAtLeast(own)) {
      UInt64 forkEpoch = inForce.forkEpoch(versions.config());
      if (state.slot().equals(versions.fulu().misc().computeStartSlotAtEpoch(forkEpoch))) {
        return; // at the fork slot: the transition upgrades it before anything else
      }
      throw new InputException(what + " has " + inForce.forkName() + " from epoch " + forkEpoch + " (" + inForce.name()
          + "_FORK_EPOCH): past the fork, the state should be " + inForce.forkName());
    }
    throw new InputException(what + " schedules " + own.forkName() + " only from epoch " + own.forkEpoch(versions.config())
        + " (" + own.name() + "_FORK_EPOCH)");
  }

  /**
   * Reads the signed block of {@code file} with the block type of each milestone of the state's
   * network, and keeps the one whose milestone is in force at the block's slot there.
   */
  static SignedBeaconBlock block(String flag, Path file, boolean snappy, Network network) {
    String source = SszFiles.where(flag, file);
    byte[] bytes = SszFiles.readSsz(flag, file, snappy);
    SpecVersions versions = network.versions();
    List<String> refusals = new ArrayList<>();
    for (SpecMilestone milestone : SpecMilestone.values()) {
      SignedBeaconBlock block;
      try {
        block = versions.forMilestone(milestone).schemas().signedBeaconBlock().deserialize(bytes);
      } catch (SszDeserializationException e) {
        refusals.add("as " + milestone.forkName() + ": " + e.getMessage());
        continue;
      }
      UInt64 slot = block.message().slot();
      SpecMilestone inForce = versions.milestoneAtSlot(slot);
      if (inForce != milestone) {
        throw new InputException(source + ": " + article(milestone) + " " + milestone.forkName() + " block at slot " + slot + ", but "
            + network.name() + " has " + inForce.forkName() + " in force there ("
            + (milestone == SpecMilestone.EDVT ? "give a --config that schedules EDVT_FORK_EPOCH at or before its epoch" : "EDVT_FORK_EPOCH")
            + ")");
      }
      return block;
    }
    throw new InputException(source + ": not a SignedBeaconBlock of " + network.name() + " (" + String.join("; ", refusals) + ")");
  }

  /** "a fulu", "an edvt". */
  static String article(SpecMilestone milestone) {
    return "aeiou".indexOf(milestone.forkName().charAt(0)) >= 0 ? "an" : "a";
  }
}
