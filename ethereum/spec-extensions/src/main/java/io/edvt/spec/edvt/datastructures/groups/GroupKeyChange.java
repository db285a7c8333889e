package io.edvt.spec.edvt.datastructures.groups;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_PUBKEY;
import static io.edvt.spec.datastructures.SpecTypes.BLS_SIGNATURE;
import static io.edvt.spec.datastructures.SpecTypes.EPOCH;
import static io.edvt.spec.datastructures.SpecTypes.UINT64;
import static io.edvt.spec.datastructures.SpecTypes.VALIDATOR_INDEX;
import static io.edvt.spec.edvt.datastructures.EdvtTypes.MEMBER_INDEX;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes48;

/**
 * A change of a group's key set (EDVT {@code GroupKeyChange}): replace, add or remove a member, or
 * only change the threshold, chosen by {@code member_index} and whether {@code new_pubkey} is all
 * zero. {@code current_key_set_epoch} names the key set in force, so a signed change applies once.
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class GroupKeyChange extends SszContainer {
  public static final ContainerType<GroupKeyChange> TYPE =
      ContainerType.of(
          "GroupKeyChange",
          GroupKeyChange::new,
          field("validator_index", VALIDATOR_INDEX),
          field("current_key_set_epoch", EPOCH),
          field("member_index", MEMBER_INDEX),
          field("new_pubkey", BLS_PUBKEY),
          field("proof_of_possession", BLS_SIGNATURE),
          field("new_threshold", UINT64));

  private GroupKeyChange(ContainerType<GroupKeyChange> type, Object[] values) {
    super(type, values);
  }

  public static GroupKeyChange create(
      UInt64 validatorIndex,
      UInt64 currentKeySetEpoch,
      UInt64 memberIndex,
      Bytes48 newPubkey,
      Bytes proofOfPossession,
      UInt64 newThreshold) {
    return TYPE.create(validatorIndex, currentKeySetEpoch, memberIndex, newPubkey, proofOfPossession, newThreshold);
  }

  /** {@code validator_index}: {@code ValidatorIndex}. */
  public UInt64 validatorIndex() {
    return (UInt64) get(0);
  }

  /** {@code current_key_set_epoch}: {@code Epoch}, the activation epoch of the key set in force. */
  public UInt64 currentKeySetEpoch() {
    return (UInt64) get(1);
  }

  /** {@code member_index}: {@code MemberIndex}. */
  public UInt64 memberIndex() {
    return (UInt64) get(2);
  }

  /** {@code new_pubkey}: {@code BLSPubkey}, all zero to remove a member or change only the threshold. */
  public Bytes48 newPubkey() {
    return (Bytes48) get(3);
  }

  /** {@code proof_of_possession}: {@code BLSSignature}, of {@code new_pubkey}. */
  public Bytes proofOfPossession() {
    return (Bytes) get(4);
  }

  /** {@code new_threshold}: {@code uint64}. */
  public UInt64 newThreshold() {
    return (UInt64) get(5);
  }
}
