package io.edvt.spec.datastructures.operations;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_SIGNATURE;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes;

/**
 * A signed {@link BLSToExecutionChange} (Capella {@code SignedBLSToExecutionChange}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class SignedBLSToExecutionChange extends SszContainer {
  public static final ContainerType<SignedBLSToExecutionChange> TYPE =
      ContainerType.of(
          "SignedBLSToExecutionChange",
          SignedBLSToExecutionChange::new,
          field("message", BLSToExecutionChange.TYPE),
          field("signature", BLS_SIGNATURE));

  private SignedBLSToExecutionChange(
      ContainerType<SignedBLSToExecutionChange> type,
      Object[] values) {
    super(type, values);
  }

  public static SignedBLSToExecutionChange create(BLSToExecutionChange message, Bytes signature) {
    return TYPE.create(message, signature);
  }

  /** {@code message}: {@code BLSToExecutionChange}. */
  public BLSToExecutionChange message() {
    return (BLSToExecutionChange) get(0);
  }

  /** {@code signature}: {@code BLSSignature}. */
  public Bytes signature() {
    return (Bytes) get(1);
  }
}
