package io.edvt.spec.datastructures.datacolumns;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.spec.datastructures.SpecTypes.ROOT;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The group a partial data column message belongs to (Fulu partial-columns p2p
 * {@code PartialDataColumnGroupID}).
 *
 * <p>Its layout is the same in every preset: {@link #TYPE}.
 */
public final class PartialDataColumnGroupID extends SszContainer {
  public static final ContainerType<PartialDataColumnGroupID> TYPE =
      ContainerType.of(
          "PartialDataColumnGroupID",
          PartialDataColumnGroupID::new,
          field("beacon_block_root", ROOT));

  private PartialDataColumnGroupID(ContainerType<PartialDataColumnGroupID> type, Object[] values) {
    super(type, values);
  }

  public static PartialDataColumnGroupID create(Bytes32 beaconBlockRoot) {
    return TYPE.create(beaconBlockRoot);
  }

  /** {@code beacon_block_root}: {@code Root}. */
  public Bytes32 beaconBlockRoot() {
    return (Bytes32) get(0);
  }
}
