package io.edvt.spec.datastructures.blocks;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.ROOT;
import static io.edvt.spec.datastructures.SpecTypes.UINT64;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The fields of an execution-layer block that eth1 voting uses (phase0 validator guide
 * {@code Eth1Block}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class Eth1Block extends SszContainer {
  public static final ContainerType<Eth1Block> TYPE =
      ContainerType.of(
          "Eth1Block",
          Eth1Block::new,
          field("timestamp", UINT64),
          field("deposit_root", ROOT),
          field("deposit_count", UINT64));

  private Eth1Block(ContainerType<Eth1Block> type, Object[] values) {
    super(type, values);
  }

  public static Eth1Block create(UInt64 timestamp, Bytes32 depositRoot, UInt64 depositCount) {
    return TYPE.create(timestamp, depositRoot, depositCount);
  }

  /** {@code timestamp}: {@code uint64}. */
  public UInt64 timestamp() {
    return (UInt64) get(0);
  }

  /** {@code deposit_root}: {@code Root}. */
  public Bytes32 depositRoot() {
    return (Bytes32) get(1);
  }

  /** {@code deposit_count}: {@code uint64}. */
  public UInt64 depositCount() {
    return (UInt64) get(2);
  }
}
