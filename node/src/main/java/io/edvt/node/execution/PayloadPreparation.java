package io.edvt.node.execution;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * What the block producer asks the engine for, from the state it proposes on (consensus-specs
 * {@code validator.md}, {@code prepare_execution_payload}, Electra and later): the head block hash
 * of the forkchoice state and the payload attributes. The state must already be advanced to the
 * proposal slot ({@code process_slots}), so that its latest block header carries its state root.
 */
public final class PayloadPreparation {
  private PayloadPreparation() {}

  /**
   * The forkchoice state to build on: {@code state.latest_execution_payload_header.block_hash} as
   * the head, with the safe and finalized block hashes the caller takes from fork choice.
   */
  public static ForkchoiceState forkchoiceState(MutableBeaconState state, Bytes32 safeBlockHash, Bytes32 finalizedBlockHash) {
    return new ForkchoiceState(state.latestExecutionPayloadHeader().blockHash(), safeBlockHash, finalizedBlockHash);
  }

  /**
   * {@code PayloadAttributes} of {@code prepare_execution_payload}: the slot's time, the current
   * epoch's randao mix, the fee recipient, {@code get_expected_withdrawals(state)} and the root of
   * the parent beacon block ({@code hash_tree_root(state.latest_block_header)}).
   */
  public static PayloadAttributes payloadAttributes(SpecFulu spec, MutableBeaconState state, Bytes suggestedFeeRecipient) {
    UInt64 timestamp = spec.misc().computeTimeAtSlot(state.genesisTime(), state.slot());
    Bytes32 prevRandao = spec.accessors().getRandaoMix(state, spec.accessors().getCurrentEpoch(state));
    return new PayloadAttributes(
        timestamp,
        prevRandao,
        suggestedFeeRecipient,
        spec.blockProcessor().getExpectedWithdrawals(state).withdrawals(),
        state.latestBlockHeader().hashTreeRoot());
  }
}
