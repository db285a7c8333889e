package io.edvt.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code process_group_registration}, one test per assertion, for both schemes. Validator 42 has
 * own key 16 and registers keys 0..n-1 in epoch 5; periods of 8 epochs.
 */
class RegistrationValidatorTest {
  private static final List<SchemeFixture<?, ?>> SCHEMES = SchemeFixture.both(18);
  private static final UInt64 MIN_ACTIVATION_BALANCE = UInt64.valueOf(32_000_000_000L);
  private static final KeyRotationTiming TIMING = new KeyRotationTiming(8, 16);
  private static final UInt64 INDEX = UInt64.valueOf(42);
  private static final UInt64 NOW = UInt64.valueOf(5);
  private static final int OWN = 16;
  /** Stands for {@code compute_signing_root(registration, get_domain(state, DOMAIN_GROUP_REGISTRATION))}. */
  private static final Bytes ROOT = Bytes32.fromHexString("0x" + "a7".repeat(32));

  static List<SchemeFixture<?, ?>> schemes() {
    return SCHEMES;
  }

  private static <K> ValidatorStatus<K> eligible(SchemeFixture<K, ?> f, int n) {
    return new ValidatorStatus<>(f.key(OWN), MIN_ACTIVATION_BALANCE.times(n), true, false, false);
  }

  private static <K> RegistrationValidator.Context<K> context(ValidatorStatus<K> status) {
    return new RegistrationValidator.Context<>(Optional.of(status), false, NOW, KeyUsage.none(), SchemeFixture.KEY_PROOF_DOMAIN);
  }

  private static <K, S> RegistrationValidator<K, S> validator(SchemeFixture<K, S> f) {
    return new RegistrationValidator<>(f.scheme(), MIN_ACTIVATION_BALANCE, TIMING);
  }

  /** Keys {@code 0..n-1} with their proofs for validator 42. */
  private static <K, S> GroupRegistration<K, S> registration(SchemeFixture<K, S> f, int m, int n) {
    return GroupRegistration.of(INDEX, m, f.keys(n), proofs(f, IntStream.range(0, n).toArray()));
  }

  private static <K, S> List<S> proofs(SchemeFixture<K, S> f, int... keys) {
    return IntStream.of(keys).mapToObj(k -> f.proof(k, INDEX)).toList();
  }

  private static <K, S> S ownSignature(SchemeFixture<K, S> f) {
    return f.sign(OWN, ROOT);
  }

  private static <K, S> Verdict<RegistrationRejection> check(
      SchemeFixture<K, S> f, GroupRegistration<K, S> registration, RegistrationValidator.Context<K> context) {
    return validator(f).validate(registration, ROOT, ownSignature(f), context);
  }

  private static <K, S> Verdict<RegistrationRejection> check(SchemeFixture<K, S> f, GroupRegistration<K, S> registration) {
    return check(f, registration, context(eligible(f, registration.pubkeys().size())));
  }

  private static void assertRejected(Verdict<RegistrationRejection> verdict, RegistrationRejection reason, String messagePart) {
    assertThat(verdict.reason()).as(verdict.toString()).contains(reason);
    assertThat(verdict.message()).contains(messagePart);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void acceptsAValidRegistrationAndStoresTheOwnKeyFirst(SchemeFixture<K, S> f) {
    GroupRegistration<K, S> registration = registration(f, 2, 3);
    RegistrationValidator.Context<K> context = context(eligible(f, 3));
    Verdict<RegistrationRejection> verdict = check(f, registration, context);
    assertThat(verdict.isAccepted()).as(verdict.toString()).isTrue();

    GroupKeySets<K> stored = validator(f).keySets(registration, context);
    assertThat(stored.keySets()).hasSize(2);
    assertThat(stored.keySets().get(0)).isEqualTo(GroupKeySet.plain(f.key(OWN)));
    GroupKeySet<K> group = stored.keySets().get(1);
    assertThat(group.threshold()).isEqualTo(2);
    assertThat(group.keys()).containsExactlyElementsOf(f.keys(3));
    assertThat(group.activationEpoch()).as("compute_key_set_activation_epoch(5)").isEqualTo(UInt64.valueOf(16));
    assertThat(stored.keySetAt(UInt64.valueOf(15)).orElseThrow().keys()).containsExactly(f.key(OWN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void acceptsTheLargestGroupAndASingleMemberGroup(SchemeFixture<K, S> f) {
    assertThat(check(f, registration(f, 9, 16)).isAccepted()).isTrue();
    assertThat(check(f, registration(f, 1, 1)).isAccepted()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsMoreThanSixteenKeys(SchemeFixture<K, S> f) {
    List<K> keys = new ArrayList<>(f.keys(16));
    keys.add(f.key(17));
    List<S> proofs = new ArrayList<>(proofs(f, IntStream.range(0, 16).toArray()));
    proofs.add(f.proof(17, INDEX));
    GroupRegistration<K, S> big = GroupRegistration.of(INDEX, 9, keys, proofs);
    assertRejected(check(f, big, context(eligible(f, 17))), RegistrationRejection.TOO_MANY_KEYS, "17 keys");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAnUnknownValidator(SchemeFixture<K, S> f) {
    RegistrationValidator.Context<K> unknown =
        new RegistrationValidator.Context<>(Optional.empty(), false, NOW, KeyUsage.none(), SchemeFixture.KEY_PROOF_DOMAIN);
    assertRejected(check(f, registration(f, 2, 3), unknown), RegistrationRejection.UNKNOWN_VALIDATOR, "validator 42");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAValidatorThatIsNotActiveIsSlashedOrIsExiting(SchemeFixture<K, S> f) {
    UInt64 balance = MIN_ACTIVATION_BALANCE.times(3);
    assertRejected(
        check(f, registration(f, 2, 3), context(new ValidatorStatus<>(f.key(OWN), balance, false, false, false))),
        RegistrationRejection.VALIDATOR_NOT_ACTIVE,
        "not active");
    assertRejected(
        check(f, registration(f, 2, 3), context(new ValidatorStatus<>(f.key(OWN), balance, true, true, false))),
        RegistrationRejection.VALIDATOR_SLASHED,
        "slashed");
    assertRejected(
        check(f, registration(f, 2, 3), context(new ValidatorStatus<>(f.key(OWN), balance, true, false, true))),
        RegistrationRejection.VALIDATOR_EXITING,
        "exit");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAValidatorThatAlreadyHasAGroup(SchemeFixture<K, S> f) {
    RegistrationValidator.Context<K> grouped =
        new RegistrationValidator.Context<>(Optional.of(eligible(f, 3)), true, NOW, KeyUsage.none(), SchemeFixture.KEY_PROOF_DOMAIN);
    assertRejected(check(f, registration(f, 2, 3), grouped), RegistrationRejection.ALREADY_IN_GROUP, "already has a group");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAThresholdOutsideOneToN(SchemeFixture<K, S> f) {
    assertRejected(check(f, registration(f, 0, 3)), RegistrationRejection.THRESHOLD_OUT_OF_RANGE, "threshold 0 is outside [1, 3]");
    assertRejected(check(f, registration(f, 4, 3)), RegistrationRejection.THRESHOLD_OUT_OF_RANGE, "threshold 4 is outside [1, 3]");
    GroupRegistration<K, S> empty = GroupRegistration.of(INDEX, 1, List.of(), List.of());
    assertRejected(check(f, empty, context(eligible(f, 1))), RegistrationRejection.THRESHOLD_OUT_OF_RANGE, "no keys");
    // a uint64 threshold that an int cast would turn into 2
    GroupRegistration<K, S> huge =
        new GroupRegistration<>(INDEX, UInt64.valueOf((1L << 32) + 2), f.keys(3), proofs(f, 0, 1, 2));
    assertRejected(check(f, huge), RegistrationRejection.THRESHOLD_OUT_OF_RANGE, "4294967298");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAMissingProofOfPossession(SchemeFixture<K, S> f) {
    GroupRegistration<K, S> registration = GroupRegistration.of(INDEX, 2, f.keys(3), proofs(f, 0, 1));
    assertRejected(check(f, registration), RegistrationRejection.PROOF_COUNT_MISMATCH, "3 keys but 2 proofs");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsABalanceBelowOneMinimumActivationBalancePerMember(SchemeFixture<K, S> f) {
    ValidatorStatus<K> poor = new ValidatorStatus<>(f.key(OWN), MIN_ACTIVATION_BALANCE.times(3).minus(1), true, false, false);
    assertRejected(
        check(f, registration(f, 2, 3), context(poor)),
        RegistrationRejection.INSUFFICIENT_BALANCE,
        "3 * MIN_ACTIVATION_BALANCE = 96000000000");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsTheSameKeyForTwoMembers(SchemeFixture<K, S> f) {
    GroupRegistration<K, S> registration =
        GroupRegistration.of(INDEX, 2, List.of(f.key(0), f.key(1), f.key(0)), proofs(f, 0, 1, 0));
    assertRejected(check(f, registration), RegistrationRejection.DUPLICATE_KEY, "members 0 and 2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAKeyInUseByAValidatorOrAGroup(SchemeFixture<K, S> f) {
    K taken = f.key(2);
    RegistrationValidator.Context<K> context =
        new RegistrationValidator.Context<>(Optional.of(eligible(f, 3)), false, NOW, taken::equals, SchemeFixture.KEY_PROOF_DOMAIN);
    assertRejected(check(f, registration(f, 2, 3), context), RegistrationRejection.KEY_IN_USE, "member 2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsTheValidatorsOwnKeyAsAMemberKey(SchemeFixture<K, S> f) {
    GroupRegistration<K, S> registration =
        GroupRegistration.of(INDEX, 2, List.of(f.key(0), f.key(OWN)), List.of(f.proof(0, INDEX), f.proof(OWN, INDEX)));
    assertRejected(check(f, registration), RegistrationRejection.KEY_IN_USE, "own key");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsARegistrationNotSignedByTheOwnKey(SchemeFixture<K, S> f) {
    GroupRegistration<K, S> registration = registration(f, 2, 3);
    RegistrationValidator.Context<K> context = context(eligible(f, 3));
    Verdict<RegistrationRejection> byMember = validator(f).validate(registration, ROOT, f.sign(0, ROOT), context);
    assertRejected(byMember, RegistrationRejection.INVALID_SIGNATURE, "own key of validator 42");
    Bytes otherRoot = Bytes32.fromHexString("0x" + "a8".repeat(32));
    Verdict<RegistrationRejection> otherMessage = validator(f).validate(registration, ROOT, f.sign(OWN, otherRoot), context);
    assertRejected(otherMessage, RegistrationRejection.INVALID_SIGNATURE, "own key");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAProofOfPossessionThatIsNotForItsKey(SchemeFixture<K, S> f) {
    GroupRegistration<K, S> swapped = GroupRegistration.of(INDEX, 2, f.keys(3), proofs(f, 0, 2, 1));
    assertRejected(check(f, swapped), RegistrationRejection.INVALID_PROOF_OF_POSSESSION, "member 1 does not verify");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAProofMadeForAnotherValidator(SchemeFixture<K, S> f) {
    // someone copies validator 7's keys and proofs into a registration for validator 42
    UInt64 victim = UInt64.valueOf(7);
    List<S> copied = IntStream.range(0, 3).mapToObj(k -> f.proof(k, victim)).toList();
    GroupRegistration<K, S> replay = GroupRegistration.of(INDEX, 2, f.keys(3), copied);
    assertRejected(check(f, replay), RegistrationRejection.INVALID_PROOF_OF_POSSESSION, "member 0 does not verify for validator 42");
    // the same proofs are fine for validator 7 itself
    GroupRegistration<K, S> genuine = GroupRegistration.of(victim, 2, f.keys(3), copied);
    assertThat(check(f, genuine).isAccepted()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAnUnboundProofOverTheKeyBytes(SchemeFixture<K, S> f) {
    List<S> proofs = new ArrayList<>(proofs(f, 0, 1, 2));
    proofs.set(0, f.sign(0, f.scheme().encodePublicKey(f.key(0))));
    GroupRegistration<K, S> unbound = GroupRegistration.of(INDEX, 2, f.keys(3), proofs);
    assertRejected(check(f, unbound), RegistrationRejection.INVALID_PROOF_OF_POSSESSION, "member 0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsAnInvalidKeyThroughItsProof(SchemeFixture<K, S> f) {
    List<K> keys = new ArrayList<>(f.keys(3));
    keys.set(1, KeyChange.zeroPubkey(f.scheme()));
    GroupRegistration<K, S> registration = GroupRegistration.of(INDEX, 2, keys, proofs(f, 0, 1, 2));
    assertRejected(check(f, registration), RegistrationRejection.INVALID_PROOF_OF_POSSESSION, "member 1 is for an invalid key");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void checksInTheSpecsOrder(SchemeFixture<K, S> f) {
    // wrong signature and a foreign proof: the signature is checked first
    List<S> proofs = new ArrayList<>(proofs(f, 0, 1, 2));
    proofs.set(2, f.proof(2, UInt64.valueOf(7)));
    GroupRegistration<K, S> registration = GroupRegistration.of(INDEX, 2, f.keys(3), proofs);
    assertRejected(
        validator(f).validate(registration, ROOT, f.sign(0, ROOT), context(eligible(f, 3))),
        RegistrationRejection.INVALID_SIGNATURE,
        "own key");
    // too little balance and a duplicate key: the balance is checked first
    GroupRegistration<K, S> duplicate = GroupRegistration.of(INDEX, 2, List.of(f.key(0), f.key(0)), proofs(f, 0, 0));
    assertRejected(check(f, duplicate, context(eligible(f, 1))), RegistrationRejection.INSUFFICIENT_BALANCE, "2 *");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void warnsWhenTheThresholdIsNotAMajority(SchemeFixture<K, S> f) {
    assertThat(validator(f).warnings(registration(f, 2, 4))).containsExactly(GroupWarning.THRESHOLD_NOT_A_MAJORITY);
    assertThat(validator(f).warnings(registration(f, 3, 4))).isEmpty();
    assertThat(RegistrationValidator.warnings(1, 2)).containsExactly(GroupWarning.THRESHOLD_NOT_A_MAJORITY);
    assertThat(RegistrationValidator.warnings(1, 1)).isEmpty();
    assertThat(GroupWarning.THRESHOLD_NOT_A_MAJORITY.description()).contains("2m <= n");
    assertThat(check(f, registration(f, 2, 4)).isAccepted()).as("valid on chain").isTrue();
  }
}
