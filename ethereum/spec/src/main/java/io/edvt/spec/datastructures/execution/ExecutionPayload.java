package io.edvt.spec.datastructures.execution;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt256;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * An execution-layer block as carried in a beacon block (Deneb {@code ExecutionPayload}, unchanged
 * through Fulu).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}). Not final: a later milestone that appends fields subclasses it,
 * numbering its new fields from {@link #FIELD_COUNT}.
 */
public class ExecutionPayload extends SszContainer {
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
  public static final int TRANSACTIONS = 13;
  public static final int WITHDRAWALS = 14;
  public static final int BLOB_GAS_USED = 15;
  public static final int EXCESS_BLOB_GAS = 16;
  /** The number of fields this class knows; a subclass's fields start here. */
  public static final int FIELD_COUNT = 17;

  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<ExecutionPayload> FACTORY = ExecutionPayload::new;

  protected ExecutionPayload(ContainerType<? extends ExecutionPayload> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code ExecutionPayload} type) from its fields. */
  public static ExecutionPayload create(
      ContainerType<? extends ExecutionPayload> type,
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
      SszList<Bytes> transactions,
      SszList<Withdrawal> withdrawals,
      UInt64 blobGasUsed,
      UInt64 excessBlobGas) {
    return type.create(
        parentHash, feeRecipient, stateRoot, receiptsRoot, logsBloom, prevRandao, blockNumber,
        gasLimit, gasUsed, timestamp, extraData, baseFeePerGas, blockHash, transactions,
        withdrawals, blobGasUsed, excessBlobGas);
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

  /** {@code transactions}: {@code List[Transaction, MAX_TRANSACTIONS_PER_PAYLOAD]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes> transactions() {
    return (SszList<Bytes>) get(TRANSACTIONS);
  }

  /** {@code withdrawals}: {@code List[Withdrawal, MAX_WITHDRAWALS_PER_PAYLOAD]}. */
  @SuppressWarnings("unchecked")
  public SszList<Withdrawal> withdrawals() {
    return (SszList<Withdrawal>) get(WITHDRAWALS);
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
