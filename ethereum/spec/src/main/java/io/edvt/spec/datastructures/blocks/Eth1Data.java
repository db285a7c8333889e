package io.edvt.spec.datastructures.blocks;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.HASH32;
import static io.edvt.spec.datastructures.SpecTypes.ROOT;
import static io.edvt.spec.datastructures.SpecTypes.UINT64;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A vote on the state of the deposit contract (phase0 {@code Eth1Data}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class Eth1Data extends SszContainer {
  public static final ContainerType<Eth1Data> TYPE =
      ContainerType.of(
          "Eth1Data",
          Eth1Data::new,
          field("deposit_root", ROOT),
          field("deposit_count", UINT64),
          field("block_hash", HASH32));

  private Eth1Data(ContainerType<Eth1Data> type, Object[] values) {
    super(type, values);
  }

  public static Eth1Data create(Bytes32 depositRoot, UInt64 depositCount, Bytes32 blockHash) {
    return TYPE.create(depositRoot, depositCount, blockHash);
  }

  /** {@code deposit_root}: {@code Root}. */
  public Bytes32 depositRoot() {
    return (Bytes32) get(0);
  }

  /** {@code deposit_count}: {@code uint64}. */
  public UInt64 depositCount() {
    return (UInt64) get(1);
  }

  /** {@code block_hash}: {@code Hash32}. */
  public Bytes32 blockHash() {
    return (Bytes32) get(2);
  }
}
