package io.edvt.spec.edvt.datastructures.validator;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_SIGNATURE;
import static io.edvt.spec.edvt.datastructures.EdvtTypes.MEMBER_INDEX;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import org.apache.tuweni.bytes.Bytes;

/**
 * One member's signature over a key change of its group (EDVT validator guide {@code
 * GroupKeyChangeSignature}, gossiped on {@code group_key_change_signature}), exchanged until
 * {@code m} of them can be combined into a {@code SignedGroupKeyChange}.
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class GroupKeyChangeSignature extends SszContainer {
  public static final ContainerType<GroupKeyChangeSignature> TYPE =
      ContainerType.of(
          "GroupKeyChangeSignature",
          GroupKeyChangeSignature::new,
          field("message", GroupKeyChange.TYPE),
          field("member_index", MEMBER_INDEX),
          field("signature", BLS_SIGNATURE));

  private GroupKeyChangeSignature(ContainerType<GroupKeyChangeSignature> type, Object[] values) {
    super(type, values);
  }

  public static GroupKeyChangeSignature create(GroupKeyChange message, UInt64 memberIndex, Bytes signature) {
    return TYPE.create(message, memberIndex, signature);
  }

  /** {@code message}: {@code GroupKeyChange}. */
  public GroupKeyChange message() {
    return (GroupKeyChange) get(0);
  }

  /** {@code member_index}: {@code MemberIndex}. */
  public UInt64 memberIndex() {
    return (UInt64) get(1);
  }

  /** {@code signature}: {@code BLSSignature}, the member's over {@code message} with {@code DOMAIN_GROUP_KEY_CHANGE}. */
  public Bytes signature() {
    return (Bytes) get(2);
  }
}
