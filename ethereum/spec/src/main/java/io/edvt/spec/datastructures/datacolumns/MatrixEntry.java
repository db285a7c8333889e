package io.edvt.spec.datastructures.datacolumns;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes48;

/**
 * One cell of the extended blob matrix with its proof and position (Fulu das-core
 * {@code MatrixEntry}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class MatrixEntry extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<MatrixEntry> FACTORY = MatrixEntry::new;

  private MatrixEntry(ContainerType<MatrixEntry> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code MatrixEntry} type) from its fields. */
  public static MatrixEntry create(
      ContainerType<MatrixEntry> type,
      Bytes cell,
      Bytes48 kzgProof,
      UInt64 columnIndex,
      UInt64 rowIndex) {
    return type.create(cell, kzgProof, columnIndex, rowIndex);
  }

  /** {@code cell}: {@code Cell}. */
  public Bytes cell() {
    return (Bytes) get(0);
  }

  /** {@code kzg_proof}: {@code KZGProof}. */
  public Bytes48 kzgProof() {
    return (Bytes48) get(1);
  }

  /** {@code column_index}: {@code ColumnIndex}. */
  public UInt64 columnIndex() {
    return (UInt64) get(2);
  }

  /** {@code row_index}: {@code RowIndex}. */
  public UInt64 rowIndex() {
    return (UInt64) get(3);
  }
}
