package io.edvt.spec.datastructures.execution;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_PUBKEY;
import static io.edvt.spec.datastructures.SpecTypes.BLS_SIGNATURE;
import static io.edvt.spec.datastructures.SpecTypes.BYTES32;
import static io.edvt.spec.datastructures.SpecTypes.GWEI;
import static io.edvt.spec.datastructures.SpecTypes.UINT64;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * A deposit reported by the execution layer (Electra {@code DepositRequest}, EIP-6110).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class DepositRequest extends SszContainer {
  public static final ContainerType<DepositRequest> TYPE =
      ContainerType.of(
          "DepositRequest",
          DepositRequest::new,
          field("pubkey", BLS_PUBKEY),
          field("withdrawal_credentials", BYTES32),
          field("amount", GWEI),
          field("signature", BLS_SIGNATURE),
          field("index", UINT64));

  private DepositRequest(ContainerType<DepositRequest> type, Object[] values) {
    super(type, values);
  }

  public static DepositRequest create(
      Bytes48 pubkey,
      Bytes32 withdrawalCredentials,
      UInt64 amount,
      Bytes signature,
      UInt64 index) {
    return TYPE.create(pubkey, withdrawalCredentials, amount, signature, index);
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

  /** {@code index}: {@code uint64}. */
  public UInt64 index() {
    return (UInt64) get(4);
  }
}
