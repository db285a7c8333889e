package io.edvt.spec.edvt.datastructures.groups;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes48;

/**
 * A validator's request to attach a group (EDVT {@code GroupRegistration}): the threshold, the new
 * member keys in member order and one proof of possession per key.
 *
 * <p>Its layout depends on the preset, so its type is built per config by
 * {@link io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt}.
 */
public final class GroupRegistration extends SszContainer {
  private static final int VALIDATOR_INDEX = 0;
  private static final int THRESHOLD = 1;
  private static final int PUBKEYS = 2;
  private static final int PROOFS_OF_POSSESSION = 3;

  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<GroupRegistration> FACTORY = GroupRegistration::new;

  private GroupRegistration(ContainerType<GroupRegistration> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code GroupRegistration} type) from its fields. */
  public static GroupRegistration create(
      ContainerType<GroupRegistration> type,
      UInt64 validatorIndex,
      UInt64 threshold,
      SszList<Bytes48> pubkeys,
      SszList<Bytes> proofsOfPossession) {
    return type.create(validatorIndex, threshold, pubkeys, proofsOfPossession);
  }

  /** {@code validator_index}: {@code ValidatorIndex}. */
  public UInt64 validatorIndex() {
    return (UInt64) get(VALIDATOR_INDEX);
  }

  /** {@code threshold}: {@code uint64}. */
  public UInt64 threshold() {
    return (UInt64) get(THRESHOLD);
  }

  /** {@code pubkeys}: {@code List[BLSPubkey, MAX_GROUP_SIZE]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes48> pubkeys() {
    return (SszList<Bytes48>) get(PUBKEYS);
  }

  /** {@code proofs_of_possession}: {@code List[BLSSignature, MAX_GROUP_SIZE]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes> proofsOfPossession() {
    return (SszList<Bytes>) get(PROOFS_OF_POSSESSION);
  }
}
