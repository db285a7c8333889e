package io.edvt.spec.datastructures.operations;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;

/**
 * Two conflicting attestations (Electra {@code AttesterSlashing}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class AttesterSlashing extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<AttesterSlashing> FACTORY = AttesterSlashing::new;

  private AttesterSlashing(ContainerType<AttesterSlashing> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code AttesterSlashing} type) from its fields. */
  public static AttesterSlashing create(
      ContainerType<AttesterSlashing> type,
      IndexedAttestation attestation1,
      IndexedAttestation attestation2) {
    return type.create(attestation1, attestation2);
  }

  /** {@code attestation_1}: {@code IndexedAttestation}. */
  public IndexedAttestation attestation1() {
    return (IndexedAttestation) get(0);
  }

  /** {@code attestation_2}: {@code IndexedAttestation}. */
  public IndexedAttestation attestation2() {
    return (IndexedAttestation) get(1);
  }
}
