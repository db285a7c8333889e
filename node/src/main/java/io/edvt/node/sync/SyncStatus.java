package io.edvt.node.sync;

/**
 * Whether the node is catching up, for the API's {@code /eth/v1/node/syncing}: our head slot and the
 * highest head slot our peers reported.
 */
public record SyncStatus(boolean syncing, long headSlot, long targetSlot) {
  /** Slots between our head and the best peer's (0 when we are level or ahead). */
  public long distance() {
    return Math.max(0, targetSlot - headSlot);
  }
}
