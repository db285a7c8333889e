package io.edvt.spec.datastructures.validator;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes;

/**
 * A signed {@link AggregateAndProof} (validator guide {@code SignedAggregateAndProof}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class SignedAggregateAndProof extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<SignedAggregateAndProof> FACTORY =
      SignedAggregateAndProof::new;

  private SignedAggregateAndProof(ContainerType<SignedAggregateAndProof> type, Object[] values) {
    super(type, values);
  }

  /**
   * A value of {@code type} (this preset's {@code SignedAggregateAndProof} type) from its fields.
   */
  public static SignedAggregateAndProof create(
      ContainerType<SignedAggregateAndProof> type,
      AggregateAndProof message,
      Bytes signature) {
    return type.create(message, signature);
  }

  /** {@code message}: {@code AggregateAndProof}. */
  public AggregateAndProof message() {
    return (AggregateAndProof) get(0);
  }

  /** {@code signature}: {@code BLSSignature}. */
  public Bytes signature() {
    return (Bytes) get(1);
  }
}
