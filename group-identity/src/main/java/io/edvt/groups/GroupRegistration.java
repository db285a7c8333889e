package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import java.util.Objects;

/**
 * The content of a group registration operation: the validator it attaches to, threshold {@code
 * m}, the {@code n} member keys in member order, and one proof of possession per key. The
 * operation's own signature (by the validator's key) is checked by the fork, which knows domains.
 */
public record GroupRegistration<K, S>(
    UInt64 validatorIndex, int threshold, List<K> keys, List<S> proofsOfPossession) {
  public GroupRegistration {
    Objects.requireNonNull(validatorIndex, "validatorIndex");
    keys = List.copyOf(keys);
    proofsOfPossession = List.copyOf(proofsOfPossession);
  }
}
