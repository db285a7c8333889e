package io.edvt.groups;

import io.edvt.infrastructure.crypto.scheme.SignatureScheme;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code process_group_registration}: every assertion, in the spec's order, each rejection with
 * its {@link RegistrationRejection} and a message naming the offending detail; then {@link
 * #keySets} gives what {@code add_group_to_registry} stores. Immutable.
 *
 * <pre>
 * assert validator_index &lt; len(state.validators)
 * assert is_active_validator(validator, current_epoch)
 * assert not validator.slashed
 * assert validator.exit_epoch == FAR_FUTURE_EPOCH
 * assert get_group_index(state, validator_index) is None
 * assert 1 &lt;= registration.threshold &lt;= member_count
 * assert len(registration.proofs_of_possession) == member_count
 * assert validator.effective_balance &gt;= member_count * MIN_ACTIVATION_BALANCE
 * assert len(set(registration.pubkeys)) == member_count
 * for pubkey in registration.pubkeys: assert not is_pubkey_in_use(state, pubkey)
 * assert bls.Verify(validator.pubkey, signing_root, signed_registration.signature)
 * for pubkey, proof in zip(...): assert is_valid_group_key_proof(state, validator_index, pubkey, proof)
 * </pre>
 */
public final class RegistrationValidator<K, S> {
  private final SignatureScheme<K, S> scheme;
  private final GroupKeyProofs<K, S> proofs;
  private final UInt64 minActivationBalance;
  private final KeyRotationTiming timing;

  /**
   * @param minActivationBalance {@code MIN_ACTIVATION_BALANCE} (Gwei) per member
   * @param timing when the registered key set takes effect
   */
  public RegistrationValidator(SignatureScheme<K, S> scheme, UInt64 minActivationBalance, KeyRotationTiming timing) {
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.proofs = new GroupKeyProofs<>(scheme);
    this.minActivationBalance = Objects.requireNonNull(minActivationBalance, "minActivationBalance");
    this.timing = Objects.requireNonNull(timing, "timing");
  }

  /**
   * The state facts a registration is judged against.
   *
   * @param validator the record at {@code validator_index}; empty if there is none
   * @param hasGroup {@code get_group_index(state, validator_index) is not None}
   * @param currentEpoch {@code get_current_epoch(state)}
   * @param keyUsage {@code is_pubkey_in_use}
   * @param keyProofDomain {@code get_domain(state, DOMAIN_GROUP_KEY_PROOF)}
   */
  public record Context<K>(
      Optional<ValidatorStatus<K>> validator,
      boolean hasGroup,
      UInt64 currentEpoch,
      KeyUsage<K> keyUsage,
      Bytes32 keyProofDomain) {
    public Context {
      Objects.requireNonNull(validator, "validator");
      Objects.requireNonNull(currentEpoch, "currentEpoch");
      Objects.requireNonNull(keyUsage, "keyUsage");
      Objects.requireNonNull(keyProofDomain, "keyProofDomain");
    }
  }

  /**
   * Accepted iff {@code process_group_registration} accepts.
   *
   * @param signingRoot {@code compute_signing_root(registration, get_domain(state,
   *     DOMAIN_GROUP_REGISTRATION))}, computed by the fork from its container
   * @param signature {@code SignedGroupRegistration.signature}, by the validator's own key
   */
  public Verdict<RegistrationRejection> validate(
      GroupRegistration<K, S> registration, Bytes signingRoot, S signature, Context<K> context) {
    UInt64 index = registration.validatorIndex();
    List<K> keys = registration.pubkeys();
    int n = keys.size();
    if (n > GroupKeySet.MAX_GROUP_SIZE || registration.proofsOfPossession().size() > GroupKeySet.MAX_GROUP_SIZE) {
      return reject(
          RegistrationRejection.TOO_MANY_KEYS,
          n + " keys and " + registration.proofsOfPossession().size() + " proofs, at most MAX_GROUP_SIZE = "
              + GroupKeySet.MAX_GROUP_SIZE + " each");
    }
    if (context.validator().isEmpty()) {
      return reject(RegistrationRejection.UNKNOWN_VALIDATOR, "validator " + index + " does not exist");
    }
    ValidatorStatus<K> validator = context.validator().get();
    if (!validator.active()) {
      return reject(RegistrationRejection.VALIDATOR_NOT_ACTIVE, "validator " + index + " is not active");
    }
    if (validator.slashed()) {
      return reject(RegistrationRejection.VALIDATOR_SLASHED, "validator " + index + " is slashed");
    }
    if (validator.exitInitiated()) {
      return reject(RegistrationRejection.VALIDATOR_EXITING, "validator " + index + " has initiated its exit");
    }
    if (context.hasGroup()) {
      return reject(RegistrationRejection.ALREADY_IN_GROUP, "validator " + index + " already has a group");
    }
    UInt64 m = registration.threshold();
    if (m.isZero() || m.isGreaterThan(n)) {
      return reject(
          RegistrationRejection.THRESHOLD_OUT_OF_RANGE,
          "threshold " + m + " is outside [1, " + n + "]" + (n == 0 ? ": no keys" : ""));
    }
    if (registration.proofsOfPossession().size() != n) {
      return reject(
          RegistrationRejection.PROOF_COUNT_MISMATCH,
          n + " keys but " + registration.proofsOfPossession().size() + " proofs of possession");
    }
    UInt64 required = minActivationBalance.times(n);
    if (validator.effectiveBalance().isLessThan(required)) {
      return reject(
          RegistrationRejection.INSUFFICIENT_BALANCE,
          "effective balance " + validator.effectiveBalance() + " is below " + n
              + " * MIN_ACTIVATION_BALANCE = " + required);
    }
    Map<K, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Integer earlier = firstIndex.putIfAbsent(keys.get(i), i);
      if (earlier != null) {
        return reject(RegistrationRejection.DUPLICATE_KEY, "members " + earlier + " and " + i + " have the same key");
      }
    }
    for (int i = 0; i < n; i++) {
      K key = keys.get(i);
      if (key.equals(validator.ownPubkey())) {
        return reject(RegistrationRejection.KEY_IN_USE, "key of member " + i + " is the validator's own key");
      }
      if (context.keyUsage().isInUse(key)) {
        return reject(
            RegistrationRejection.KEY_IN_USE, "key of member " + i + " is already used by a validator or a group");
      }
    }
    if (!scheme.verify(validator.ownPubkey(), signingRoot, signature)) {
      return reject(
          RegistrationRejection.INVALID_SIGNATURE,
          "the registration is not signed by the own key of validator " + index);
    }
    for (int i = 0; i < n; i++) {
      K key = keys.get(i);
      if (!proofs.isValid(index, key, registration.proofsOfPossession().get(i), context.keyProofDomain())) {
        String why = scheme.isValidPublicKey(key) ? "does not verify for validator " + index : "is for an invalid key";
        return reject(
            RegistrationRejection.INVALID_PROOF_OF_POSSESSION, "proof of possession of member " + i + " " + why);
      }
    }
    return Verdict.accepted();
  }

  /**
   * The key sets {@code add_group_to_registry} stores for an accepted registration: the
   * validator's own key as a one-member set active from {@code GENESIS_EPOCH}, then the registered
   * set, active from {@code compute_key_set_activation_epoch(current_epoch)}.
   */
  public GroupKeySets<K> keySets(GroupRegistration<K, S> registration, Context<K> context) {
    ValidatorStatus<K> validator =
        context.validator().orElseThrow(() -> new IllegalArgumentException("no validator to register"));
    GroupKeySet<K> keySet =
        new GroupKeySet<>(
            registration.threshold().intValue(),
            registration.pubkeys(),
            timing.keySetActivationEpoch(context.currentEpoch()));
    return GroupKeySets.registered(validator.ownPubkey(), keySet);
  }

  /** Warnings for a registration that is valid on chain but risky; empty when there is nothing to say. */
  public List<GroupWarning> warnings(GroupRegistration<K, S> registration) {
    return warnings(registration.threshold().intValue(), registration.pubkeys().size());
  }

  /** {@link GroupWarning#THRESHOLD_NOT_A_MAJORITY} iff {@code 2m <= n}. */
  public static List<GroupWarning> warnings(int threshold, int size) {
    return 2 * threshold <= size ? List.of(GroupWarning.THRESHOLD_NOT_A_MAJORITY) : List.of();
  }

  private static Verdict<RegistrationRejection> reject(RegistrationRejection reason, String message) {
    return Verdict.rejected(reason, message);
  }
}
