package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import java.util.Objects;

/**
 * The spec's {@code GroupRegistration}: the validator a group attaches to, threshold {@code m},
 * the {@code n} member keys in member order, and one proof of possession per key (a signature by
 * the key over {@code GroupKeyProof(validator_index, pubkey)}, see {@link GroupKeyProofs}). The
 * operation's signature, by the validator's own key over the registration's signing root under
 * {@code DOMAIN_GROUP_REGISTRATION}, travels next to it ({@code SignedGroupRegistration}).
 */
public record GroupRegistration<K, S>(
    UInt64 validatorIndex, UInt64 threshold, List<K> pubkeys, List<S> proofsOfPossession) {
  public GroupRegistration {
    Objects.requireNonNull(validatorIndex, "validatorIndex");
    Objects.requireNonNull(threshold, "threshold");
    pubkeys = List.copyOf(pubkeys);
    proofsOfPossession = List.copyOf(proofsOfPossession);
  }

  /** A registration with an {@code int} threshold. */
  public static <K, S> GroupRegistration<K, S> of(
      UInt64 validatorIndex, int threshold, List<K> pubkeys, List<S> proofsOfPossession) {
    if (threshold < 0) {
      throw new IllegalArgumentException("threshold is a uint64: " + threshold);
    }
    return new GroupRegistration<>(validatorIndex, UInt64.valueOf(threshold), pubkeys, proofsOfPossession);
  }
}
