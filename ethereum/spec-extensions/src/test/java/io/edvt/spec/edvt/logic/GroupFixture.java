package io.edvt.spec.edvt.logic;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.ChainBuilder;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * A small EDVT chain for the group operation tests: 64 interop validators on the minimal preset,
 * a few Fulu blocks, upgraded to EDVT at epoch 1; member keys and real BLS signatures.
 */
final class GroupFixture {
  static final SpecConfig CONFIG = EdvtConfig.load("minimal");
  static final SpecFulu FULU = new SpecFulu(CONFIG);
  static final SpecEdvt EDVT = new SpecEdvt(CONFIG);
  static final SpecConfigEdvt EDVT_CONFIG = EDVT.edvtConfig();
  static final int VALIDATORS = 64;
  static final UInt64 ETH = UInt64.valueOf(1_000_000_000L);

  /** The shared main-code fixtures (also used by the reference-vector generator). */
  static final EdvtFixtures FIXTURES = new EdvtFixtures(FULU, EDVT);

  private static BeaconStateEdvt upgraded;

  private GroupFixture() {}

  /** A fresh working copy of the EDVT state at slot {@code SLOTS_PER_EPOCH + 3} (epoch 1). */
  static synchronized MutableBeaconState state() {
    if (upgraded == null) {
      ChainBuilder chain = ChainBuilder.interop(FULU, VALIDATORS);
      chain.addBlocksUpTo(UInt64.valueOf(CONFIG.slotsPerEpoch() + 3L));
      upgraded = EDVT.forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(chain.headState()));
    }
    return new MutableBeaconState(upgraded);
  }

  static BlsSecretKey ownKey(int validatorIndex) {
    return EdvtFixtures.ownKey(validatorIndex);
  }

  /** A member key no validator uses. */
  static BlsSecretKey memberKey(int seed) {
    return EdvtFixtures.freshKey(seed);
  }

  static List<BlsSecretKey> memberKeys(int from, int count) {
    List<BlsSecretKey> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(memberKey(from + i));
    }
    return keys;
  }

  static void setEffectiveBalance(MutableBeaconState state, int index, UInt64 balance) {
    EdvtFixtures.setEffectiveBalance(state, index, balance);
  }

  static void setEpoch(MutableBeaconState state, long epoch) {
    state.setSlot(UInt64.valueOf(epoch * CONFIG.slotsPerEpoch()));
  }

  static Bytes32 domain(MutableBeaconState state, Bytes domainType) {
    return EDVT.accessors().getDomain(state, domainType, null);
  }

  /** {@code is_valid_group_key_proof}'s message signed by {@code key} for {@code validatorIndex}. */
  static Bytes proof(MutableBeaconState state, BlsSecretKey key, long validatorIndex) {
    return FIXTURES.proof(state, key, validatorIndex);
  }

  static SignedGroupRegistration registration(MutableBeaconState state, int validatorIndex, int threshold,
      List<BlsSecretKey> members) {
    List<Bytes48> pubkeys = members.stream().map(k -> k.publicKey().toBytes()).toList();
    List<Bytes> proofs = members.stream().map(k -> proof(state, k, validatorIndex)).toList();
    return registration(state, validatorIndex, threshold, pubkeys, proofs, ownKey(validatorIndex));
  }

  static SignedGroupRegistration registration(MutableBeaconState state, int validatorIndex, int threshold,
      List<Bytes48> pubkeys, List<Bytes> proofs, BlsSecretKey signer) {
    return FIXTURES.registration(state, validatorIndex, threshold, pubkeys, proofs, signer);
  }

  /** A key change signed by the members {@code signers} of the key set in force (keys given in member order). */
  static SignedGroupKeyChange keyChange(MutableBeaconState state, GroupKeyChange change, List<BlsSecretKey> keySetKeys,
      int... signers) {
    return FIXTURES.keyChange(state, change, keySetKeys, signers);
  }

  /** A key set of {@code members} with threshold {@code threshold} from {@code activationEpoch}. */
  static io.edvt.groups.GroupKeySet<Bytes48> keySet(List<BlsSecretKey> members, int threshold, long activationEpoch) {
    return new io.edvt.groups.GroupKeySet<>(threshold, members.stream().map(k -> k.publicKey().toBytes()).toList(),
        UInt64.valueOf(activationEpoch));
  }

  static GroupOperationsEdvt operations() {
    return EDVT.blockProcessor().groupOperations();
  }
}
