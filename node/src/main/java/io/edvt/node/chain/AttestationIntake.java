package io.edvt.node.chain;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where validated attestations enter the node, whoever made them (gossip aggregates, gossip single
 * attestations, our own validators): into the {@link AttestationPool} for blocks to pack and into
 * fork choice ({@link Chain#onAttestation}). A {@link SingleAttestation} is first turned into the
 * {@link Attestation} of its committee with one bit set ({@link #toAttestation}); the committee is
 * the milestone's own (EDVT: {@code get_expanded_beacon_committee}, so {@code attester_index} is a
 * virtual index). The caller has checked signatures (gossip validation, or our own signer).
 */
public final class AttestationIntake {
  private final SpecVersions versions;
  private final MultiForkStateTransition transition;
  private final AttestationPool pool;
  private final Chain chain;
  /** The last state advanced to an attestation's epoch, reused while the head and epoch stay the same. */
  private volatile Advanced advanced;

  private record Advanced(BeaconState from, UInt64 epoch, BeaconState state) {}

  public AttestationIntake(SpecVersions versions, AttestationPool pool, Chain chain) {
    this.versions = versions;
    this.transition = new MultiForkStateTransition(versions);
    this.pool = pool;
    this.chain = chain;
  }

  public AttestationPool pool() {
    return pool;
  }

  /** An aggregate (or any validated attestation): pooled and given to fork choice; completes with fork choice's answer. */
  public CompletableFuture<Boolean> onAttestation(Attestation attestation) {
    pool.add(attestation);
    return chain.onAttestation(attestation);
  }

  /**
   * A single attestation, turned into an attestation over its committee on {@code headState} (the
   * state is advanced to the attestation's epoch when it is behind), then as {@link #onAttestation}.
   * Empty when its committee does not exist on that state or does not hold {@code attester_index}.
   */
  public Optional<CompletableFuture<Boolean>> onSingleAttestation(SingleAttestation single, BeaconState headState) {
    return toAttestation(single, headState).map(this::onAttestation);
  }

  /**
   * The attestation of {@code single}'s committee with only {@code attester_index}'s bit set,
   * {@code committee_bits} naming its committee, and its signature, in the form of the milestone of
   * its slot.
   */
  public Optional<Attestation> toAttestation(SingleAttestation single, BeaconState headState) {
    AttestationData data = single.data();
    SpecMilestone milestone = versions.milestoneAtSlot(data.slot());
    SpecFulu spec = versions.forMilestone(milestone);
    UInt64 epoch = spec.misc().computeEpochAtSlot(data.slot());
    MutableBeaconState state = new MutableBeaconState(atEpoch(headState, epoch));
    int committeeIndex = single.committeeIndex().intValue();
    long[] committee;
    try {
      if (!single.committeeIndex().isLessThan(spec.accessors().getCommitteeCountPerSlot(state, epoch))) {
        return Optional.empty();
      }
      committee = milestone == SpecMilestone.EDVT
          ? versions.edvt().accessors().getExpandedBeaconCommittee(state, data.slot(), committeeIndex)
          : Arrays.stream(spec.accessors().getBeaconCommittee(state, data.slot(), committeeIndex)).asLongStream().toArray();
    } catch (RuntimeException e) {
      return Optional.empty(); // the state cannot give this slot's committees
    }
    int position = -1;
    for (int i = 0; i < committee.length; i++) {
      if (committee[i] == single.attesterIndex().longValue()) {
        position = i;
        break;
      }
    }
    if (position < 0) {
      return Optional.empty();
    }
    return Optional.of(Attestation.create(spec.schemas().attestation(), SszBits.withSet(committee.length, position), data, single.signature(),
        SszBits.withSet(spec.config().maxCommitteesPerSlot(), committeeIndex)));
  }

  /** {@code state}, advanced to the start of {@code epoch} if it is in an earlier one (the result is kept for reuse). */
  private BeaconState atEpoch(BeaconState state, UInt64 epoch) {
    SpecFulu spec = versions.forState(state);
    if (!spec.misc().computeEpochAtSlot(state.slot()).isLessThan(epoch)) {
      return state;
    }
    Advanced last = advanced;
    if (last != null && last.from() == state && last.epoch().equals(epoch)) {
      return last.state();
    }
    BeaconState out = transition.processSlots(state, spec.misc().computeStartSlotAtEpoch(epoch));
    advanced = new Advanced(state, epoch, out);
    return out;
  }
}
