package io.edvt.spec.logic.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.junit.jupiter.api.Test;

class PubkeyIndexTest {
  private static final SchemaDefinitionsFulu FULU = new SchemaDefinitionsFulu(SpecConfigLoader.load("minimal"));

  private static Validator validator(int key) {
    return Validator.create(Bytes48.leftPad(Bytes.of(key)), Bytes32.ZERO, UInt64.valueOf(32_000_000_000L), false,
        UInt64.ZERO, UInt64.ZERO, UInt64.MAX_VALUE, UInt64.MAX_VALUE);
  }

  private static MutableBeaconState stateWithKeys(int... keys) {
    MutableBeaconState state = new MutableBeaconState(FULU.beaconState().defaultValue());
    SszListEditor<Validator> validators = state.validators();
    for (int k : keys) {
      validators.append(validator(k));
    }
    return state;
  }

  @Test
  void aDuplicatedKeyResolvesToItsFirstIndexAsInTheSpec() {
    MutableBeaconState state = stateWithKeys(1, 2, 1, 3);
    PubkeyIndex index = PubkeyIndex.of(state);

    assertThat(index.indexOf(state, Bytes48.leftPad(Bytes.of(1)))).contains(0);
    assertThat(index.indexOf(state, Bytes48.leftPad(Bytes.of(3)))).contains(3);
    assertThat(index.indexOf(state, Bytes48.leftPad(Bytes.of(9)))).isEmpty();
  }

  @Test
  void keysAppendedLaterAreFoundAndEarlierOnesKeepTheirIndex() {
    MutableBeaconState state = stateWithKeys(1, 2);
    PubkeyIndex index = PubkeyIndex.of(state);
    assertThat(index.indexOf(state, Bytes48.leftPad(Bytes.of(2)))).contains(1);

    state.validators().append(validator(2));
    state.validators().append(validator(4));
    assertThat(index.indexOf(state, Bytes48.leftPad(Bytes.of(4)))).contains(3);
    assertThat(index.indexOf(state, Bytes48.leftPad(Bytes.of(2)))).contains(1);
    BeaconState committed = state.commit();
    assertThat(committed.validators().size()).isEqualTo(4);
  }

  @Test
  void keysByIndexAreTheKeysOfThePubkeyAtThatIndex() {
    MutableBeaconState state = stateWithKeys(1, 2);
    PubkeyIndex index = PubkeyIndex.of(state);
    Bytes48 one = state.validators().get(0).pubkey();
    Bytes48 two = state.validators().get(1).pubkey();

    assertThat(index.publicKey(0, one).toBytes()).isEqualTo(one);
    assertThat(index.publicKey(0, one)).isSameAs(index.publicKey(one));
    // another fork with another validator at index 0 gets its own key, not the remembered one
    assertThat(index.publicKey(0, two).toBytes()).isEqualTo(two);
    assertThat(index.publicKey(0, one).toBytes()).isEqualTo(one);
    assertThat(index.publicKey(5000, two).toBytes()).isEqualTo(two);
  }

  @Test
  void theStartUpWarmUpCachesEveryRegistryKeyWithItsValidity() {
    // a real key (the generator of G1, compressed) and keys that are not valid points
    Bytes48 g1 = Bytes48.fromHexString(
        "0x97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb");
    MutableBeaconState state = stateWithKeys(1, 2, 3);
    state.validators().append(Validator.create(g1, Bytes32.ZERO, UInt64.valueOf(32_000_000_000L), false,
        UInt64.ZERO, UInt64.ZERO, UInt64.MAX_VALUE, UInt64.MAX_VALUE));
    PubkeyIndex index = PubkeyIndex.of(state);

    index.warmUp(state, Runnable::run, 3).join();

    for (int i = 0; i < 4; i++) {
      Bytes48 pubkey = state.validators().get(i).pubkey();
      assertThat(index.publicKey(i, pubkey)).isSameAs(index.publicKey(pubkey));
    }
    assertThat(index.publicKey(3, g1).isValid()).isTrue();
    assertThat(index.publicKey(0, state.validators().get(0).pubkey()).isValid()).isFalse();
  }
}
