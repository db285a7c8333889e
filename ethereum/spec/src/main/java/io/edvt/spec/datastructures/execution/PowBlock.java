package io.edvt.spec.datastructures.execution;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.HASH32;
import static io.edvt.spec.datastructures.SpecTypes.UINT256;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt256;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A proof-of-work block as the merge transition checks it (Bellatrix fork choice {@code PowBlock}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class PowBlock extends SszContainer {
  public static final ContainerType<PowBlock> TYPE =
      ContainerType.of(
          "PowBlock",
          PowBlock::new,
          field("block_hash", HASH32),
          field("parent_hash", HASH32),
          field("total_difficulty", UINT256));

  private PowBlock(ContainerType<PowBlock> type, Object[] values) {
    super(type, values);
  }

  public static PowBlock create(Bytes32 blockHash, Bytes32 parentHash, UInt256 totalDifficulty) {
    return TYPE.create(blockHash, parentHash, totalDifficulty);
  }

  /** {@code block_hash}: {@code Hash32}. */
  public Bytes32 blockHash() {
    return (Bytes32) get(0);
  }

  /** {@code parent_hash}: {@code Hash32}. */
  public Bytes32 parentHash() {
    return (Bytes32) get(1);
  }

  /** {@code total_difficulty}: {@code uint256}. */
  public UInt256 totalDifficulty() {
    return (UInt256) get(2);
  }
}
