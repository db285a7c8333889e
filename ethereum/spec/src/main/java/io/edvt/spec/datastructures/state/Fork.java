package io.edvt.spec.datastructures.state;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.EPOCH;
import static io.edvt.spec.datastructures.SpecTypes.VERSION;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;

/**
 * The fork versions in force and the epoch of the latest fork (phase0 {@code Fork}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class Fork extends SszContainer {
  public static final ContainerType<Fork> TYPE =
      ContainerType.of(
          "Fork",
          Fork::new,
          field("previous_version", VERSION),
          field("current_version", VERSION),
          field("epoch", EPOCH));

  private Fork(ContainerType<Fork> type, Object[] values) {
    super(type, values);
  }

  public static Fork create(Bytes previousVersion, Bytes currentVersion, UInt64 epoch) {
    return TYPE.create(previousVersion, currentVersion, epoch);
  }

  /** {@code previous_version}: {@code Version}. */
  public Bytes previousVersion() {
    return (Bytes) get(0);
  }

  /** {@code current_version}: {@code Version}. */
  public Bytes currentVersion() {
    return (Bytes) get(1);
  }

  /** {@code epoch}: {@code Epoch}. */
  public UInt64 epoch() {
    return (UInt64) get(2);
  }
}
