package io.edvt.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Registration rules, one test per rejection reason, for both schemes. */
class RegistrationValidatorTest {
  private static final List<SchemeFixture<?, ?>> SCHEMES = SchemeFixture.both(17);
  private static final UInt64 MIN_ACTIVATION_BALANCE = UInt64.valueOf(32_000_000_000L);
  private static final UInt64 INDEX = UInt64.valueOf(42);

  static List<SchemeFixture<?, ?>> schemes() {
    return SCHEMES;
  }

  private static RegistrantStatus eligible(int n) {
    return new RegistrantStatus(MIN_ACTIVATION_BALANCE.times(n), true, false, false, false);
  }

  private static <K, S> RegistrationValidator<K, S> validator(SchemeFixture<K, S> f) {
    return new RegistrationValidator<>(f.scheme(), MIN_ACTIVATION_BALANCE);
  }

  /** Keys {@code 0..n-1} with their own proofs. */
  private static <K, S> GroupRegistration<K, S> registration(SchemeFixture<K, S> f, int m, int n) {
    return new GroupRegistration<>(INDEX, m, f.keys(n), proofs(f, IntStream.range(0, n).toArray()));
  }

  private static <K, S> List<S> proofs(SchemeFixture<K, S> f, int... keys) {
    return IntStream.of(keys).mapToObj(f::proof).toList();
  }

  private static <K, S> Verdict<RegistrationRejection> check(
      SchemeFixture<K, S> f, GroupRegistration<K, S> registration, RegistrantStatus status) {
    return validator(f).validate(registration, status, KeyUsage.none());
  }

  private static <K, S> void assertRejected(
      Verdict<RegistrationRejection> verdict, RegistrationRejection reason, String messagePart) {
    assertThat(verdict.reason()).as(verdict.toString()).contains(reason);
    assertThat(verdict.message()).contains(messagePart);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void acceptsAValidRegistrationAndBuildsItsKeySet(SchemeFixture<K, S> f) {
    GroupRegistration<K, S> registration = registration(f, 2, 3);
    Verdict<RegistrationRejection> verdict = check(f, registration, eligible(3));
    assertThat(verdict.isAccepted()).as(verdict.toString()).isTrue();
    GroupKeySet<K> set = validator(f).keySet(registration, UInt64.valueOf(7));
    assertThat(set.threshold()).isEqualTo(2);
    assertThat(set.keys()).containsExactlyElementsOf(f.keys(3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void acceptsTheLargestGroupAndASingleMemberGroup(SchemeFixture<K, S> f) {
    assertThat(check(f, registration(f, 9, 16), eligible(16)).isAccepted()).isTrue();
    assertThat(check(f, registration(f, 1, 1), eligible(1)).isAccepted()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAValidatorThatIsNotActive(SchemeFixture<K, S> f) {
    RegistrantStatus status = new RegistrantStatus(MIN_ACTIVATION_BALANCE.times(3), false, false, false, false);
    assertRejected(check(f, registration(f, 2, 3), status), RegistrationRejection.VALIDATOR_NOT_ACTIVE, "validator 42");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsASlashedValidator(SchemeFixture<K, S> f) {
    RegistrantStatus status = new RegistrantStatus(MIN_ACTIVATION_BALANCE.times(3), true, true, false, false);
    assertRejected(check(f, registration(f, 2, 3), status), RegistrationRejection.VALIDATOR_SLASHED, "slashed");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAnExitingValidator(SchemeFixture<K, S> f) {
    RegistrantStatus status = new RegistrantStatus(MIN_ACTIVATION_BALANCE.times(3), true, false, true, false);
    assertRejected(check(f, registration(f, 2, 3), status), RegistrationRejection.VALIDATOR_EXITING, "exit");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAValidatorAlreadyInAGroup(SchemeFixture<K, S> f) {
    RegistrantStatus status = new RegistrantStatus(MIN_ACTIVATION_BALANCE.times(3), true, false, false, true);
    assertRejected(check(f, registration(f, 2, 3), status), RegistrationRejection.ALREADY_IN_GROUP, "already has a group");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAGroupWithoutKeys(SchemeFixture<K, S> f) {
    GroupRegistration<K, S> empty = new GroupRegistration<>(INDEX, 1, List.of(), List.of());
    assertRejected(check(f, empty, eligible(1)), RegistrationRejection.NO_KEYS, "at least one");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsMoreThanSixteenKeys(SchemeFixture<K, S> f) {
    GroupRegistration<K, S> big = new GroupRegistration<>(INDEX, 9, f.keys(17), proofs(f, IntStream.range(0, 17).toArray()));
    assertRejected(check(f, big, eligible(17)), RegistrationRejection.TOO_MANY_KEYS, "17 keys, at most MAX_GROUP_SIZE = 16");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAThresholdBelowOne(SchemeFixture<K, S> f) {
    assertRejected(check(f, registration(f, 0, 3), eligible(3)), RegistrationRejection.THRESHOLD_TOO_LOW, "threshold 0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAThresholdAboveTheGroupSize(SchemeFixture<K, S> f) {
    assertRejected(
        check(f, registration(f, 4, 3), eligible(3)), RegistrationRejection.THRESHOLD_ABOVE_GROUP_SIZE, "threshold 4 exceeds the 3 keys");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAMissingProofOfPossession(SchemeFixture<K, S> f) {
    GroupRegistration<K, S> registration = new GroupRegistration<>(INDEX, 2, f.keys(3), proofs(f, 0, 1));
    assertRejected(check(f, registration, eligible(3)), RegistrationRejection.PROOF_COUNT_MISMATCH, "3 keys but 2 proofs");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsABalanceBelowOneMinimumActivationBalancePerMember(SchemeFixture<K, S> f) {
    RegistrantStatus status =
        new RegistrantStatus(MIN_ACTIVATION_BALANCE.times(3).minus(1), true, false, false, false);
    assertRejected(
        check(f, registration(f, 2, 3), status), RegistrationRejection.INSUFFICIENT_BALANCE, "3 * MIN_ACTIVATION_BALANCE = 96000000000");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAnInvalidPublicKey(SchemeFixture<K, S> f) {
    K zeros = f.scheme().decodePublicKey(Bytes.wrap(new byte[f.scheme().publicKeySize()]));
    List<K> keys = new ArrayList<>(f.keys(3));
    keys.set(1, zeros);
    GroupRegistration<K, S> registration = new GroupRegistration<>(INDEX, 2, keys, proofs(f, 0, 1, 2));
    assertRejected(check(f, registration, eligible(3)), RegistrationRejection.INVALID_PUBLIC_KEY, "member 1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsTheSameKeyForTwoMembers(SchemeFixture<K, S> f) {
    List<K> keys = List.of(f.key(0), f.key(1), f.key(0));
    GroupRegistration<K, S> registration = new GroupRegistration<>(INDEX, 2, keys, proofs(f, 0, 1, 0));
    assertRejected(check(f, registration, eligible(3)), RegistrationRejection.DUPLICATE_KEY, "members 0 and 2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAKeyAlreadyUsedElsewhere(SchemeFixture<K, S> f) {
    K taken = f.key(2);
    Verdict<RegistrationRejection> verdict =
        validator(f).validate(registration(f, 2, 3), eligible(3), key -> key.equals(taken));
    assertRejected(verdict, RegistrationRejection.KEY_ALREADY_USED, "member 2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAProofOfPossessionThatIsNotForItsKey(SchemeFixture<K, S> f) {
    GroupRegistration<K, S> swapped = new GroupRegistration<>(INDEX, 2, f.keys(3), proofs(f, 0, 2, 1));
    assertRejected(check(f, swapped, eligible(3)), RegistrationRejection.INVALID_PROOF_OF_POSSESSION, "member 1");
    // an ordinary signature over the key bytes is not a proof of possession
    S plain = f.sign(0, f.scheme().encodePublicKey(f.key(0)));
    List<S> proofs = new ArrayList<>(proofs(f, 0, 1, 2));
    proofs.set(0, plain);
    GroupRegistration<K, S> notAProof = new GroupRegistration<>(INDEX, 2, f.keys(3), proofs);
    assertRejected(check(f, notAProof, eligible(3)), RegistrationRejection.INVALID_PROOF_OF_POSSESSION, "member 0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void warnsWhenTheThresholdIsNotAMajority(SchemeFixture<K, S> f) {
    assertThat(validator(f).warnings(registration(f, 2, 4))).containsExactly(GroupWarning.THRESHOLD_NOT_A_MAJORITY);
    assertThat(validator(f).warnings(registration(f, 3, 4))).isEmpty();
    assertThat(RegistrationValidator.warnings(1, 2)).containsExactly(GroupWarning.THRESHOLD_NOT_A_MAJORITY);
    assertThat(RegistrationValidator.warnings(1, 1)).isEmpty();
    assertThat(GroupWarning.THRESHOLD_NOT_A_MAJORITY.description()).contains("2m <= n");
    assertThat(check(f, registration(f, 2, 4), eligible(4)).isAccepted()).as("valid on chain").isTrue();
  }
}
