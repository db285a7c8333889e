package io.edvt.spec.logic.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.junit.jupiter.api.Test;

class PubkeyIndexBulkScanTest {
  private static final SchemaDefinitionsFulu SCHEMAS = new SchemaDefinitionsFulu(SpecConfigLoader.load("minimal"));

  private static Bytes48 pubkey(int i) {
    return Bytes48.leftPad(Bytes.ofUnsignedInt(i + 1));
  }

  private static Validator validator(int i) {
    return Validator.create(pubkey(i), Bytes32.ZERO, UInt64.ZERO, false, UInt64.ZERO, UInt64.ZERO,
        SpecConstants.FAR_FUTURE_EPOCH, SpecConstants.FAR_FUTURE_EPOCH);
  }

  private static BeaconState stateWith(int n) {
    List<Validator> validators = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      validators.add(validator(i));
    }
    BeaconState empty = SCHEMAS.beaconState().defaultValue();
    return empty.withValidators(empty.validators().type().of(validators));
  }

  @Test
  void findsEveryKeyOfABigRegistryReadInOnePassAndKeysAppendedLater() {
    MutableBeaconState state = new MutableBeaconState(stateWith(5000));
    PubkeyIndex index = PubkeyIndex.of(state);
    assertThat(index.indexOf(state, pubkey(4321))).contains(4321);
    assertThat(index.indexOf(state, pubkey(0))).contains(0);
    assertThat(index.indexOf(state, pubkey(4999))).contains(4999);
    assertThat(index.indexOf(state, pubkey(5000))).isEmpty();

    state.validators().append(validator(5000));
    assertThat(index.indexOf(state, pubkey(5000))).contains(5000);
  }

  @Test
  void anEntryFromALongerRegistryIsNotTrusted() {
    BeaconState longer = stateWith(3000);
    MutableBeaconState big = new MutableBeaconState(longer);
    PubkeyIndex index = PubkeyIndex.of(big);
    assertThat(index.indexOf(big, pubkey(2500))).contains(2500);

    // a state on another branch with a shorter registry, sharing the same index object
    MutableBeaconState shorter = new MutableBeaconState(stateWith(2000));
    shorter.caches().put(PubkeyIndex.class, index);
    assertThat(PubkeyIndex.of(shorter).indexOf(shorter, pubkey(2500))).isEqualTo(Optional.empty());
    assertThat(PubkeyIndex.of(shorter).indexOf(shorter, pubkey(1999))).contains(1999);
  }
}
