package io.edvt.spec.datastructures.datacolumns;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The block-level part of a data column sidecar, sent once with partial columns (Fulu
 * partial-columns p2p {@code PartialDataColumnHeader}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class PartialDataColumnHeader extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<PartialDataColumnHeader> FACTORY =
      PartialDataColumnHeader::new;

  private PartialDataColumnHeader(ContainerType<PartialDataColumnHeader> type, Object[] values) {
    super(type, values);
  }

  /**
   * A value of {@code type} (this preset's {@code PartialDataColumnHeader} type) from its fields.
   */
  public static PartialDataColumnHeader create(
      ContainerType<PartialDataColumnHeader> type,
      SszList<Bytes48> kzgCommitments,
      SignedBeaconBlockHeader signedBlockHeader,
      SszList<Bytes32> kzgCommitmentsInclusionProof) {
    return type.create(kzgCommitments, signedBlockHeader, kzgCommitmentsInclusionProof);
  }

  /** {@code kzg_commitments}: {@code List[KZGCommitment, MAX_BLOB_COMMITMENTS_PER_BLOCK]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes48> kzgCommitments() {
    return (SszList<Bytes48>) get(0);
  }

  /** {@code signed_block_header}: {@code SignedBeaconBlockHeader}. */
  public SignedBeaconBlockHeader signedBlockHeader() {
    return (SignedBeaconBlockHeader) get(1);
  }

  /**
   * {@code kzg_commitments_inclusion_proof}:
   * {@code Vector[Bytes32, KZG_COMMITMENTS_INCLUSION_PROOF_DEPTH]}.
   */
  @SuppressWarnings("unchecked")
  public SszList<Bytes32> kzgCommitmentsInclusionProof() {
    return (SszList<Bytes32>) get(2);
  }
}
