package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_RANDAO;
import static io.edvt.spec.logic.versions.fulu.FuluVectors.SPEC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.Deposit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.execution.ExecutionEngine;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code process_block} as a whole, on the sanity/blocks vectors (slots processed with
 * {@code process_slots}, epochs included): what the per-operation vectors do not pin down, namely the
 * order of the parts, batching a block's signatures, and leaving the input state alone.
 */
class BlockProcessorFuluTest {
  private static final ExecutionEngine VALID_ENGINE = ExecutionEngine.always(true);
  private final BlockProcessorFulu processor = SPEC.blockProcessor();

  /** pyspec's test keys: validator {@code i} signs with secret key {@code i + 1}. */
  private static BlsSecretKey testKey(long validatorIndex) {
    return BlsSecretKey.fromBigInteger(BigInteger.valueOf(validatorIndex + 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "full_random_operations_0", "full_random_operations_1", "full_random_operations_3", "exit_and_bls_change",
      "slash_and_exit_diff_index", "multiple_different_proposer_slashings_same_block", "bls_change",
      "sync_committee_committee__full", "sync_committee_committee_genesis__half",
      "basic_btec_and_el_withdrawal_request_in_same_block", "withdrawal_success_two_blocks", "one_blob",
      "deposit_request_max_per_payload", "withdrawal_and_switch_to_compounding_request_same_validator",
      // blocks after epoch boundaries (once skipped, when process_slots stopped at them)
      "full_withdrawal_in_epoch_transition", "multi_epoch_consolidation_chain", "empty_epoch_transition_not_finalizing"})
  void blocksReachTheirStateRootAndTheirSignaturesVerifyAsOneBatch(String name) {
    Path dir = FuluVectors.dir("sanity/blocks/pyspec_tests/" + name);
    MutableBeaconState state = new MutableBeaconState(FuluVectors.state(dir, "pre"));
    int blocks = FuluVectors.blockCount(dir);
    for (int n = 0; n < blocks; n++) {
      BeaconBlock block = FuluVectors.block(dir, n).message();
      FuluVectors.processSlots(state, block.slot());
      SignatureVerifier.Batch batch = new SignatureVerifier.Batch();

      processor.processBlock(state, block, batch, VALID_ENGINE);

      assertThat(state.commit().hashTreeRoot()).as("state root after block %d", n).isEqualTo(block.stateRoot());
      // at least the RANDAO reveal and, in these blocks, the operations' signatures
      assertThat(batch.size()).isGreaterThanOrEqualTo(1);
      assertThat(batch.verifyAll()).isTrue();
    }
    assertThat(state.commit().hashTreeRoot()).isEqualTo(FuluVectors.state(dir, "post").hashTreeRoot());
  }

  @Test
  void aBatchCollectsEverySignatureOfTheBlock() {
    Path dir = FuluVectors.dir("sanity/blocks/pyspec_tests/full_random_operations_0");
    BeaconBlock block = FuluVectors.block(dir, 0).message();
    MutableBeaconState state = new MutableBeaconState(FuluVectors.state(dir, "pre"));
    FuluVectors.processSlots(state, block.slot());
    SignatureVerifier.Batch batch = new SignatureVerifier.Batch();

    processor.processBlock(state, block, batch, VALID_ENGINE);

    BeaconBlockBody body = block.body();
    // 1 RANDAO reveal, 2 per slashing, 1 per attestation, exit and change, 1 for the sync
    // aggregate unless nobody took part (then the infinity signature is checked directly)
    int expected = 1
        + 2 * body.proposerSlashings().size()
        + 2 * body.attesterSlashings().size()
        + body.attestations().size()
        + body.voluntaryExits().size()
        + body.blsToExecutionChanges().size()
        + (body.syncAggregate().syncCommitteeBits().count() > 0 ? 1 : 0);
    assertThat(expected).as("the vector exercises several operations").isGreaterThan(3);
    assertThat(batch.size()).isEqualTo(expected);
  }

  /** A block whose RANDAO reveal is a real signature by the proposer, over the wrong epoch. */
  private static BeaconBlock withWrongRandaoReveal(MutableBeaconState state, BeaconBlock block) {
    UInt64 wrongEpoch = SPEC.accessors().getCurrentEpoch(state).plus(1);
    Bytes32 domain = SPEC.accessors().getDomain(state, DOMAIN_RANDAO, wrongEpoch);
    Bytes32 signingRoot = SPEC.misc().computeSigningRoot(wrongEpoch, domain);
    Bytes reveal = testKey(block.proposerIndex().longValue()).sign(signingRoot).toBytes();
    return block.withBody(block.body().withRandaoReveal(reveal));
  }

  @Test
  void aBatchOverTheBlocksSignaturesRejectsTheBlockWhenOneIsBad() {
    Path dir = FuluVectors.dir("sanity/blocks/pyspec_tests/full_random_operations_0");
    BeaconState pre = FuluVectors.state(dir, "pre");
    BeaconBlock good = FuluVectors.block(dir, 0).message();

    MutableBeaconState batchState = new MutableBeaconState(pre);
    FuluVectors.processSlots(batchState, good.slot());
    BeaconBlock bad = withWrongRandaoReveal(batchState, good);
    SignatureVerifier.Batch batch = new SignatureVerifier.Batch();
    // accepted provisionally: the reveal is only collected ...
    processor.processBlock(batchState, bad, batch, VALID_ENGINE);
    // ... and the one check over all of them fails
    assertThat(batch.size()).isGreaterThan(1);
    assertThat(batch.verifyAll()).isFalse();

    // the same block checked signature by signature fails at process_randao
    MutableBeaconState simpleState = new MutableBeaconState(pre);
    FuluVectors.processSlots(simpleState, good.slot());
    assertThatThrownBy(() -> processor.processBlock(simpleState, bad, SignatureVerifier.SIMPLE, VALID_ENGINE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("body.randao_reveal");

    // and with signatures off (bls_setting 2) the block goes through
    MutableBeaconState unchecked = new MutableBeaconState(pre);
    FuluVectors.processSlots(unchecked, good.slot());
    processor.processBlock(unchecked, bad, SignatureVerifier.NONE, VALID_ENGINE);
  }

  @Test
  void aBadAttestationSignatureInAnOtherwiseValidBlockFailsTheBatch() {
    Path dir = FuluVectors.dir("sanity/blocks/pyspec_tests/full_random_operations_0");
    MutableBeaconState state = new MutableBeaconState(FuluVectors.state(dir, "pre"));
    SignedBeaconBlock signed = FuluVectors.block(dir, 0);
    BeaconBlock block = signed.message();
    SszList<Attestation> attestations = block.body().attestations();
    assertThat(attestations.size()).isPositive();
    // a valid G2 point that is not this aggregate's signature: the block's own signature
    Attestation attestation = attestations.get(attestations.size() - 1);
    Attestation forged = Attestation.create(SPEC.schemas().attestation(), attestation.aggregationBits(),
        attestation.data(), signed.signature(), attestation.committeeBits());
    BeaconBlock bad = block.withBody(block.body().withAttestations(attestations.set(attestations.size() - 1, forged)));
    FuluVectors.processSlots(state, bad.slot());

    SignatureVerifier.Batch batch = new SignatureVerifier.Batch();
    processor.processBlock(state, bad, batch, VALID_ENGINE);
    assertThat(batch.verifyAll()).isFalse();
  }

  @Test
  void anInvalidBlockLeavesTheOriginalStateUntouched() {
    Path dir = FuluVectors.dir("sanity/blocks/pyspec_tests/sync_committee_committee__full");
    BeaconState pre = FuluVectors.state(dir, "pre");
    byte[] preBytes = pre.serialize();
    Bytes32 preRoot = pre.hashTreeRoot();
    BeaconBlock block = FuluVectors.block(dir, 0).message();
    // break the last part of process_block, so every other part has mutated the working copy
    SyncAggregate aggregate = block.body().syncAggregate();
    assertThat(aggregate.syncCommitteeBits().count()).isPositive();
    SyncAggregate badAggregate = SyncAggregate.create(SPEC.schemas().syncAggregate(),
        aggregate.syncCommitteeBits(), withWrongRandaoReveal(new MutableBeaconState(pre), block).body().randaoReveal());
    BeaconBlock bad = block.withBody(block.body().withSyncAggregate(badAggregate));

    MutableBeaconState working = new MutableBeaconState(pre);
    FuluVectors.processSlots(working, block.slot());
    assertThatThrownBy(() -> processor.processBlock(working, bad, SignatureVerifier.SIMPLE, VALID_ENGINE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("eth_fast_aggregate_verify");

    assertThat(working.latestBlockHeader().slot()).as("the working copy was changed").isEqualTo(block.slot());
    assertThat(working.commit().hashTreeRoot()).isNotEqualTo(preRoot);
    assertThat(pre.hashTreeRoot()).isEqualTo(preRoot);
    assertThat(pre.serialize()).isEqualTo(preBytes);
    assertThat(FuluVectors.state(dir, "pre").hashTreeRoot()).isEqualTo(preRoot);
  }

  @Test
  void fuluRejectsEth1Deposits() {
    Path dir = FuluVectors.dir("sanity/blocks/pyspec_tests/full_random_operations_0");
    MutableBeaconState state = new MutableBeaconState(FuluVectors.state(dir, "pre"));
    BeaconBlockBody body = FuluVectors.block(dir, 0).message().body();
    @SuppressWarnings("unchecked")
    var depositsType = (io.edvt.infrastructure.ssz.types.CollectionType<Deposit>) body.deposits().type();
    BeaconBlockBody withDeposit = body.withDeposits(depositsType.of(List.of(Deposit.TYPE.defaultValue())));

    assertThatThrownBy(() -> processor.processOperations(state, withDeposit, SignatureVerifier.NONE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("len(body.deposits) == 0");
  }
}
