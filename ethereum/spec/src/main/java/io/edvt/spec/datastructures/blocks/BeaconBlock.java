package io.edvt.spec.datastructures.blocks;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A beacon block (phase0 {@code BeaconBlock}; its body is the milestone's {@link BeaconBlockBody}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class BeaconBlock extends SszContainer {
  private static final int SLOT = 0;
  private static final int PROPOSER_INDEX = 1;
  private static final int PARENT_ROOT = 2;
  private static final int STATE_ROOT = 3;
  private static final int BODY = 4;

  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<BeaconBlock> FACTORY = BeaconBlock::new;

  private BeaconBlock(ContainerType<BeaconBlock> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code BeaconBlock} type) from its fields. */
  public static BeaconBlock create(
      ContainerType<BeaconBlock> type,
      UInt64 slot,
      UInt64 proposerIndex,
      Bytes32 parentRoot,
      Bytes32 stateRoot,
      BeaconBlockBody body) {
    return type.create(slot, proposerIndex, parentRoot, stateRoot, body);
  }

  /** {@code slot}: {@code Slot}. */
  public UInt64 slot() {
    return (UInt64) get(SLOT);
  }

  /** {@code proposer_index}: {@code ValidatorIndex}. */
  public UInt64 proposerIndex() {
    return (UInt64) get(PROPOSER_INDEX);
  }

  /** {@code parent_root}: {@code Root}. */
  public Bytes32 parentRoot() {
    return (Bytes32) get(PARENT_ROOT);
  }

  /** {@code state_root}: {@code Root}. */
  public Bytes32 stateRoot() {
    return (Bytes32) get(STATE_ROOT);
  }

  /** {@code body}: {@code BeaconBlockBody}. */
  public BeaconBlockBody body() {
    return (BeaconBlockBody) get(BODY);
  }

  /** A copy with {@code slot} replaced. */
  public BeaconBlock withSlot(UInt64 slot) {
    return with(SLOT, slot);
  }

  /** A copy with {@code proposer_index} replaced. */
  public BeaconBlock withProposerIndex(UInt64 proposerIndex) {
    return with(PROPOSER_INDEX, proposerIndex);
  }

  /** A copy with {@code parent_root} replaced. */
  public BeaconBlock withParentRoot(Bytes32 parentRoot) {
    return with(PARENT_ROOT, parentRoot);
  }

  /** A copy with {@code state_root} replaced. */
  public BeaconBlock withStateRoot(Bytes32 stateRoot) {
    return with(STATE_ROOT, stateRoot);
  }

  /** A copy with {@code body} replaced. */
  public BeaconBlock withBody(BeaconBlockBody body) {
    return with(BODY, body);
  }
}
