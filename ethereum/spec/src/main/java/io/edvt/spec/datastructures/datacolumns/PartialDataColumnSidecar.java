package io.edvt.spec.datastructures.datacolumns;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes48;

/**
 * Some cells of one column, with the header only on eager pushes (Fulu partial-columns p2p
 * {@code PartialDataColumnSidecar}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class PartialDataColumnSidecar extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<PartialDataColumnSidecar> FACTORY =
      PartialDataColumnSidecar::new;

  private PartialDataColumnSidecar(ContainerType<PartialDataColumnSidecar> type, Object[] values) {
    super(type, values);
  }

  /**
   * A value of {@code type} (this preset's {@code PartialDataColumnSidecar} type) from its fields.
   */
  public static PartialDataColumnSidecar create(
      ContainerType<PartialDataColumnSidecar> type,
      SszBits cellsPresentBitmap,
      SszList<Bytes> partialColumn,
      SszList<Bytes48> kzgProofs,
      SszList<PartialDataColumnHeader> header) {
    return type.create(cellsPresentBitmap, partialColumn, kzgProofs, header);
  }

  /** {@code cells_present_bitmap}: {@code Bitlist[MAX_BLOB_COMMITMENTS_PER_BLOCK]}. */
  public SszBits cellsPresentBitmap() {
    return (SszBits) get(0);
  }

  /** {@code partial_column}: {@code List[Cell, MAX_BLOB_COMMITMENTS_PER_BLOCK]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes> partialColumn() {
    return (SszList<Bytes>) get(1);
  }

  /** {@code kzg_proofs}: {@code List[KZGProof, MAX_BLOB_COMMITMENTS_PER_BLOCK]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes48> kzgProofs() {
    return (SszList<Bytes48>) get(2);
  }

  /** {@code header}: {@code List[PartialDataColumnHeader, 1]}. */
  @SuppressWarnings("unchecked")
  public SszList<PartialDataColumnHeader> header() {
    return (SszList<PartialDataColumnHeader>) get(3);
  }
}
