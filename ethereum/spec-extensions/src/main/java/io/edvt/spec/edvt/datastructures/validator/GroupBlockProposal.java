package io.edvt.spec.edvt.datastructures.validator;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import org.apache.tuweni.bytes.Bytes;

/**
 * A block a group's leader proposes to the other members (EDVT validator guide
 * {@code GroupBlockProposal}, gossiped on {@code group_block_proposal}): complete except for the
 * group signature; {@code block.body.randao_member_index} names the leader, and
 * {@code leader_signature} is the leader's own signature over the block, also its sign-off.
 *
 * <p>Its layout depends on the preset, so its type is built per config by
 * {@link io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt}.
 */
public final class GroupBlockProposal extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<GroupBlockProposal> FACTORY = GroupBlockProposal::new;

  private GroupBlockProposal(ContainerType<GroupBlockProposal> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code GroupBlockProposal} type) from its fields. */
  public static GroupBlockProposal create(
      ContainerType<GroupBlockProposal> type, BeaconBlock block, Bytes leaderSignature) {
    return type.create(block, leaderSignature);
  }

  /** {@code block}: {@code BeaconBlock} (with an EDVT body). */
  public BeaconBlock block() {
    return (BeaconBlock) get(0);
  }

  /** {@code leader_signature}: {@code BLSSignature}. */
  public Bytes leaderSignature() {
    return (Bytes) get(1);
  }
}
