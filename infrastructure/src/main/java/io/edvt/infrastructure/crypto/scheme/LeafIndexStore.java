package io.edvt.infrastructure.crypto.scheme;

/**
 * Durable storage for the state of a stateful signing key: the index of its next unused one-time
 * key (leaf).
 *
 * <p>The key calls {@link #persistNextLeaf} <em>before</em> it computes a signature with leaf
 * {@code nextLeaf - 1}, and computes nothing if the call throws. So whatever the store holds after
 * a crash is never below a leaf that produced a signature; at worst leaves are skipped, which is
 * safe. A production store writes and syncs to disk before returning, and must never go
 * backwards (a restored backup of it would reuse leaves).
 */
@FunctionalInterface
public interface LeafIndexStore {

  /** Keeps the state in memory only: for tests and for keys that never outlive the process. */
  LeafIndexStore IN_MEMORY = nextLeaf -> {};

  /**
   * Records that every leaf below {@code nextLeaf} is used. Values only ever increase.
   *
   * @throws RuntimeException if the value cannot be made durable; the key then does not sign
   */
  void persistNextLeaf(long nextLeaf);
}
