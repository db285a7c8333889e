package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_ATTESTER;
import static io.edvt.spec.logic.common.SpecConstants.PARTICIPATION_FLAG_WEIGHTS;
import static io.edvt.spec.logic.common.SpecConstants.PROPOSER_WEIGHT;
import static io.edvt.spec.logic.common.SpecConstants.WEIGHT_DENOMINATOR;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.ParticipationFlags;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Attestations in a block (Electra {@code process_attestation}: EIP-7549 committee bits, Deneb's
 * EIP-7045 inclusion window and target timeliness, Altair participation flags and proposer
 * reward).
 *
 * <p>The spec derives the attesting indices three times (committee checks,
 * {@code get_indexed_attestation}, {@code get_attesting_indices}); here they are derived once,
 * while the committees are checked, and reused. Committees of one slot are disjoint slices of
 * one shuffling, so the union is duplicate-free and, once sorted, exactly the
 * {@code attesting_indices} of the spec's indexed attestation: the sortedness and uniqueness
 * checks of {@code is_valid_indexed_attestation} hold by construction and only its emptiness
 * check and signature remain to be done.
 */
public class AttestationProcessingFulu {
  protected final SpecConfig config;
  protected final MiscHelpersFulu misc;
  protected final BeaconStateAccessorsFulu accessors;
  protected final BeaconStateMutatorsFulu mutators;

  public AttestationProcessingFulu(FuluHelpers helpers) {
    this.config = helpers.config();
    this.misc = helpers.misc();
    this.accessors = helpers.accessors();
    this.mutators = helpers.mutators();
  }

  /** {@code process_attestation} (Electra, unchanged in Fulu). */
  public void processAttestation(MutableBeaconState state, Attestation attestation, SignatureVerifier verifier) {
    AttestationData data = attestation.data();
    checkAttestationData(state, data);
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    UInt64 targetEpoch = data.target().epoch();

    int[] attestingIndices = checkCommitteesAndGetAttestingIndices(state, attestation);

    List<Integer> participationFlagIndices =
        accessors.getAttestationParticipationFlagIndices(state, data, state.slot().minus(data.slot()));

    // is_valid_indexed_attestation(state, get_indexed_attestation(state, attestation)), reading
    // each attester's validator once and keeping its effective balance for the rewards below
    SszListEditor<Validator> validators = state.validators();
    long[] effectiveBalances = new long[attestingIndices.length];
    List<BlsPublicKey> publicKeys = new ArrayList<>(attestingIndices.length);
    PubkeyIndex keys = PubkeyIndex.of(state);
    for (int k = 0; k < attestingIndices.length; k++) {
      Validator v = validators.get(attestingIndices[k]);
      effectiveBalances[k] = v.effectiveBalance().longValue();
      publicKeys.add(keys.publicKey(attestingIndices[k], v.pubkey()));
    }
    StateTransitionException.check(attestingIndices.length > 0 && isValidSignature(state, data, attestation, publicKeys, verifier),
        "is_valid_indexed_attestation(state, get_indexed_attestation(state, attestation))",
        attestingIndices.length + " attesters");

    SszListEditor<Integer> epochParticipation = targetEpoch.equals(currentEpoch)
        ? state.currentEpochParticipation()
        : state.previousEpochParticipation();

    // get_base_reward(state, index) = effective_balance // increment * base_reward_per_increment;
    // the per-increment factor is the same for every attester, so it is computed once.
    long increment = config.effectiveBalanceIncrement().longValue();
    UInt64 baseRewardPerIncrement = accessors.getBaseRewardPerIncrement(state);
    UInt64 proposerRewardNumerator = UInt64.ZERO;
    for (int k = 0; k < attestingIndices.length; k++) {
      int index = attestingIndices[k];
      int flags = epochParticipation.get(index);
      int updated = flags;
      long weights = 0;
      for (int flagIndex : participationFlagIndices) {
        if (!ParticipationFlags.hasFlag(updated, flagIndex)) {
          updated = ParticipationFlags.addFlag(updated, flagIndex);
          weights += PARTICIPATION_FLAG_WEIGHTS[flagIndex];
        }
      }
      if (updated != flags) {
        epochParticipation.set(index, updated);
        UInt64 baseReward = baseRewardPerIncrement.times(effectiveBalances[k] / increment);
        proposerRewardNumerator = proposerRewardNumerator.plus(baseReward.times(weights));
      }
    }

    long proposerRewardDenominator = (WEIGHT_DENOMINATOR - PROPOSER_WEIGHT) * WEIGHT_DENOMINATOR / PROPOSER_WEIGHT;
    UInt64 proposerReward = proposerRewardNumerator.dividedBy(proposerRewardDenominator);
    mutators.increaseBalance(state, accessors.getBeaconProposerIndex(state), proposerReward);
  }

  /**
   * The committee checks of {@code process_attestation} and the attesting indices they yield,
   * ascending, as validator indices.
   */
  protected int[] checkCommitteesAndGetAttestingIndices(MutableBeaconState state, Attestation attestation) {
    long[] indices = checkCommitteesAndGetSigners(state, attestation);
    int[] out = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = Math.toIntExact(indices[i]);
    }
    return out;
  }

  /**
   * The members of one committee in aggregation-bit order: the validator indices of
   * {@code get_beacon_committee} here; a later fork that expands committees overrides it.
   */
  protected long[] committeeSigners(MutableBeaconState state, UInt64 slot, int committeeIndex) {
    int[] committee = accessors.getBeaconCommittee(state, slot, committeeIndex);
    long[] out = new long[committee.length];
    for (int i = 0; i < committee.length; i++) {
      out[i] = committee[i];
    }
    return out;
  }

  /**
   * The committee checks of {@code process_attestation} (each committee index in range and with
   * at least one attester, aggregation bits exactly as long as the committees of
   * {@link #committeeSigners} together) and the signers they select, ascending.
   */
  protected final long[] checkCommitteesAndGetSigners(MutableBeaconState state, Attestation attestation) {
    AttestationData data = attestation.data();
    SszBits aggregationBits = attestation.aggregationBits();
    int committeeCount = accessors.getCommitteeCountPerSlot(state, data.target().epoch());
    long[] attesters = new long[Math.min(aggregationBits.length(), aggregationBits.count())];
    int attesterCount = 0;
    int committeeOffset = 0;
    for (int committeeIndex : accessors.getCommitteeIndices(attestation.committeeBits())) {
      StateTransitionException.check(committeeIndex < committeeCount,
          "committee_index < get_committee_count_per_slot(state, data.target.epoch)", committeeIndex, committeeCount);
      long[] committee = committeeSigners(state, data.slot(), committeeIndex);
      // the spec reads aggregation_bits[committee_offset + i] for every member: past the end
      // of the bits that read fails, which makes the attestation invalid
      StateTransitionException.check(committeeOffset + committee.length <= aggregationBits.length(),
          "aggregation_bits covers committee " + committeeIndex,
          "bits " + aggregationBits.length(), "needed " + (committeeOffset + committee.length));
      int committeeAttesters = 0;
      for (int i = 0; i < committee.length; i++) {
        if (aggregationBits.get(committeeOffset + i)) {
          attesters[attesterCount++] = committee[i];
          committeeAttesters++;
        }
      }
      StateTransitionException.check(committeeAttesters > 0, "len(committee_attesters) > 0", "committee " + committeeIndex);
      committeeOffset += committee.length;
    }
    StateTransitionException.check(aggregationBits.length() == committeeOffset,
        "len(attestation.aggregation_bits) == committee_offset", aggregationBits.length(), committeeOffset);
    long[] out = Arrays.copyOf(attesters, attesterCount);
    Arrays.sort(out); // indices (virtual ones included) are below 2**63: signed order is unsigned order
    return out;
  }

  /** The aggregate signature check of {@code is_valid_indexed_attestation}. */
  protected boolean isValidSignature(MutableBeaconState state, AttestationData data, Attestation attestation,
      List<BlsPublicKey> publicKeys, SignatureVerifier verifier) {
    Bytes32 domain = accessors.getDomain(state, DOMAIN_BEACON_ATTESTER, data.target().epoch());
    Bytes32 signingRoot = misc.computeSigningRoot(data.hashTreeRoot(), domain);
    return verifier.verify(publicKeys, signingRoot, attestation.signature());
  }

  /**
   * The checks of {@code process_attestation} on the attestation's data alone (target epoch,
   * inclusion window, {@code index == 0}), before its committees are looked at.
   */
  protected final void checkAttestationData(MutableBeaconState state, AttestationData data) {
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    UInt64 previousEpoch = accessors.getPreviousEpoch(state);
    UInt64 targetEpoch = data.target().epoch();
    StateTransitionException.check(targetEpoch.equals(previousEpoch) || targetEpoch.equals(currentEpoch),
        "data.target.epoch in (get_previous_epoch(state), get_current_epoch(state))",
        "target " + targetEpoch, "previous " + previousEpoch, "current " + currentEpoch);
    StateTransitionException.check(targetEpoch.equals(misc.computeEpochAtSlot(data.slot())),
        "data.target.epoch == compute_epoch_at_slot(data.slot)",
        "target.epoch=" + targetEpoch, "slot=" + data.slot());
    StateTransitionException.check(data.slot().plus(config.minAttestationInclusionDelay()).isLessThanOrEqualTo(state.slot()),
        "data.slot + MIN_ATTESTATION_INCLUSION_DELAY <= state.slot", data.slot(), state.slot());
    StateTransitionException.check(data.index().isZero(), "data.index == 0", data.index());
  }
}
