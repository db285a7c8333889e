package io.edvt.spec.datastructures.operations;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.infrastructure.ssz.types.SszTypes.vector;
import static io.edvt.spec.datastructures.SpecTypes.BYTES32;
import static io.edvt.spec.datastructures.SpecTypes.DEPOSIT_CONTRACT_TREE_DEPTH;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A deposit with its Merkle proof against the deposit root (phase0 {@code Deposit}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class Deposit extends SszContainer {
  public static final ContainerType<Deposit> TYPE =
      ContainerType.of(
          "Deposit",
          Deposit::new,
          field("proof", vector(BYTES32, DEPOSIT_CONTRACT_TREE_DEPTH + 1)),
          field("data", DepositData.TYPE));

  private Deposit(ContainerType<Deposit> type, Object[] values) {
    super(type, values);
  }

  public static Deposit create(SszList<Bytes32> proof, DepositData data) {
    return TYPE.create(proof, data);
  }

  /** {@code proof}: {@code Vector[Bytes32, DEPOSIT_CONTRACT_TREE_DEPTH + 1]}. */
  @SuppressWarnings("unchecked")
  public SszList<Bytes32> proof() {
    return (SszList<Bytes32>) get(0);
  }

  /** {@code data}: {@code DepositData}. */
  public DepositData data() {
    return (DepositData) get(1);
  }
}
