package io.edvt.spec.datastructures.datacolumns;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * One column of the extended blob matrix with its proofs (Fulu das-core {@code DataColumnSidecar}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class DataColumnSidecar extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<DataColumnSidecar> FACTORY = DataColumnSidecar::new;

  private DataColumnSidecar(ContainerType<DataColumnSidecar> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code DataColumnSidecar} type) from its fields. */
  public static DataColumnSidecar create(
      ContainerType<DataColumnSidecar> type,
      UInt64 index,
      SszList<Bytes> column,
      SszList<Bytes48> kzgCommitments,
      SszList<Bytes48> kzgProofs,
      SignedBeaconBlockHeader signedBlockHeader,
      SszList<Bytes32> kzgCommitmentsInclusionProof) {
    return type.create(
        index, column, kzgCommitments, kzgProofs, signedBlockHeader, kzgCommitmentsInclusionProof);
  }

  /** {@code index}: {@code ColumnIndex}. */
  public UInt64 index() {
    return (UInt64) get(0);
  }

  /** {@code column}: {@code List[Cell, MAX_BLOB_COMMITMENTS_PER_BLOCK]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes> column() {
    return (SszList<Bytes>) get(1);
  }

  /** {@code kzg_commitments}: {@code List[KZGCommitment, MAX_BLOB_COMMITMENTS_PER_BLOCK]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes48> kzgCommitments() {
    return (SszList<Bytes48>) get(2);
  }

  /** {@code kzg_proofs}: {@code List[KZGProof, MAX_BLOB_COMMITMENTS_PER_BLOCK]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes48> kzgProofs() {
    return (SszList<Bytes48>) get(3);
  }

  /** {@code signed_block_header}: {@code SignedBeaconBlockHeader}. */
  public SignedBeaconBlockHeader signedBlockHeader() {
    return (SignedBeaconBlockHeader) get(4);
  }

  /**
   * {@code kzg_commitments_inclusion_proof}:
   * {@code Vector[Bytes32, KZG_COMMITMENTS_INCLUSION_PROOF_DEPTH]}.
   */
  @SuppressWarnings("unchecked")
  public SszList<Bytes32> kzgCommitmentsInclusionProof() {
    return (SszList<Bytes32>) get(5);
  }
}
