package io.edvt.networking.eth2.messages;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes32;

/** {@code BeaconBlocksByHead} v1 request (Fulu): {@code beacon_root}, {@code count}. */
public final class HeadRequest extends SszContainer {
  public static final ContainerType<HeadRequest> TYPE = ContainerType.of("BeaconBlocksByHeadRequest", HeadRequest::new,
      field("beacon_root", SszTypes.BYTES32),
      field("count", SszTypes.UINT64));

  private HeadRequest(ContainerType<HeadRequest> type, Object[] values) {
    super(type, values);
  }

  public static HeadRequest of(Bytes32 beaconRoot, long count) {
    return TYPE.create(beaconRoot, UInt64.valueOf(count));
  }

  public Bytes32 beaconRoot() {
    return (Bytes32) get(0);
  }

  public UInt64 count() {
    return (UInt64) get(1);
  }
}
