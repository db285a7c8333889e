package io.edvt.spec.datastructures.validator;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.Attestation;
import org.apache.tuweni.bytes.Bytes;

/**
 * An aggregate attestation with the aggregator's selection proof (Electra validator guide
 * {@code AggregateAndProof}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class AggregateAndProof extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<AggregateAndProof> FACTORY = AggregateAndProof::new;

  private AggregateAndProof(ContainerType<AggregateAndProof> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code AggregateAndProof} type) from its fields. */
  public static AggregateAndProof create(
      ContainerType<AggregateAndProof> type,
      UInt64 aggregatorIndex,
      Attestation aggregate,
      Bytes selectionProof) {
    return type.create(aggregatorIndex, aggregate, selectionProof);
  }

  /** {@code aggregator_index}: {@code ValidatorIndex}. */
  public UInt64 aggregatorIndex() {
    return (UInt64) get(0);
  }

  /** {@code aggregate}: {@code Attestation}. */
  public Attestation aggregate() {
    return (Attestation) get(1);
  }

  /** {@code selection_proof}: {@code BLSSignature}. */
  public Bytes selectionProof() {
    return (Bytes) get(2);
  }
}
