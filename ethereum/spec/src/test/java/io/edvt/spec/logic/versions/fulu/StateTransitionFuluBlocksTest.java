package io.edvt.spec.logic.versions.fulu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.types.CollectionType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateRootMismatchException;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code state_transition} on real blocks: invalid blocks are rejected with a
 * {@link StateTransitionException} (signatures in a batch are only found bad at the end) and
 * leave the input state exactly as it was, so the valid block still applies to it.
 */
class StateTransitionFuluBlocksTest {
  private static final SpecFulu SPEC = new SpecFulu(SpecConfigLoader.load("minimal"));
  private static final ExecutionEngine VALID = ExecutionEngine.always(true);

  private ChainBuilder chain;
  private BeaconState head;
  private byte[] headBytes;
  private SignedBeaconBlock valid;

  @BeforeEach
  void buildChain() {
    chain = ChainBuilder.interop(SPEC, 64);
    chain.addBlocksUpTo(UInt64.valueOf(10));
    head = chain.headState();
    headBytes = head.serialize();
    valid = chain.produceBlock(head.slot().plus(1), BlockOptions.none());
  }

  private BeaconState apply(SignedBeaconBlock block, SignatureVerifier verifier, ExecutionEngine engine) {
    return SPEC.stateTransition().stateTransition(head, block, true, verifier, engine);
  }

  private void assertRejectedAndHeadUntouched(SignedBeaconBlock block, Supplier<SignatureVerifier> verifier,
      ExecutionEngine engine, String messagePart) {
    Bytes32 rootBefore = head.hashTreeRoot();
    assertThatThrownBy(() -> apply(block, verifier.get(), engine))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining(messagePart);
    assertThat(head.hashTreeRoot()).isEqualTo(rootBefore);
    assertThat(head.serialize()).isEqualTo(headBytes);
    // the valid block still applies to the untouched state, with the result it has on a fresh copy
    BeaconState fresh = SPEC.schemas().beaconState().deserialize(headBytes);
    BeaconState expected = SPEC.stateTransition().stateTransition(fresh, valid, true, new SignatureVerifier.Batch(), VALID);
    assertThat(apply(valid, new SignatureVerifier.Batch(), VALID).hashTreeRoot()).isEqualTo(expected.hashTreeRoot());
  }

  @Test
  void theValidBlockPassesWithEveryVerifier() {
    Bytes32 root = apply(valid, new SignatureVerifier.Batch(), VALID).hashTreeRoot();
    assertThat(root).isEqualTo(valid.message().stateRoot());
    assertThat(apply(valid, SignatureVerifier.SIMPLE, VALID).hashTreeRoot()).isEqualTo(root);
    assertThat(apply(valid, SignatureVerifier.NONE, VALID).hashTreeRoot()).isEqualTo(root);
  }

  @Test
  void aWrongStateRootIsRejected() {
    SignedBeaconBlock wrongRoot = resigned(valid.message().withStateRoot(Bytes32.repeat((byte) 0x77)));
    assertRejectedAndHeadUntouched(wrongRoot, SignatureVerifier.Batch::new, VALID, "block.state_root == hash_tree_root(state)");
    assertThatThrownBy(() -> apply(wrongRoot, new SignatureVerifier.Batch(), VALID))
        .isInstanceOf(StateRootMismatchException.class);
    // without validate_result the state root is not checked
    assertThat(SPEC.stateTransition().stateTransition(head, wrongRoot, false, new SignatureVerifier.Batch(), VALID)
        .hashTreeRoot()).isEqualTo(valid.message().stateRoot());
  }

  @Test
  void aProposerSignatureByAnotherKeyIsRejected() {
    BlsSecretKey other = BlsSecretKey.interop((valid.message().proposerIndex().intValue() + 1) % 64);
    SignedBeaconBlock forged = SignedBeaconBlock.create(SPEC.schemas().signedBeaconBlock(), valid.message(),
        Bls.sign(other, valid.message().hashTreeRoot()).toBytes());
    assertRejectedAndHeadUntouched(forged, SignatureVerifier.Batch::new, VALID, "every signature of the block is valid");
    assertRejectedAndHeadUntouched(forged, () -> SignatureVerifier.SIMPLE, VALID, "verify_block_signature");
    assertThat(SPEC.stateTransition().stateTransition(head, forged, false, SignatureVerifier.NONE, VALID).hashTreeRoot())
        .isEqualTo(valid.message().stateRoot());
  }

  @Test
  void aBadSignatureInABatchIsTheRejectionEvenWhenTheStateRootIsWrongToo() {
    BlsSecretKey other = BlsSecretKey.interop((valid.message().proposerIndex().intValue() + 1) % 64);
    BeaconBlock wrongRoot = valid.message().withStateRoot(Bytes32.repeat((byte) 0x77));
    SignedBeaconBlock forged = SignedBeaconBlock.create(SPEC.schemas().signedBeaconBlock(), wrongRoot,
        Bls.sign(other, wrongRoot.hashTreeRoot()).toBytes());
    // the spec checks signatures before the state root; a batch must not turn that around
    assertThatThrownBy(() -> apply(forged, new SignatureVerifier.Batch(), VALID))
        .isInstanceOf(StateTransitionException.class)
        .isNotInstanceOf(StateRootMismatchException.class)
        .hasMessageContaining("every signature of the block is valid");
    assertThatThrownBy(() -> apply(forged, SignatureVerifier.NONE, VALID))
        .isInstanceOf(StateRootMismatchException.class);
  }

  @Test
  void aBadAttestationSignatureIsFoundByTheBatchAtTheEnd() {
    BeaconBlockBody body = valid.message().body();
    List<Attestation> attestations = new ArrayList<>(body.attestations().asList());
    Attestation first = attestations.get(0);
    attestations.set(0, Attestation.create(SPEC.schemas().attestation(), first.aggregationBits(), first.data(),
        body.randaoReveal(), first.committeeBits()));
    @SuppressWarnings("unchecked")
    CollectionType<Attestation> type = (CollectionType<Attestation>)
        SPEC.schemas().beaconBlockBody().fields().get(BeaconBlockBody.ATTESTATIONS).type();
    SignedBeaconBlock tampered = chain.seal(valid.message().withBody(body.withAttestations(type.of(attestations))));

    assertRejectedAndHeadUntouched(tampered, SignatureVerifier.Batch::new, VALID, "every signature of the block is valid");
    assertRejectedAndHeadUntouched(tampered, () -> SignatureVerifier.SIMPLE, VALID, "is_valid_indexed_attestation");
    assertThat(apply(tampered, SignatureVerifier.NONE, VALID).hashTreeRoot()).isEqualTo(tampered.message().stateRoot());
  }

  @Test
  void aBadRandaoRevealIsRejected() {
    Bytes reveal = valid.message().body().syncAggregate().syncCommitteeSignature();
    SignedBeaconBlock tampered = chain.seal(valid.message().withBody(valid.message().body().withRandaoReveal(reveal)));
    assertRejectedAndHeadUntouched(tampered, SignatureVerifier.Batch::new, VALID, "every signature of the block is valid");
  }

  @Test
  void aPayloadTheEngineRejectsIsRejected() {
    assertRejectedAndHeadUntouched(valid, SignatureVerifier.Batch::new, ExecutionEngine.always(false),
        "verify_and_notify_new_payload");
  }

  @Test
  void aBlockForAnEarlierSlotOrAnotherParentIsRejected() {
    BeaconBlock block = valid.message();
    assertRejectedAndHeadUntouched(resigned(block.withSlot(head.slot())), SignatureVerifier.Batch::new, VALID,
        "state.slot < slot");
    assertRejectedAndHeadUntouched(resigned(block.withParentRoot(Bytes32.repeat((byte) 0x12))),
        SignatureVerifier.Batch::new, VALID, "block.parent_root");
    assertRejectedAndHeadUntouched(resigned(block.withProposerIndex(block.proposerIndex().plus(1).mod(64))),
        SignatureVerifier.Batch::new, VALID, "block.proposer_index == get_beacon_proposer_index(state)");
  }

  /** {@code block} signed by its proposer index's key, with its state root as given. */
  private SignedBeaconBlock resigned(BeaconBlock block) {
    MutableBeaconState view = new MutableBeaconState(head);
    if (block.slot().isGreaterThan(head.slot())) {
      SPEC.stateTransition().processSlots(view, block.slot());
    }
    return SignedBeaconBlock.create(SPEC.schemas().signedBeaconBlock(), block, chain.signer().block(view, block));
  }
}
