package io.edvt.spec.datastructures.operations;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;

/**
 * An attestation with its participants as sorted validator indices (Electra
 * {@code IndexedAttestation}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class IndexedAttestation extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<IndexedAttestation> FACTORY = IndexedAttestation::new;

  private IndexedAttestation(ContainerType<IndexedAttestation> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code IndexedAttestation} type) from its fields. */
  public static IndexedAttestation create(
      ContainerType<IndexedAttestation> type,
      SszList<UInt64> attestingIndices,
      AttestationData data,
      Bytes signature) {
    return type.create(attestingIndices, data, signature);
  }

  /**
   * {@code attesting_indices}:
   * {@code List[ValidatorIndex, MAX_VALIDATORS_PER_COMMITTEE * MAX_COMMITTEES_PER_SLOT]}.
   */
  @SuppressWarnings("unchecked")
  public SszList<UInt64> attestingIndices() {
    return (SszList<UInt64>) get(0);
  }

  /** {@code data}: {@code AttestationData}. */
  public AttestationData data() {
    return (AttestationData) get(1);
  }

  /** {@code signature}: {@code BLSSignature}. */
  public Bytes signature() {
    return (Bytes) get(2);
  }
}
