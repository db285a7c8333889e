package io.edvt.spec.config;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Objects;

/**
 * One entry of the config's {@code BLOB_SCHEDULE}: from {@code epoch} on (until the next entry),
 * blocks carry at most {@code maxBlobsPerBlock} blobs. These entries define the Fulu
 * "blob-parameter-only" forks.
 */
public record BlobScheduleEntry(UInt64 epoch, int maxBlobsPerBlock) {
  public BlobScheduleEntry {
    Objects.requireNonNull(epoch, "epoch");
    if (maxBlobsPerBlock < 0) {
      throw new IllegalArgumentException("maxBlobsPerBlock must not be negative: " + maxBlobsPerBlock);
    }
  }
}
