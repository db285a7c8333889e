package io.edvt.node.execution.json;

import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.spec.datastructures.execution.ConsolidationRequest;
import io.edvt.spec.datastructures.execution.DepositRequest;
import io.edvt.spec.datastructures.execution.ExecutionRequests;
import io.edvt.spec.datastructures.execution.WithdrawalRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * {@code ExecutionRequests} as the Engine API carries them: a list of EIP-7685 {@code requests},
 * each one type byte followed by the SSZ serialisation of that type's list, in ascending type
 * order, empty lists left out (Electra {@code validator.md}: {@code get_execution_requests_list}
 * and {@code get_execution_requests}).
 */
public final class ExecutionRequestsList {
  /** {@code DEPOSIT_REQUEST_TYPE} (EIP-6110). */
  public static final byte DEPOSIT_REQUEST_TYPE = 0x00;
  /** {@code WITHDRAWAL_REQUEST_TYPE} (EIP-7002). */
  public static final byte WITHDRAWAL_REQUEST_TYPE = 0x01;
  /** {@code CONSOLIDATION_REQUEST_TYPE} (EIP-7251). */
  public static final byte CONSOLIDATION_REQUEST_TYPE = 0x02;

  private final ContainerType<? extends ExecutionRequests> type;
  private final ListType<DepositRequest> deposits;
  private final ListType<WithdrawalRequest> withdrawals;
  private final ListType<ConsolidationRequest> consolidations;

  @SuppressWarnings("unchecked")
  public ExecutionRequestsList(ContainerType<? extends ExecutionRequests> type) {
    this.type = type;
    this.deposits = (ListType<DepositRequest>) type.fields().get(0).type();
    this.withdrawals = (ListType<WithdrawalRequest>) type.fields().get(1).type();
    this.consolidations = (ListType<ConsolidationRequest>) type.fields().get(2).type();
  }

  /** {@code get_execution_requests_list(execution_requests)} (Electra). */
  public List<Bytes> getExecutionRequestsList(ExecutionRequests requests) {
    List<Bytes> list = new ArrayList<>(3);
    add(list, DEPOSIT_REQUEST_TYPE, requests.deposits());
    add(list, WITHDRAWAL_REQUEST_TYPE, requests.withdrawals());
    add(list, CONSOLIDATION_REQUEST_TYPE, requests.consolidations());
    return list;
  }

  private static void add(List<Bytes> list, byte requestType, SszList<?> data) {
    if (!data.isEmpty()) {
      list.add(Bytes.concatenate(Bytes.of(requestType), Bytes.wrap(data.serialize())));
    }
  }

  /**
   * {@code get_execution_requests(execution_requests_list)} (Electra).
   *
   * @throws IllegalArgumentException with the spec's assertion when the list breaks it (an
   *     unknown type, empty request data, types out of order or repeated), or when a type's data
   *     is not a valid SSZ list of its requests
   */
  public ExecutionRequests getExecutionRequests(List<Bytes> executionRequestsList) {
    SszList<DepositRequest> depositList = deposits.defaultValue();
    SszList<WithdrawalRequest> withdrawalList = withdrawals.defaultValue();
    SszList<ConsolidationRequest> consolidationList = consolidations.defaultValue();
    int previousType = -1;
    for (int i = 0; i < executionRequestsList.size(); i++) {
      Bytes request = executionRequestsList.get(i);
      if (request.isEmpty()) {
        throw new IllegalArgumentException("[" + i + "]: a request has a type byte; this one is empty");
      }
      int requestType = request.get(0) & 0xff;
      Bytes data = request.slice(1);
      if (requestType > CONSOLIDATION_REQUEST_TYPE) {
        throw new IllegalArgumentException(
            "[" + i + "]: request_type in request_types fails for 0x" + String.format("%02x", requestType));
      }
      if (data.isEmpty()) {
        throw new IllegalArgumentException("[" + i + "]: len(request_data) != 0 fails for type " + requestType);
      }
      if (requestType <= previousType) {
        throw new IllegalArgumentException("[" + i + "]: prev_request_type < request_type fails: "
            + previousType + " then " + requestType + " (types must be strictly ascending)");
      }
      previousType = requestType;
      try {
        switch (requestType) {
          case DEPOSIT_REQUEST_TYPE -> depositList = deserialize(deposits, data);
          case WITHDRAWAL_REQUEST_TYPE -> withdrawalList = deserialize(withdrawals, data);
          default -> consolidationList = deserialize(consolidations, data);
        }
      } catch (SszDeserializationException e) {
        throw new IllegalArgumentException("[" + i + "] (type " + requestType + "): " + e.getMessage(), e);
      }
    }
    return ExecutionRequests.create(type, depositList, withdrawalList, consolidationList);
  }

  private static <E> SszList<E> deserialize(ListType<E> listType, Bytes data) {
    byte[] bytes = data.toArrayUnsafe();
    return listType.deserialize(bytes, 0, bytes.length);
  }
}
