package io.edvt.spec.datastructures.validator;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;

/**
 * A sync committee contribution with the aggregator's selection proof (Altair validator guide
 * {@code ContributionAndProof}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class ContributionAndProof extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<ContributionAndProof> FACTORY =
      ContributionAndProof::new;

  private ContributionAndProof(ContainerType<ContributionAndProof> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code ContributionAndProof} type) from its fields. */
  public static ContributionAndProof create(
      ContainerType<ContributionAndProof> type,
      UInt64 aggregatorIndex,
      SyncCommitteeContribution contribution,
      Bytes selectionProof) {
    return type.create(aggregatorIndex, contribution, selectionProof);
  }

  /** {@code aggregator_index}: {@code ValidatorIndex}. */
  public UInt64 aggregatorIndex() {
    return (UInt64) get(0);
  }

  /** {@code contribution}: {@code SyncCommitteeContribution}. */
  public SyncCommitteeContribution contribution() {
    return (SyncCommitteeContribution) get(1);
  }

  /** {@code selection_proof}: {@code BLSSignature}. */
  public Bytes selectionProof() {
    return (Bytes) get(2);
  }
}
