package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One generation of a group's keys: threshold {@code m}, the {@code n} member keys in member
 * order, and the first epoch in which this generation is in force. Invariants (checked here, so a
 * key set that exists is well formed): {@code 1 <= m <= n <= MAX_GROUP_SIZE} and the keys are
 * pairwise distinct. Member {@code i} is the key at index {@code i}.
 *
 * @param <K> public key type of the group's signature scheme
 */
public record GroupKeySet<K>(int threshold, List<K> keys, UInt64 activationEpoch) {
  /** {@code MAX_GROUP_SIZE}: the largest number of member keys a group may have. */
  public static final int MAX_GROUP_SIZE = 16;

  /** {@code GENESIS_EPOCH}: the activation epoch of a plain (own-key) key set. */
  public static final UInt64 GENESIS_EPOCH = UInt64.ZERO;

  /**
   * @throws IllegalArgumentException unless {@code 1 <= threshold <= keys.size() <= 16} and the
   *     keys are distinct
   */
  public GroupKeySet {
    Objects.requireNonNull(activationEpoch, "activationEpoch");
    keys = List.copyOf(keys);
    if (keys.isEmpty() || keys.size() > MAX_GROUP_SIZE) {
      throw new IllegalArgumentException(
          "a group has 1 to " + MAX_GROUP_SIZE + " keys, got " + keys.size());
    }
    if (threshold < 1 || threshold > keys.size()) {
      throw new IllegalArgumentException(
          "threshold must be in [1, " + keys.size() + "], got " + threshold);
    }
    Set<K> seen = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      if (!seen.add(keys.get(i))) {
        throw new IllegalArgumentException("member " + i + " repeats an earlier key: " + keys.get(i));
      }
    }
  }

  /**
   * {@code compute_plain_key_set(pubkey)}: the one-member key set of a validator that signs with
   * its own key, threshold 1, active from {@code GENESIS_EPOCH}. It is what {@code
   * get_validator_key_set} returns for a validator without a group, and the first stored key set
   * of every group.
   */
  public static <K> GroupKeySet<K> plain(K pubkey) {
    return new GroupKeySet<>(1, List.of(pubkey), GENESIS_EPOCH);
  }

  /** {@code n}, the number of members. */
  public int size() {
    return keys.size();
  }

  /** The key of member {@code member}. */
  public K key(int member) {
    return keys.get(member);
  }

  /** The member index of {@code key}, if it is one of this generation's keys. */
  public OptionalInt memberIndexOf(K key) {
    int index = keys.indexOf(key);
    return index < 0 ? OptionalInt.empty() : OptionalInt.of(index);
  }

  public boolean contains(K key) {
    return keys.contains(key);
  }

  /**
   * The keys of the members in {@code signers}, in member order.
   *
   * @throws IllegalArgumentException if a signer is not a member of this generation
   */
  public List<K> keysOf(SignerSet signers) {
    if (!signers.fitsWithin(size())) {
      throw new IllegalArgumentException(
          "signer " + signers.highestMember() + " is not a member of a group of " + size());
    }
    return signers.stream().mapToObj(keys::get).toList();
  }

  /** {@code 2m > n}: two conflicting messages cannot both gather {@code m} honest signatures. */
  public boolean isMajorityThreshold() {
    return 2 * threshold > size();
  }
}
