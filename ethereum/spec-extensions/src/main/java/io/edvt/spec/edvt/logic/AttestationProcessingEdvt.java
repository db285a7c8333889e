package io.edvt.spec.edvt.logic;

import static io.edvt.spec.logic.common.SpecConstants.PARTICIPATION_FLAG_WEIGHTS;
import static io.edvt.spec.logic.common.SpecConstants.PROPOSER_WEIGHT;
import static io.edvt.spec.logic.common.SpecConstants.WEIGHT_DENOMINATOR;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.ParticipationTally;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.logic.common.ParticipationFlags;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.AttestationProcessingFulu;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes48;

/**
 * EDVT's {@code process_attestation}: aggregation bits over the expanded committees; a validator
 * without a group is accounted exactly as in Fulu; a group member's flags go to the member
 * participation list at {@code group_index * MAX_GROUP_SIZE + member_index}, and afterwards each
 * group touched by the attestation receives every flag of this attestation that at least
 * {@code threshold} of its members (key set in force at the target epoch) now hold and that its
 * validator lacks, with the proposer credited as Fulu credits it.
 *
 * <p>As in {@link AttestationProcessingFulu}, the attesting indices are derived once, while the
 * committees are checked: committees of one slot are disjoint, so the sorted union is exactly the
 * spec's {@code attesting_indices}.
 */
public class AttestationProcessingEdvt extends AttestationProcessingFulu {
  private final BeaconStateAccessorsEdvt edvtAccessors;
  private final GroupRegistryEdvt registry;

  public AttestationProcessingEdvt(EdvtHelpers helpers) {
    super(helpers.fulu());
    this.edvtAccessors = helpers.accessors();
    this.registry = helpers.registry();
  }

  @Override
  public void processAttestation(MutableBeaconState state, Attestation attestation, SignatureVerifier verifier) {
    AttestationData data = attestation.data();
    checkAttestationData(state, data);
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    UInt64 targetEpoch = data.target().epoch();

    long[] attestingIndices = checkCommitteesAndGetSigners(state, attestation);

    List<Integer> participationFlagIndices =
        accessors.getAttestationParticipationFlagIndices(state, data, state.slot().minus(data.slot()));

    // is_valid_indexed_attestation(state, get_indexed_attestation(state, attestation)): the
    // indices are sorted and unique by construction; each resolves (get_virtual_pubkey) to its key
    // at the target epoch. Each attester's validator record, group and key set are read once here
    // and kept for the accounting below.
    int n = attestingIndices.length;
    SszListEditor<Validator> validators = state.validators();
    PubkeyIndex keys = PubkeyIndex.of(state);
    GroupRegistryIndex.Cursor groups = registry.index(state).cursor();
    Map<Integer, GroupKeySet<Bytes48>> keySets = new HashMap<>(); // group index -> key set in force at the target epoch
    int[] validatorIndices = new int[n];
    int[] groupIndices = new int[n];
    long[] effectiveBalances = new long[n]; // of the validators without a group
    List<BlsPublicKey> publicKeys = new ArrayList<>(n);
    boolean resolved = n > 0;
    for (int k = 0; k < n && resolved; k++) {
      long validatorIndex = VirtualIndex.validatorIndexOf(attestingIndices[k]);
      long memberIndex = VirtualIndex.memberIndexOf(attestingIndices[k]);
      if (validatorIndex >= validators.size() || memberIndex >= GroupKeySet.MAX_GROUP_SIZE) {
        resolved = false;
        break;
      }
      int v = (int) validatorIndex;
      int p = groups.find(v);
      validatorIndices[k] = v;
      groupIndices[k] = p < 0 ? -1 : groups.groupIndex(p);
      if (p < 0) {
        // the plain key set: the validator's own key, member 0 only
        resolved = memberIndex == 0;
        if (resolved) {
          Validator validator = validators.get(v);
          effectiveBalances[k] = validator.effectiveBalance().longValue();
          publicKeys.add(keys.publicKey(v, validator.pubkey()));
        }
        continue;
      }
      GroupKeySet<Bytes48> keySet = keySets.computeIfAbsent(groupIndices[k],
          g -> registry.getGroupKeySet(registry.groups(state).get(g), targetEpoch).orElse(null));
      resolved = keySet != null && memberIndex < keySet.size();
      if (resolved) {
        publicKeys.add(keys.publicKey(keySet.key((int) memberIndex)));
      }
    }
    StateTransitionException.check(resolved && isValidSignature(state, data, attestation, publicKeys, verifier),
        "is_valid_indexed_attestation(state, get_indexed_attestation(state, attestation))",
        n + " attesters");

    boolean current = targetEpoch.equals(currentEpoch);
    SszListEditor<Integer> epochParticipation = current
        ? state.currentEpochParticipation()
        : state.previousEpochParticipation();
    SszListEditor<Integer> memberParticipation = state.list(current
        ? BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION
        : BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION);

    // get_base_reward(state, index) = effective_balance // increment * base_reward_per_increment;
    // the per-increment factor is the same for every validator, so it is computed once.
    long increment = config.effectiveBalanceIncrement().longValue();
    UInt64 baseRewardPerIncrement = accessors.getBaseRewardPerIncrement(state);
    UInt64 proposerRewardNumerator = UInt64.ZERO;
    // validator index -> group index of the groups this attestation touches, ascending
    TreeMap<Integer, Integer> groupValidators = new TreeMap<>();
    // group index -> its members' participation with this attestation's members' flags added
    Map<Integer, ParticipationTally> tallies = new HashMap<>();
    int flagsOfThisAttestation = 0;
    for (int flagIndex : participationFlagIndices) {
      flagsOfThisAttestation = ParticipationFlags.addFlag(flagsOfThisAttestation, flagIndex);
    }
    for (int k = 0; k < n; k++) {
      int validatorIndex = validatorIndices[k];
      if (groupIndices[k] < 0) {
        int flags = epochParticipation.get(validatorIndex);
        int updated = flags;
        long weights = 0;
        for (int flagIndex : participationFlagIndices) {
          if (!ParticipationFlags.hasFlag(updated, flagIndex)) {
            updated = ParticipationFlags.addFlag(updated, flagIndex);
            weights += PARTICIPATION_FLAG_WEIGHTS[flagIndex];
          }
        }
        if (updated != flags) {
          epochParticipation.set(validatorIndex, updated);
          proposerRewardNumerator = proposerRewardNumerator.plus(
              baseRewardPerIncrement.times(effectiveBalances[k] / increment).times(weights));
        }
      } else {
        // Record the member's own flags
        int groupIndex = groupIndices[k];
        int member = (int) VirtualIndex.memberIndexOf(attestingIndices[k]);
        ParticipationTally tally = tallies.computeIfAbsent(groupIndex,
            g -> edvtAccessors.memberTally(memberParticipation, g, keySets.get(g).size()));
        tallies.put(groupIndex, tally.withFlags(member, flagsOfThisAttestation));
        groupValidators.put(validatorIndex, groupIndex);
      }
    }

    // Credit each flag that a group's members now hold at the threshold
    for (var entry : groupValidators.entrySet()) {
      int validatorIndex = entry.getKey();
      int groupIndex = entry.getValue();
      ParticipationTally tally = tallies.get(groupIndex);
      edvtAccessors.setMemberTally(memberParticipation, groupIndex, tally);
      int reached = tally.flagsReachingThreshold(keySets.get(groupIndex).threshold());
      for (int flagIndex = 0; flagIndex < PARTICIPATION_FLAG_WEIGHTS.length; flagIndex++) {
        int flags = epochParticipation.get(validatorIndex);
        if (participationFlagIndices.contains(flagIndex) && !ParticipationFlags.hasFlag(flags, flagIndex)
            && ParticipationFlags.hasFlag(reached, flagIndex)) {
          epochParticipation.set(validatorIndex, ParticipationFlags.addFlag(flags, flagIndex));
          long effectiveBalance = validators.get(validatorIndex).effectiveBalance().longValue();
          proposerRewardNumerator = proposerRewardNumerator.plus(
              baseRewardPerIncrement.times(effectiveBalance / increment).times(PARTICIPATION_FLAG_WEIGHTS[flagIndex]));
        }
      }
    }

    long proposerRewardDenominator = (WEIGHT_DENOMINATOR - PROPOSER_WEIGHT) * WEIGHT_DENOMINATOR / PROPOSER_WEIGHT;
    UInt64 proposerReward = proposerRewardNumerator.dividedBy(proposerRewardDenominator);
    mutators.increaseBalance(state, accessors.getBeaconProposerIndex(state), proposerReward);
  }

  /** The expanded committee: every validator replaced by its members' virtual indices. */
  @Override
  protected long[] committeeSigners(MutableBeaconState state, UInt64 slot, int committeeIndex) {
    return edvtAccessors.getExpandedBeaconCommittee(state, slot, committeeIndex);
  }
}
