package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_PROPOSER;

import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateRootMismatchException;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.execution.ExecutionEngine;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The spec's state transition function (phase0 {@code state_transition}, {@code process_slots},
 * {@code process_slot}, {@code verify_block_signature}; unchanged through Fulu), with the
 * milestone's {@code process_epoch} and {@code process_block} handed to its constructor.
 *
 * <p>The input state is never modified: the transition works on a {@link MutableBeaconState}
 * copy and returns the committed result, so a block that fails any check leaves the caller's
 * state exactly as it was.
 */
public class StateTransitionFulu {
  protected final SpecConfig config;
  protected final MiscHelpersFulu misc;
  protected final BeaconStateAccessorsFulu accessors;
  private final EpochProcessorFulu epochProcessor;
  private final BlockProcessorFulu blockProcessor;

  public StateTransitionFulu(FuluHelpers helpers, EpochProcessorFulu epochProcessor, BlockProcessorFulu blockProcessor) {
    this.config = helpers.config();
    this.misc = helpers.misc();
    this.accessors = helpers.accessors();
    this.epochProcessor = epochProcessor;
    this.blockProcessor = blockProcessor;
  }

  /**
   * {@code state_transition(state, signed_block, validate_result)}: the post-state of applying
   * {@code signedBlock} to {@code state}.
   *
   * <p>Signatures go through {@code verifier}. When it is a {@link SignatureVerifier.Batch},
   * every signature of the block (the proposer's, the RANDAO reveal, attestations, exits, ...)
   * is collected and the batch is verified once, after the block was processed and before the
   * state root is checked; a failure there rejects the block like any other. With
   * {@code validateResult} false the proposer signature and the state root are not checked (as in
   * the spec).
   *
   * @throws StateTransitionException if the block is invalid for {@code state}; a
   *     {@link StateRootMismatchException} when only its state root is wrong
   */
  public BeaconState stateTransition(
      BeaconState state,
      SignedBeaconBlock signedBlock,
      boolean validateResult,
      SignatureVerifier verifier,
      ExecutionEngine engine) {
    MutableBeaconState working = new MutableBeaconState(state);
    processSlots(working, signedBlock.message().slot(), immediate(verifier));
    return processSignedBlock(working, signedBlock, validateResult, verifier, engine);
  }

  /**
   * The part of {@code state_transition} after {@code process_slots}: the proposer signature,
   * {@code process_block} and the state root, on {@code working}, which must already be at the
   * block's slot. A transition that crosses a fork boundary runs {@code process_slots} (and the
   * upgrade) itself and then this method of the block's milestone.
   *
   * @throws StateTransitionException if the block is invalid for {@code working}
   */
  public BeaconState processSignedBlock(
      MutableBeaconState working,
      SignedBeaconBlock signedBlock,
      boolean validateResult,
      SignatureVerifier verifier,
      ExecutionEngine engine) {
    BeaconBlock block = signedBlock.message();
    if (validateResult) {
      StateTransitionException.check(
          verifyBlockSignature(working, signedBlock, verifier), "verify_block_signature(state, signed_block)");
    }
    blockProcessor.processBlock(working, block, verifier, engine);
    // The batch stands for the signature checks the spec makes inside process_block, before the
    // state-root check: verifying it first makes a block with a bad signature fail on the
    // signature whatever its state root, as it does with signatures checked one by one.
    if (verifier instanceof SignatureVerifier.Batch batch) {
      StateTransitionException.check(batch.verifyAll(), "every signature of the block is valid (batch of " + batch.size() + ")");
    }
    BeaconState post = working.commit();
    if (validateResult) {
      Bytes32 root = post.hashTreeRoot();
      if (!block.stateRoot().equals(root)) {
        throw new StateRootMismatchException(block.stateRoot(), root);
      }
    }
    return post;
  }

  /**
   * {@code verify_block_signature}: the proposer's signature over the block, through
   * {@code verifier} (a {@link SignatureVerifier.Batch} only collects it). An out-of-range
   * proposer index is an invalid block.
   */
  public boolean verifyBlockSignature(MutableBeaconState state, SignedBeaconBlock signedBlock, SignatureVerifier verifier) {
    BeaconBlock block = signedBlock.message();
    SszListEditor<Validator> validators = state.validators();
    UInt64 proposerIndex = block.proposerIndex();
    StateTransitionException.check(proposerIndex.isLessThan(validators.size()),
        "signed_block.message.proposer_index < len(state.validators)", proposerIndex, validators.size());
    Validator proposer = validators.get(proposerIndex.intValue());
    Bytes32 signingRoot = misc.computeSigningRoot(
        block.hashTreeRoot(), accessors.getDomain(state, DOMAIN_BEACON_PROPOSER, null));
    return verifier.verify(PubkeyIndex.of(state).publicKey(proposer.pubkey()), signingRoot, signedBlock.signature());
  }

  /**
   * The verifier for the deposit signatures epoch processing checks on the way to a block:
   * {@code verifier} itself unless it is a batch (those checks must answer at once), then
   * {@link SignatureVerifier#SIMPLE}. So a transition with signatures switched off
   * ({@link SignatureVerifier#NONE}) skips them there too, as the spec does with BLS off.
   */
  public static SignatureVerifier immediate(SignatureVerifier verifier) {
    return verifier instanceof SignatureVerifier.Batch ? SignatureVerifier.SIMPLE : verifier;
  }

  /**
   * {@code process_slots}: advances {@code state} to {@code slot}, processing epochs on the way
   * (deposit signatures checked with {@link SignatureVerifier#SIMPLE}).
   */
  public void processSlots(MutableBeaconState state, UInt64 slot) {
    processSlots(state, slot, SignatureVerifier.SIMPLE);
  }

  /**
   * {@code process_slots}, with {@code depositSignatures} checking the proofs of possession of
   * pending deposits that epoch processing applies (it must answer at once, not batch).
   */
  public void processSlots(MutableBeaconState state, UInt64 slot, SignatureVerifier depositSignatures) {
    StateTransitionException.check(state.slot().isLessThan(slot), "state.slot < slot", state.slot(), slot);
    int slotsPerEpoch = config.slotsPerEpoch();
    while (state.slot().isLessThan(slot)) {
      processSlot(state);
      // Process epoch on the start slot of the next epoch
      if (state.slot().plus(1).mod(slotsPerEpoch).isZero()) {
        epochProcessor.processEpoch(state, depositSignatures);
      }
      state.setSlot(state.slot().plus(1));
    }
  }

  /** {@link #processSlots(MutableBeaconState, UInt64)} on a copy of {@code state}; returns the result. */
  public BeaconState processSlots(BeaconState state, UInt64 slot) {
    MutableBeaconState working = new MutableBeaconState(state);
    processSlots(working, slot);
    return working.commit();
  }

  /**
   * {@code process_slot}: caches the previous state root and block root. The state root is the
   * root of the working copy as it is now, obtained by committing it
   * ({@link MutableBeaconState#commitAndContinue()}, which folds the pending edits in so that
   * later commits cost only later changes).
   */
  public void processSlot(MutableBeaconState state) {
    Bytes32 previousStateRoot = state.commitAndContinue().hashTreeRoot();
    int index = state.slot().mod(config.slotsPerHistoricalRoot()).intValue();
    state.stateRoots().set(index, previousStateRoot);
    BeaconBlockHeader header = state.latestBlockHeader();
    if (header.stateRoot().equals(Bytes32.ZERO)) {
      header = header.withStateRoot(previousStateRoot);
      state.setLatestBlockHeader(header);
    }
    state.blockRoots().set(index, header.hashTreeRoot());
  }
}
