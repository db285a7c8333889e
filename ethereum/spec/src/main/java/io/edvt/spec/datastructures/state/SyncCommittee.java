package io.edvt.spec.datastructures.state;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The sync committee of one period (Altair {@code SyncCommittee}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class SyncCommittee extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<SyncCommittee> FACTORY = SyncCommittee::new;

  private SyncCommittee(ContainerType<SyncCommittee> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code SyncCommittee} type) from its fields. */
  public static SyncCommittee create(
      ContainerType<SyncCommittee> type,
      SszList<Bytes48> pubkeys,
      Bytes48 aggregatePubkey) {
    return type.create(pubkeys, aggregatePubkey);
  }

  /** {@code pubkeys}: {@code Vector[BLSPubkey, SYNC_COMMITTEE_SIZE]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes48> pubkeys() {
    return (SszList<Bytes48>) get(0);
  }

  /** {@code aggregate_pubkey}: {@code BLSPubkey}. */
  public Bytes48 aggregatePubkey() {
    return (Bytes48) get(1);
  }
}
