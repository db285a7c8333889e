package io.edvt.node.execution;

import java.util.Objects;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Engine API {@code ForkchoiceStateV1}: the execution block hashes of the consensus head, the safe
 * block and the finalized block. A zero hash stands for "none yet" for safe and finalized.
 */
public record ForkchoiceState(Bytes32 headBlockHash, Bytes32 safeBlockHash, Bytes32 finalizedBlockHash) {
  public ForkchoiceState {
    Objects.requireNonNull(headBlockHash, "headBlockHash");
    Objects.requireNonNull(safeBlockHash, "safeBlockHash");
    Objects.requireNonNull(finalizedBlockHash, "finalizedBlockHash");
  }
}
