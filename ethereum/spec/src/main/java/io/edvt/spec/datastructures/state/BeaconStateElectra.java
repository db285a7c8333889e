package io.edvt.spec.datastructures.state;

import io.edvt.infrastructure.ssz.types.ContainerType;

/**
 * The Electra {@code BeaconState}: exactly the fields of {@link BeaconState}. EDVT needs it only
 * as the input of the Electra-to-Fulu upgrade.
 */
public final class BeaconStateElectra extends BeaconState {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<BeaconStateElectra> FACTORY = BeaconStateElectra::new;

  private BeaconStateElectra(ContainerType<BeaconStateElectra> type, Object[] values) {
    super(type, values);
  }

  /** {@code state} as an Electra state; fails with a clear message for another milestone's. */
  public static BeaconStateElectra required(BeaconState state) {
    if (state instanceof BeaconStateElectra electra) {
      return electra;
    }
    throw new IllegalArgumentException(
        "expected an Electra BeaconState, got " + state.getClass().getSimpleName());
  }
}
