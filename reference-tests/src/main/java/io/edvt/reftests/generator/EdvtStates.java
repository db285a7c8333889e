package io.edvt.reftests.generator;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.testing.AttestationFactory;

/**
 * The EDVT states the single-step cases (operations, epoch processing, rewards, slots) start from:
 * the fixtures' 64-validator chain upgraded to EDVT on the minimal preset, with groups added where a
 * case needs them.
 */
final class EdvtStates {
  static final String PRESET = "minimal";

  private final EdvtFixtures f;
  private final SpecEdvt edvt;
  private final SpecConfig config;
  private final int slotsPerEpoch;

  EdvtStates(EdvtFixtures f) {
    this.f = f;
    this.edvt = f.edvt();
    this.config = f.config();
    this.slotsPerEpoch = config.slotsPerEpoch();
  }

  EdvtFixtures fixtures() {
    return f;
  }

  SpecEdvt edvt() {
    return edvt;
  }

  SpecConfig config() {
    return config;
  }

  int slotsPerEpoch() {
    return slotsPerEpoch;
  }

  /** The EDVT state of the operation cases: epoch 2, slot 3 of it, no groups yet. */
  MutableBeaconState opState() {
    return new MutableBeaconState(f.edvtAt(2L * slotsPerEpoch + 3));
  }

  /** {@link #opState()} with {@code validator}'s effective balance enough for {@code members} members. */
  MutableBeaconState withBalance(int validator, int members) {
    MutableBeaconState state = opState();
    EdvtFixtures.setEffectiveBalance(state, validator, config.minActivationBalance().times(members));
    return state;
  }

  /**
   * {@code state} read back from its SSZ bytes: a state as a case's reader gets it, without the
   * derived data (total active balance, ...) cached before the generator edited fields directly.
   */
  BeaconState fresh(BeaconState state) {
    return edvt.schemas().beaconState().deserialize(state.serialize());
  }

  /**
   * The EDVT state at {@code lastSlot} (the last slot of an epoch), with groups (3: 2 of 3, 10: 3 of
   * 4) and some member flags set when {@code groups}.
   */
  BeaconStateEdvt grouped(long lastSlot, boolean groups) {
    MutableBeaconState state = new MutableBeaconState(f.edvtAt(2L * slotsPerEpoch + 3));
    if (groups) {
      EdvtFixtures.setEffectiveBalance(state, 3, config.minActivationBalance().times(3));
      EdvtFixtures.setEffectiveBalance(state, 10, config.minActivationBalance().times(4));
      f.addGroup(state, 3, 2, 3);
      f.addGroup(state, 10, 3, 4);
      for (int i = 0; i < 2 * SpecConfigEdvt.of(config).maxGroupSize(); i += 3) {
        state.<Integer>list(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION).set(i, 7);
        state.<Integer>list(BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION).set(i, 3);
      }
    }
    BeaconState s = fresh(state.commit());
    return edvtState(fresh(edvt.stateTransition().processSlots(s, UInt64.valueOf(lastSlot))));
  }

  /** {@code state} as the EDVT state it is (every state here is one). */
  static BeaconStateEdvt edvtState(BeaconState state) {
    return BeaconStateEdvt.toVersionEdvt(state)
        .orElseThrow(() -> new IllegalStateException("not an EDVT state: " + state.type().name()));
  }

  /** An attestation's data for the fixtures' chain head (the head's slot and root, its checkpoints). */
  AttestationData headData() {
    return new AttestationFactory(f.fulu(), f.chain().signer()).attestationData(f.chain().headView(), f.chain().headRoot());
  }
}
