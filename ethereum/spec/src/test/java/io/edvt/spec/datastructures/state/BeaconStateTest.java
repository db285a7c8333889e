package io.edvt.spec.datastructures.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.schemas.SchemaDefinitionsElectra;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.junit.jupiter.api.Test;

class BeaconStateTest {
  private static final SpecConfig MINIMAL = SpecConfigLoader.load("minimal");
  private static final SchemaDefinitionsFulu FULU = new SchemaDefinitionsFulu(MINIMAL);

  private static Validator validator(int i) {
    return Validator.create(
        Bytes48.leftPad(org.apache.tuweni.bytes.Bytes.of(i + 1)),
        Bytes32.ZERO,
        UInt64.valueOf(32_000_000_000L),
        false,
        UInt64.ZERO,
        UInt64.ZERO,
        UInt64.MAX_VALUE,
        UInt64.MAX_VALUE);
  }

  @Test
  void withCopiesAreNewValuesOfTheSameClassAndLeaveTheOriginalAlone() {
    BeaconStateFulu genesis = FULU.beaconState().defaultValue();
    BeaconState next = genesis.withSlot(UInt64.valueOf(3));

    assertThat(next).isInstanceOf(BeaconStateFulu.class);
    assertThat(next.slot()).isEqualTo(UInt64.valueOf(3));
    assertThat(genesis.slot()).isEqualTo(UInt64.ZERO);
    assertThat(next.hashTreeRoot()).isNotEqualTo(genesis.hashTreeRoot());
    assertThat(next.withSlot(UInt64.ZERO)).isEqualTo(genesis);
  }

  @Test
  void registryUpdatesGoThroughTheTypedLists() {
    BeaconState state = FULU.beaconState().defaultValue();
    SszListEditor<Validator> validators = state.validators().edit();
    SszListEditor<UInt64> balances = state.balances().edit();
    for (int i = 0; i < 4; i++) {
      validators.append(validator(i));
      balances.append(UInt64.valueOf(32_000_000_000L + i));
    }
    state = state.withValidators(validators.commit()).withBalances(balances.commit());

    Validator v2 = state.validators().get(2);
    assertThat(v2.pubkey().get(47)).isEqualTo((byte) 3);
    assertThat(state.balances().get(3)).isEqualTo(UInt64.valueOf(32_000_000_003L));

    Validator exited = v2.withExitEpoch(UInt64.valueOf(10)).withSlashed(true);
    state = state.withValidators(state.validators().set(2, exited));
    assertThat(state.validators().get(2).exitEpoch()).isEqualTo(UInt64.valueOf(10));
    assertThat(state.validators().get(2).slashed()).isTrue();
    assertThat(state.validators().get(1)).isEqualTo(validator(1));
    // The state survives a round trip through its type.
    assertThat(FULU.beaconState().deserialize(state.serialize())).isEqualTo(state);
  }

  @Test
  void requiredNarrowsToTheMilestoneOrSaysWhatItGot() {
    BeaconState electra = new SchemaDefinitionsElectra(MINIMAL).beaconState().defaultValue();
    BeaconState fulu = FULU.beaconState().defaultValue();

    assertThat(BeaconStateFulu.required(fulu)).isSameAs(fulu);
    assertThat(BeaconStateElectra.required(electra)).isSameAs(electra);
    assertThatThrownBy(() -> BeaconStateFulu.required(electra))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BeaconStateElectra");
    assertThatThrownBy(() -> BeaconStateElectra.required(fulu))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void proposerLookaheadHasOneEntryPerSlotOfTheLookaheadEpochs() {
    BeaconStateFulu state = FULU.beaconState().defaultValue();
    assertThat(state.proposerLookahead().size()).isEqualTo(16); // (1 + 1) * 8 slots

    BeaconStateFulu updated =
        state.withProposerLookahead(state.proposerLookahead().set(15, UInt64.valueOf(42)));
    assertThat(updated.proposerLookahead().get(15)).isEqualTo(UInt64.valueOf(42));
    SszList<UInt64> balances = state.balances();
    assertThatThrownBy(() -> state.withProposerLookahead(balances))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fieldsRejectValuesOfTheWrongType() {
    BeaconStateFulu state = FULU.beaconState().defaultValue();
    assertThatThrownBy(() -> state.withGenesisValidatorsRoot(null))
        .isInstanceOf(NullPointerException.class);
    // A Checkpoint where a BeaconBlockHeader belongs.
    Object[] values = state.values();
    values[BeaconState.LATEST_BLOCK_HEADER] = Checkpoint.TYPE.defaultValue();
    assertThatThrownBy(() -> FULU.beaconState().create(values))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
