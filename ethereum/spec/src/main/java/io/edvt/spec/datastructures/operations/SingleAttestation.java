package io.edvt.spec.datastructures.operations;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_SIGNATURE;
import static io.edvt.spec.datastructures.SpecTypes.COMMITTEE_INDEX;
import static io.edvt.spec.datastructures.SpecTypes.VALIDATOR_INDEX;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;

/**
 * One validator's attestation as gossiped on a subnet (Electra {@code SingleAttestation}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class SingleAttestation extends SszContainer {
  public static final ContainerType<SingleAttestation> TYPE =
      ContainerType.of(
          "SingleAttestation",
          SingleAttestation::new,
          field("committee_index", COMMITTEE_INDEX),
          field("attester_index", VALIDATOR_INDEX),
          field("data", AttestationData.TYPE),
          field("signature", BLS_SIGNATURE));

  private SingleAttestation(ContainerType<SingleAttestation> type, Object[] values) {
    super(type, values);
  }

  public static SingleAttestation create(
      UInt64 committeeIndex,
      UInt64 attesterIndex,
      AttestationData data,
      Bytes signature) {
    return TYPE.create(committeeIndex, attesterIndex, data, signature);
  }

  /** {@code committee_index}: {@code CommitteeIndex}. */
  public UInt64 committeeIndex() {
    return (UInt64) get(0);
  }

  /** {@code attester_index}: {@code ValidatorIndex}. */
  public UInt64 attesterIndex() {
    return (UInt64) get(1);
  }

  /** {@code data}: {@code AttestationData}. */
  public AttestationData data() {
    return (AttestationData) get(2);
  }

  /** {@code signature}: {@code BLSSignature}. */
  public Bytes signature() {
    return (Bytes) get(3);
  }
}
