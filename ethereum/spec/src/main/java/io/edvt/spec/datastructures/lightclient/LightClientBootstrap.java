package io.edvt.spec.datastructures.lightclient;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.datastructures.state.SyncCommittee;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What a light client starts from: a trusted header and its sync committee (Electra
 * {@code LightClientBootstrap}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class LightClientBootstrap extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<LightClientBootstrap> FACTORY =
      LightClientBootstrap::new;

  private LightClientBootstrap(ContainerType<LightClientBootstrap> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code LightClientBootstrap} type) from its fields. */
  public static LightClientBootstrap create(
      ContainerType<LightClientBootstrap> type,
      LightClientHeader header,
      SyncCommittee currentSyncCommittee,
      SszList<Bytes32> currentSyncCommitteeBranch) {
    return type.create(header, currentSyncCommittee, currentSyncCommitteeBranch);
  }

  /** {@code header}: {@code LightClientHeader}. */
  public LightClientHeader header() {
    return (LightClientHeader) get(0);
  }

  /** {@code current_sync_committee}: {@code SyncCommittee}. */
  public SyncCommittee currentSyncCommittee() {
    return (SyncCommittee) get(1);
  }

  /**
   * {@code current_sync_committee_branch}:
   * {@code Vector[Bytes32, floorlog2(CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA)]}.
   */
  @SuppressWarnings("unchecked")
  public SszList<Bytes32> currentSyncCommitteeBranch() {
    return (SszList<Bytes32>) get(2);
  }
}
