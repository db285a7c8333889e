package io.edvt.spec.datastructures.blocks;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes;

/**
 * The sync committee's aggregate signature over the parent block root (Altair
 * {@code SyncAggregate}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class SyncAggregate extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<SyncAggregate> FACTORY = SyncAggregate::new;

  private SyncAggregate(ContainerType<SyncAggregate> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code SyncAggregate} type) from its fields. */
  public static SyncAggregate create(
      ContainerType<SyncAggregate> type,
      SszBits syncCommitteeBits,
      Bytes syncCommitteeSignature) {
    return type.create(syncCommitteeBits, syncCommitteeSignature);
  }

  /** {@code sync_committee_bits}: {@code BitVector[SYNC_COMMITTEE_SIZE]}. */
  public SszBits syncCommitteeBits() {
    return (SszBits) get(0);
  }

  /** {@code sync_committee_signature}: {@code BLSSignature}. */
  public Bytes syncCommitteeSignature() {
    return (Bytes) get(1);
  }
}
