package io.edvt.spec.edvt.testing;

import static io.edvt.groups.GroupDomains.DOMAIN_GROUP_KEY_CHANGE;
import static io.edvt.groups.GroupDomains.DOMAIN_GROUP_KEY_PROOF;
import static io.edvt.groups.GroupDomains.DOMAIN_GROUP_REGISTRATION;

import io.edvt.groups.GroupKeyProofs;
import io.edvt.groups.GroupKeySets;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.datastructures.groups.GroupRegistration;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.GroupRegistryEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.ChainBuilder;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * Inputs of the EDVT vectors, built the way the spec-extensions unit tests build theirs
 * ({@code GroupFixture}, {@code EdvtGroupFixture}): a 64-validator interop Fulu chain, upgraded
 * to EDVT, groups with member keys no validator uses, and real BLS signatures. Everything is a
 * function of fixed seeds, so the same call gives the same bytes.
 */
public final class EdvtFixtures {
  public static final int VALIDATORS = 64;

  private final SpecConfig config;
  private final SpecFulu fulu;
  private final SpecEdvt edvt;
  private ChainBuilder chain;

  public EdvtFixtures(SpecFulu fulu, SpecEdvt edvt) {
    this.config = edvt.config();
    this.fulu = fulu;
    this.edvt = edvt;
  }

  public SpecEdvt edvt() {
    return edvt;
  }

  public SpecFulu fulu() {
    return fulu;
  }

  public SpecConfig config() {
    return config;
  }

  /** The Fulu interop chain, with blocks (and attestations) up to slot {@code 2 * SLOTS_PER_EPOCH + 2}. */
  public synchronized ChainBuilder chain() {
    if (chain == null) {
      chain = ChainBuilder.interop(fulu, VALIDATORS);
      chain.addBlocksUpTo(UInt64.valueOf(2L * config.slotsPerEpoch() + 2));
    }
    return chain;
  }

  /** The Fulu post-state of the chain's block at {@code slot} (or the head's at its slot). */
  public BeaconStateFulu fuluHead() {
    return BeaconStateFulu.required(chain().headState());
  }

  /** The chain's head advanced by Fulu to {@code slot}, then upgraded to EDVT, without groups. */
  public BeaconStateEdvt edvtAt(long slot) {
    BeaconState next = fulu.stateTransition().processSlots(fuluHead(), UInt64.valueOf(slot));
    return edvt.forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(next));
  }

  /** The secret key of member {@code member} of {@code validator}'s group. */
  public static BlsSecretKey memberKey(int validator, int member) {
    return BlsSecretKey.interop(10_000 + validator * 16 + member);
  }

  /** A member key no validator uses, by seed. */
  public static BlsSecretKey freshKey(int seed) {
    return BlsSecretKey.fromSeed(100_000L + seed);
  }

  public static List<BlsSecretKey> freshKeys(int from, int count) {
    List<BlsSecretKey> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(freshKey(from + i));
    }
    return keys;
  }

  public static BlsSecretKey ownKey(int validator) {
    return BlsSecretKey.interop(validator);
  }

  /**
   * Appends a group for {@code validator} with {@code n} member keys ({@link #memberKey}) and
   * threshold {@code m}, in force from epoch 1 after its own key set, with member participation
   * entries, as {@code add_group_to_registry} does; the sync committees are recomputed with the key
   * sets in force (as at a period boundary).
   */
  public void addGroup(MutableBeaconState state, int validator, int m, int n) {
    List<Bytes48> keys = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      keys.add(memberKey(validator, j).publicKey().toBytes());
    }
    GroupRegistryEdvt registry = edvt.registry();
    GroupKeySets<Bytes48> keySets = GroupKeySets.registered(state.validators().get(validator).pubkey(),
        new io.edvt.groups.GroupKeySet<>(m, keys, UInt64.ONE));
    state.<Group>list(BeaconStateEdvt.GROUPS).append(registry.toGroup(UInt64.valueOf(validator), keySets));
    for (int j = 0; j < SpecConfigEdvt.of(config).maxGroupSize(); j++) {
      state.<Integer>list(BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION).append(0);
      state.<Integer>list(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION).append(0);
    }
    edvt.epochProcessor().syncCommittee().seatCommitteesFromScratch(state);
  }

  /** The key of signer {@code virtualIndex}: a member key of a group, or an interop validator key. */
  public BlsSecretKey keyOf(MutableBeaconState state, long virtualIndex) {
    int validator = (int) VirtualIndex.validatorIndexOf(virtualIndex);
    int member = (int) VirtualIndex.memberIndexOf(virtualIndex);
    if (edvt.accessors().registry().getGroupIndex(state, validator).isPresent()) {
      return memberKey(validator, member);
    }
    if (member != 0) {
      throw new IllegalArgumentException("plain validator " + validator + " has no member " + member);
    }
    return chain().signer().keyOf(state, validator);
  }

  public long virtualIndex(int validator, int member) {
    return VirtualIndex.compute(validator, member);
  }

  /** The attestation signature of the signers {@code virtualIndices} over {@code data}. */
  public Bytes signAttestation(MutableBeaconState state, AttestationData data, List<Long> virtualIndices) {
    Bytes32 domain = edvt.accessors().getDomain(state, SpecConstants.DOMAIN_BEACON_ATTESTER, data.target().epoch());
    Bytes32 root = edvt.misc().computeSigningRoot(data.hashTreeRoot(), domain);
    List<BlsSignature> signatures = new ArrayList<>();
    for (long index : virtualIndices) {
      signatures.add(Bls.sign(keyOf(state, index), root));
    }
    return Bls.aggregate(signatures).toBytes();
  }

  public static void setEffectiveBalance(MutableBeaconState state, int index, UInt64 balance) {
    Validator v = state.validators().get(index);
    state.validators().set(index, v.withEffectiveBalance(balance));
    state.balances().set(index, balance);
  }

  private Bytes32 domain(MutableBeaconState state, Bytes domainType) {
    return edvt.accessors().getDomain(state, domainType, null);
  }

  /** {@code is_valid_group_key_proof}'s message signed by {@code key} for {@code validatorIndex}. */
  public Bytes proof(MutableBeaconState state, BlsSecretKey key, long validatorIndex) {
    Bytes32 root = GroupKeyProofs.signingRoot(UInt64.valueOf(validatorIndex), key.publicKey().toBytes(),
        domain(state, DOMAIN_GROUP_KEY_PROOF));
    return Bls.sign(key, root).toBytes();
  }

  public SignedGroupRegistration registration(MutableBeaconState state, int validatorIndex, int threshold,
      List<BlsSecretKey> members) {
    List<Bytes48> pubkeys = members.stream().map(k -> k.publicKey().toBytes()).toList();
    List<Bytes> proofs = members.stream().map(k -> proof(state, k, validatorIndex)).toList();
    return registration(state, validatorIndex, threshold, pubkeys, proofs, ownKey(validatorIndex));
  }

  public SignedGroupRegistration registration(MutableBeaconState state, int validatorIndex, int threshold,
      List<Bytes48> pubkeys, List<Bytes> proofs, BlsSecretKey signer) {
    SchemaDefinitionsEdvt schemas = edvt.schemas();
    @SuppressWarnings("unchecked")
    ListType<Bytes> proofsType = (ListType<Bytes>) schemas.groupRegistration().fields().get(3).type();
    GroupRegistration message = GroupRegistration.create(schemas.groupRegistration(), UInt64.valueOf(validatorIndex),
        UInt64.valueOf(threshold), schemas.groupPubkeys().of(pubkeys), proofsType.of(proofs));
    Bytes32 root = edvt.misc().computeSigningRoot(message.hashTreeRoot(), domain(state, DOMAIN_GROUP_REGISTRATION));
    return SignedGroupRegistration.create(schemas.signedGroupRegistration(), message, Bls.sign(signer, root).toBytes());
  }

  /** A key change signed by the members {@code signers} of the key set in force (keys in member order). */
  public SignedGroupKeyChange keyChange(MutableBeaconState state, GroupKeyChange change, List<BlsSecretKey> keySetKeys,
      int... signers) {
    Bytes32 root = edvt.misc().computeSigningRoot(change.hashTreeRoot(), domain(state, DOMAIN_GROUP_KEY_CHANGE));
    List<BlsSignature> signatures = new ArrayList<>();
    for (int member : signers) {
      signatures.add(Bls.sign(keySetKeys.get(member), root));
    }
    return SignedGroupKeyChange.create(edvt.schemas().signedGroupKeyChange(), change,
        Bls.aggregate(signatures).toBytes(), SszBits.withSet(SpecConfigEdvt.of(config).maxGroupSize(), signers));
  }
}
