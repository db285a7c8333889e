package io.edvt.spec.datastructures.validator;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes;

/**
 * A signed {@link ContributionAndProof} (Altair validator guide
 * {@code SignedContributionAndProof}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class SignedContributionAndProof extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<SignedContributionAndProof> FACTORY =
      SignedContributionAndProof::new;

  private SignedContributionAndProof(
      ContainerType<SignedContributionAndProof> type,
      Object[] values) {
    super(type, values);
  }

  /**
   * A value of {@code type} (this preset's {@code SignedContributionAndProof} type) from its
   * fields.
   */
  public static SignedContributionAndProof create(
      ContainerType<SignedContributionAndProof> type,
      ContributionAndProof message,
      Bytes signature) {
    return type.create(message, signature);
  }

  /** {@code message}: {@code ContributionAndProof}. */
  public ContributionAndProof message() {
    return (ContributionAndProof) get(0);
  }

  /** {@code signature}: {@code BLSSignature}. */
  public Bytes signature() {
    return (Bytes) get(1);
  }
}
