package io.edvt.spec.datastructures.state;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_PUBKEY;
import static io.edvt.spec.datastructures.SpecTypes.BLS_SIGNATURE;
import static io.edvt.spec.datastructures.SpecTypes.BYTES32;
import static io.edvt.spec.datastructures.SpecTypes.GWEI;
import static io.edvt.spec.datastructures.SpecTypes.SLOT;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * A deposit waiting to be applied to the registry (Electra {@code PendingDeposit}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class PendingDeposit extends SszContainer {
  public static final ContainerType<PendingDeposit> TYPE =
      ContainerType.of(
          "PendingDeposit",
          PendingDeposit::new,
          field("pubkey", BLS_PUBKEY),
          field("withdrawal_credentials", BYTES32),
          field("amount", GWEI),
          field("signature", BLS_SIGNATURE),
          field("slot", SLOT));

  private PendingDeposit(ContainerType<PendingDeposit> type, Object[] values) {
    super(type, values);
  }

  public static PendingDeposit create(
      Bytes48 pubkey,
      Bytes32 withdrawalCredentials,
      UInt64 amount,
      Bytes signature,
      UInt64 slot) {
    return TYPE.create(pubkey, withdrawalCredentials, amount, signature, slot);
  }

  /** {@code pubkey}: {@code BLSPubkey}. */
  public Bytes48 pubkey() {
    return (Bytes48) get(0);
  }

  /** {@code withdrawal_credentials}: {@code Bytes32}. */
  public Bytes32 withdrawalCredentials() {
    return (Bytes32) get(1);
  }

  /** {@code amount}: {@code Gwei}. */
  public UInt64 amount() {
    return (UInt64) get(2);
  }

  /** {@code signature}: {@code BLSSignature}. */
  public Bytes signature() {
    return (Bytes) get(3);
  }

  /** {@code slot}: {@code Slot}. */
  public UInt64 slot() {
    return (UInt64) get(4);
  }
}
