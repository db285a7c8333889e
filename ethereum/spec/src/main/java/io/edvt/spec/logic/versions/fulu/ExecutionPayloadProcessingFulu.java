package io.edvt.spec.logic.versions.fulu;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.ExecutionPayloadHeader;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.execution.NewPayloadRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/** The execution payload of a block (Fulu {@code process_execution_payload}). */
public class ExecutionPayloadProcessingFulu {
  protected final MiscHelpersFulu misc;
  protected final BeaconStateAccessorsFulu accessors;

  public ExecutionPayloadProcessingFulu(FuluHelpers helpers) {
    this.misc = helpers.misc();
    this.accessors = helpers.accessors();
  }

  /**
   * {@code process_execution_payload} (Fulu, EIP-7892: the blob limit comes from the blob
   * schedule): checks the payload against the state, asks {@code engine} whether it is valid,
   * and caches its header.
   */
  public void processExecutionPayload(MutableBeaconState state, BeaconBlockBody body, ExecutionEngine engine) {
    ExecutionPayload payload = body.executionPayload();
    ExecutionPayloadHeader latest = state.latestExecutionPayloadHeader();
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);

    // Verify consistency of the parent hash with respect to the previous execution payload header
    StateTransitionException.check(payload.parentHash().equals(latest.blockHash()),
        "payload.parent_hash == state.latest_execution_payload_header.block_hash", payload.parentHash(), latest.blockHash());
    Bytes32 randaoMix = accessors.getRandaoMix(state, currentEpoch);
    StateTransitionException.check(payload.prevRandao().equals(randaoMix),
        "payload.prev_randao == get_randao_mix(state, get_current_epoch(state))", payload.prevRandao(), randaoMix);
    UInt64 expectedTimestamp = misc.computeTimeAtSlot(state.genesisTime(), state.slot());
    StateTransitionException.check(payload.timestamp().equals(expectedTimestamp),
        "payload.timestamp == compute_time_at_slot(state, state.slot)", payload.timestamp(), expectedTimestamp);
    SszList<Bytes48> commitments = body.blobKzgCommitments();
    UInt64 maxBlobs = misc.getBlobParameters(currentEpoch).maxBlobsPerBlock();
    StateTransitionException.check(!maxBlobs.isLessThan(commitments.size()),
        "len(body.blob_kzg_commitments) <= get_blob_parameters(get_current_epoch(state)).max_blobs_per_block",
        commitments.size(), maxBlobs);

    List<Bytes32> versionedHashes = new ArrayList<>(commitments.size());
    for (Bytes48 commitment : commitments) {
      versionedHashes.add(MiscHelpersFulu.kzgCommitmentToVersionedHash(commitment));
    }
    NewPayloadRequest request = new NewPayloadRequest(
        payload, List.copyOf(versionedHashes), state.latestBlockHeader().parentRoot(), body.executionRequests());
    StateTransitionException.check(engine.verifyAndNotifyNewPayload(request),
        "execution_engine.verify_and_notify_new_payload(NewPayloadRequest(...))", "block_hash=" + payload.blockHash());

    // The header takes the state's own header type, so it always fits the state's field.
    @SuppressWarnings("unchecked")
    ContainerType<? extends ExecutionPayloadHeader> headerType = (ContainerType<? extends ExecutionPayloadHeader>) latest.type();
    state.setLatestExecutionPayloadHeader(ExecutionPayloadHeader.create(
        headerType,
        payload.parentHash(),
        payload.feeRecipient(),
        payload.stateRoot(),
        payload.receiptsRoot(),
        payload.logsBloom(),
        payload.prevRandao(),
        payload.blockNumber(),
        payload.gasLimit(),
        payload.gasUsed(),
        payload.timestamp(),
        payload.extraData(),
        payload.baseFeePerGas(),
        payload.blockHash(),
        payload.transactions().hashTreeRoot(),
        payload.withdrawals().hashTreeRoot(),
        payload.blobGasUsed(),
        payload.excessBlobGas()));
  }
}
