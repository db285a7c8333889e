package io.edvt.groups;

import io.edvt.infrastructure.crypto.scheme.SignatureScheme;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registration rules (protocol decision 3), each rejection with a specific {@link
 * RegistrationRejection} and a message naming the offending detail. Cheap checks run first and
 * the proofs of possession last, so an invalid registration costs as little verification as
 * possible. Immutable.
 */
public final class RegistrationValidator<K, S> {
  private final SignatureScheme<K, S> scheme;
  private final UInt64 minActivationBalance;

  /**
   * @param minActivationBalance {@code MIN_ACTIVATION_BALANCE} (Gwei): each member needs this much
   *     effective balance behind it
   */
  public RegistrationValidator(SignatureScheme<K, S> scheme, UInt64 minActivationBalance) {
    this.scheme = scheme;
    this.minActivationBalance = minActivationBalance;
  }

  /** Accepted iff every registration rule holds for {@code registration} against the given state facts. */
  public Verdict<RegistrationRejection> validate(
      GroupRegistration<K, S> registration, RegistrantStatus status, KeyUsage<K> keyUsage) {
    UInt64 index = registration.validatorIndex();
    if (!status.active()) {
      return reject(RegistrationRejection.VALIDATOR_NOT_ACTIVE, "validator " + index + " is not active");
    }
    if (status.slashed()) {
      return reject(RegistrationRejection.VALIDATOR_SLASHED, "validator " + index + " is slashed");
    }
    if (status.exitInitiated()) {
      return reject(RegistrationRejection.VALIDATOR_EXITING, "validator " + index + " has initiated its exit");
    }
    if (status.alreadyInGroup()) {
      return reject(RegistrationRejection.ALREADY_IN_GROUP, "validator " + index + " already has a group");
    }
    List<K> keys = registration.keys();
    int n = keys.size();
    int m = registration.threshold();
    if (n == 0) {
      return reject(RegistrationRejection.NO_KEYS, "a group needs at least one member key");
    }
    if (n > GroupKeySet.MAX_GROUP_SIZE) {
      return reject(
          RegistrationRejection.TOO_MANY_KEYS,
          n + " keys, at most MAX_GROUP_SIZE = " + GroupKeySet.MAX_GROUP_SIZE);
    }
    if (m < 1) {
      return reject(RegistrationRejection.THRESHOLD_TOO_LOW, "threshold " + m + " is below 1");
    }
    if (m > n) {
      return reject(
          RegistrationRejection.THRESHOLD_ABOVE_GROUP_SIZE, "threshold " + m + " exceeds the " + n + " keys");
    }
    if (registration.proofsOfPossession().size() != n) {
      return reject(
          RegistrationRejection.PROOF_COUNT_MISMATCH,
          n + " keys but " + registration.proofsOfPossession().size() + " proofs of possession");
    }
    UInt64 required = minActivationBalance.times(n);
    if (status.effectiveBalance().isLessThan(required)) {
      return reject(
          RegistrationRejection.INSUFFICIENT_BALANCE,
          "effective balance "
              + status.effectiveBalance()
              + " is below "
              + n
              + " * MIN_ACTIVATION_BALANCE = "
              + required);
    }
    for (int i = 0; i < n; i++) {
      if (!scheme.isValidPublicKey(keys.get(i))) {
        return reject(RegistrationRejection.INVALID_PUBLIC_KEY, "key of member " + i + " is not a valid " + scheme.name() + " public key");
      }
    }
    Map<K, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Integer earlier = firstIndex.putIfAbsent(keys.get(i), i);
      if (earlier != null) {
        return reject(
            RegistrationRejection.DUPLICATE_KEY, "members " + earlier + " and " + i + " have the same key");
      }
    }
    for (int i = 0; i < n; i++) {
      if (keyUsage.isInUse(keys.get(i))) {
        return reject(
            RegistrationRejection.KEY_ALREADY_USED,
            "key of member " + i + " is already used by another validator or group");
      }
    }
    for (int i = 0; i < n; i++) {
      if (!scheme.verifyPossession(keys.get(i), registration.proofsOfPossession().get(i))) {
        return reject(
            RegistrationRejection.INVALID_PROOF_OF_POSSESSION,
            "proof of possession of member " + i + " does not verify");
      }
    }
    return Verdict.accepted();
  }

  /** Warnings for a registration that is valid on chain but risky; empty when there is nothing to say. */
  public List<GroupWarning> warnings(GroupRegistration<K, S> registration) {
    return warnings(registration.threshold(), registration.keys().size());
  }

  /** {@link GroupWarning#THRESHOLD_NOT_A_MAJORITY} iff {@code 2m <= n}. */
  public static List<GroupWarning> warnings(int threshold, int size) {
    return 2 * threshold <= size ? List.of(GroupWarning.THRESHOLD_NOT_A_MAJORITY) : List.of();
  }

  /** The key set this registration creates, in force from {@code activationEpoch}; call only after {@link #validate} accepted. */
  public GroupKeySet<K> keySet(GroupRegistration<K, S> registration, UInt64 activationEpoch) {
    return new GroupKeySet<>(registration.threshold(), registration.keys(), activationEpoch);
  }

  private static Verdict<RegistrationRejection> reject(RegistrationRejection reason, String message) {
    return Verdict.rejected(reason, message);
  }
}
