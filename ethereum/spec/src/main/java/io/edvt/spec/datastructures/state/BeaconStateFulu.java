package io.edvt.spec.datastructures.state;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;

/**
 * The Fulu {@code BeaconState}: the Electra fields of {@link BeaconState} followed by
 * {@code proposer_lookahead} (EIP-7917).
 *
 * <p>Not final: a later milestone's state extends this class, adds accessors for the fields it
 * appends (numbered from {@link #FIELD_COUNT}) and keeps every Fulu accessor, so code written
 * for Fulu states runs on it unchanged.
 */
public class BeaconStateFulu extends BeaconState {
  public static final int PROPOSER_LOOKAHEAD = BeaconState.FIELD_COUNT;
  /** The number of fields this class knows; a subclass's fields start here. */
  public static final int FIELD_COUNT = PROPOSER_LOOKAHEAD + 1;

  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<BeaconStateFulu> FACTORY = BeaconStateFulu::new;

  protected BeaconStateFulu(ContainerType<? extends BeaconStateFulu> type, Object[] values) {
    super(type, values);
  }

  /**
   * {@code state} as a Fulu (or later) state; fails with a clear message for an earlier one. The
   * result is the same object.
   */
  public static BeaconStateFulu required(BeaconState state) {
    if (state instanceof BeaconStateFulu fulu) {
      return fulu;
    }
    throw new IllegalArgumentException(
        "expected a Fulu BeaconState, got " + state.getClass().getSimpleName());
  }

  /**
   * {@code proposer_lookahead}:
   * {@code Vector[ValidatorIndex, (MIN_SEED_LOOKAHEAD + 1) * SLOTS_PER_EPOCH]}.
   */
  @SuppressWarnings("unchecked")
  public SszList<UInt64> proposerLookahead() {
    return (SszList<UInt64>) get(PROPOSER_LOOKAHEAD);
  }

  /** A copy with {@code proposer_lookahead} replaced. */
  public BeaconStateFulu withProposerLookahead(SszList<UInt64> proposerLookahead) {
    return with(PROPOSER_LOOKAHEAD, proposerLookahead);
  }
}
