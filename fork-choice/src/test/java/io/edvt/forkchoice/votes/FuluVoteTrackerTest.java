package io.edvt.forkchoice.votes;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.forkchoice.tree.BlockTreeView;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class FuluVoteTrackerTest {
  private static final SpecFulu SPEC = new SpecFulu(SpecConfigLoader.load("minimal"));
  private static final BeaconState GENESIS =
      new GenesisFulu(SPEC).interop(8, UInt64.ZERO, SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);
  private static final long BALANCE = GENESIS.validators().get(0).effectiveBalance().longValue();
  private static final JustifiedState JUSTIFIED = new JustifiedState(Checkpoint.create(UInt64.ZERO, Bytes32.ZERO), GENESIS);

  /** A tree of {@code n} nodes in a chain (only its size matters to the tracker). */
  private static BlockTreeView tree(int n) {
    return new BlockTreeView() {
      @Override
      public int size() {
        return n;
      }

      @Override
      public int parent(int node) {
        return node - 1;
      }
    };
  }

  private static UInt64 epoch(long e) {
    return UInt64.valueOf(e);
  }

  @Test
  void aFirstVoteAddsTheBalanceAndAMoveTakesItAlong() {
    FuluVoteTracker votes = new FuluVoteTracker(SPEC);
    votes.recordAttestation(new int[] {0, 1}, epoch(0), 2);
    assertThat(votes.computeDeltas(tree(4), JUSTIFIED)).containsExactly(0, 0, 2 * BALANCE, 0);
    votes.recordAttestation(new int[] {1}, epoch(1), 3);
    assertThat(votes.computeDeltas(tree(4), JUSTIFIED)).containsExactly(0, 0, -BALANCE, BALANCE);
  }

  @Test
  void nothingChangedGivesZeroDeltas() {
    FuluVoteTracker votes = new FuluVoteTracker(SPEC);
    votes.recordAttestation(new int[] {0, 1, 2}, epoch(0), 1);
    votes.computeDeltas(tree(2), JUSTIFIED);
    assertThat(votes.computeDeltas(tree(3), JUSTIFIED)).containsOnly(0);
  }

  @Test
  void aVoteMovesOnlyToALaterTargetEpoch() {
    FuluVoteTracker votes = new FuluVoteTracker(SPEC);
    votes.recordAttestation(new int[] {0}, epoch(2), 1);
    votes.recordAttestation(new int[] {0}, epoch(2), 2);
    votes.recordAttestation(new int[] {0}, epoch(1), 2);
    assertThat(votes.latestMessageNode(0)).isEqualTo(1);
    assertThat(votes.computeDeltas(tree(3), JUSTIFIED)).containsExactly(0, BALANCE, 0);
  }

  @Test
  void anEquivocatorLosesItsWeightAndItsFutureVotesAreIgnored() {
    FuluVoteTracker votes = new FuluVoteTracker(SPEC);
    votes.recordAttestation(new int[] {0, 1}, epoch(0), 1);
    votes.computeDeltas(tree(3), JUSTIFIED);
    votes.recordEquivocation(1);
    assertThat(votes.computeDeltas(tree(3), JUSTIFIED)).containsExactly(0, -BALANCE, 0);
    votes.recordAttestation(new int[] {1}, epoch(5), 2);
    assertThat(votes.computeDeltas(tree(3), JUSTIFIED)).containsOnly(0);
    assertThat(votes.isEquivocating(1)).isTrue();
  }

  @Test
  void newJustifiedBalancesReweighEveryVote() {
    FuluVoteTracker votes = new FuluVoteTracker(SPEC);
    votes.recordAttestation(new int[] {0, 1, 2}, epoch(0), 1);
    votes.computeDeltas(tree(2), JUSTIFIED);
    // in the new justified state validator 0 is slashed and validator 2 has a lower effective balance
    MutableBeaconState changed = new MutableBeaconState(GENESIS);
    Validator v0 = changed.validators().get(0);
    changed.validators().set(0, Validator.create(v0.pubkey(), v0.withdrawalCredentials(), v0.effectiveBalance(), true,
        v0.activationEligibilityEpoch(), v0.activationEpoch(), v0.exitEpoch(), v0.withdrawableEpoch()));
    Validator v2 = changed.validators().get(2);
    UInt64 lower = v2.effectiveBalance().minus(1_000_000_000L);
    changed.validators().set(2, Validator.create(v2.pubkey(), v2.withdrawalCredentials(), lower, false,
        v2.activationEligibilityEpoch(), v2.activationEpoch(), v2.exitEpoch(), v2.withdrawableEpoch()));
    JustifiedState next = new JustifiedState(Checkpoint.create(UInt64.ONE, Bytes32.ZERO), changed.commit());
    assertThat(votes.computeDeltas(tree(2), next)).containsExactly(0, -BALANCE - 1_000_000_000L);
  }

  @Test
  void pruningShiftsVotesAndForgetsWeightOnDroppedNodes() {
    FuluVoteTracker votes = new FuluVoteTracker(SPEC);
    votes.recordAttestation(new int[] {0}, epoch(0), 1);
    votes.recordAttestation(new int[] {1}, epoch(0), 3);
    votes.computeDeltas(tree(4), JUSTIFIED);
    votes.prune(2);
    assertThat(votes.latestMessageNode(0)).isEqualTo(BlockTreeView.NONE);
    assertThat(votes.latestMessageNode(1)).isEqualTo(1);
    // validator 0's weight left with node 1; nothing to subtract. Validator 1 moves within the kept nodes.
    votes.recordAttestation(new int[] {0, 1}, epoch(1), 0);
    assertThat(votes.computeDeltas(tree(2), JUSTIFIED)).containsExactly(2 * BALANCE, -BALANCE);
  }
}
