package io.edvt.spec.edvt.logic;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_ATTESTER;

import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.ChainBuilder;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * A small EDVT state for unit tests: a 64-validator interop Fulu chain upgraded to EDVT, to which
 * tests append groups directly (as {@code add_group_to_registry} would, with the member key set
 * in force from epoch 1), and signers for virtual indices with real BLS keys.
 */
final class EdvtGroupFixture {
  static final SpecConfig CONFIG = EdvtConfig.load("minimal");
  static final SpecFulu FULU = new SpecFulu(CONFIG);
  static final SpecEdvt EDVT = new SpecEdvt(CONFIG);
  static final SchemaDefinitionsEdvt SCHEMAS = EDVT.schemas();
  static final int SLOTS_PER_EPOCH = CONFIG.slotsPerEpoch();
  /** The head slot: slot 2 of epoch 2. */
  static final UInt64 HEAD_SLOT = UInt64.valueOf(2L * SLOTS_PER_EPOCH + 2);

  /** The shared main-code fixtures (also used by the reference-vector generator). */
  static final EdvtFixtures FIXTURES = new EdvtFixtures(FULU, EDVT);

  private static ChainBuilder chain;

  private EdvtGroupFixture() {}

  static synchronized ChainBuilder chain() {
    if (chain == null) {
      chain = ChainBuilder.interop(FULU, 64);
      chain.addBlocksUpTo(HEAD_SLOT);
    }
    return chain;
  }

  static BeaconStateFulu fuluHead() {
    return BeaconStateFulu.required(chain().headState());
  }

  /**
   * A working copy of the head advanced (by Fulu) to the next slot, {@code HEAD_SLOT + 1}, then
   * upgraded to EDVT, without groups. Advancing first records the head block's root as the chain
   * has it (the upgrade changes the state root the header's root is computed with).
   */
  static MutableBeaconState edvtHead() {
    BeaconStateFulu next = BeaconStateFulu.required(FULU.stateTransition().processSlots(fuluHead(), HEAD_SLOT.plus(1)));
    return new MutableBeaconState(EDVT.forkUpgrade().upgradeToEdvt(next));
  }

  /** The secret key of member {@code member} of {@code validator}'s group (distinct from every interop key in use). */
  static BlsSecretKey memberKey(int validator, int member) {
    return EdvtFixtures.memberKey(validator, member);
  }

  /**
   * Appends a group for {@code validator} with {@code n} member keys and threshold {@code m}, in
   * force from epoch 1 (after its own key, in force from genesis), and the member participation
   * entries, as {@code add_group_to_registry} does.
   */
  static void addGroup(MutableBeaconState state, int validator, int m, int n) {
    FIXTURES.addGroup(state, validator, m, n);
  }

  /** The key of signer {@code virtualIndex}: a member key of a group, or an interop validator key. */
  static BlsSecretKey keyOf(MutableBeaconState state, long virtualIndex) {
    int validator = (int) VirtualIndex.validatorIndexOf(virtualIndex);
    int member = (int) VirtualIndex.memberIndexOf(virtualIndex);
    if (EDVT.accessors().registry().getGroupIndex(state, validator).isPresent()) {
      return memberKey(validator, member);
    }
    if (member != 0) {
      throw new IllegalArgumentException("plain validator " + validator + " has no member " + member);
    }
    return chain().signer().keyOf(state, validator);
  }

  static long virtualIndex(int validator, int member) {
    return VirtualIndex.compute(validator, member);
  }

  /** The aggregate signature of {@code keys} over {@code signingRoot}. */
  static Bytes sign(List<BlsSecretKey> keys, Bytes32 signingRoot) {
    List<BlsSignature> signatures = new ArrayList<>();
    for (BlsSecretKey key : keys) {
      signatures.add(Bls.sign(key, signingRoot));
    }
    return Bls.aggregate(signatures).toBytes();
  }

  /** The keys of members {@code members} of {@code validator}'s group. */
  static List<BlsSecretKey> memberKeys(int validator, int... members) {
    List<BlsSecretKey> keys = new ArrayList<>();
    for (int j : members) {
      keys.add(memberKey(validator, j));
    }
    return keys;
  }

  static SszBits signerBits(int... members) {
    return SszBits.withSet(SpecConfigEdvt.of(CONFIG).maxGroupSize(), members);
  }

  /** The attestation signature of the signers {@code virtualIndices} over {@code data}. */
  static Bytes signAttestation(MutableBeaconState state, AttestationData data, List<Long> virtualIndices) {
    Bytes32 domain = EDVT.accessors().getDomain(state, DOMAIN_BEACON_ATTESTER, data.target().epoch());
    Bytes32 root = EDVT.misc().computeSigningRoot(data.hashTreeRoot(), domain);
    List<BlsSecretKey> keys = new ArrayList<>();
    for (long index : virtualIndices) {
      keys.add(keyOf(state, index));
    }
    return sign(keys, root);
  }

  /** An indexed attestation of {@code data} signed by the signers {@code virtualIndices}. */
  static IndexedAttestation indexed(MutableBeaconState state, AttestationData data, List<Long> virtualIndices) {
    List<Long> sorted = virtualIndices.stream().sorted().toList();
    List<UInt64> indices = sorted.stream().map(UInt64::valueOf).toList();
    return IndexedAttestation.create(SCHEMAS.indexedAttestation(), SCHEMAS.attestingIndices().of(indices), data,
        signAttestation(state, data, sorted));
  }
}
