package io.edvt.node.chain;

import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.SpecTypes;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.logic.BeaconStateAccessorsEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The first {@link BlockProductionInputs}: from the {@link AttestationPool} and the
 * {@link OperationPool}. Attestations are packed greedily by new participation: each round takes
 * the candidate with the most attesters (validators in Fulu, signers of the expanded committees in
 * EDVT) not yet covered for its target epoch by the ones taken before, until
 * {@code MAX_ATTESTATIONS_ELECTRA} or nothing adds anyone. An attester whose validator already has
 * participation flags for the target epoch in the state (included by an earlier block; for a group,
 * credited at its threshold) adds nothing and is not counted. Each taken attestation is applied with
 * {@code process_attestation} to a working state first, so only includable ones go in; their
 * signatures were checked when they entered the pool (merging keeps them valid), so they are not
 * checked again here.
 *
 * <p>The sync aggregate is the {@link SyncCommitteePool}'s for the parent block (the block root at
 * the previous slot, signed in that slot): the best aggregate of each subcommittee combined
 * ({@link SyncCommitteePool#forBlock}). It is applied with {@code process_sync_aggregate}, its
 * signature checked, to a copy of the state at the slot first; one that does not verify (seats
 * placed on a committee other than the block's) is left out and the block gets an empty one. The
 * seats are member keys' seats in EDVT, so a group's seats count as its members signed, exactly as
 * the state transition pays them.
 */
public final class PooledBlockProductionInputs implements BlockProductionInputs {
  private static final System.Logger LOG = System.getLogger(PooledBlockProductionInputs.class.getName());

  private final SpecVersions versions;
  private final MultiForkStateTransition transitions;
  private final AttestationPool attestations;
  private final OperationPool operations;
  private final SyncCommitteePool syncCommittee;

  /** Without sync committee messages: every block gets an empty sync aggregate. */
  public PooledBlockProductionInputs(SpecVersions versions, AttestationPool attestations, OperationPool operations) {
    this(versions, attestations, operations, SyncCommitteePool.create(versions.config().syncCommitteeSize(),
        SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT));
  }

  public PooledBlockProductionInputs(SpecVersions versions, AttestationPool attestations, OperationPool operations,
      SyncCommitteePool syncCommittee) {
    this.versions = versions;
    this.transitions = new MultiForkStateTransition(versions);
    this.attestations = attestations;
    this.operations = operations;
    this.syncCommittee = syncCommittee;
  }

  @Override
  public Inputs forSlot(BeaconState headState, long slot) {
    BeaconState atSlot = headState.slot().longValue() < slot
        ? transitions.processSlots(headState, UInt64.valueOf(slot)) : headState;
    MutableBeaconState state = new MutableBeaconState(atSlot);
    return new Inputs(packAttestations(state, slot), operations.forBlock(state), syncAggregate(atSlot, slot));
  }

  /** The pool's sync aggregate for the block root at {@code slot - 1}, if it passes {@code process_sync_aggregate} on {@code atSlot}. */
  private Optional<SyncAggregate> syncAggregate(BeaconState atSlot, long slot) {
    if (slot == 0) {
      return Optional.empty();
    }
    SpecFulu spec = versions.forState(atSlot);
    MutableBeaconState trial = new MutableBeaconState(atSlot);
    Bytes32 parentRoot = spec.accessors().getBlockRootAtSlot(trial, UInt64.valueOf(slot - 1));
    Optional<SyncCommitteePool.Aggregate> pooled = syncCommittee.forBlock(slot - 1, parentRoot);
    if (pooled.isEmpty()) {
      return Optional.empty();
    }
    SyncAggregate aggregate = SyncAggregate.create(spec.schemas().syncAggregate(), pooled.get().bits(),
        pooled.get().signature().toBytes());
    try {
      spec.blockProcessor().processSyncAggregate(trial, aggregate, SignatureVerifier.SIMPLE);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "The pooled sync aggregate for slot {0} ({1} seats) does not verify, left out: {2}",
          slot, pooled.get().bits().count(), e.getMessage());
      return Optional.empty();
    }
    return Optional.of(aggregate);
  }

  private List<Attestation> packAttestations(MutableBeaconState stateAtSlot, long slot) {
    SpecMilestone milestone = SpecVersions.milestoneOf(stateAtSlot.commit());
    SpecFulu spec = versions.forMilestone(milestone);
    long current = spec.accessors().getCurrentEpoch(stateAtSlot).longValue();
    long previous = spec.accessors().getPreviousEpoch(stateAtSlot).longValue();
    long inclusionDelay = spec.config().minAttestationInclusionDelay();

    List<Candidate> candidates = new ArrayList<>();
    for (Attestation pooled : attestations.all()) {
      Attestation a = forMilestone(pooled, milestone);
      long target = a.data().target().epoch().longValue();
      if (a.data().slot().longValue() + inclusionDelay > slot || (target != current && target != previous)) {
        continue;
      }
      if (a.data().slot().longValue() / spec.config().slotsPerEpoch() != target) {
        continue; // process_attestation: the target is the slot's epoch
      }
      int committees = spec.accessors().getCommitteeCountPerSlot(stateAtSlot, a.data().target().epoch());
      if (spec.accessors().getCommitteeIndices(a.committeeBits()).stream().anyMatch(c -> c >= committees)) {
        continue; // names a committee this state does not have: not includable
      }
      // no catch: an error here is a bug to see, not an attestation to drop (one hid a group's votes)
      Set<Long> attesters = attesters(spec, stateAtSlot, a);
      var participation = target == current ? stateAtSlot.currentEpochParticipation() : stateAtSlot.previousEpochParticipation();
      attesters.removeIf(i -> participation.get((int) VirtualIndex.validatorIndexOf(i)) != 0);
      if (!attesters.isEmpty()) {
        candidates.add(new Candidate(a, target, attesters));
      }
    }
    Map<Long, Set<Long>> covered = new HashMap<>();
    List<Attestation> packed = new ArrayList<>();
    MutableBeaconState working = new MutableBeaconState(stateAtSlot.commit());
    while (packed.size() < spec.config().maxAttestationsElectra() && !candidates.isEmpty()) {
      Candidate best = null;
      int bestGain = 0;
      for (Candidate c : candidates) {
        Set<Long> already = covered.getOrDefault(c.target(), Set.of());
        int gain = (int) c.attesters().stream().filter(i -> !already.contains(i)).count();
        if (gain > bestGain) {
          best = c;
          bestGain = gain;
        }
      }
      if (best == null) {
        break;
      }
      candidates.remove(best);
      MutableBeaconState trial = new MutableBeaconState(working.commit());
      try {
        spec.blockProcessor().processAttestation(trial, best.attestation(), SignatureVerifier.NONE);
      } catch (RuntimeException e) {
        continue;
      }
      working = trial;
      packed.add(best.attestation());
      covered.computeIfAbsent(best.target(), t -> new HashSet<>()).addAll(best.attesters());
    }
    return packed;
  }

  /**
   * {@code get_attesting_indices}: validator indices before EDVT, virtual indices in EDVT. The
   * virtual index of a member other than {@code 0} does not fit an {@code int}, so EDVT's
   * attestations need the {@code long} form: Fulu's {@code int} form throws on them, and an
   * aggregate with any such member (and the plain validators merged into it) was never packed.
   */
  private static Set<Long> attesters(SpecFulu spec, MutableBeaconState state, Attestation a) {
    if (spec.accessors() instanceof BeaconStateAccessorsEdvt edvt) {
      return new HashSet<>(edvt.getVirtualAttestingIndices(state, a));
    }
    Set<Long> out = new HashSet<>();
    spec.accessors().getAttestingIndices(state, a).forEach(i -> out.add((long) i));
    return out;
  }

  /** A pooled attestation in the form {@code milestone}'s blocks carry ({@code upgrade_attestation_to_edvt}). */
  private Attestation forMilestone(Attestation a, SpecMilestone milestone) {
    if (milestone == SpecMilestone.EDVT && a.type() != versions.edvt().schemas().attestation()) {
      return versions.edvt().forkUpgrade().upgradeAttestation(a);
    }
    return a;
  }

  private record Candidate(Attestation attestation, long target, Set<Long> attesters) {}
}
