package io.edvt.groups;

/**
 * {@code is_pubkey_in_use(state, pubkey)}: the key is some validator's own key, or appears in any
 * stored key set (retired, in force or pending) of any group ({@code is_group_pubkey}). The fork
 * answers it from its indices; registrations and key changes accept only keys it reports unused,
 * which keeps "one key, one signer" true.
 *
 * <p>The rules here also reject, on their own, the keys they can see are in use (the registering
 * validator's own key; the stored keys of the group being changed), so a lookup that forgets them
 * cannot let them through.
 */
@FunctionalInterface
public interface KeyUsage<K> {

  boolean isInUse(K key);

  /** No key is in use elsewhere (a fresh chain, or tests). */
  static <K> KeyUsage<K> none() {
    return key -> false;
  }
}
