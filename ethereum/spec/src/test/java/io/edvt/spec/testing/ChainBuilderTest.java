package io.edvt.spec.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import org.junit.jupiter.api.Test;

/** A chain of real signed blocks on the minimal preset, every block checked by the full state transition. */
class ChainBuilderTest {
  private static final SpecFulu SPEC = new SpecFulu(SpecConfigLoader.load("minimal"));
  private static final int SLOTS_PER_EPOCH = SPEC.config().slotsPerEpoch();

  @Test
  void aChainOfSeveralEpochsWithSignatureChecksFinalizes() {
    ChainBuilder chain = ChainBuilder.interop(SPEC, 64);
    BeaconState genesis = chain.headState();

    chain.addBlocksUpTo(UInt64.valueOf(5L * SLOTS_PER_EPOCH));

    BeaconState head = chain.headState();
    assertThat(chain.blocks()).hasSize(5 * SLOTS_PER_EPOCH);
    assertThat(head.slot()).isEqualTo(UInt64.valueOf(5L * SLOTS_PER_EPOCH));
    assertThat(head.currentJustifiedCheckpoint().epoch()).isEqualTo(UInt64.valueOf(4));
    assertThat(head.finalizedCheckpoint().epoch()).isEqualTo(UInt64.valueOf(3));
    // every block carried attestations and a full sync aggregate, and validators earned rewards
    for (SignedBeaconBlock block : chain.blocks()) {
      assertThat(block.message().body().attestations().size()).isGreaterThan(0);
      assertThat(block.message().body().syncAggregate().syncCommitteeBits().count())
          .isEqualTo(SPEC.config().syncCommitteeSize());
    }
    long before = genesis.balances().stream().mapToLong(UInt64::longValue).sum();
    long after = head.balances().stream().mapToLong(UInt64::longValue).sum();
    long withdrawn = chain.blocks().stream()
        .flatMap(b -> b.message().body().executionPayload().withdrawals().stream())
        .mapToLong(w -> w.amount().longValue()).sum();
    assertThat(after + withdrawn).isGreaterThan(before);
    assertThat(head.latestExecutionPayloadHeader().blockNumber()).isEqualTo(UInt64.valueOf(5L * SLOTS_PER_EPOCH));
  }

  @Test
  void replayingTheBlocksWithImmediateSignatureChecksGivesTheSameHead() {
    ChainBuilder chain = ChainBuilder.interop(SPEC, 64);
    BeaconState genesis = chain.headState();
    chain.addBlocksUpTo(UInt64.valueOf(2L * SLOTS_PER_EPOCH + 3));

    BeaconState state = genesis;
    for (SignedBeaconBlock block : chain.blocks()) {
      state = SPEC.stateTransition().stateTransition(state, block, true, SignatureVerifier.SIMPLE, ExecutionEngine.always(true));
    }
    assertThat(state.hashTreeRoot()).isEqualTo(chain.headState().hashTreeRoot());
  }

  @Test
  void skippedSlotsStillCarryAttestationsForTheSlotsInBetween() {
    ChainBuilder chain = ChainBuilder.interop(SPEC, 64);
    chain.addBlock();
    SignedBeaconBlock late = chain.addBlock(UInt64.valueOf(5), BlockOptions.none());
    // slots 1 (head), 2, 3 and 4: one aggregate each
    assertThat(late.message().body().attestations().stream().map(a -> a.data().slot().intValue()).toList())
        .containsExactly(1, 2, 3, 4);
    chain.addBlocksUpTo(UInt64.valueOf(3L * SLOTS_PER_EPOCH));
    MutableBeaconState head = chain.headView();
    assertThat(head.currentJustifiedCheckpoint().epoch().longValue()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void withoutEnoughAttestersTheChainDoesNotJustify() {
    ChainBuilder chain = ChainBuilder.interop(SPEC, 64).attesting(i -> i % 2 == 0).syncCommitteeSigns(false);
    chain.addBlocksUpTo(UInt64.valueOf(4L * SLOTS_PER_EPOCH));
    BeaconState head = chain.headState();
    assertThat(head.currentJustifiedCheckpoint().epoch()).isEqualTo(UInt64.ZERO);
    assertThat(head.finalizedCheckpoint().epoch()).isEqualTo(UInt64.ZERO);
    assertThat(chain.blocks().getLast().message().body().syncAggregate().syncCommitteeBits().count()).isZero();
  }
}
