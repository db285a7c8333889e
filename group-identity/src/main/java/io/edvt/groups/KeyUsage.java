package io.edvt.groups;

/**
 * Whether a public key is already taken anywhere the fork looks: another validator's key, or a
 * key (current, pending or retired within the window) of any group. The fork implements it over
 * its state indices; registration and key changes reject keys it reports.
 */
@FunctionalInterface
public interface KeyUsage<K> {

  boolean isInUse(K key);

  /** No key is in use (a fresh chain, or tests). */
  static <K> KeyUsage<K> none() {
    return key -> false;
  }
}
