package io.edvt.spec.datastructures.execution;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt256;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * An {@link ExecutionPayload} with its lists replaced by their roots (Deneb
 * {@code ExecutionPayloadHeader}, unchanged through Fulu).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}). Not final: a later milestone that appends fields subclasses it,
 * numbering its new fields from {@link #FIELD_COUNT}.
 */
public class ExecutionPayloadHeader extends SszContainer {
  public static final int PARENT_HASH = 0;
  public static final int FEE_RECIPIENT = 1;
  public static final int STATE_ROOT = 2;
  public static final int RECEIPTS_ROOT = 3;
  public static final int LOGS_BLOOM = 4;
  public static final int PREV_RANDAO = 5;
  public static final int BLOCK_NUMBER = 6;
  public static final int GAS_LIMIT = 7;
  public static final int GAS_USED = 8;
  public static final int TIMESTAMP = 9;
  public static final int EXTRA_DATA = 10;
  public static final int BASE_FEE_PER_GAS = 11;
  public static final int BLOCK_HASH = 12;
  public static final int TRANSACTIONS_ROOT = 13;
  public static final int WITHDRAWALS_ROOT = 14;
  public static final int BLOB_GAS_USED = 15;
  public static final int EXCESS_BLOB_GAS = 16;
  /** The number of fields this class knows; a subclass's fields start here. */
  public static final int FIELD_COUNT = 17;

  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<ExecutionPayloadHeader> FACTORY =
      ExecutionPayloadHeader::new;

  protected ExecutionPayloadHeader(
      ContainerType<? extends ExecutionPayloadHeader> type,
      Object[] values) {
    super(type, values);
  }

  /**
   * A value of {@code type} (this preset's {@code ExecutionPayloadHeader} type) from its fields.
   */
  public static ExecutionPayloadHeader create(
      ContainerType<? extends ExecutionPayloadHeader> type,
      Bytes32 parentHash,
      Bytes feeRecipient,
      Bytes32 stateRoot,
      Bytes32 receiptsRoot,
      Bytes logsBloom,
      Bytes32 prevRandao,
      UInt64 blockNumber,
      UInt64 gasLimit,
      UInt64 gasUsed,
      UInt64 timestamp,
      Bytes extraData,
      UInt256 baseFeePerGas,
      Bytes32 blockHash,
      Bytes32 transactionsRoot,
      Bytes32 withdrawalsRoot,
      UInt64 blobGasUsed,
      UInt64 excessBlobGas) {
    return type.create(
        parentHash, feeRecipient, stateRoot, receiptsRoot, logsBloom, prevRandao, blockNumber,
        gasLimit, gasUsed, timestamp, extraData, baseFeePerGas, blockHash, transactionsRoot,
        withdrawalsRoot, blobGasUsed, excessBlobGas);
  }

  /** {@code parent_hash}: {@code Hash32}. */
  public Bytes32 parentHash() {
    return (Bytes32) get(PARENT_HASH);
  }

  /** {@code fee_recipient}: {@code ExecutionAddress}. */
  public Bytes feeRecipient() {
    return (Bytes) get(FEE_RECIPIENT);
  }

  /** {@code state_root}: {@code Bytes32}. */
  public Bytes32 stateRoot() {
    return (Bytes32) get(STATE_ROOT);
  }

  /** {@code receipts_root}: {@code Bytes32}. */
  public Bytes32 receiptsRoot() {
    return (Bytes32) get(RECEIPTS_ROOT);
  }

  /** {@code logs_bloom}: {@code ByteVector[BYTES_PER_LOGS_BLOOM]}. */
  public Bytes logsBloom() {
    return (Bytes) get(LOGS_BLOOM);
  }

  /** {@code prev_randao}: {@code Bytes32}. */
  public Bytes32 prevRandao() {
    return (Bytes32) get(PREV_RANDAO);
  }

  /** {@code block_number}: {@code uint64}. */
  public UInt64 blockNumber() {
    return (UInt64) get(BLOCK_NUMBER);
  }

  /** {@code gas_limit}: {@code uint64}. */
  public UInt64 gasLimit() {
    return (UInt64) get(GAS_LIMIT);
  }

  /** {@code gas_used}: {@code uint64}. */
  public UInt64 gasUsed() {
    return (UInt64) get(GAS_USED);
  }

  /** {@code timestamp}: {@code uint64}. */
  public UInt64 timestamp() {
    return (UInt64) get(TIMESTAMP);
  }

  /** {@code extra_data}: {@code ByteList[MAX_EXTRA_DATA_BYTES]}. */
  public Bytes extraData() {
    return (Bytes) get(EXTRA_DATA);
  }

  /** {@code base_fee_per_gas}: {@code uint256}. */
  public UInt256 baseFeePerGas() {
    return (UInt256) get(BASE_FEE_PER_GAS);
  }

  /** {@code block_hash}: {@code Hash32}. */
  public Bytes32 blockHash() {
    return (Bytes32) get(BLOCK_HASH);
  }

  /** {@code transactions_root}: {@code Root}. */
  public Bytes32 transactionsRoot() {
    return (Bytes32) get(TRANSACTIONS_ROOT);
  }

  /** {@code withdrawals_root}: {@code Root}. */
  public Bytes32 withdrawalsRoot() {
    return (Bytes32) get(WITHDRAWALS_ROOT);
  }

  /** {@code blob_gas_used}: {@code uint64}. */
  public UInt64 blobGasUsed() {
    return (UInt64) get(BLOB_GAS_USED);
  }

  /** {@code excess_blob_gas}: {@code uint64}. */
  public UInt64 excessBlobGas() {
    return (UInt64) get(EXCESS_BLOB_GAS);
  }
}
