package io.edvt.spec.testing;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.CollectionType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.ExecutionRequests;
import io.edvt.spec.datastructures.execution.Withdrawal;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * Builds a Fulu chain of real signed blocks for tests: each block has the proposer from the
 * state's lookahead, a RANDAO reveal, one aggregate attestation per recent slot covering every
 * committee (real aggregate signatures), a sync aggregate over the parent block, an execution
 * payload that {@code process_execution_payload} and {@code process_withdrawals} accept, any
 * operations and execution requests from {@link BlockOptions}, the post-state root and the
 * proposer's signature.
 *
 * <p>{@link #produceBlock} only makes a block; {@link #applyBlock} runs it through the full
 * {@code state_transition} (state root and every signature checked, in one batch) and moves the
 * head. Attestations are made for every slot from the head's slot up to the block's parent slot
 * that is still includable, as of the head; skipped slots therefore still get attestations.
 *
 * <p>A later fork's builder extends this one and overrides the hooks where its blocks differ:
 * {@link #attestationsAt} (who attests and how), {@link #body} (the body's type and extra fields)
 * and {@link #sign} (who signs the block).
 */
public class ChainBuilder {
  private final SpecFulu spec;
  private final Signer signer;
  private final AttestationFactory attestations;
  private final OperationFactory operations;
  private final ExecutionPayloadFactory payloads;
  private final List<SignedBeaconBlock> blocks = new ArrayList<>();
  private BeaconState head;
  private Bytes32 headRoot;
  private IntPredicate attesting = i -> true;
  private boolean syncCommitteeSigns = true;

  public ChainBuilder(SpecFulu spec, BeaconState start, ValidatorKeys keys) {
    this.spec = spec;
    this.signer = new Signer(spec, keys);
    this.attestations = new AttestationFactory(spec, signer);
    this.operations = new OperationFactory(spec, signer);
    this.payloads = new ExecutionPayloadFactory(spec);
    this.head = start;
    BeaconBlockHeader header = start.latestBlockHeader();
    this.headRoot = header.stateRoot().equals(Bytes32.ZERO)
        ? header.withStateRoot(start.hashTreeRoot()).hashTreeRoot()
        : header.hashTreeRoot();
  }

  /** A chain from an interop genesis ({@link GenesisFulu#interop}) with 0x01 credentials at time 0. */
  public static ChainBuilder interop(SpecFulu spec, int validatorCount) {
    BeaconState genesis = new GenesisFulu(spec).interop(validatorCount, UInt64.ZERO, SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);
    return new ChainBuilder(spec, genesis, ValidatorKeys.interop(validatorCount));
  }

  public SpecFulu spec() {
    return spec;
  }

  /** The post-state of the last applied block (or the start state). */
  public BeaconState headState() {
    return head;
  }

  /** The root of the last applied block (or of the start state's latest block header). */
  public Bytes32 headRoot() {
    return headRoot;
  }

  /** The applied blocks, in order. */
  public List<SignedBeaconBlock> blocks() {
    return Collections.unmodifiableList(blocks);
  }

  public Signer signer() {
    return signer;
  }

  public OperationFactory operations() {
    return operations;
  }

  /** A working copy of the head state, to make operations from. */
  public MutableBeaconState headView() {
    return new MutableBeaconState(head);
  }

  /** Which validators attest (all by default). */
  public ChainBuilder attesting(IntPredicate attesting) {
    this.attesting = attesting;
    return this;
  }

  /** Whether the sync committee signs the parent block (default) or no one does. */
  public ChainBuilder syncCommitteeSigns(boolean signs) {
    this.syncCommitteeSigns = signs;
    return this;
  }

  /** Produces and applies a block at {@code slot} with {@code options}. */
  public SignedBeaconBlock addBlock(UInt64 slot, BlockOptions options) {
    return applyBlock(produceBlock(slot, options));
  }

  /** Produces and applies a plain block at the slot after the head. */
  public SignedBeaconBlock addBlock() {
    return addBlock(head.slot().plus(1), BlockOptions.none());
  }

  /**
   * Adds plain blocks at every slot after the head up to and including {@code slot}, except
   * slots whose proposer is slashed (no valid block exists for them; they stay empty, as on a
   * real chain).
   */
  public ChainBuilder addBlocksUpTo(UInt64 slot) {
    for (UInt64 s = head.slot().plus(1); s.isLessThanOrEqualTo(slot); s = s.plus(1)) {
      if (!head.validators().get(proposerOf(s)).slashed()) {
        addBlock(s, BlockOptions.none());
      }
    }
    return this;
  }

  /** The proposer of {@code slot} (after the head) on this chain. */
  public int proposerOf(UInt64 slot) {
    UInt64 start = spec.misc().computeStartSlotAtEpoch(spec.misc().computeEpochAtSlot(head.slot()));
    long offset = slot.minus(start).longValue();
    SszList<UInt64> lookahead = BeaconStateFulu.required(head).proposerLookahead();
    if (offset < lookahead.size()) {
      return lookahead.get((int) offset).intValue();
    }
    MutableBeaconState view = new MutableBeaconState(head);
    spec.stateTransition().processSlots(view, slot);
    return spec.accessors().getBeaconProposerIndex(view);
  }

  /**
   * Runs {@code block} through {@code state_transition} on the head (state root and signatures
   * verified, signatures in one batch) and makes it the head.
   */
  public SignedBeaconBlock applyBlock(SignedBeaconBlock block) {
    head = spec.stateTransition().stateTransition(head, block, true, new SignatureVerifier.Batch(), ExecutionEngine.always(true));
    headRoot = block.message().hashTreeRoot();
    blocks.add(block);
    return block;
  }

  /**
   * Makes {@code block} the head with every signature check off (the state root is still
   * checked): for vectors whose chain goes on past a block with a deliberately bad signature,
   * which the reader of the vector must reject.
   */
  public SignedBeaconBlock applyBlockWithoutSignatureChecks(SignedBeaconBlock block) {
    head = spec.stateTransition().stateTransition(head, block, true, SignatureVerifier.NONE, ExecutionEngine.always(true));
    headRoot = block.message().hashTreeRoot();
    blocks.add(block);
    return block;
  }

  /** A signed block at {@code slot} on the head, without applying it. */
  public SignedBeaconBlock produceBlock(UInt64 slot, BlockOptions options) {
    if (!head.slot().isLessThan(slot)) {
      throw new IllegalArgumentException("block slot " + slot + " is not after the head's slot " + head.slot());
    }
    MutableBeaconState view = new MutableBeaconState(head);
    List<Attestation> included = recentAttestations(view, slot);
    spec.stateTransition().processSlots(view, slot);

    int proposer = spec.accessors().getBeaconProposerIndex(view);
    BeaconBlockBody body = body(view, proposer, options, included);
    BeaconBlock block = BeaconBlock.create(spec.schemas().beaconBlock(), slot, UInt64.valueOf(proposer), headRoot,
        Bytes32.ZERO, body);
    return seal(view, block);
  }

  /**
   * The body of {@code proposer}'s block on {@code stateAtSlot} (the head advanced to the block's
   * slot): its RANDAO reveal, the head's eth1 data, {@code options}' operations and graffiti,
   * {@code attestations}, the sync aggregate, an acceptable execution payload and the execution
   * requests. A later fork overrides it for its own body type.
   */
  protected BeaconBlockBody body(MutableBeaconState stateAtSlot, int proposer, BlockOptions options,
      List<Attestation> attestations) {
    var bodyType = spec.schemas().beaconBlockBody();
    return BeaconBlockBody.create(bodyType,
        signer.randaoReveal(stateAtSlot, proposer),
        stateAtSlot.eth1Data(),
        options.graffiti,
        list(bodyType, BeaconBlockBody.PROPOSER_SLASHINGS, options.proposerSlashings),
        list(bodyType, BeaconBlockBody.ATTESTER_SLASHINGS, options.attesterSlashings),
        list(bodyType, BeaconBlockBody.ATTESTATIONS, attestations),
        list(bodyType, BeaconBlockBody.DEPOSITS, List.of()),
        list(bodyType, BeaconBlockBody.VOLUNTARY_EXITS, options.voluntaryExits),
        syncAggregate(stateAtSlot),
        executionPayload(stateAtSlot),
        list(bodyType, BeaconBlockBody.BLS_TO_EXECUTION_CHANGES, options.blsToExecutionChanges),
        list(bodyType, BeaconBlockBody.BLOB_KZG_COMMITMENTS, options.blobKzgCommitments),
        executionRequests(options));
  }

  /** The execution requests of {@code options} (deposits, withdrawals, consolidations). */
  protected ExecutionRequests executionRequests(BlockOptions options) {
    var requestsType = spec.schemas().executionRequests();
    return ExecutionRequests.create(requestsType,
        list(requestsType, 0, options.depositRequests),
        list(requestsType, 1, options.withdrawalRequests),
        list(requestsType, 2, options.consolidationRequests));
  }

  /** A payload that {@code process_execution_payload} and {@code process_withdrawals} accept on {@code stateAtSlot}. */
  protected ExecutionPayload executionPayload(MutableBeaconState stateAtSlot) {
    return payloads.payload(stateAtSlot, expectedWithdrawals(stateAtSlot));
  }

  /**
   * The attestations made at {@code stateAtSlot}'s slot for the head {@code headRoot}: by default
   * one aggregate of the {@link #attesting} validators over every committee.
   */
  protected List<Attestation> attestationsAt(MutableBeaconState stateAtSlot, Bytes32 headRoot) {
    return attestations.aggregate(stateAtSlot, headRoot, attesting).map(List::of).orElse(List.of());
  }

  /** {@code block} (state root set) signed by its proposer; a later fork may sign differently. */
  protected SignedBeaconBlock sign(MutableBeaconState stateAtSlot, BeaconBlock block) {
    return SignedBeaconBlock.create(spec.schemas().signedBeaconBlock(), block, signer.block(stateAtSlot, block));
  }

  /**
   * {@code block} (for a slot after the head) with the state root it produces on the head and
   * the signature of its {@code proposer_index}: for tests that alter a produced block and need
   * it otherwise consistent. Its own signatures are not checked here.
   */
  public SignedBeaconBlock seal(BeaconBlock block) {
    MutableBeaconState view = new MutableBeaconState(head);
    spec.stateTransition().processSlots(view, block.slot());
    return seal(view, block);
  }

  private SignedBeaconBlock seal(MutableBeaconState stateAtSlot, BeaconBlock block) {
    MutableBeaconState post = new MutableBeaconState(stateAtSlot.commit());
    spec.blockProcessor().processBlock(post, block, SignatureVerifier.NONE, ExecutionEngine.always(true));
    BeaconBlock sealed = block.withStateRoot(post.commit().hashTreeRoot());
    return sign(stateAtSlot, sealed);
  }

  /**
   * One aggregate per slot from the head's slot to {@code slot - 1}, for the slots whose target
   * epoch is still the block's current or previous epoch; at most {@code MAX_ATTESTATIONS_ELECTRA},
   * the latest ones. Advances {@code view} along the way.
   */
  private List<Attestation> recentAttestations(MutableBeaconState view, UInt64 slot) {
    UInt64 epoch = spec.misc().computeEpochAtSlot(slot);
    UInt64 oldest = spec.misc().computeStartSlotAtEpoch(epoch.isZero() ? epoch : epoch.minus(1));
    List<Attestation> out = new ArrayList<>();
    for (UInt64 a = head.slot().max(oldest); a.isLessThan(slot); a = a.plus(1)) {
      if (view.slot().isLessThan(a)) {
        spec.stateTransition().processSlots(view, a);
      }
      out.addAll(attestationsAt(view, headRoot));
    }
    int max = spec.config().maxAttestationsElectra();
    return out.size() > max ? new ArrayList<>(out.subList(out.size() - max, out.size())) : out;
  }

  /** The sync committee's signature of the parent slot's block root (all members, or none). */
  protected SyncAggregate syncAggregate(MutableBeaconState state) {
    int size = spec.config().syncCommitteeSize();
    UInt64 previousSlot = state.slot().max(UInt64.ONE).minus(1);
    List<BlsSecretKey> signers = new ArrayList<>();
    SszBits bits = SszBits.zeros(size);
    if (syncCommitteeSigns) {
      SszList<Bytes48> pubkeys = state.currentSyncCommittee().pubkeys();
      for (int i = 0; i < size; i++) {
        signers.add(signer.keys().get(pubkeys.get(i)));
      }
      bits = SszBits.withSet(size, IntStream.range(0, size).toArray());
    }
    Bytes32 root = spec.accessors().getBlockRootAtSlot(state, previousSlot);
    Bytes signature = signer.syncCommittee(state, root, previousSlot, signers);
    return SyncAggregate.create(spec.schemas().syncAggregate(), bits, signature);
  }

  /** {@code get_expected_withdrawals(state).withdrawals}. */
  private List<Withdrawal> expectedWithdrawals(MutableBeaconState state) {
    return spec.blockProcessor().getExpectedWithdrawals(state).withdrawals();
  }

  /** {@code items} as the list type of field {@code field} of {@code container}. */
  @SuppressWarnings("unchecked")
  protected static <E> SszList<E> list(ContainerType<?> container, int field, List<? extends E> items) {
    return ((CollectionType<E>) container.fields().get(field).type()).of(items);
  }
}
