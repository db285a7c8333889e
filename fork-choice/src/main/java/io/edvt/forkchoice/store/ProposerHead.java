package io.edvt.forkchoice.store;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code get_proposer_head} and its helpers (phase0 "Proposer head and reorg helpers",
 * unchanged through Fulu): whether a proposer should build on the parent of a late, weak head
 * instead of the head itself.
 */
public final class ProposerHead {
  private final ForkChoiceStore store;
  private final SpecVersions versions;
  private final SpecFulu spec; // config and epoch arithmetic, the same in every milestone

  public ProposerHead(ForkChoiceStore store) {
    this.store = store;
    this.versions = store.versions();
    this.spec = versions.fulu();
  }

  /**
   * {@code get_proposer_head(store, head_root, slot)}: the block to build on at {@code slot}.
   * {@code headRoot} must be the current {@code get_head(store)}.
   *
   * @throws IllegalStateException when the proposer boost is still on the head (the spec asserts it is not)
   */
  public Bytes32 getProposerHead(Bytes32 headRoot, UInt64 slot) {
    // the weights read below are those of the last head computation: bring them up to date
    store.getHead();
    BeaconBlock head = store.block(headRoot).block();
    Bytes32 parentRoot = head.parentRoot();
    BeaconBlock parent = store.block(parentRoot).block();
    boolean headLate = !store.block(headRoot).timely();
    boolean notEpochBoundary = !slot.mod(spec.config().slotsPerEpoch()).isZero();
    boolean ffgCompetitive = store.block(headRoot).unrealizedJustification()
        .equals(store.block(parentRoot).unrealizedJustification());
    boolean finalizationOk = isFinalizationOk(slot);
    boolean proposingOnTime = store.timeIntoSlotMs() <= store.slotComponentMs(spec.config().proposerReorgCutoffBps());
    boolean parentSlotOk = parent.slot().plus(1).equals(head.slot());
    boolean currentTimeOk = head.slot().plus(1).equals(slot);
    boolean singleSlotReorg = parentSlotOk && currentTimeOk;
    if (store.proposerBoostRoot().equals(headRoot)) {
      throw new IllegalStateException("store.proposer_boost_root != head_root does not hold (the boost has not worn off)");
    }
    boolean headWeak = isHeadWeak(headRoot);
    boolean parentStrong = isParentStrong(headRoot);
    boolean proposerEquivocation = store.countBlocks(head.slot(), head.proposerIndex()) > 1;
    if (headLate && notEpochBoundary && ffgCompetitive && finalizationOk && proposingOnTime
        && singleSlotReorg && headWeak && parentStrong) {
      return parentRoot;
    }
    if (headWeak && currentTimeOk && proposerEquivocation) {
      return parentRoot;
    }
    return headRoot;
  }

  /** {@code is_finalization_ok(store, slot)}. */
  private boolean isFinalizationOk(UInt64 slot) {
    UInt64 epochsSinceFinalization = spec.misc().computeEpochAtSlot(slot).minus(store.finalizedCheckpoint().epoch());
    return epochsSinceFinalization.isLessThanOrEqualTo(UInt64.valueOf(spec.config().reorgMaxEpochsSinceFinalization()));
  }

  /**
   * {@code is_head_weak(store, head_root)}: the head's attestation score, plus the balance of the
   * equivocating validators in the head slot's committees, below the re-org threshold. In EDVT a
   * validator of those committees is added when any key of its key set (in the head state, at the
   * head's epoch) has equivocated and its weight is not already in the head's score (a group whose
   * other members still support the head counts once); the vote layer answers that.
   */
  private boolean isHeadWeak(Bytes32 headRoot) {
    BeaconState justifiedState = store.justifiedCheckpointState();
    long threshold = store.committeeFraction(spec.config().reorgHeadWeightThreshold());
    MutableBeaconState headState = new MutableBeaconState(store.block(headRoot).state());
    BeaconBlock head = store.block(headRoot).block();
    UInt64 epoch = spec.misc().computeEpochAtSlot(head.slot());
    long weight = store.attestationScore(headRoot);
    SpecFulu headSpec = versions.forState(store.block(headRoot).state());
    int committees = headSpec.accessors().getCommitteeCountPerSlot(headState, epoch);
    for (int c = 0; c < committees; c++) {
      for (int i : headSpec.accessors().getBeaconCommittee(headState, head.slot(), c)) {
        if (store.isHeldBackFrom(store.block(headRoot).state(), i, epoch, headRoot)) {
          weight += justifiedState.validators().get(i).effectiveBalance().longValue();
        }
      }
    }
    return weight < threshold;
  }

  /** {@code is_parent_strong(store, root)}: the parent's attestation score above the parent threshold. */
  private boolean isParentStrong(Bytes32 root) {
    long threshold = store.committeeFraction(spec.config().reorgParentWeightThreshold());
    return store.attestationScore(store.block(root).block().parentRoot()) > threshold;
  }
}
