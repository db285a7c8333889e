package io.edvt.spec.datastructures;

import io.edvt.infrastructure.ssz.types.BooleanType;
import io.edvt.infrastructure.ssz.types.ByteVectorType;
import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.infrastructure.ssz.types.UInt256Type;
import io.edvt.infrastructure.ssz.types.UInt64Type;
import io.edvt.infrastructure.ssz.types.UIntType;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The spec's custom types (the aliases of the "Custom types" tables, such as {@code Slot} or
 * {@code BLSSignature}) as SSZ types, and the constants that fix container layouts independently
 * of the preset.
 *
 * <p>Aliases of one SSZ type are the same object; the names only document what a field holds.
 */
public final class SpecTypes {
  private SpecTypes() {}

  // ---- uint64 aliases
  public static final UInt64Type UINT64 = SszTypes.UINT64;
  public static final UInt64Type SLOT = UINT64;
  public static final UInt64Type EPOCH = UINT64;
  public static final UInt64Type GWEI = UINT64;
  public static final UInt64Type VALIDATOR_INDEX = UINT64;
  public static final UInt64Type COMMITTEE_INDEX = UINT64;
  public static final UInt64Type WITHDRAWAL_INDEX = UINT64;
  /** Fulu {@code ColumnIndex}: a column of the extended blob matrix. */
  public static final UInt64Type COLUMN_INDEX = UINT64;
  /** Fulu {@code RowIndex}: a row (blob) of the extended blob matrix. */
  public static final UInt64Type ROW_INDEX = UINT64;

  // ---- other basic types
  public static final UInt256Type UINT256 = SszTypes.UINT256;
  public static final BooleanType BOOLEAN = SszTypes.BOOLEAN;
  /** Altair {@code ParticipationFlags}: {@code uint8}. */
  public static final UIntType<Integer> PARTICIPATION_FLAGS = SszTypes.UINT8;

  // ---- byte vectors
  public static final ByteVectorType<Bytes32> BYTES32 = SszTypes.BYTES32;
  public static final ByteVectorType<Bytes32> ROOT = BYTES32;
  public static final ByteVectorType<Bytes32> HASH32 = BYTES32;
  public static final ByteVectorType<Bytes32> DOMAIN = BYTES32;
  public static final ByteVectorType<Bytes48> BLS_PUBKEY = SszTypes.BYTES48;
  /** Deneb {@code KZGCommitment}: {@code Bytes48}. */
  public static final ByteVectorType<Bytes48> KZG_COMMITMENT = BLS_PUBKEY;
  /** Deneb {@code KZGProof}: {@code Bytes48}. */
  public static final ByteVectorType<Bytes48> KZG_PROOF = BLS_PUBKEY;
  /** {@code BLSSignature}: {@code Bytes96}. */
  public static final ByteVectorType<Bytes> BLS_SIGNATURE = SszTypes.byteVector(96);
  /** {@code Version}: {@code Bytes4}. */
  public static final ByteVectorType<Bytes> VERSION = SszTypes.byteVector(4);
  /** Bellatrix {@code ExecutionAddress}: {@code Bytes20}. */
  public static final ByteVectorType<Bytes> EXECUTION_ADDRESS = SszTypes.byteVector(20);

  // ---- constants that fix layouts in every preset
  /** Phase0 {@code DEPOSIT_CONTRACT_TREE_DEPTH}: a deposit proof has one more node (the count). */
  public static final int DEPOSIT_CONTRACT_TREE_DEPTH = 32;
  /** Phase0 {@code JUSTIFICATION_BITS_LENGTH}. */
  public static final int JUSTIFICATION_BITS_LENGTH = 4;
  /** Altair validator guide {@code SYNC_COMMITTEE_SUBNET_COUNT}. */
  public static final int SYNC_COMMITTEE_SUBNET_COUNT = 4;
  /** Deneb {@code BYTES_PER_FIELD_ELEMENT}. */
  public static final int BYTES_PER_FIELD_ELEMENT = 32;

  /** Capella light client: {@code get_generalized_index(BeaconBlockBody, 'execution_payload')}. */
  public static final long EXECUTION_PAYLOAD_GINDEX = 25;
  /**
   * Electra light client:
   * {@code get_generalized_index(BeaconState, 'finalized_checkpoint', 'root')}.
   */
  public static final long FINALIZED_ROOT_GINDEX_ELECTRA = 169;
  /** Electra light client: {@code get_generalized_index(BeaconState, 'current_sync_committee')}. */
  public static final long CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA = 86;
  /** Electra light client: {@code get_generalized_index(BeaconState, 'next_sync_committee')}. */
  public static final long NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA = 87;

  /** The spec's {@code floorlog2(x)}: the depth of generalized index {@code x}. */
  public static int floorLog2(long x) {
    if (x <= 0) {
      throw new IllegalArgumentException("floorlog2 of " + x);
    }
    return 63 - Long.numberOfLeadingZeros(x);
  }
}
