package io.edvt.forkchoice.availability;

import org.apache.tuweni.bytes.Bytes32;

/** {@code is_data_available(beacon_block_root)}: whether the block's blob data can be had. */
@FunctionalInterface
public interface DataAvailability {
  boolean isDataAvailable(Bytes32 beaconBlockRoot);
}
