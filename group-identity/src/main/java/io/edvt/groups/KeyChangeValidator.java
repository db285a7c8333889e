package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * The key change rules (protocol decision 10): authorised by at least {@code m} members of the key
 * set in force; replaces one key (or adds one at index {@code n} when the balance covers another
 * member) and/or sets a new threshold; the new key is valid, distinct from every key the group
 * retains, unused elsewhere, and proven by a proof of possession. An accepted change is scheduled
 * with {@link #apply} and takes effect at the first epoch of the sync-committee period after next.
 * Immutable.
 */
public final class KeyChangeValidator<K, S> {
  private final ThresholdVerifier<K, S> verifier;
  private final UInt64 minActivationBalance;

  public KeyChangeValidator(ThresholdVerifier<K, S> verifier, UInt64 minActivationBalance) {
    this.verifier = verifier;
    this.minActivationBalance = minActivationBalance;
  }

  /**
   * The facts from the state that a key change is judged against.
   *
   * @param keySets the group's key sets
   * @param currentEpoch the epoch of the block carrying the change
   * @param effectiveBalance the group validator's effective balance (Gwei)
   * @param keyUsage keys used by other validators or groups
   */
  public record Context<K>(GroupKeySets<K> keySets, UInt64 currentEpoch, UInt64 effectiveBalance, KeyUsage<K> keyUsage) {}

  /**
   * Accepted iff every key change rule holds.
   *
   * @param signingRoot the root the members signed (the fork computes it with its domain)
   * @param authorisation the members' signatures over {@code signingRoot}
   */
  public Verdict<KeyChangeRejection> validate(
      KeyChange<K, S> change, Bytes signingRoot, MemberSignatures<S> authorisation, Context<K> context) {
    Optional<GroupKeySet<K>> inForce = context.keySets().keySetAt(context.currentEpoch());
    if (inForce.isEmpty()) {
      return reject(KeyChangeRejection.NO_KEY_SET_IN_FORCE, "no key set in force at epoch " + context.currentEpoch());
    }
    GroupKeySet<K> current = inForce.get();
    Optional<GroupKeySet<K>> pending = context.keySets().pending(context.currentEpoch());
    if (pending.isPresent()) {
      return reject(
          KeyChangeRejection.CHANGE_ALREADY_PENDING,
          "a change taking effect at epoch " + pending.get().activationEpoch() + " is pending");
    }
    if (change.replacement().isEmpty() && change.newThreshold().isEmpty()) {
      return reject(KeyChangeRejection.EMPTY_CHANGE, "the change has neither a key nor a threshold");
    }
    int n = current.size();
    int newSize = n;
    if (change.replacement().isPresent()) {
      int member = change.replacement().get().member();
      if (member < 0 || member > n) {
        return reject(
            KeyChangeRejection.MEMBER_INDEX_OUT_OF_RANGE,
            "member " + member + " is neither a member of a group of " + n + " nor the next index " + n);
      }
      if (member == n) {
        if (n == GroupKeySet.MAX_GROUP_SIZE) {
          return reject(
              KeyChangeRejection.GROUP_FULL, "the group already has MAX_GROUP_SIZE = " + n + " members");
        }
        newSize = n + 1;
        UInt64 required = minActivationBalance.times(newSize);
        if (context.effectiveBalance().isLessThan(required)) {
          return reject(
              KeyChangeRejection.INSUFFICIENT_BALANCE,
              "effective balance " + context.effectiveBalance() + " is below " + newSize
                  + " * MIN_ACTIVATION_BALANCE = " + required);
        }
      }
    }
    int newThreshold = change.newThreshold().orElse(current.threshold());
    if (newThreshold < 1 || newThreshold > newSize) {
      return reject(
          KeyChangeRejection.THRESHOLD_OUT_OF_RANGE,
          "threshold " + newThreshold + " is outside [1, " + newSize + "]");
    }
    if (change.replacement().isEmpty() && newThreshold == current.threshold()) {
      return reject(KeyChangeRejection.NO_EFFECT, "threshold " + newThreshold + " is already in force");
    }
    if (change.replacement().isPresent()) {
      KeyChange.Replacement<K, S> replacement = change.replacement().get();
      K newKey = replacement.newKey();
      if (!verifier.scheme().isValidPublicKey(newKey)) {
        return reject(
            KeyChangeRejection.INVALID_PUBLIC_KEY,
            "the new key is not a valid " + verifier.scheme().name() + " public key");
      }
      if (context.keySets().retainedKeys().contains(newKey)) {
        return reject(
            KeyChangeRejection.KEY_ALREADY_IN_GROUP,
            "the new key is already one of this group's keys (current, pending or retired)");
      }
      if (context.keyUsage().isInUse(newKey)) {
        return reject(KeyChangeRejection.KEY_ALREADY_USED, "the new key is used by another validator or group");
      }
    }
    ThresholdResult authorised = verifier.verify(current, signingRoot, authorisation);
    if (!authorised.isValid()) {
      return reject(
          KeyChangeRejection.NOT_AUTHORISED,
          authorised.failure().orElseThrow() + ": " + authorised.message());
    }
    if (change.replacement().isPresent()) {
      KeyChange.Replacement<K, S> replacement = change.replacement().get();
      if (!verifier.scheme().verifyPossession(replacement.newKey(), replacement.proofOfPossession())) {
        return reject(
            KeyChangeRejection.INVALID_PROOF_OF_POSSESSION,
            "the proof of possession of the new key for member " + replacement.member() + " does not verify");
      }
    }
    return Verdict.accepted();
  }

  /**
   * Schedules an accepted change: the key set in force with the key replaced or added and the new
   * threshold, activating at the first epoch of the sync-committee period after next.
   *
   * @throws IllegalStateException if a change is already pending
   * @throws IllegalArgumentException if the change yields an invalid key set (it was not validated)
   */
  public GroupKeySets<K> apply(KeyChange<K, S> change, GroupKeySets<K> keySets, UInt64 currentEpoch) {
    GroupKeySet<K> current = keySets.current(currentEpoch);
    List<K> keys = new ArrayList<>(current.keys());
    change.replacement().ifPresent(r -> {
      if (r.member() == keys.size()) {
        keys.add(r.newKey());
      } else {
        keys.set(r.member(), r.newKey());
      }
    });
    int threshold = change.newThreshold().orElse(current.threshold());
    return keySets.scheduleChange(threshold, keys, currentEpoch);
  }

  private static Verdict<KeyChangeRejection> reject(KeyChangeRejection reason, String message) {
    return Verdict.rejected(reason, message);
  }
}
