package io.edvt.node.validator.production;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.CollectionType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.chain.BlockProductionInputs;
import io.edvt.node.chain.OperationPool;
import io.edvt.node.execution.BlobsBundle;
import io.edvt.node.execution.EngineApi;
import io.edvt.node.execution.EngineFailureException;
import io.edvt.node.execution.ForkchoiceState;
import io.edvt.node.execution.ForkchoiceUpdatedResult;
import io.edvt.node.execution.GetPayloadResponse;
import io.edvt.node.execution.PayloadAttributes;
import io.edvt.node.execution.PayloadId;
import io.edvt.node.execution.PayloadPreparation;
import io.edvt.node.validator.ValidatorDuties;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * Builds the unsigned block of a plain validator (the validator guide's "Constructing the
 * {@code BeaconBlock}", Electra to Fulu, EDVT's body for an EDVT slot): the head state advanced
 * to the slot; an execution payload from the engine ({@code prepare_execution_payload}:
 * {@code engine_forkchoiceUpdatedV3} with {@link PayloadPreparation}'s attributes, then
 * {@code engine_getPayloadV5}, or V4 from an execution client that stops at Prague); the attestations, operations and sync aggregate of
 * {@link BlockProductionInputs}; the RANDAO reveal and graffiti; then the block processed without
 * signatures (the engine's verdict taken as valid: the payload is its own) to set
 * {@code state_root}. {@link ValidatorDuties} signs it through slashing protection.
 *
 * <p>Blocking: waits for the engine's answers (at most its spec timeouts), so it runs on the
 * duties' thread, never on the chain thread or an event loop. A payload's blob commitments go into
 * the body and its blobs bundle into {@link ProducedBlobs}, from which the signed block's data
 * column sidecars are built ({@link DataColumnSidecarFactory}). In EDVT,
 * {@code randao_member_index} is 0 for a plain validator;
 * {@link #produceGroupBlock} builds a group leader's block for
 * {@link io.edvt.node.validator.group.GroupProposer}.
 */
public final class EngineBlockProducer implements ValidatorDuties.BlockProducer {
  private static final System.Logger LOG = System.getLogger(EngineBlockProducer.class.getName());
  /** The BLS signature of nobody (G2's point at infinity): the sync aggregate without participants. */
  private static final Bytes INFINITY_SIGNATURE = Bytes.concatenate(Bytes.of(0xc0), Bytes.wrap(new byte[95]));

  private final SpecVersions versions;
  private final MultiForkStateTransition transition;
  private final EngineApi engine;
  private final BlockProductionInputs inputs;
  private final Bytes feeRecipient;
  private final Bytes32 graffiti;
  private final ProducedBlobs producedBlobs;

  /**
   * @param feeRecipient the 20-byte execution address payloads pay ({@code --validators-proposer-default-fee-recipient})
   * @param graffiti at most 32 bytes of UTF-8, zero-padded
   */
  public EngineBlockProducer(SpecVersions versions, EngineApi engine, BlockProductionInputs inputs, Bytes feeRecipient,
      String graffiti) {
    this(versions, engine, inputs, feeRecipient, graffiti, new ProducedBlobs());
  }

  /** As the other constructor, leaving the blobs bundle of each block built with blobs in {@code producedBlobs}. */
  public EngineBlockProducer(SpecVersions versions, EngineApi engine, BlockProductionInputs inputs, Bytes feeRecipient,
      String graffiti, ProducedBlobs producedBlobs) {
    this.producedBlobs = producedBlobs;
    this.versions = versions;
    this.transition = new MultiForkStateTransition(versions);
    this.engine = engine;
    this.inputs = inputs;
    if (feeRecipient.size() != PayloadAttributes.ADDRESS_SIZE) {
      throw new IllegalArgumentException("fee recipient must have 20 bytes, got " + feeRecipient.size() + ": " + feeRecipient);
    }
    this.feeRecipient = feeRecipient;
    this.graffiti = graffiti(graffiti);
  }

  /** Where the blobs bundles of the blocks built with blobs go. */
  public ProducedBlobs producedBlobs() {
    return producedBlobs;
  }

  /** {@code text} as graffiti: UTF-8, zero-padded on the right; more than 32 bytes is an error. */
  public static Bytes32 graffiti(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > Bytes32.SIZE) {
      throw new IllegalArgumentException("graffiti must fit 32 bytes of UTF-8, got " + utf8.length + ": " + text);
    }
    return Bytes32.rightPad(Bytes.wrap(utf8));
  }

  @Override
  public Optional<BeaconBlock> produce(ValidatorDuties.Head head, UInt64 slot, Bytes randaoReveal, long proposerIndex) {
    return build(head, slot, randaoReveal, proposerIndex, 0, feeRecipient, graffiti);
  }

  /**
   * A plain proposer's block with its own fee recipient and graffiti (the Beacon API's block
   * production for a separate validator client: {@code prepare_beacon_proposer} and the
   * {@code graffiti} parameter).
   */
  public Optional<BeaconBlock> produce(ValidatorDuties.Head head, UInt64 slot, Bytes randaoReveal, long proposerIndex,
      Bytes feeRecipient, Bytes32 graffiti) {
    if (feeRecipient.size() != PayloadAttributes.ADDRESS_SIZE) {
      throw new IllegalArgumentException("fee recipient must have 20 bytes, got " + feeRecipient.size());
    }
    return build(head, slot, randaoReveal, proposerIndex, 0, feeRecipient, graffiti);
  }

  /**
   * A group leader's block (validator.md "Leader-promoted proposal by a group", step 1): as a
   * plain proposer's, with {@code randao_member_index} the leader's member index, the leader's own
   * RANDAO reveal and the group's fee recipient (which the other members check before signing off).
   */
  public Optional<BeaconBlock> produceGroupBlock(ValidatorDuties.Head head, UInt64 slot, Bytes randaoReveal,
      long proposerIndex, int leaderMemberIndex, Bytes groupFeeRecipient) {
    if (groupFeeRecipient.size() != PayloadAttributes.ADDRESS_SIZE) {
      throw new IllegalArgumentException("fee recipient must have 20 bytes, got " + groupFeeRecipient.size());
    }
    return build(head, slot, randaoReveal, proposerIndex, leaderMemberIndex, groupFeeRecipient, graffiti);
  }

  private Optional<BeaconBlock> build(ValidatorDuties.Head head, UInt64 slot, Bytes randaoReveal, long proposerIndex,
      int memberIndex, Bytes feeRecipient, Bytes32 graffiti) {
    if (!head.state().slot().isLessThan(slot)) {
      // the genesis slot, or a head already at the slot: there is nothing to build on
      return Optional.empty();
    }
    MutableBeaconState state = new MutableBeaconState(transition.processSlots(head.state(), slot));
    SpecFulu spec = versions.forState(state.commit());
    Optional<GetPayloadResponse> payload = payload(spec, state, feeRecipient);
    if (payload.isEmpty()) {
      return Optional.empty();
    }
    BlobsBundle blobs = payload.get().blobsBundle();
    if (!blobs.commitments().isEmpty() && blobs.version() != BlobsBundle.Version.V2) {
      // the sidecars need every cell proof: a V1 bundle has one proof per blob
      LOG.log(System.Logger.Level.WARNING, "Slot {0}: the engine's payload has {1} blobs without cell proofs; no block",
          slot, blobs.commitments().size());
      return Optional.empty();
    }
    BlockProductionInputs.Inputs contents = inputs.forSlot(head.state(), slot.longValue());
    BeaconBlockBody body = body(spec, state, randaoReveal, contents, payload.get(), memberIndex, graffiti);
    BeaconBlock block = BeaconBlock.create(spec.schemas().beaconBlock(), slot, UInt64.valueOf(proposerIndex), head.root(),
        Bytes32.ZERO, body);
    MutableBeaconState post = new MutableBeaconState(state.commit());
    spec.blockProcessor().processBlock(post, block, SignatureVerifier.NONE, ExecutionEngine.always(true));
    BeaconBlock built = block.withStateRoot(post.commit().hashTreeRoot());
    if (!blobs.commitments().isEmpty()) {
      producedBlobs.put(built.hashTreeRoot(), blobs);
    }
    return Optional.of(built);
  }

  /** {@code prepare_execution_payload} then {@code get_execution_payload}: the engine's payload for the slot, or empty. */
  private Optional<GetPayloadResponse> payload(SpecFulu spec, MutableBeaconState state, Bytes feeRecipient) {
    ForkchoiceState forkchoice = PayloadPreparation.forkchoiceState(state, Bytes32.ZERO, Bytes32.ZERO);
    PayloadAttributes attributes = PayloadPreparation.payloadAttributes(spec, state, feeRecipient);
    try {
      ForkchoiceUpdatedResult updated = await(engine.forkchoiceUpdatedV3(forkchoice, Optional.of(attributes)), 8).orElseThrow();
      Optional<PayloadId> id = updated.payloadId();
      if (id.isEmpty()) {
        LOG.log(System.Logger.Level.WARNING, "Slot {0}: the engine started no payload build on {1}: {2}", state.slot(),
            forkchoice.headBlockHash(), updated.payloadStatus());
        return Optional.empty();
      }
      // V5, or V4 from an execution client that stops at Prague: up to 1 s for capabilities at the first build, 1 s to get it
      return Optional.of(await(engine.getPayload(id.get()), 2).orElseThrow());
    } catch (EngineFailureException e) {
      LOG.log(System.Logger.Level.WARNING, "Slot {0}: no execution payload: {1}", state.slot(), e.getMessage());
      return Optional.empty();
    }
  }

  private static <T> T await(CompletableFuture<T> future, long seconds) {
    try {
      return future.get(seconds + 1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the engine", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the engine did not answer: " + e, e);
    }
  }

  private BeaconBlockBody body(SpecFulu spec, MutableBeaconState state, Bytes randaoReveal, BlockProductionInputs.Inputs contents,
      GetPayloadResponse payload, int memberIndex, Bytes32 graffiti) {
    OperationPool.BlockOperations ops = contents.operations();
    SyncAggregate syncAggregate = contents.syncAggregate().orElseGet(() -> SyncAggregate.create(spec.schemas().syncAggregate(),
        SszBits.zeros(spec.config().syncCommitteeSize()), INFINITY_SIGNATURE));
    if (SpecVersions.milestoneOf(state.commit()) == SpecMilestone.EDVT) {
      ContainerType<BeaconBlockBodyEdvt> type = versions.edvt().schemas().beaconBlockBody();
      return BeaconBlockBodyEdvt.create(type, randaoReveal, state.eth1Data(), graffiti,
          list(type, BeaconBlockBody.PROPOSER_SLASHINGS, ops.proposerSlashings()),
          list(type, BeaconBlockBody.ATTESTER_SLASHINGS, ops.attesterSlashings()),
          list(type, BeaconBlockBody.ATTESTATIONS, contents.attestations()),
          list(type, BeaconBlockBody.DEPOSITS, List.of()),
          list(type, BeaconBlockBody.VOLUNTARY_EXITS, ops.voluntaryExits()),
          syncAggregate, payload.executionPayload(),
          list(type, BeaconBlockBody.BLS_TO_EXECUTION_CHANGES, ops.blsToExecutionChanges()),
          list(type, BeaconBlockBody.BLOB_KZG_COMMITMENTS, payload.blobsBundle().commitments()),
          payload.executionRequests(),
          UInt64.valueOf(memberIndex), // a plain validator is member 0 of its own key set; a group's leader its own index
          list(type, BeaconBlockBodyEdvt.GROUP_REGISTRATIONS, ops.groupRegistrations()),
          list(type, BeaconBlockBodyEdvt.GROUP_KEY_CHANGES, ops.groupKeyChanges()));
    }
    ContainerType<? extends BeaconBlockBody> type = spec.schemas().beaconBlockBody();
    return BeaconBlockBody.create(type, randaoReveal, state.eth1Data(), graffiti,
        list(type, BeaconBlockBody.PROPOSER_SLASHINGS, ops.proposerSlashings()),
        list(type, BeaconBlockBody.ATTESTER_SLASHINGS, ops.attesterSlashings()),
        list(type, BeaconBlockBody.ATTESTATIONS, contents.attestations()),
        list(type, BeaconBlockBody.DEPOSITS, List.of()),
        list(type, BeaconBlockBody.VOLUNTARY_EXITS, ops.voluntaryExits()),
        syncAggregate, payload.executionPayload(),
        list(type, BeaconBlockBody.BLS_TO_EXECUTION_CHANGES, ops.blsToExecutionChanges()),
        list(type, BeaconBlockBody.BLOB_KZG_COMMITMENTS, payload.blobsBundle().commitments()),
        payload.executionRequests());
  }

  /** {@code items} as the list type of field {@code field} of {@code container}. */
  @SuppressWarnings("unchecked")
  private static <E> SszList<E> list(ContainerType<?> container, int field, List<? extends E> items) {
    return ((CollectionType<E>) container.fields().get(field).type()).of(items);
  }
}
