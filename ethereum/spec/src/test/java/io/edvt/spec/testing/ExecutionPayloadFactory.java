package io.edvt.spec.testing;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.ExecutionPayloadHeader;
import io.edvt.spec.datastructures.execution.Withdrawal;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.MiscHelpersFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * Execution payloads that satisfy {@code process_execution_payload} and
 * {@code process_withdrawals} for a state at the block's slot: parent hash, {@code prev_randao}
 * (the current epoch's mix, before the block's own reveal), timestamp, the expected withdrawals;
 * no transactions, blobs or gas use. The block hash is a deterministic stand-in
 * ({@code hash(parent_hash || slot)}), which an always-valid execution engine accepts.
 */
public final class ExecutionPayloadFactory {
  private final SpecFulu spec;

  public ExecutionPayloadFactory(SpecFulu spec) {
    this.spec = spec;
  }

  /** The payload for a block at {@code state.slot} carrying {@code withdrawals}. */
  public ExecutionPayload payload(MutableBeaconState state, List<Withdrawal> withdrawals) {
    ExecutionPayloadHeader parent = state.latestExecutionPayloadHeader();
    UInt64 slot = state.slot();
    Bytes32 blockHash = Bytes32.wrap(Sha256.hash(
        Bytes.concatenate(parent.blockHash(), MiscHelpersFulu.uintToBytes(slot)).toArrayUnsafe()));
    var withdrawalsType = SszTypes.list(Withdrawal.TYPE, spec.config().maxWithdrawalsPerPayload());
    var transactionsType = SszTypes.list(spec.schemas().transaction(), spec.config().maxTransactionsPerPayload());
    return ExecutionPayload.create(
        spec.schemas().executionPayload(),
        parent.blockHash(),
        parent.feeRecipient(),
        parent.stateRoot(),
        parent.receiptsRoot(),
        Bytes.wrap(new byte[spec.config().bytesPerLogsBloom()]),
        spec.accessors().getRandaoMix(state, spec.accessors().getCurrentEpoch(state)),
        parent.blockNumber().plus(1),
        parent.gasLimit(),
        UInt64.ZERO,
        spec.misc().computeTimeAtSlot(state.genesisTime(), slot),
        Bytes.EMPTY,
        parent.baseFeePerGas(),
        blockHash,
        transactionsType.of(List.of()),
        withdrawalsType.of(withdrawals),
        UInt64.ZERO,
        UInt64.ZERO);
  }
}
