package io.edvt.groups;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.edvt.infrastructure.unsigned.UInt64;

/**
 * Pure judgement of slashing evidence against a group (protocol decision 6). Two signed messages
 * are a <em>group offence</em> iff their data conflict and each carries valid signatures of at
 * least {@code m} distinct members of the key set in force at its own epoch (a retired key set
 * counts while it is within the window). A member key that signed both is a <em>member
 * equivocation</em>: never a group offence on its own, but reported so that fork choice can drop
 * that member's vote.
 *
 * <p>Members are matched across the two messages by key, not by index, because a rotation between
 * the two epochs can move keys. Immutable.
 */
public final class SlashingEvidenceJudge<K, S> {
  private final ThresholdVerifier<K, S> verifier;

  public SlashingEvidenceJudge(ThresholdVerifier<K, S> verifier) {
    this.verifier = verifier;
  }

  /**
   * @param keySets the accused group's key sets
   * @param currentEpoch the epoch in which the evidence is processed (decides the retired window)
   * @param conflict the conflict predicate for this kind of message
   */
  public <D> SlashingVerdict<K> judge(
      GroupKeySets<K> keySets,
      UInt64 currentEpoch,
      SignedGroupMessage<D, S> first,
      SignedGroupMessage<D, S> second,
      ConflictPredicate<D> conflict) {
    if (!conflict.conflicts(first.data(), second.data())) {
      return new SlashingVerdict.NoOffence<>(SlashingVerdict.Reason.NOT_CONFLICTING, "the two messages do not conflict");
    }
    Optional<GroupKeySet<K>> firstSet = keySets.slashableKeySetAt(first.epoch(), currentEpoch);
    if (firstSet.isEmpty()) {
      return unavailable("first", first.epoch(), currentEpoch);
    }
    Optional<GroupKeySet<K>> secondSet = keySets.slashableKeySetAt(second.epoch(), currentEpoch);
    if (secondSet.isEmpty()) {
      return unavailable("second", second.epoch(), currentEpoch);
    }
    ThresholdResult firstResult = verifier.verifySigners(firstSet.get(), first.signingRoot(), first.signatures());
    if (!firstResult.isValid()) {
      return rejected("first", firstResult);
    }
    ThresholdResult secondResult = verifier.verifySigners(secondSet.get(), second.signingRoot(), second.signatures());
    if (!secondResult.isValid()) {
      return rejected("second", secondResult);
    }
    List<K> firstKeys = firstSet.get().keysOf(firstResult.signers());
    Set<K> common = new LinkedHashSet<>(firstKeys);
    common.retainAll(secondSet.get().keysOf(secondResult.signers()));
    List<K> equivocators = List.copyOf(common);
    boolean firstReaches = firstResult.signers().count() >= firstSet.get().threshold();
    boolean secondReaches = secondResult.signers().count() >= secondSet.get().threshold();
    if (firstReaches && secondReaches) {
      return new SlashingVerdict.GroupOffence<>(firstResult.signers(), secondResult.signers(), equivocators);
    }
    if (!equivocators.isEmpty()) {
      return new SlashingVerdict.MemberEquivocation<>(equivocators);
    }
    return new SlashingVerdict.NoOffence<>(
        SlashingVerdict.Reason.NO_THRESHOLD_AND_NO_COMMON_SIGNER,
        "signers " + firstResult.signers() + " (threshold " + firstSet.get().threshold() + ") and "
            + secondResult.signers() + " (threshold " + secondSet.get().threshold()
            + ") do not both reach the threshold and share no key");
  }

  private static <K> SlashingVerdict<K> unavailable(String side, UInt64 epoch, UInt64 currentEpoch) {
    return new SlashingVerdict.NoOffence<>(
        SlashingVerdict.Reason.KEY_SET_UNAVAILABLE,
        "no slashable key set for the " + side + " message's epoch " + epoch + " at epoch " + currentEpoch);
  }

  private static <K> SlashingVerdict<K> rejected(String side, ThresholdResult result) {
    return new SlashingVerdict.NoOffence<>(
        SlashingVerdict.Reason.SIGNATURES_REJECTED,
        side + " message: " + result.failure().orElseThrow() + ": " + result.message());
  }
}
