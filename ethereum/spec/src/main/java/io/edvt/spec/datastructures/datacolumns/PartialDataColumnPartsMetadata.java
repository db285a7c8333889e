package io.edvt.spec.datastructures.datacolumns;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;

/**
 * Which cells of a column a peer has and which it wants (Fulu partial-columns p2p
 * {@code PartialDataColumnPartsMetadata}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class PartialDataColumnPartsMetadata extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<PartialDataColumnPartsMetadata> FACTORY =
      PartialDataColumnPartsMetadata::new;

  private PartialDataColumnPartsMetadata(
      ContainerType<PartialDataColumnPartsMetadata> type,
      Object[] values) {
    super(type, values);
  }

  /**
   * A value of {@code type} (this preset's {@code PartialDataColumnPartsMetadata} type) from its
   * fields.
   */
  public static PartialDataColumnPartsMetadata create(
      ContainerType<PartialDataColumnPartsMetadata> type,
      SszBits available,
      SszBits requests) {
    return type.create(available, requests);
  }

  /** {@code available}: {@code Bitlist[MAX_BLOB_COMMITMENTS_PER_BLOCK]}. */
  public SszBits available() {
    return (SszBits) get(0);
  }

  /** {@code requests}: {@code Bitlist[MAX_BLOB_COMMITMENTS_PER_BLOCK]}. */
  public SszBits requests() {
    return (SszBits) get(1);
  }
}
