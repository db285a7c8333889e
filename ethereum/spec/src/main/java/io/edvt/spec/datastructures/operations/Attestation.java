package io.edvt.spec.datastructures.operations;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes;

/**
 * An aggregate attestation over one or more committees of a slot (Electra {@code Attestation},
 * EIP-7549).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}).
 */
public final class Attestation extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<Attestation> FACTORY = Attestation::new;

  private Attestation(ContainerType<Attestation> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code Attestation} type) from its fields. */
  public static Attestation create(
      ContainerType<Attestation> type,
      SszBits aggregationBits,
      AttestationData data,
      Bytes signature,
      SszBits committeeBits) {
    return type.create(aggregationBits, data, signature, committeeBits);
  }

  /**
   * {@code aggregation_bits}:
   * {@code Bitlist[MAX_VALIDATORS_PER_COMMITTEE * MAX_COMMITTEES_PER_SLOT]}.
   */
  public SszBits aggregationBits() {
    return (SszBits) get(0);
  }

  /** {@code data}: {@code AttestationData}. */
  public AttestationData data() {
    return (AttestationData) get(1);
  }

  /** {@code signature}: {@code BLSSignature}. */
  public Bytes signature() {
    return (Bytes) get(2);
  }

  /** {@code committee_bits}: {@code Bitvector[MAX_COMMITTEES_PER_SLOT]}. */
  public SszBits committeeBits() {
    return (SszBits) get(3);
  }
}
