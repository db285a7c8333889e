package io.edvt.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key change rules for both schemes. The group: keys 0..2, threshold 2, registered at epoch 0;
 * key 3 is the incoming key, key 4 belongs to someone else. Periods of 8 epochs, window 16.
 */
class KeyChangeValidatorTest {
  private static final List<SchemeFixture<?, ?>> SCHEMES = SchemeFixture.both(17);
  private static final KeyRotationTiming TIMING = new KeyRotationTiming(8, 16);
  private static final UInt64 MIN_ACTIVATION_BALANCE = UInt64.valueOf(32_000_000_000L);
  private static final Bytes ROOT = Bytes32.fromHexString("0x" + "c4".repeat(32));
  private static final Bytes OTHER_ROOT = Bytes32.fromHexString("0x" + "c5".repeat(32));
  private static final UInt64 NOW = UInt64.valueOf(5);

  static List<SchemeFixture<?, ?>> schemes() {
    return SCHEMES;
  }

  private static <K, S> KeyChangeValidator<K, S> validator(SchemeFixture<K, S> f) {
    return new KeyChangeValidator<>(f.verifier(), MIN_ACTIVATION_BALANCE);
  }

  private static <K> GroupKeySets<K> group(SchemeFixture<K, ?> f) {
    return GroupKeySets.of(f.keySet(2, 3, 0), TIMING);
  }

  private static <K> KeyChangeValidator.Context<K> context(GroupKeySets<K> sets, UInt64 epoch, long balanceMembers, KeyUsage<K> usage) {
    return new KeyChangeValidator.Context<>(sets, epoch, MIN_ACTIVATION_BALANCE.times(balanceMembers), usage);
  }

  private static <K> KeyChangeValidator.Context<K> context(GroupKeySets<K> sets) {
    return context(sets, NOW, 3, KeyUsage.none());
  }

  /** Signatures of members 0 and 1 of the key set in force at {@code epoch}, over ROOT. */
  private static <K, S> MemberSignatures<S> authorised(SchemeFixture<K, S> f, GroupKeySets<K> sets, UInt64 epoch) {
    return f.onChain(sets.current(epoch), ROOT, 0, 1);
  }

  private static <K, S> Verdict<KeyChangeRejection> check(SchemeFixture<K, S> f, KeyChange<K, S> change) {
    GroupKeySets<K> sets = group(f);
    return validator(f).validate(change, ROOT, authorised(f, sets, NOW), context(sets));
  }

  private static void assertRejected(Verdict<KeyChangeRejection> verdict, KeyChangeRejection reason, String messagePart) {
    assertThat(verdict.reason()).as(verdict.toString()).contains(reason);
    assertThat(verdict.message()).contains(messagePart);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void acceptsAReplacementSignedByThresholdMembersAndSchedulesIt(SchemeFixture<K, S> f) {
    GroupKeySets<K> sets = group(f);
    KeyChange<K, S> change = KeyChange.replaceKey(0, f.key(3), f.proof(3));
    Verdict<KeyChangeRejection> verdict = validator(f).validate(change, ROOT, authorised(f, sets, NOW), context(sets));
    assertThat(verdict.isAccepted()).as(verdict.toString()).isTrue();

    GroupKeySets<K> after = validator(f).apply(change, sets, NOW);
    GroupKeySet<K> pending = after.pending(NOW).orElseThrow();
    assertThat(pending.activationEpoch()).isEqualTo(UInt64.valueOf(16));
    assertThat(pending.keys()).containsExactly(f.key(3), f.key(1), f.key(2));
    assertThat(pending.threshold()).isEqualTo(2);
    assertThat(after.current(UInt64.valueOf(15)).key(0)).isEqualTo(f.key(0));
    assertThat(after.current(UInt64.valueOf(16)).key(0)).isEqualTo(f.key(3));
    assertThat(after.isSlashableKey(f.key(0), UInt64.valueOf(31))).isTrue();
    assertThat(after.isSlashableKey(f.key(0), UInt64.valueOf(32))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void acceptsAddingAMemberAtIndexNWhenTheBalanceCoversIt(SchemeFixture<K, S> f) {
    GroupKeySets<K> sets = group(f);
    KeyChange<K, S> change = KeyChange.replaceKeyAndSetThreshold(3, f.key(3), f.proof(3), 3);
    Verdict<KeyChangeRejection> verdict =
        validator(f).validate(change, ROOT, authorised(f, sets, NOW), context(sets, NOW, 4, KeyUsage.none()));
    assertThat(verdict.isAccepted()).as(verdict.toString()).isTrue();
    GroupKeySet<K> pending = validator(f).apply(change, sets, NOW).pending(NOW).orElseThrow();
    assertThat(pending.keys()).containsExactly(f.key(0), f.key(1), f.key(2), f.key(3));
    assertThat(pending.threshold()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAddingAMemberWithoutTheBalanceForIt(SchemeFixture<K, S> f) {
    assertRejected(
        check(f, KeyChange.replaceKey(3, f.key(3), f.proof(3))),
        KeyChangeRejection.INSUFFICIENT_BALANCE,
        "below 4 * MIN_ACTIVATION_BALANCE");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAddingASeventeenthMember(SchemeFixture<K, S> f) {
    GroupKeySets<K> full = GroupKeySets.of(f.keySet(9, 16, 0), TIMING);
    KeyChange<K, S> change = KeyChange.replaceKey(16, f.key(16), f.proof(16));
    Verdict<KeyChangeRejection> verdict =
        validator(f).validate(change, ROOT, authorised(f, full, NOW), context(full, NOW, 17, KeyUsage.none()));
    assertRejected(verdict, KeyChangeRejection.GROUP_FULL, "MAX_GROUP_SIZE = 16");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void acceptsAThresholdChangeAloneButNotOneThatChangesNothing(SchemeFixture<K, S> f) {
    assertThat(check(f, KeyChange.setThreshold(3)).isAccepted()).isTrue();
    assertThat(validator(f).apply(KeyChange.<K, S>setThreshold(3), group(f), NOW).pending(NOW).orElseThrow().threshold())
        .isEqualTo(3);
    assertRejected(check(f, KeyChange.setThreshold(2)), KeyChangeRejection.NO_EFFECT, "threshold 2 is already in force");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAThresholdOutsideOneToN(SchemeFixture<K, S> f) {
    assertRejected(check(f, KeyChange.setThreshold(0)), KeyChangeRejection.THRESHOLD_OUT_OF_RANGE, "outside [1, 3]");
    assertRejected(check(f, KeyChange.setThreshold(4)), KeyChangeRejection.THRESHOLD_OUT_OF_RANGE, "threshold 4");
    assertRejected(
        check(f, KeyChange.replaceKeyAndSetThreshold(0, f.key(3), f.proof(3), 4)),
        KeyChangeRejection.THRESHOLD_OUT_OF_RANGE,
        "outside [1, 3]");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAChangeWithNeitherKeyNorThreshold(SchemeFixture<K, S> f) {
    KeyChange<K, S> empty = new KeyChange<>(java.util.Optional.empty(), java.util.OptionalInt.empty());
    assertRejected(check(f, empty), KeyChangeRejection.EMPTY_CHANGE, "neither");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAMemberIndexBeyondN(SchemeFixture<K, S> f) {
    assertRejected(
        check(f, KeyChange.replaceKey(4, f.key(3), f.proof(3))), KeyChangeRejection.MEMBER_INDEX_OUT_OF_RANGE, "member 4");
    assertRejected(
        check(f, KeyChange.replaceKey(-1, f.key(3), f.proof(3))), KeyChangeRejection.MEMBER_INDEX_OUT_OF_RANGE, "member -1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsANewKeyThatIsAlreadyOneOfTheGroupsKeys(SchemeFixture<K, S> f) {
    assertRejected(check(f, KeyChange.replaceKey(0, f.key(1), f.proof(1))), KeyChangeRejection.KEY_ALREADY_IN_GROUP, "already one");
    assertRejected(check(f, KeyChange.replaceKey(0, f.key(0), f.proof(0))), KeyChangeRejection.KEY_ALREADY_IN_GROUP, "already one");

    // a retired key (still slashable) cannot come back either
    GroupKeySets<K> rotated = group(f).scheduleChange(2, List.of(f.key(3), f.key(1), f.key(2)), NOW);
    UInt64 later = UInt64.valueOf(20);
    Verdict<KeyChangeRejection> verdict =
        validator(f).validate(
            KeyChange.replaceKey(1, f.key(0), f.proof(0)), ROOT, authorised(f, rotated, later), context(rotated, later, 3, KeyUsage.none()));
    assertRejected(verdict, KeyChangeRejection.KEY_ALREADY_IN_GROUP, "retired");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsANewKeyUsedByAnotherValidatorOrGroup(SchemeFixture<K, S> f) {
    GroupKeySets<K> sets = group(f);
    K taken = f.key(4);
    Verdict<KeyChangeRejection> verdict =
        validator(f).validate(
            KeyChange.replaceKey(0, taken, f.proof(4)), ROOT, authorised(f, sets, NOW), context(sets, NOW, 3, taken::equals));
    assertRejected(verdict, KeyChangeRejection.KEY_ALREADY_USED, "another validator");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAnInvalidNewKey(SchemeFixture<K, S> f) {
    K zeros = f.scheme().decodePublicKey(Bytes.wrap(new byte[f.scheme().publicKeySize()]));
    assertRejected(check(f, KeyChange.replaceKey(0, zeros, f.proof(3))), KeyChangeRejection.INVALID_PUBLIC_KEY, "not a valid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAChangeWithoutThresholdAuthorisation(SchemeFixture<K, S> f) {
    GroupKeySets<K> sets = group(f);
    GroupKeySet<K> current = sets.current(NOW);
    KeyChange<K, S> change = KeyChange.replaceKey(0, f.key(3), f.proof(3));
    KeyChangeValidator.Context<K> context = context(sets);

    Verdict<KeyChangeRejection> oneSigner = validator(f).validate(change, ROOT, f.onChain(current, ROOT, 1), context);
    assertRejected(oneSigner, KeyChangeRejection.NOT_AUTHORISED, "TOO_FEW_SIGNERS");

    MemberSignatures<S> outsider =
        MemberSignatures.individual(SignerSet.of(0, 1), List.of(f.sign(0, ROOT), f.sign(4, ROOT)));
    assertRejected(validator(f).validate(change, ROOT, outsider, context), KeyChangeRejection.NOT_AUTHORISED, "INVALID_SIGNATURE");

    Verdict<KeyChangeRejection> otherRoot =
        validator(f).validate(change, ROOT, f.onChain(current, OTHER_ROOT, 0, 1), context);
    assertRejected(otherRoot, KeyChangeRejection.NOT_AUTHORISED, "INVALID_SIGNATURE");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsANewKeyWithoutAValidProofOfPossession(SchemeFixture<K, S> f) {
    assertRejected(
        check(f, KeyChange.replaceKey(0, f.key(3), f.proof(5))), KeyChangeRejection.INVALID_PROOF_OF_POSSESSION, "member 0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsASecondChangeWhileOneIsPending(SchemeFixture<K, S> f) {
    GroupKeySets<K> pending = group(f).scheduleChange(3, f.keys(3), NOW);
    Verdict<KeyChangeRejection> verdict =
        validator(f).validate(KeyChange.replaceKey(0, f.key(3), f.proof(3)), ROOT, authorised(f, pending, NOW), context(pending));
    assertRejected(verdict, KeyChangeRejection.CHANGE_ALREADY_PENDING, "epoch 16");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAChangeBeforeTheGroupIsInForce(SchemeFixture<K, S> f) {
    GroupKeySets<K> future = GroupKeySets.of(f.keySet(2, 3, 10), TIMING);
    Verdict<KeyChangeRejection> verdict =
        validator(f).validate(KeyChange.setThreshold(3), ROOT, f.onChain(future.current(UInt64.valueOf(10)), ROOT, 0, 1), context(future));
    assertRejected(verdict, KeyChangeRejection.NO_KEY_SET_IN_FORCE, "epoch 5");
  }
}
