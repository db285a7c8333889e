package io.edvt.spec.edvt;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.logic.versions.fulu.StateTransitionFulu;
import java.util.Optional;

/**
 * {@code process_slots} and {@code state_transition} across milestones: each stretch of slots is
 * processed by the logic of the state's milestone, and when the state reaches the first slot of
 * the next milestone's fork epoch it is upgraded there (fork.md: "if {@code state.slot %
 * SLOTS_PER_EPOCH == 0} and {@code compute_epoch_at_slot(state.slot) == EDVT_FORK_EPOCH}"). So
 * the last epoch transition before the fork runs Fulu's {@code process_epoch}, and everything from
 * the fork slot on runs EDVT's.
 *
 * <p>A state created at a fork slot (a genesis with the fork at epoch 0) is upgraded before its
 * slots are processed. A state of an older milestone past its next fork slot is rejected.
 */
public final class MultiForkStateTransition {
  private final SpecVersions versions;

  public MultiForkStateTransition(SpecVersions versions) {
    this.versions = versions;
  }

  /** {@code process_slots} up to {@code slot}, deposit signatures checked at once. */
  public BeaconState processSlots(BeaconState state, UInt64 slot) {
    return processSlots(state, slot, SignatureVerifier.SIMPLE);
  }

  /**
   * {@code process_slots} up to {@code slot}, with upgrades on the way; {@code depositSignatures}
   * checks the pending deposits epoch processing applies (it must answer at once, not batch).
   *
   * @throws StateTransitionException unless {@code state.slot < slot}
   */
  public BeaconState processSlots(BeaconState state, UInt64 slot, SignatureVerifier depositSignatures) {
    StateTransitionException.check(state.slot().isLessThan(slot), "state.slot < slot", state.slot(), slot);
    BeaconState current = upgradeIfAtForkSlot(state);
    while (current.slot().isLessThan(slot)) {
      SpecMilestone milestone = SpecVersions.milestoneOf(current);
      Optional<SpecMilestone> next = milestone.next();
      // after upgradeIfAtForkSlot, a fork slot up to `slot` is after current.slot
      Optional<UInt64> forkSlot = next.flatMap(n -> forkSlotUpTo(n, slot));
      MutableBeaconState working = new MutableBeaconState(current);
      versions.forMilestone(milestone).stateTransition().processSlots(working, forkSlot.orElse(slot), depositSignatures);
      current = working.commit();
      if (forkSlot.isPresent()) {
        current = versions.upgradeTo(next.get(), current);
      }
    }
    return current;
  }

  /**
   * {@code state_transition(state, signed_block, validate_result)} with the block processed by the
   * logic of the milestone in force at its slot (its type must be that milestone's).
   *
   * @throws StateTransitionException if the block is invalid for {@code state}
   */
  public BeaconState stateTransition(
      BeaconState state,
      SignedBeaconBlock signedBlock,
      boolean validateResult,
      SignatureVerifier verifier,
      ExecutionEngine engine) {
    UInt64 slot = signedBlock.message().slot();
    SpecMilestone target = versions.milestoneAtSlot(slot);
    SpecFulu spec = versions.forMilestone(target);
    StateTransitionException.check(signedBlock.type() == spec.schemas().signedBeaconBlock(),
        "the block is of the milestone in force at its slot", target, signedBlock.type().name());
    boolean crossesFork = SpecVersions.milestoneOf(state) != target || isAtUnupgradedForkSlot(state);
    if (!crossesFork) {
      return spec.stateTransition().stateTransition(state, signedBlock, validateResult, verifier, engine);
    }
    BeaconState atSlot = processSlots(state, slot, StateTransitionFulu.immediate(verifier));
    return spec.stateTransition()
        .processSignedBlock(new MutableBeaconState(atSlot), signedBlock, validateResult, verifier, engine);
  }

  /** The first slot of {@code milestone}'s fork epoch, if that epoch is not after {@code slot}'s. */
  private Optional<UInt64> forkSlotUpTo(SpecMilestone milestone, UInt64 slot) {
    UInt64 forkEpoch = milestone.forkEpoch(versions.config());
    if (forkEpoch.isGreaterThan(versions.fulu().misc().computeEpochAtSlot(slot))) {
      return Optional.empty();
    }
    return Optional.of(versions.fulu().misc().computeStartSlotAtEpoch(forkEpoch));
  }

  private boolean isAtUnupgradedForkSlot(BeaconState state) {
    return SpecVersions.milestoneOf(state).next()
        .flatMap(next -> forkSlotUpTo(next, state.slot()))
        .isPresent();
  }

  /**
   * {@code state} upgraded when it sits at the fork slot of the next milestone (a state made
   * there, say a genesis); itself when it is before that slot.
   *
   * @throws IllegalArgumentException when it is past that slot (it should have been upgraded)
   */
  private BeaconState upgradeIfAtForkSlot(BeaconState state) {
    BeaconState current = state;
    while (true) {
      SpecMilestone milestone = SpecVersions.milestoneOf(current);
      UInt64 at = current.slot();
      Optional<SpecMilestone> next = milestone.next();
      Optional<UInt64> forkSlot = next.flatMap(n -> forkSlotUpTo(n, at));
      if (forkSlot.isEmpty()) {
        return current;
      }
      if (!forkSlot.get().equals(at)) {
        throw new IllegalArgumentException(
            "a " + milestone + " state at slot " + at + " is past the " + next.get() + " fork slot " + forkSlot.get());
      }
      current = versions.upgradeTo(next.get(), current);
    }
  }
}
