package io.edvt.spec.datastructures.blocks;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.ROOT;
import static io.edvt.spec.datastructures.SpecTypes.VALIDATOR_INDEX;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.SpecTypes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A block with its body replaced by the body root (phase0 {@code BeaconBlockHeader}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class BeaconBlockHeader extends SszContainer {
  private static final int SLOT = 0;
  private static final int PROPOSER_INDEX = 1;
  private static final int PARENT_ROOT = 2;
  private static final int STATE_ROOT = 3;
  private static final int BODY_ROOT = 4;

  public static final ContainerType<BeaconBlockHeader> TYPE =
      ContainerType.of(
          "BeaconBlockHeader",
          BeaconBlockHeader::new,
          field("slot", SpecTypes.SLOT),
          field("proposer_index", VALIDATOR_INDEX),
          field("parent_root", ROOT),
          field("state_root", ROOT),
          field("body_root", ROOT));

  private BeaconBlockHeader(ContainerType<BeaconBlockHeader> type, Object[] values) {
    super(type, values);
  }

  public static BeaconBlockHeader create(
      UInt64 slot,
      UInt64 proposerIndex,
      Bytes32 parentRoot,
      Bytes32 stateRoot,
      Bytes32 bodyRoot) {
    return TYPE.create(slot, proposerIndex, parentRoot, stateRoot, bodyRoot);
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

  /** {@code body_root}: {@code Root}. */
  public Bytes32 bodyRoot() {
    return (Bytes32) get(BODY_ROOT);
  }

  /** A copy with {@code slot} replaced. */
  public BeaconBlockHeader withSlot(UInt64 slot) {
    return with(SLOT, slot);
  }

  /** A copy with {@code proposer_index} replaced. */
  public BeaconBlockHeader withProposerIndex(UInt64 proposerIndex) {
    return with(PROPOSER_INDEX, proposerIndex);
  }

  /** A copy with {@code parent_root} replaced. */
  public BeaconBlockHeader withParentRoot(Bytes32 parentRoot) {
    return with(PARENT_ROOT, parentRoot);
  }

  /** A copy with {@code state_root} replaced. */
  public BeaconBlockHeader withStateRoot(Bytes32 stateRoot) {
    return with(STATE_ROOT, stateRoot);
  }

  /** A copy with {@code body_root} replaced. */
  public BeaconBlockHeader withBodyRoot(Bytes32 bodyRoot) {
    return with(BODY_ROOT, bodyRoot);
  }
}
