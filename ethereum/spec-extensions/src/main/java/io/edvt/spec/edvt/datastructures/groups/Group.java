package io.edvt.spec.edvt.datastructures.groups;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;

/**
 * The group of one validator (EDVT {@code Group}): its stored key sets, ordered by strictly
 * increasing {@code activation_epoch}. The key set in force at an epoch is the last one whose
 * activation epoch is not after it; those before it are retired, one after it is pending. At
 * registration the first entry is the validator's own key as a one-member set.
 *
 * <p>Its layout depends on the preset, so its type is built per config by
 * {@link io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt}.
 */
public final class Group extends SszContainer {
  private static final int VALIDATOR_INDEX = 0;
  private static final int KEY_SETS = 1;

  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<Group> FACTORY = Group::new;

  private Group(ContainerType<Group> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code Group} type) from its fields. */
  public static Group create(ContainerType<Group> type, UInt64 validatorIndex, SszList<GroupKeySet> keySets) {
    return type.create(validatorIndex, keySets);
  }

  /** {@code validator_index}: {@code ValidatorIndex}. */
  public UInt64 validatorIndex() {
    return (UInt64) get(VALIDATOR_INDEX);
  }

  /** {@code key_sets}: {@code List[GroupKeySet, GROUP_KEY_SETS_LIMIT]}. */
  @SuppressWarnings("unchecked")
  public SszList<GroupKeySet> keySets() {
    return (SszList<GroupKeySet>) get(KEY_SETS);
  }

  /** A copy with {@code validator_index} replaced. */
  public Group withValidatorIndex(UInt64 validatorIndex) {
    return with(VALIDATOR_INDEX, validatorIndex);
  }

  /** A copy with {@code key_sets} replaced. */
  public Group withKeySets(SszList<GroupKeySet> keySets) {
    return with(KEY_SETS, keySets);
  }
}
