package io.edvt.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code process_group_key_change} for both schemes, one test per assertion and per kind of
 * change. Validator 42 (own key 16) registered keys 0..2 with threshold 2 in epoch 0, in force
 * from epoch 16; changes are made in epoch 20 and take effect at epoch 32. Key 3 is the incoming
 * key, key 4 belongs to someone else. Periods of 8 epochs; retired key sets are kept 64 epochs, so the own key set (retired at 16)
 * is pruned at the end of epoch 79.
 */
class KeyChangeValidatorTest {
  private static final List<SchemeFixture<?, ?>> SCHEMES = SchemeFixture.both(18);
  private static final KeyRotationTiming TIMING = new KeyRotationTiming(8, 64);
  private static final UInt64 MIN_ACTIVATION_BALANCE = UInt64.valueOf(32_000_000_000L);
  private static final UInt64 INDEX = UInt64.valueOf(42);
  private static final int OWN = 16;
  private static final UInt64 IN_FORCE = UInt64.valueOf(16);
  private static final UInt64 NOW = UInt64.valueOf(20);
  /** Stands for {@code compute_signing_root(key_change, get_domain(state, DOMAIN_GROUP_KEY_CHANGE))}. */
  private static final Bytes ROOT = Bytes32.fromHexString("0x" + "c4".repeat(32));
  private static final Bytes OTHER_ROOT = Bytes32.fromHexString("0x" + "c5".repeat(32));

  static List<SchemeFixture<?, ?>> schemes() {
    return SCHEMES;
  }

  private static UInt64 epoch(long e) {
    return UInt64.valueOf(e);
  }

  private static <K, S> KeyChangeValidator<K, S> validator(SchemeFixture<K, S> f) {
    return new KeyChangeValidator<>(f.verifier(), MIN_ACTIVATION_BALANCE, TIMING);
  }

  /** The stored key sets after registering keys 0..n-1 with threshold m in epoch 0. */
  private static <K> GroupKeySets<K> group(SchemeFixture<K, ?> f, int m, int n) {
    return GroupKeySets.registered(f.key(OWN), new GroupKeySet<>(m, f.keys(n), IN_FORCE));
  }

  private static <K> GroupKeySets<K> group(SchemeFixture<K, ?> f) {
    return group(f, 2, 3);
  }

  private static <K> ValidatorStatus<K> status(SchemeFixture<K, ?> f, long balanceMembers) {
    return new ValidatorStatus<>(f.key(OWN), MIN_ACTIVATION_BALANCE.times(balanceMembers), true, false, false);
  }

  private static <K> KeyChangeValidator.Context<K> context(
      SchemeFixture<K, ?> f, GroupKeySets<K> group, UInt64 epoch, long balanceMembers, KeyUsage<K> usage) {
    return new KeyChangeValidator.Context<>(
        Optional.of(status(f, balanceMembers)), Optional.of(group), epoch, usage, SchemeFixture.KEY_PROOF_DOMAIN);
  }

  private static <K> KeyChangeValidator.Context<K> context(SchemeFixture<K, ?> f, GroupKeySets<K> group) {
    return context(f, group, NOW, group.current(NOW).size(), KeyUsage.none());
  }

  /** Replace (member < n) or add (member == n) key {@code key}, proven for validator 42. */
  private static <K, S> KeyChange<K, S> withKey(SchemeFixture<K, S> f, UInt64 keySetEpoch, int member, int key, int threshold) {
    return KeyChange.withKey(INDEX, keySetEpoch, member, f.key(key), f.proof(key, INDEX), threshold);
  }

  private static <K, S> KeyChange<K, S> withoutKey(SchemeFixture<K, S> f, UInt64 keySetEpoch, int member, int threshold) {
    return KeyChange.withoutKey(f.scheme(), INDEX, keySetEpoch, member, threshold);
  }

  /** Members 0 and 1 of the key set in force at {@code epoch} sign ROOT. */
  private static <K, S> MemberSignatures<S> authorised(SchemeFixture<K, S> f, GroupKeySets<K> group, UInt64 epoch) {
    return f.onChain(group.current(epoch), ROOT, 0, 1);
  }

  private static <K, S> Verdict<KeyChangeRejection> check(SchemeFixture<K, S> f, KeyChange<K, S> change, GroupKeySets<K> group) {
    return validator(f).validate(change, ROOT, authorised(f, group, NOW), context(f, group));
  }

  private static <K, S> Verdict<KeyChangeRejection> check(SchemeFixture<K, S> f, KeyChange<K, S> change) {
    return check(f, change, group(f));
  }

  private static void assertAccepted(Verdict<KeyChangeRejection> verdict) {
    assertThat(verdict.isAccepted()).as(verdict.toString()).isTrue();
  }

  private static void assertRejected(Verdict<KeyChangeRejection> verdict, KeyChangeRejection reason, String messagePart) {
    assertThat(verdict.reason()).as(verdict.toString()).contains(reason);
    assertThat(verdict.message()).contains(messagePart);
  }

  // ---- the four kinds of change ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void replacesAMembersKeyFromThePeriodAfterTheNextOne(SchemeFixture<K, S> f) {
    KeyChange<K, S> change = withKey(f, IN_FORCE, 0, 3, 2);
    assertAccepted(check(f, change));
    GroupKeySets<K> after = validator(f).apply(change, group(f), NOW);
    assertThat(after.size()).isEqualTo(3);
    GroupKeySet<K> pending = after.pending(NOW).orElseThrow();
    assertThat(pending.activationEpoch()).as("compute_key_set_activation_epoch(20)").isEqualTo(epoch(32));
    assertThat(pending.keys()).containsExactly(f.key(3), f.key(1), f.key(2));
    assertThat(pending.threshold()).isEqualTo(2);
    assertThat(after.keySetAt(epoch(31)).orElseThrow().key(0)).isEqualTo(f.key(0));
    assertThat(after.keySetAt(epoch(32)).orElseThrow().key(0)).isEqualTo(f.key(3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void addsAMemberAtIndexNWhenTheBalanceCoversIt(SchemeFixture<K, S> f) {
    KeyChange<K, S> change = withKey(f, IN_FORCE, 3, 3, 3);
    GroupKeySets<K> group = group(f);
    assertAccepted(validator(f).validate(change, ROOT, authorised(f, group, NOW), context(f, group, NOW, 4, KeyUsage.none())));
    GroupKeySet<K> pending = validator(f).apply(change, group, NOW).pending(NOW).orElseThrow();
    assertThat(pending.keys()).containsExactly(f.key(0), f.key(1), f.key(2), f.key(3));
    assertThat(pending.threshold()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void removesAMemberAndMovesLaterMembersDown(SchemeFixture<K, S> f) {
    KeyChange<K, S> change = withoutKey(f, IN_FORCE, 1, 2);
    assertThat(change.hasZeroPubkey(f.scheme())).isTrue();
    assertThat(change.hasZeroProof(f.scheme())).isTrue();
    assertAccepted(check(f, change));
    GroupKeySet<K> pending = validator(f).apply(change, group(f), NOW).pending(NOW).orElseThrow();
    assertThat(pending.keys()).containsExactly(f.key(0), f.key(2));
    assertThat(pending.threshold()).isEqualTo(2);
    assertThat(pending.activationEpoch()).isEqualTo(epoch(32));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void changesOnlyTheThresholdWithTheZeroKeyAtIndexN(SchemeFixture<K, S> f) {
    KeyChange<K, S> change = withoutKey(f, IN_FORCE, 3, 3);
    assertAccepted(check(f, change));
    GroupKeySet<K> pending = validator(f).apply(change, group(f), NOW).pending(NOW).orElseThrow();
    assertThat(pending.keys()).containsExactlyElementsOf(f.keys(3));
    assertThat(pending.threshold()).isEqualTo(3);
    assertRejected(check(f, withoutKey(f, IN_FORCE, 3, 2)), KeyChangeRejection.NO_EFFECT, "threshold 2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void onlyAddingAMemberNeedsBalance(SchemeFixture<K, S> f) {
    GroupKeySets<K> group = group(f);
    KeyChangeValidator.Context<K> poor = context(f, group, NOW, 1, KeyUsage.none());
    MemberSignatures<S> signatures = authorised(f, group, NOW);
    assertAccepted(validator(f).validate(withKey(f, IN_FORCE, 0, 3, 2), ROOT, signatures, poor));
    assertAccepted(validator(f).validate(withoutKey(f, IN_FORCE, 2, 1), ROOT, signatures, poor));
    assertAccepted(validator(f).validate(withoutKey(f, IN_FORCE, 3, 1), ROOT, signatures, poor));
    assertRejected(
        validator(f).validate(withKey(f, IN_FORCE, 3, 3, 2), ROOT, signatures, context(f, group, NOW, 3, KeyUsage.none())),
        KeyChangeRejection.INSUFFICIENT_BALANCE,
        "below 4 * MIN_ACTIVATION_BALANCE = 128000000000");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aValidatorThatInitiatedItsExitCanStillChangeKeys(SchemeFixture<K, S> f) {
    GroupKeySets<K> group = group(f);
    ValidatorStatus<K> exiting = new ValidatorStatus<>(f.key(OWN), MIN_ACTIVATION_BALANCE.times(3), true, false, true);
    KeyChangeValidator.Context<K> context =
        new KeyChangeValidator.Context<>(Optional.of(exiting), Optional.of(group), NOW, KeyUsage.none(), SchemeFixture.KEY_PROOF_DOMAIN);
    assertAccepted(validator(f).validate(withKey(f, IN_FORCE, 0, 3, 2), ROOT, authorised(f, group, NOW), context));
  }

  // ---- the validator and the group ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAnUnknownInactiveOrSlashedValidatorAndOneWithoutAGroup(SchemeFixture<K, S> f) {
    GroupKeySets<K> group = group(f);
    KeyChange<K, S> change = withKey(f, IN_FORCE, 0, 3, 2);
    MemberSignatures<S> signatures = authorised(f, group, NOW);
    Bytes32 domain = SchemeFixture.KEY_PROOF_DOMAIN;
    assertRejected(
        validator(f).validate(change, ROOT, signatures, new KeyChangeValidator.Context<>(Optional.empty(), Optional.of(group), NOW, KeyUsage.none(), domain)),
        KeyChangeRejection.UNKNOWN_VALIDATOR,
        "validator 42");
    ValidatorStatus<K> inactive = new ValidatorStatus<>(f.key(OWN), MIN_ACTIVATION_BALANCE.times(3), false, false, false);
    assertRejected(
        validator(f).validate(change, ROOT, signatures, new KeyChangeValidator.Context<>(Optional.of(inactive), Optional.of(group), NOW, KeyUsage.none(), domain)),
        KeyChangeRejection.VALIDATOR_NOT_ACTIVE,
        "not active");
    ValidatorStatus<K> slashed = new ValidatorStatus<>(f.key(OWN), MIN_ACTIVATION_BALANCE.times(3), true, true, false);
    assertRejected(
        validator(f).validate(change, ROOT, signatures, new KeyChangeValidator.Context<>(Optional.of(slashed), Optional.of(group), NOW, KeyUsage.none(), domain)),
        KeyChangeRejection.VALIDATOR_SLASHED,
        "slashed");
    assertRejected(
        validator(f).validate(change, ROOT, signatures, new KeyChangeValidator.Context<>(Optional.of(status(f, 3)), Optional.empty(), NOW, KeyUsage.none(), domain)),
        KeyChangeRejection.NO_GROUP,
        "no group");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAChangeBeforeTheRegisteredKeySetIsInForce(SchemeFixture<K, S> f) {
    GroupKeySets<K> group = group(f);
    UInt64 early = epoch(5);
    // only the own key is in force at epoch 5; the registered set is pending
    Verdict<KeyChangeRejection> verdict =
        validator(f).validate(
            withoutKey(f, GroupKeySet.GENESIS_EPOCH, 1, 1),
            ROOT,
            f.onChain(group.current(early), ROOT, 0),
            context(f, group, early, 3, KeyUsage.none()));
    assertRejected(verdict, KeyChangeRejection.CHANGE_ALREADY_PENDING, "epoch 16 is pending");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsASecondChangeWhileOneIsPending(SchemeFixture<K, S> f) {
    GroupKeySets<K> pending = validator(f).apply(withKey(f, IN_FORCE, 0, 3, 2), group(f), NOW);
    assertRejected(check(f, withoutKey(f, IN_FORCE, 3, 3), pending), KeyChangeRejection.CHANGE_ALREADY_PENDING, "epoch 32");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void waitsForTheOldestKeySetToBePrunedOnceThreeAreStored(SchemeFixture<K, S> f) {
    GroupKeySets<K> three = validator(f).apply(withKey(f, IN_FORCE, 0, 3, 2), group(f), NOW);
    UInt64 later = epoch(40); // the change is in force (32); the own key set and the first key set are still stored
    KeyChange<K, S> next = withoutKey(f, epoch(32), 3, 3);
    assertRejected(
        validator(f).validate(next, ROOT, authorised(f, three, later), context(f, three, later, 3, KeyUsage.none())),
        KeyChangeRejection.KEY_SET_LIMIT_REACHED,
        "pruned at epoch 80");
    GroupKeySets<K> notYet = three.pruned(epoch(78), TIMING);
    assertThat(notYet.size()).isEqualTo(3);
    // the own key set (retired at 16) is pruned at the end of epoch 79
    GroupKeySets<K> pruned = three.pruned(epoch(79), TIMING);
    assertThat(pruned.size()).isEqualTo(2);
    UInt64 after = epoch(80);
    assertAccepted(validator(f).validate(next, ROOT, authorised(f, pruned, after), context(f, pruned, after, 3, KeyUsage.none())));
  }

  // ---- replay protection ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aSignedChangeIsUsableOnceOnly(SchemeFixture<K, S> f) {
    KeyChange<K, S> removal = withoutKey(f, IN_FORCE, 1, 2);
    GroupKeySets<K> group = group(f);
    MemberSignatures<S> signatures = authorised(f, group, NOW);
    assertAccepted(validator(f).validate(removal, ROOT, signatures, context(f, group)));
    // applied, in force from 32, older sets pruned: replaying the same signed change fails
    GroupKeySets<K> after = validator(f).apply(removal, group, NOW).pruned(epoch(199), TIMING);
    UInt64 later = epoch(200);
    assertThat(after.size()).isEqualTo(1);
    Verdict<KeyChangeRejection> replay =
        validator(f).validate(removal, ROOT, signatures, context(f, after, later, 3, KeyUsage.none()));
    assertRejected(replay, KeyChangeRejection.STALE_KEY_SET_EPOCH, "current_key_set_epoch 16 but the key set in force activated at epoch 32");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAChangeThatNamesAnotherKeySet(SchemeFixture<K, S> f) {
    assertRejected(check(f, withoutKey(f, GroupKeySet.GENESIS_EPOCH, 3, 3)), KeyChangeRejection.STALE_KEY_SET_EPOCH, "current_key_set_epoch 0");
    assertRejected(check(f, withoutKey(f, epoch(32), 3, 3)), KeyChangeRejection.STALE_KEY_SET_EPOCH, "activated at epoch 16");
  }

  // ---- member index, key and proof ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAMemberIndexBeyondN(SchemeFixture<K, S> f) {
    assertRejected(check(f, withKey(f, IN_FORCE, 4, 3, 2)), KeyChangeRejection.MEMBER_INDEX_OUT_OF_RANGE, "member 4");
    assertRejected(check(f, withoutKey(f, IN_FORCE, 4, 2)), KeyChangeRejection.MEMBER_INDEX_OUT_OF_RANGE, "member 4");
    KeyChange<K, S> huge =
        new KeyChange<>(INDEX, IN_FORCE, UInt64.MAX_VALUE, f.key(3), f.proof(3, INDEX), UInt64.valueOf(2));
    assertRejected(check(f, huge), KeyChangeRejection.MEMBER_INDEX_OUT_OF_RANGE, "member 18446744073709551615");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aChangeWithoutAKeyMustCarryTheZeroProof(SchemeFixture<K, S> f) {
    K zero = KeyChange.zeroPubkey(f.scheme());
    KeyChange<K, S> removal = KeyChange.withKey(INDEX, IN_FORCE, 1, zero, f.proof(3, INDEX), 2);
    assertRejected(check(f, removal), KeyChangeRejection.PROOF_NOT_EMPTY, "all-zero proof");
    KeyChange<K, S> thresholdOnly = KeyChange.withKey(INDEX, IN_FORCE, 3, zero, f.proof(3, INDEX), 3);
    assertRejected(check(f, thresholdOnly), KeyChangeRejection.PROOF_NOT_EMPTY, "all-zero proof");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsRemovingTheOnlyMember(SchemeFixture<K, S> f) {
    GroupKeySets<K> single = group(f, 1, 1);
    Verdict<KeyChangeRejection> verdict =
        validator(f).validate(withoutKey(f, IN_FORCE, 0, 1), ROOT, f.onChain(single.current(NOW), ROOT, 0), context(f, single));
    assertRejected(verdict, KeyChangeRejection.CANNOT_REMOVE_LAST_MEMBER, "only member");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsANewKeyThatIsInUse(SchemeFixture<K, S> f) {
    assertRejected(check(f, withKey(f, IN_FORCE, 0, 1, 2)), KeyChangeRejection.KEY_IN_USE, "this group's key sets");
    assertRejected(check(f, withKey(f, IN_FORCE, 0, 0, 2)), KeyChangeRejection.KEY_IN_USE, "this group's key sets");
    assertRejected(check(f, withKey(f, IN_FORCE, 3, OWN, 2)), KeyChangeRejection.KEY_IN_USE, "this group's key sets");
    GroupKeySets<K> group = group(f);
    K taken = f.key(4);
    Verdict<KeyChangeRejection> elsewhere =
        validator(f).validate(withKey(f, IN_FORCE, 0, 4, 2), ROOT, authorised(f, group, NOW), context(f, group, NOW, 3, taken::equals));
    assertRejected(elsewhere, KeyChangeRejection.KEY_IN_USE, "used by a validator or a group");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void theOwnKeyIsInUseEvenAfterItsKeySetWasPruned(SchemeFixture<K, S> f) {
    GroupKeySets<K> pruned = group(f).pruned(epoch(79), TIMING);
    assertThat(pruned.containsKey(f.key(OWN))).isFalse();
    UInt64 later = epoch(80);
    Verdict<KeyChangeRejection> verdict =
        validator(f).validate(
            withKey(f, IN_FORCE, 0, OWN, 2), ROOT, authorised(f, pruned, later), context(f, pruned, later, 3, KeyUsage.none()));
    assertRejected(verdict, KeyChangeRejection.KEY_IN_USE, "own key");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aRetiredKeyStillStoredCannotComeBack(SchemeFixture<K, S> f) {
    GroupKeySets<K> rotated =
        GroupKeySets.fromStored(List.of(new GroupKeySet<>(2, f.keys(3), IN_FORCE), new GroupKeySet<>(2, List.of(f.key(3), f.key(1), f.key(2)), epoch(32))));
    UInt64 later = epoch(40);
    Verdict<KeyChangeRejection> verdict =
        validator(f).validate(withKey(f, epoch(32), 1, 0, 2), ROOT, authorised(f, rotated, later), context(f, rotated, later, 3, KeyUsage.none()));
    assertRejected(verdict, KeyChangeRejection.KEY_IN_USE, "this group's key sets");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsANewKeyWithoutAProofBoundToThisValidator(SchemeFixture<K, S> f) {
    KeyChange<K, S> foreignKeysProof = KeyChange.withKey(INDEX, IN_FORCE, 0, f.key(3), f.proof(5, INDEX), 2);
    assertRejected(check(f, foreignKeysProof), KeyChangeRejection.INVALID_PROOF_OF_POSSESSION, "does not verify for validator 42");
    KeyChange<K, S> replayed = KeyChange.withKey(INDEX, IN_FORCE, 0, f.key(3), f.proof(3, UInt64.valueOf(7)), 2);
    assertRejected(check(f, replayed), KeyChangeRejection.INVALID_PROOF_OF_POSSESSION, "does not verify for validator 42");
    KeyChange<K, S> unbound =
        KeyChange.withKey(INDEX, IN_FORCE, 0, f.key(3), f.sign(3, f.scheme().encodePublicKey(f.key(3))), 2);
    assertRejected(check(f, unbound), KeyChangeRejection.INVALID_PROOF_OF_POSSESSION, "does not verify");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAnInvalidNewKeyThroughItsProof(SchemeFixture<K, S> f) {
    K invalid = f.scheme().decodePublicKey(Bytes.repeat((byte) 0xff, f.scheme().publicKeySize()));
    assertThat(f.scheme().isValidPublicKey(invalid)).isFalse();
    KeyChange<K, S> change = KeyChange.withKey(INDEX, IN_FORCE, 0, invalid, f.proof(3, INDEX), 2);
    assertRejected(check(f, change), KeyChangeRejection.INVALID_PROOF_OF_POSSESSION, "invalid key");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAddingASeventeenthMember(SchemeFixture<K, S> f) {
    GroupKeySets<K> full = group(f, 9, 16);
    KeyChange<K, S> change = withKey(f, IN_FORCE, 16, 17, 9);
    Verdict<KeyChangeRejection> verdict =
        validator(f).validate(change, ROOT, authorised(f, full, NOW), context(f, full, NOW, 17, KeyUsage.none()));
    assertRejected(verdict, KeyChangeRejection.GROUP_FULL, "MAX_GROUP_SIZE = 16");
    // replacing a key of a full group is fine
    KeyChange<K, S> replace = withKey(f, IN_FORCE, 15, 17, 9);
    MemberSignatures<S> nine = f.onChain(full.current(NOW), ROOT, 0, 1, 2, 3, 4, 5, 6, 7, 8);
    assertAccepted(validator(f).validate(replace, ROOT, nine, context(f, full, NOW, 16, KeyUsage.none())));
  }

  // ---- threshold ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAThresholdOutsideOneToTheNewSize(SchemeFixture<K, S> f) {
    assertRejected(check(f, withoutKey(f, IN_FORCE, 3, 0)), KeyChangeRejection.THRESHOLD_OUT_OF_RANGE, "threshold 0 is outside [1, 3]");
    assertRejected(check(f, withKey(f, IN_FORCE, 0, 3, 4)), KeyChangeRejection.THRESHOLD_OUT_OF_RANGE, "threshold 4 is outside [1, 3]");
    assertRejected(check(f, withoutKey(f, IN_FORCE, 0, 3)), KeyChangeRejection.THRESHOLD_OUT_OF_RANGE, "threshold 3 is outside [1, 2]");
    KeyChange<K, S> huge =
        new KeyChange<>(INDEX, IN_FORCE, UInt64.valueOf(3), KeyChange.zeroPubkey(f.scheme()), KeyChange.zeroSignature(f.scheme()), UInt64.valueOf((1L << 32) + 3));
    assertRejected(check(f, huge), KeyChangeRejection.THRESHOLD_OUT_OF_RANGE, "threshold 4294967299");
  }

  // ---- authorisation ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void needsThresholdSignaturesOfTheKeySetInForce(SchemeFixture<K, S> f) {
    GroupKeySets<K> group = group(f);
    GroupKeySet<K> current = group.current(NOW);
    KeyChange<K, S> change = withKey(f, IN_FORCE, 0, 3, 2);
    KeyChangeValidator.Context<K> context = context(f, group);

    assertRejected(validator(f).validate(change, ROOT, f.onChain(current, ROOT, 1), context), KeyChangeRejection.NOT_AUTHORISED, "TOO_FEW_SIGNERS");
    MemberSignatures<S> outsider = MemberSignatures.individual(SignerSet.of(0, 1), List.of(f.sign(0, ROOT), f.sign(4, ROOT)));
    assertRejected(validator(f).validate(change, ROOT, outsider, context), KeyChangeRejection.NOT_AUTHORISED, "INVALID_SIGNATURE");
    assertRejected(
        validator(f).validate(change, ROOT, f.onChain(current, OTHER_ROOT, 0, 1), context), KeyChangeRejection.NOT_AUTHORISED, "INVALID_SIGNATURE");
    // the own key no longer speaks for the validator once the group is in force
    MemberSignatures<S> ownKey = MemberSignatures.individual(SignerSet.PLAIN, List.of(f.sign(OWN, ROOT)));
    assertRejected(validator(f).validate(change, ROOT, ownKey, context), KeyChangeRejection.NOT_AUTHORISED, "TOO_FEW_SIGNERS");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void checksInTheSpecsOrder(SchemeFixture<K, S> f) {
    GroupKeySets<K> group = group(f);
    MemberSignatures<S> unsigned = f.onChain(group.current(NOW), OTHER_ROOT, 0, 1);
    // stale epoch and bad signatures: the epoch first
    assertRejected(
        validator(f).validate(withoutKey(f, epoch(8), 3, 3), ROOT, unsigned, context(f, group)),
        KeyChangeRejection.STALE_KEY_SET_EPOCH,
        "current_key_set_epoch 8");
    // a bad proof and a full group: the proof first
    GroupKeySets<K> full = group(f, 9, 16);
    KeyChange<K, S> badProofFull = KeyChange.withKey(INDEX, IN_FORCE, 16, f.key(17), f.proof(4, INDEX), 9);
    assertRejected(
        validator(f).validate(badProofFull, ROOT, unsigned, context(f, full, NOW, 17, KeyUsage.none())),
        KeyChangeRejection.INVALID_PROOF_OF_POSSESSION,
        "does not verify");
    // too little balance and bad signatures: the balance first
    assertRejected(
        validator(f).validate(withKey(f, IN_FORCE, 3, 3, 2), ROOT, unsigned, context(f, group)),
        KeyChangeRejection.INSUFFICIENT_BALANCE,
        "below 4");
  }
}
