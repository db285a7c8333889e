package io.edvt.spec.datastructures.state;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.ROOT;
import static io.edvt.spec.datastructures.SpecTypes.VERSION;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What a fork digest and a signing domain are computed from (phase0 {@code ForkData}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class ForkData extends SszContainer {
  public static final ContainerType<ForkData> TYPE =
      ContainerType.of(
          "ForkData",
          ForkData::new,
          field("current_version", VERSION),
          field("genesis_validators_root", ROOT));

  private ForkData(ContainerType<ForkData> type, Object[] values) {
    super(type, values);
  }

  public static ForkData create(Bytes currentVersion, Bytes32 genesisValidatorsRoot) {
    return TYPE.create(currentVersion, genesisValidatorsRoot);
  }

  /** {@code current_version}: {@code Version}. */
  public Bytes currentVersion() {
    return (Bytes) get(0);
  }

  /** {@code genesis_validators_root}: {@code Root}. */
  public Bytes32 genesisValidatorsRoot() {
    return (Bytes32) get(1);
  }
}
