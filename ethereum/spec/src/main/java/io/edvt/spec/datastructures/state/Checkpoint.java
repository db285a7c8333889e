package io.edvt.spec.datastructures.state;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.EPOCH;
import static io.edvt.spec.datastructures.SpecTypes.ROOT;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes32;

/**
 * An epoch boundary block: the epoch and its block root (phase0 {@code Checkpoint}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class Checkpoint extends SszContainer {
  public static final ContainerType<Checkpoint> TYPE =
      ContainerType.of(
          "Checkpoint",
          Checkpoint::new,
          field("epoch", EPOCH),
          field("root", ROOT));

  private Checkpoint(ContainerType<Checkpoint> type, Object[] values) {
    super(type, values);
  }

  public static Checkpoint create(UInt64 epoch, Bytes32 root) {
    return TYPE.create(epoch, root);
  }

  /** {@code epoch}: {@code Epoch}. */
  public UInt64 epoch() {
    return (UInt64) get(0);
  }

  /** {@code root}: {@code Root}. */
  public Bytes32 root() {
    return (Bytes32) get(1);
  }
}
