package io.edvt.spec.datastructures.datacolumns;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A request for some columns of one block (Fulu p2p {@code DataColumnsByRootIdentifier}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class DataColumnsByRootIdentifier extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<DataColumnsByRootIdentifier> FACTORY =
      DataColumnsByRootIdentifier::new;

  private DataColumnsByRootIdentifier(
      ContainerType<DataColumnsByRootIdentifier> type,
      Object[] values) {
    super(type, values);
  }

  /**
   * A value of {@code type} (this preset's {@code DataColumnsByRootIdentifier} type) from its
   * fields.
   */
  public static DataColumnsByRootIdentifier create(
      ContainerType<DataColumnsByRootIdentifier> type,
      Bytes32 blockRoot,
      SszList<UInt64> columns) {
    return type.create(blockRoot, columns);
  }

  /** {@code block_root}: {@code Root}. */
  public Bytes32 blockRoot() {
    return (Bytes32) get(0);
  }

  /** {@code columns}: {@code List[ColumnIndex, NUMBER_OF_COLUMNS]}. */
  @SuppressWarnings("unchecked")
  public SszList<UInt64> columns() {
    return (SszList<UInt64>) get(1);
  }
}
