package io.edvt.node.validator;

import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import org.apache.tuweni.bytes.Bytes;

/** A plain validator's signed block in the form of its fork; one rule for the node's duties and the validator client. */
public final class SignedBlocks {
  private SignedBlocks() {}

  /**
   * {@code block} with {@code signature}, in the form of {@code state}'s milestone: an EDVT block of
   * a validator without a group carries {@code signer_bits} with member 0 only.
   */
  public static SignedBeaconBlock plain(SpecVersions versions, BeaconState state, BeaconBlock block, Bytes signature) {
    return SpecVersions.milestoneOf(state) == SpecMilestone.EDVT
        ? SignedBeaconBlockEdvt.create(versions.edvt().schemas().signedBeaconBlock(), block, signature,
            versions.edvt().forkUpgrade().computeOwnKeySignerBits())
        : SignedBeaconBlock.create(versions.forState(state).schemas().signedBeaconBlock(), block, signature);
  }
}
