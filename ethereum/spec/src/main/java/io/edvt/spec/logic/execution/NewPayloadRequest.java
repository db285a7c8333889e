package io.edvt.spec.logic.execution;

import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.ExecutionRequests;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;

/** The spec's {@code NewPayloadRequest} (Electra form). */
public record NewPayloadRequest(
    ExecutionPayload executionPayload,
    List<Bytes32> versionedHashes,
    Bytes32 parentBeaconBlockRoot,
    ExecutionRequests executionRequests) {}
