package io.edvt.spec.edvt.logic;

import static io.edvt.groups.GroupDomains.DOMAIN_GROUP_LEADER;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_ATTESTER;

import io.edvt.groups.AttesterSlashings;
import io.edvt.groups.GroupKeySet;
import io.edvt.groups.LeaderRanking;
import io.edvt.groups.ParticipationTally;
import io.edvt.groups.SignerSet;
import io.edvt.groups.ThresholdFailure;
import io.edvt.groups.ThresholdResult;
import io.edvt.groups.ThresholdVerifier;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.BeaconStateAccessorsFulu;
import io.edvt.spec.logic.versions.fulu.MiscHelpersFulu;
import io.edvt.spec.logic.versions.fulu.PredicatesFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * EDVT's beacon-state accessors (beacon-chain.md "Helpers" and "Beacon state accessors" that the
 * attestation, slashing, exit and block-signature rules use): expanded committees, attesting
 * indices and indexed attestations over virtual indices, the virtual-index form of
 * {@code is_valid_indexed_attestation}, the group member ranking and block leader, the attester
 * slashing indices, the member counts and {@code is_valid_threshold_signature}.
 *
 * <p>Virtual indices reach {@code 15 * 2**41 + 2**40}, beyond {@code int}: the EDVT variants take
 * and return {@code long}s (unsigned 64-bit values that are always below {@code 2**45} when they
 * come from a committee). Fulu's {@code int}-based {@link #getAttestingIndices} is kept for
 * callers that only see plain validators and fails loudly on a member index.
 */
public class BeaconStateAccessorsEdvt extends BeaconStateAccessorsFulu {
  private final GroupRegistryEdvt registry;

  public BeaconStateAccessorsEdvt(SpecConfig config, MiscHelpersFulu misc, PredicatesFulu predicates,
      SchemaDefinitionsEdvt schemas, GroupRegistryEdvt registry) {
    super(config, misc, predicates, schemas);
    this.registry = registry;
  }

  /** The group registry accessors ({@code get_group_index}, {@code get_validator_key_set}, ...). */
  public GroupRegistryEdvt registry() {
    return registry;
  }

  // ------------------------------------------------------------------ committees and attestations

  /**
   * {@code get_expanded_beacon_committee}: the beacon committee with every validator replaced by
   * the virtual indices of its members (in force at the slot's epoch), in member order.
   */
  public long[] getExpandedBeaconCommittee(MutableBeaconState state, UInt64 slot, int index) {
    UInt64 epoch = misc.computeEpochAtSlot(slot);
    int[] committee = getBeaconCommittee(state, slot, index);
    long[] out = new long[committee.length];
    int n = 0;
    for (int validatorIndex : committee) {
      if (registry.getGroupIndex(state, validatorIndex).isEmpty()) {
        // a validator without a group is member 0 of itself (the plain key set has one key)
        if (n == out.length) {
          out = java.util.Arrays.copyOf(out, out.length * 2 + 1);
        }
        out[n++] = validatorIndex;
        continue;
      }
      Optional<GroupKeySet<Bytes48>> keySet = registry.getValidatorKeySet(state, validatorIndex, epoch);
      StateTransitionException.check(keySet.isPresent(), "key_set is not None (get_expanded_beacon_committee)",
          "validator " + validatorIndex, "epoch " + epoch);
      int members = keySet.get().size();
      if (n + members > out.length) {
        out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, n + members));
      }
      for (int member = 0; member < members; member++) {
        out[n++] = VirtualIndex.compute(validatorIndex, member);
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * {@code get_attesting_indices} (modified in EDVT): the virtual indices selected by
   * {@code aggregation_bits} over the expanded committees named by {@code committee_bits},
   * ascending. Bits past the end of {@code aggregation_bits} select nobody, as in Fulu's variant
   * (process_attestation checks the length first).
   */
  public TreeSet<Long> getVirtualAttestingIndices(MutableBeaconState state, Attestation attestation) {
    TreeSet<Long> out = new TreeSet<>();
    SszBits bits = attestation.aggregationBits();
    int offset = 0;
    for (int committeeIndex : getCommitteeIndices(attestation.committeeBits())) {
      long[] committee = getExpandedBeaconCommittee(state, attestation.data().slot(), committeeIndex);
      for (int i = 0; i < committee.length; i++) {
        if (offset + i < bits.length() && bits.get(offset + i)) {
          out.add(committee[i]);
        }
      }
      offset += committee.length;
    }
    return out;
  }

  /**
   * Fulu's {@code int} form, kept for callers that handle plain validators only: throws if an
   * attester is a group member other than member {@code 0} (its virtual index does not fit).
   */
  @Override
  public TreeSet<Integer> getAttestingIndices(MutableBeaconState state, Attestation attestation) {
    TreeSet<Integer> out = new TreeSet<>();
    for (long index : getVirtualAttestingIndices(state, attestation)) {
      if (index > Integer.MAX_VALUE) {
        throw new IllegalStateException("virtual index " + index + " does not fit the int-based Fulu API; "
            + "use getVirtualAttestingIndices");
      }
      out.add((int) index);
    }
    return out;
  }

  /** {@code get_indexed_attestation} (unchanged, now with virtual indices). */
  @Override
  public IndexedAttestation getIndexedAttestation(MutableBeaconState state, Attestation attestation) {
    List<UInt64> indices = new ArrayList<>();
    for (long i : getVirtualAttestingIndices(state, attestation)) {
      indices.add(UInt64.valueOf(i));
    }
    return IndexedAttestation.create(schemas.indexedAttestation(), schemas.attestingIndices().of(indices),
        attestation.data(), attestation.signature());
  }

  /**
   * {@code is_valid_indexed_attestation} (modified in EDVT): non-empty, sorted and unique virtual
   * indices, each resolving ({@code get_virtual_pubkey}) to the key in force at the target epoch,
   * and a valid aggregate signature.
   */
  @Override
  public boolean isValidIndexedAttestation(MutableBeaconState state, IndexedAttestation indexed, SignatureVerifier verifier) {
    Optional<List<Bytes48>> keys = attestingPubkeys(state, indexed);
    if (keys.isEmpty()) {
      return false;
    }
    PubkeyIndex index = PubkeyIndex.of(state);
    List<BlsPublicKey> pubkeys = new ArrayList<>(keys.get().size());
    for (Bytes48 key : keys.get()) {
      pubkeys.add(index.publicKey(key));
    }
    UInt64 epoch = indexed.data().target().epoch();
    Bytes32 domain = getDomain(state, DOMAIN_BEACON_ATTESTER, epoch);
    Bytes32 signingRoot = misc.computeSigningRoot(indexed.data().hashTreeRoot(), domain);
    return verifier.verify(pubkeys, signingRoot, indexed.signature());
  }

  /**
   * {@code get_virtual_pubkey} as a parsed key: for member {@code 0} of a validator without a group
   * its own key (found by index, without building the plain key set), otherwise the key of the
   * key set in force at {@code epoch}; empty if the index names no signer.
   */
  public Optional<BlsPublicKey> virtualPublicKey(MutableBeaconState state, long virtualIndex, UInt64 epoch) {
    long validatorIndex = VirtualIndex.validatorIndexOf(virtualIndex);
    if (virtualIndex == validatorIndex && validatorIndex < state.validators().size()
        && registry.getGroupIndex(state, validatorIndex).isEmpty()) {
      int index = (int) validatorIndex;
      return Optional.of(PubkeyIndex.of(state).publicKey(index, state.validators().get(index).pubkey()));
    }
    return registry.getVirtualPubkey(state, virtualIndex, epoch).map(PubkeyIndex.of(state)::publicKey);
  }

  /**
   * The index part of {@code is_valid_indexed_attestation}: the keys of the attesting indices at
   * the target epoch, or empty if the indices are empty, unsorted, repeated or do not resolve.
   */
  public Optional<List<Bytes48>> attestingPubkeys(MutableBeaconState state, IndexedAttestation indexed) {
    return AttesterSlashings.attestingPubkeys(vote(indexed), registry.keySetLookup(state));
  }

  // ------------------------------------------------------------------ slashings

  /**
   * {@code get_attester_slashing_indices}: the validators with at least {@code threshold} members
   * in each attestation (key set in force at each attestation's target epoch), ascending. Reuses
   * the scheme-agnostic rule of {@link AttesterSlashings#slashingIndices}.
   */
  public List<Long> getAttesterSlashingIndices(MutableBeaconState state, IndexedAttestation attestation1,
      IndexedAttestation attestation2) {
    List<Long> out = new ArrayList<>();
    for (UInt64 index : AttesterSlashings.slashingIndices(vote(attestation1), vote(attestation2),
        registry.keySetLookup(state))) {
      out.add(index.longValue());
    }
    return out;
  }

  /** {@code count_attesting_members}: the entries of {@code attesting_indices} that belong to the validator. */
  public long countAttestingMembers(IndexedAttestation indexed, long validatorIndex) {
    return AttesterSlashings.countAttestingMembers(vote(indexed), UInt64.valueOf(validatorIndex));
  }

  /**
   * The participation of group {@code groupIndex}'s first {@code memberCount} members in
   * {@code memberParticipation} ({@code group_index * MAX_GROUP_SIZE + member_index}), as the
   * group rules' tally: {@code count_members_with_flag} is {@link ParticipationTally#count}.
   */
  public ParticipationTally memberTally(SszListEditor<Integer> memberParticipation, int groupIndex, int memberCount) {
    int start = groupIndex * GroupKeySet.MAX_GROUP_SIZE;
    byte[] flags = new byte[memberCount];
    for (int member = 0; member < memberCount; member++) {
      flags[member] = (byte) (int) memberParticipation.get(start + member);
    }
    return ParticipationTally.of(flags);
  }

  /** Writes the members' flags of {@code tally} back to {@code memberParticipation}. */
  public void setMemberTally(SszListEditor<Integer> memberParticipation, int groupIndex, ParticipationTally tally) {
    int start = groupIndex * GroupKeySet.MAX_GROUP_SIZE;
    for (int member = 0; member < tally.size(); member++) {
      if (memberParticipation.get(start + member) != tally.flags(member)) {
        memberParticipation.set(start + member, tally.flags(member));
      }
    }
  }

  private static AttesterSlashings.IndexedVote vote(IndexedAttestation indexed) {
    return new AttesterSlashings.IndexedVote(indexed.attestingIndices().asList(), indexed.data().target().epoch());
  }

  // ------------------------------------------------------------------ leaders

  /**
   * {@code get_group_member_ranking}: the members of the key set in force at the slot's epoch,
   * best rank first ({@code compute_shuffled_index} with a seed from {@code DOMAIN_GROUP_LEADER},
   * the slot and the validator index; {@link LeaderRanking}).
   */
  public int[] getGroupMemberRanking(MutableBeaconState state, long validatorIndex, UInt64 slot) {
    UInt64 epoch = misc.computeEpochAtSlot(slot);
    Optional<GroupKeySet<Bytes48>> keySet = registry.getValidatorKeySet(state, validatorIndex, epoch);
    StateTransitionException.check(keySet.isPresent(), "key_set is not None (get_group_member_ranking)",
        "validator " + validatorIndex, "epoch " + epoch);
    Bytes32 seed = getSeed(state, epoch, DOMAIN_GROUP_LEADER);
    return LeaderRanking.groupMemberRanking(seed.toArrayUnsafe(), slot, UInt64.valueOf(validatorIndex),
        keySet.get().size(), config.shuffleRoundCount());
  }

  /** {@code get_block_leader}: the best-ranked member named by {@code signerBits}, if any. */
  public OptionalInt getBlockLeader(MutableBeaconState state, long validatorIndex, UInt64 slot, SszBits signerBits) {
    for (int member : getGroupMemberRanking(state, validatorIndex, slot)) {
      if (member < signerBits.length() && signerBits.get(member)) {
        return OptionalInt.of(member);
      }
    }
    return OptionalInt.empty();
  }

  // ------------------------------------------------------------------ threshold signatures

  /**
   * {@code is_valid_threshold_signature}: {@code signature} aggregates signatures over
   * {@code signingRoot} of at least {@code threshold} distinct members, named by
   * {@code signerBits}, of the key set of the validator in force at {@code epoch}.
   */
  public boolean isValidThresholdSignature(MutableBeaconState state, UInt64 validatorIndex, UInt64 epoch,
      Bytes32 signingRoot, SszBits signerBits, Bytes signature, SignatureVerifier verifier) {
    return thresholdSignatureFailure(state, validatorIndex, epoch, signingRoot, signerBits, signature, verifier).isEmpty();
  }

  /**
   * {@link #isValidThresholdSignature} with the reason: empty if the signature is valid, else which
   * of the spec's conditions failed. The rule is the group suite's {@link ThresholdVerifier} (the
   * key set that {@code get_validator_key_set} gives, at least {@code threshold} signers named,
   * every signer a member, the aggregate over their keys), with BLS whose checks go through
   * {@code verifier}.
   */
  public Optional<String> thresholdSignatureFailure(MutableBeaconState state, UInt64 validatorIndex, UInt64 epoch,
      Bytes32 signingRoot, SszBits signerBits, Bytes signature, SignatureVerifier verifier) {
    Optional<GroupKeySet<Bytes48>> keySet = registry.keySetLookup(state).keySet(validatorIndex, epoch);
    if (keySet.isEmpty()) {
      return Optional.of(ThresholdFailure.NO_KEY_SET.specCondition() + " (validator " + validatorIndex + ", epoch "
          + epoch + ")");
    }
    PubkeyIndex index = PubkeyIndex.of(state);
    List<BlsPublicKey> keys = new ArrayList<>(keySet.get().size());
    for (Bytes48 key : keySet.get().keys()) {
      keys.add(index.publicKey(key));
    }
    GroupKeySet<BlsPublicKey> blsKeySet = new GroupKeySet<>(keySet.get().threshold(), keys, keySet.get().activationEpoch());
    ThresholdResult result = new ThresholdVerifier<>(new VerifierBlsScheme(verifier))
        .verifyAggregate(blsKeySet, signingRoot, SignerSet.of(signerBits.setBits().toArray()), BlsSignature.fromBytes(signature));
    return result.failure().map(failure -> failure.specCondition() + " (" + result.message() + ")");
  }
}
