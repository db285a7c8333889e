package io.edvt.spec.datastructures.execution;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;

/**
 * The requests an execution payload makes of the consensus layer (Electra
 * {@code ExecutionRequests}).
 *
 * <p>Its layout depends on the preset, so its type is built per config by the schema definitions
 * ({@code io.edvt.spec.schemas}). Not final: a later milestone that appends fields subclasses it,
 * numbering its new fields from {@link #FIELD_COUNT}.
 */
public class ExecutionRequests extends SszContainer {
  /** Makes values for a schema's {@code ContainerType} of this class. */
  public static final ContainerType.Factory<ExecutionRequests> FACTORY = ExecutionRequests::new;

  protected ExecutionRequests(ContainerType<? extends ExecutionRequests> type, Object[] values) {
    super(type, values);
  }

  /** A value of {@code type} (this preset's {@code ExecutionRequests} type) from its fields. */
  public static ExecutionRequests create(
      ContainerType<? extends ExecutionRequests> type,
      SszList<DepositRequest> deposits,
      SszList<WithdrawalRequest> withdrawals,
      SszList<ConsolidationRequest> consolidations) {
    return type.create(deposits, withdrawals, consolidations);
  }

  /** {@code deposits}: {@code List[DepositRequest, MAX_DEPOSIT_REQUESTS_PER_PAYLOAD]}. */
  @SuppressWarnings("unchecked")
  public SszList<DepositRequest> deposits() {
    return (SszList<DepositRequest>) get(0);
  }

  /** {@code withdrawals}: {@code List[WithdrawalRequest, MAX_WITHDRAWAL_REQUESTS_PER_PAYLOAD]}. */
  @SuppressWarnings("unchecked")
  public SszList<WithdrawalRequest> withdrawals() {
    return (SszList<WithdrawalRequest>) get(1);
  }

  /**
   * {@code consolidations}:
   * {@code List[ConsolidationRequest, MAX_CONSOLIDATION_REQUESTS_PER_PAYLOAD]}.
   */
  @SuppressWarnings("unchecked")
  public SszList<ConsolidationRequest> consolidations() {
    return (SszList<ConsolidationRequest>) get(2);
  }
}
