package io.edvt.spec.logic.versions.fulu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.common.StateTransitionException;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

/** {@code process_slots} and {@code process_slot} within one epoch (no epoch processing). */
class StateTransitionFuluSlotsTest {
  private static final SpecFulu SPEC = new SpecFulu(SpecConfigLoader.load("minimal"));
  private static final BeaconState GENESIS =
      new GenesisFulu(SPEC).interop(64, UInt64.ZERO, SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);

  @Test
  void processSlotsCachesEachSlotsStateRootAndTheLatestBlockRoot() {
    Bytes32 genesisRoot = GENESIS.hashTreeRoot();
    BeaconState s5 = SPEC.stateTransition().processSlots(GENESIS, UInt64.valueOf(5));

    assertThat(s5.slot()).isEqualTo(UInt64.valueOf(5));
    BeaconBlockHeader header = s5.latestBlockHeader();
    assertThat(header.stateRoot()).isEqualTo(genesisRoot);
    assertThat(s5.stateRoots().get(0)).isEqualTo(genesisRoot);
    for (int slot = 1; slot < 5; slot++) {
      BeaconState at = SPEC.stateTransition().processSlots(GENESIS, UInt64.valueOf(slot));
      assertThat(s5.stateRoots().get(slot)).as("state_roots[%d]", slot).isEqualTo(at.hashTreeRoot());
    }
    for (int slot = 0; slot < 5; slot++) {
      assertThat(s5.blockRoots().get(slot)).isEqualTo(header.hashTreeRoot());
    }
    assertThat(s5.stateRoots().get(5)).isEqualTo(Bytes32.ZERO);
    // the input is untouched
    assertThat(GENESIS.slot()).isEqualTo(UInt64.ZERO);
    assertThat(GENESIS.hashTreeRoot()).isEqualTo(genesisRoot);
    assertThat(GENESIS.latestBlockHeader().stateRoot()).isEqualTo(Bytes32.ZERO);
  }

  @Test
  void processSlotsStepByStepEqualsOneCall() {
    MutableBeaconState working = new MutableBeaconState(GENESIS);
    for (int slot = 1; slot <= 6; slot++) {
      SPEC.stateTransition().processSlots(working, UInt64.valueOf(slot));
    }
    assertThat(working.commit().hashTreeRoot())
        .isEqualTo(SPEC.stateTransition().processSlots(GENESIS, UInt64.valueOf(6)).hashTreeRoot());
  }

  @Test
  void processSlotHashesThePendingEditsOfTheWorkingCopy() {
    MutableBeaconState working = new MutableBeaconState(GENESIS);
    working.balances().set(3, UInt64.valueOf(123));
    Bytes32 edited = working.commit().hashTreeRoot();
    assertThat(edited).isNotEqualTo(GENESIS.hashTreeRoot());

    SPEC.stateTransition().processSlot(working);
    working.balances().set(4, UInt64.valueOf(456));
    BeaconState after = working.commit();

    assertThat(after.stateRoots().get(0)).isEqualTo(edited);
    assertThat(after.balances().get(3)).isEqualTo(UInt64.valueOf(123));
    assertThat(after.balances().get(4)).isEqualTo(UInt64.valueOf(456));
    assertThat(working.origin()).isSameAs(GENESIS);
  }

  @Test
  void processSlotsRequiresALaterSlot() {
    BeaconState s3 = SPEC.stateTransition().processSlots(GENESIS, UInt64.valueOf(3));
    assertThatThrownBy(() -> SPEC.stateTransition().processSlots(s3, UInt64.valueOf(3)))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("state.slot < slot");
    assertThatThrownBy(() -> SPEC.stateTransition().processSlots(s3, UInt64.valueOf(2)))
        .isInstanceOf(StateTransitionException.class);
  }
}
