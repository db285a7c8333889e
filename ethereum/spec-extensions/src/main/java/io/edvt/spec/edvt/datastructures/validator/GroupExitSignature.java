package io.edvt.spec.edvt.datastructures.validator;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_SIGNATURE;
import static io.edvt.spec.edvt.datastructures.EdvtTypes.MEMBER_INDEX;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import org.apache.tuweni.bytes.Bytes;

/**
 * One member's signature over a voluntary exit of its group's validator (EDVT validator guide
 * {@code GroupExitSignature}, gossiped on {@code group_exit_signature}), exchanged until {@code m}
 * of them can be combined into a {@code SignedVoluntaryExit}: the members need no private channel.
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class GroupExitSignature extends SszContainer {
  public static final ContainerType<GroupExitSignature> TYPE =
      ContainerType.of(
          "GroupExitSignature",
          GroupExitSignature::new,
          field("message", VoluntaryExit.TYPE),
          field("member_index", MEMBER_INDEX),
          field("signature", BLS_SIGNATURE));

  private GroupExitSignature(ContainerType<GroupExitSignature> type, Object[] values) {
    super(type, values);
  }

  public static GroupExitSignature create(VoluntaryExit message, UInt64 memberIndex, Bytes signature) {
    return TYPE.create(message, memberIndex, signature);
  }

  /** {@code message}: {@code VoluntaryExit}. */
  public VoluntaryExit message() {
    return (VoluntaryExit) get(0);
  }

  /** {@code member_index}: {@code MemberIndex}. */
  public UInt64 memberIndex() {
    return (UInt64) get(1);
  }

  /** {@code signature}: {@code BLSSignature}, the member's over {@code message} with the exit domain. */
  public Bytes signature() {
    return (Bytes) get(2);
  }
}
