package io.edvt.spec.datastructures.execution;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.BLS_PUBKEY;
import static io.edvt.spec.datastructures.SpecTypes.EXECUTION_ADDRESS;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes48;

/**
 * A consolidation triggered from the execution layer (Electra {@code ConsolidationRequest},
 * EIP-7251).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class ConsolidationRequest extends SszContainer {
  public static final ContainerType<ConsolidationRequest> TYPE =
      ContainerType.of(
          "ConsolidationRequest",
          ConsolidationRequest::new,
          field("source_address", EXECUTION_ADDRESS),
          field("source_pubkey", BLS_PUBKEY),
          field("target_pubkey", BLS_PUBKEY));

  private ConsolidationRequest(ContainerType<ConsolidationRequest> type, Object[] values) {
    super(type, values);
  }

  public static ConsolidationRequest create(
      Bytes sourceAddress,
      Bytes48 sourcePubkey,
      Bytes48 targetPubkey) {
    return TYPE.create(sourceAddress, sourcePubkey, targetPubkey);
  }

  /** {@code source_address}: {@code ExecutionAddress}. */
  public Bytes sourceAddress() {
    return (Bytes) get(0);
  }

  /** {@code source_pubkey}: {@code BLSPubkey}. */
  public Bytes48 sourcePubkey() {
    return (Bytes48) get(1);
  }

  /** {@code target_pubkey}: {@code BLSPubkey}. */
  public Bytes48 targetPubkey() {
    return (Bytes48) get(2);
  }
}
