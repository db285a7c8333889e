package io.edvt.spec.edvt.datastructures.groups;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes48;

/**
 * One generation of a group's keys (EDVT {@code GroupKeySet}): the threshold {@code m}, the member
 * keys in member order ({@code n = len(pubkeys)}) and the first epoch in which the set is in force.
 * The SSZ form of the scheme-agnostic {@code io.edvt.groups.GroupKeySet}; this container checks no
 * invariant (the state transition does).
 *
 * <p>Its layout depends on the preset ({@code MAX_GROUP_SIZE}), so its type is built per config by
 * {@link io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt}.
 */
public final class GroupKeySet extends SszContainer {
  private static final int THRESHOLD = 0;
  private static final int PUBKEYS = 1;
  private static final int ACTIVATION_EPOCH = 2;

  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<GroupKeySet> FACTORY = GroupKeySet::new;

  private GroupKeySet(ContainerType<GroupKeySet> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code GroupKeySet} type) from its fields. */
  public static GroupKeySet create(
      ContainerType<GroupKeySet> type, UInt64 threshold, SszList<Bytes48> pubkeys, UInt64 activationEpoch) {
    return type.create(threshold, pubkeys, activationEpoch);
  }

  /** {@code threshold}: {@code uint64}, the {@code m} of the set. */
  public UInt64 threshold() {
    return (UInt64) get(THRESHOLD);
  }

  /** {@code pubkeys}: {@code List[BLSPubkey, MAX_GROUP_SIZE]}, member {@code i} at index {@code i}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes48> pubkeys() {
    return (SszList<Bytes48>) get(PUBKEYS);
  }

  /** {@code activation_epoch}: {@code Epoch}. */
  public UInt64 activationEpoch() {
    return (UInt64) get(ACTIVATION_EPOCH);
  }

  /** A copy with {@code threshold} replaced. */
  public GroupKeySet withThreshold(UInt64 threshold) {
    return with(THRESHOLD, threshold);
  }

  /** A copy with {@code pubkeys} replaced. */
  public GroupKeySet withPubkeys(SszList<Bytes48> pubkeys) {
    return with(PUBKEYS, pubkeys);
  }

  /** A copy with {@code activation_epoch} replaced. */
  public GroupKeySet withActivationEpoch(UInt64 activationEpoch) {
    return with(ACTIVATION_EPOCH, activationEpoch);
  }
}
