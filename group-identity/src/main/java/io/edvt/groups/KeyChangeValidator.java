package io.edvt.groups;

import io.edvt.infrastructure.crypto.scheme.SignatureScheme;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code process_group_key_change}: every assertion, in the spec's order, each rejection with its
 * {@link KeyChangeRejection} and a message naming the offending detail; {@link #apply} then
 * appends the pending key set, which takes effect at {@code
 * compute_key_set_activation_epoch(current_epoch)}. Immutable.
 *
 * <pre>
 * assert validator_index &lt; len(state.validators)
 * assert is_active_validator(validator, current_epoch)
 * assert not validator.slashed
 * assert group_index is not None
 * current_key_set = get_group_key_set(group, current_epoch)
 * assert group.key_sets[len(group.key_sets) - 1].activation_epoch &lt;= current_epoch
 * assert len(group.key_sets) &lt; GROUP_KEY_SETS_LIMIT
 * assert key_change.current_key_set_epoch == current_key_set.activation_epoch
 * assert key_change.member_index &lt;= member_count
 * if key_change.new_pubkey == BLSPubkey():
 *     assert key_change.proof_of_possession == BLSSignature()
 *     if key_change.member_index &lt; member_count:
 *         assert member_count &gt; 1
 *         pubkeys.pop(key_change.member_index)
 * else:
 *     assert not is_pubkey_in_use(state, key_change.new_pubkey)
 *     assert is_valid_group_key_proof(state, validator_index, key_change.new_pubkey, key_change.proof_of_possession)
 *     if key_change.member_index &lt; member_count:
 *         pubkeys[key_change.member_index] = key_change.new_pubkey
 *     else:
 *         assert member_count &lt; MAX_GROUP_SIZE
 *         pubkeys.append(key_change.new_pubkey)
 * assert 1 &lt;= key_change.new_threshold &lt;= new_member_count
 * assert pubkeys != list(current_key_set.pubkeys) or key_change.new_threshold != current_key_set.threshold
 * if new_member_count &gt; member_count:
 *     assert validator.effective_balance &gt;= new_member_count * MIN_ACTIVATION_BALANCE
 * assert is_valid_threshold_signature(state, validator_index, current_epoch, signing_root, signer_bits, signature)
 * </pre>
 */
public final class KeyChangeValidator<K, S> {
  private final ThresholdVerifier<K, S> verifier;
  private final SignatureScheme<K, S> scheme;
  private final GroupKeyProofs<K, S> proofs;
  private final UInt64 minActivationBalance;
  private final KeyRotationTiming timing;

  public KeyChangeValidator(ThresholdVerifier<K, S> verifier, UInt64 minActivationBalance, KeyRotationTiming timing) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.scheme = verifier.scheme();
    this.proofs = new GroupKeyProofs<>(scheme);
    this.minActivationBalance = Objects.requireNonNull(minActivationBalance, "minActivationBalance");
    this.timing = Objects.requireNonNull(timing, "timing");
  }

  /**
   * The state facts a key change is judged against.
   *
   * @param validator the record at {@code validator_index}; empty if there is none
   * @param group the validator's stored key sets; empty if it has no group
   * @param currentEpoch {@code get_current_epoch(state)}
   * @param keyUsage {@code is_pubkey_in_use}
   * @param keyProofDomain {@code get_domain(state, DOMAIN_GROUP_KEY_PROOF)}
   */
  public record Context<K>(
      Optional<ValidatorStatus<K>> validator,
      Optional<GroupKeySets<K>> group,
      UInt64 currentEpoch,
      KeyUsage<K> keyUsage,
      Bytes32 keyProofDomain) {
    public Context {
      Objects.requireNonNull(validator, "validator");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(currentEpoch, "currentEpoch");
      Objects.requireNonNull(keyUsage, "keyUsage");
      Objects.requireNonNull(keyProofDomain, "keyProofDomain");
    }
  }

  /**
   * Accepted iff {@code process_group_key_change} accepts.
   *
   * @param signingRoot {@code compute_signing_root(key_change, get_domain(state,
   *     DOMAIN_GROUP_KEY_CHANGE))}, computed by the fork from its container
   * @param authorisation the members' signatures over {@code signingRoot} ({@code signer_bits} and
   *     {@code signature})
   */
  public Verdict<KeyChangeRejection> validate(
      KeyChange<K, S> change, Bytes signingRoot, MemberSignatures<S> authorisation, Context<K> context) {
    UInt64 index = change.validatorIndex();
    UInt64 epoch = context.currentEpoch();
    if (context.validator().isEmpty()) {
      return reject(KeyChangeRejection.UNKNOWN_VALIDATOR, "validator " + index + " does not exist");
    }
    ValidatorStatus<K> validator = context.validator().get();
    if (!validator.active()) {
      return reject(KeyChangeRejection.VALIDATOR_NOT_ACTIVE, "validator " + index + " is not active");
    }
    if (validator.slashed()) {
      return reject(KeyChangeRejection.VALIDATOR_SLASHED, "validator " + index + " is slashed");
    }
    if (context.group().isEmpty()) {
      return reject(KeyChangeRejection.NO_GROUP, "validator " + index + " has no group");
    }
    GroupKeySets<K> group = context.group().get();
    UInt64 newest = group.last().activationEpoch();
    if (newest.isGreaterThan(epoch)) {
      return reject(
          KeyChangeRejection.CHANGE_ALREADY_PENDING,
          "a key set taking effect at epoch " + newest + " is pending at epoch " + epoch);
    }
    if (group.size() >= GroupKeySets.GROUP_KEY_SETS_LIMIT) {
      return reject(
          KeyChangeRejection.KEY_SET_LIMIT_REACHED,
          "the group stores " + group.size() + " key sets, GROUP_KEY_SETS_LIMIT = " + GroupKeySets.GROUP_KEY_SETS_LIMIT
              + "; the oldest is pruned at epoch "
              + group.keySets().get(1).activationEpoch().plus(timing.minValidatorWithdrawabilityDelay()));
    }
    // no pending set, so the newest stored set is the one in force
    GroupKeySet<K> current = group.current(epoch);
    if (!change.currentKeySetEpoch().equals(current.activationEpoch())) {
      return reject(
          KeyChangeRejection.STALE_KEY_SET_EPOCH,
          "current_key_set_epoch " + change.currentKeySetEpoch() + " but the key set in force activated at epoch "
              + current.activationEpoch());
    }
    int n = current.size();
    if (change.memberIndex().isGreaterThan(n)) {
      return reject(
          KeyChangeRejection.MEMBER_INDEX_OUT_OF_RANGE,
          "member " + change.memberIndex() + " is neither a member of a key set of " + n + " nor the next index " + n);
    }
    int member = change.memberIndex().intValue();
    if (change.hasZeroPubkey(scheme)) {
      if (!change.hasZeroProof(scheme)) {
        return reject(
            KeyChangeRejection.PROOF_NOT_EMPTY, "a change without a new key must carry the all-zero proof of possession");
      }
      if (member < n && n == 1) {
        return reject(KeyChangeRejection.CANNOT_REMOVE_LAST_MEMBER, "member " + member + " is the only member");
      }
    } else {
      K newKey = change.newPubkey();
      if (group.containsKey(newKey)) {
        return reject(KeyChangeRejection.KEY_IN_USE, "the new key is stored in this group's key sets");
      }
      if (newKey.equals(validator.ownPubkey())) {
        return reject(KeyChangeRejection.KEY_IN_USE, "the new key is the validator's own key");
      }
      if (context.keyUsage().isInUse(newKey)) {
        return reject(KeyChangeRejection.KEY_IN_USE, "the new key is used by a validator or a group");
      }
      if (!proofs.isValid(index, newKey, change.proofOfPossession(), context.keyProofDomain())) {
        String why = scheme.isValidPublicKey(newKey) ? "does not verify for validator " + index : "is for an invalid key";
        return reject(
            KeyChangeRejection.INVALID_PROOF_OF_POSSESSION, "the proof of possession of the new key " + why);
      }
      if (member == n && n >= GroupKeySet.MAX_GROUP_SIZE) {
        return reject(KeyChangeRejection.GROUP_FULL, "the key set already has MAX_GROUP_SIZE = " + n + " members");
      }
    }
    List<K> keys = newKeys(change, current);
    int newSize = keys.size();
    UInt64 m = change.newThreshold();
    if (m.isZero() || m.isGreaterThan(newSize)) {
      return reject(KeyChangeRejection.THRESHOLD_OUT_OF_RANGE, "threshold " + m + " is outside [1, " + newSize + "]");
    }
    if (keys.equals(current.keys()) && m.equals(UInt64.valueOf(current.threshold()))) {
      return reject(
          KeyChangeRejection.NO_EFFECT, "the keys and threshold " + m + " are those of the key set in force");
    }
    if (newSize > n) {
      UInt64 required = minActivationBalance.times(newSize);
      if (validator.effectiveBalance().isLessThan(required)) {
        return reject(
            KeyChangeRejection.INSUFFICIENT_BALANCE,
            "effective balance " + validator.effectiveBalance() + " is below " + newSize
                + " * MIN_ACTIVATION_BALANCE = " + required);
      }
    }
    ThresholdResult authorised = verifier.verify(current, signingRoot, authorisation);
    if (!authorised.isValid()) {
      return reject(
          KeyChangeRejection.NOT_AUTHORISED, authorised.failure().orElseThrow() + ": " + authorised.message());
    }
    return Verdict.accepted();
  }

  /**
   * The group's key sets after an accepted change: the key set in force with the change applied,
   * appended as pending with activation epoch {@code compute_key_set_activation_epoch(current_epoch)}.
   *
   * @throws IllegalArgumentException if the change does not apply (it was not validated)
   */
  public GroupKeySets<K> apply(KeyChange<K, S> change, GroupKeySets<K> group, UInt64 currentEpoch) {
    GroupKeySet<K> current = group.current(currentEpoch);
    if (change.memberIndex().isGreaterThan(current.size())) {
      throw new IllegalArgumentException("member index " + change.memberIndex() + " beyond " + current.size());
    }
    GroupKeySet<K> pending =
        new GroupKeySet<>(
            change.newThreshold().intValue(), newKeys(change, current), timing.keySetActivationEpoch(currentEpoch));
    return group.withAppended(pending);
  }

  /** The keys of the new key set; {@code change.memberIndex() <= current.size()}. */
  private List<K> newKeys(KeyChange<K, S> change, GroupKeySet<K> current) {
    List<K> keys = new ArrayList<>(current.keys());
    int member = change.memberIndex().intValue();
    if (change.hasZeroPubkey(scheme)) {
      if (member < keys.size()) {
        keys.remove(member);
      }
    } else if (member < keys.size()) {
      keys.set(member, change.newPubkey());
    } else {
      keys.add(change.newPubkey());
    }
    return keys;
  }

  private static Verdict<KeyChangeRejection> reject(KeyChangeRejection reason, String message) {
    return Verdict.rejected(reason, message);
  }
}
