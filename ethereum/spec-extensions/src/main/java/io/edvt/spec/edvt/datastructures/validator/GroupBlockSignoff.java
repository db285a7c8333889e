package io.edvt.spec.edvt.datastructures.validator;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_SIGNATURE;
import static io.edvt.spec.datastructures.SpecTypes.ROOT;
import static io.edvt.spec.edvt.datastructures.EdvtTypes.MEMBER_INDEX;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A member's sign-off of a proposed group block (EDVT validator guide {@code GroupBlockSignoff},
 * gossiped on {@code group_block_signoff}): its signature over the block root under
 * {@code DOMAIN_BEACON_PROPOSER}, which aggregates directly into the block signature.
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class GroupBlockSignoff extends SszContainer {
  public static final ContainerType<GroupBlockSignoff> TYPE =
      ContainerType.of(
          "GroupBlockSignoff",
          GroupBlockSignoff::new,
          field("block_root", ROOT),
          field("member_index", MEMBER_INDEX),
          field("signature", BLS_SIGNATURE));

  private GroupBlockSignoff(ContainerType<GroupBlockSignoff> type, Object[] values) {
    super(type, values);
  }

  public static GroupBlockSignoff create(Bytes32 blockRoot, UInt64 memberIndex, Bytes signature) {
    return TYPE.create(blockRoot, memberIndex, signature);
  }

  /** {@code block_root}: {@code Root}. */
  public Bytes32 blockRoot() {
    return (Bytes32) get(0);
  }

  /** {@code member_index}: {@code MemberIndex}. */
  public UInt64 memberIndex() {
    return (UInt64) get(1);
  }

  /** {@code signature}: {@code BLSSignature}. */
  public Bytes signature() {
    return (Bytes) get(2);
  }
}
