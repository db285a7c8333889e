package io.edvt.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.groups.ProposerSlashingValidator.SignedHeader;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code process_proposer_slashing} for both schemes. Validator 1 (own key 11) has keys 0..3 with
 * threshold 3 from epoch 16; validator 2 (own key 12) has no group. 8 slots per epoch. Each
 * header's signing root stands for {@code compute_signing_root(header, domain)}; here it is derived
 * from the header root.
 */
class ProposerSlashingValidatorTest {
  private static final List<SchemeFixture<?, ?>> SCHEMES = SchemeFixture.both(13);
  private static final UInt64 GROUP = UInt64.valueOf(1);
  private static final UInt64 PLAIN = UInt64.valueOf(2);
  private static final long GROUP_SLOT = 200; // epoch 25
  private static final long EARLY_SLOT = 100; // epoch 12: the own key is in force

  static List<SchemeFixture<?, ?>> schemes() {
    return SCHEMES;
  }

  private static <K> KeySetLookup<K> state(SchemeFixture<K, ?> f) {
    GroupKeySets<K> group = GroupKeySets.registered(f.key(11), new GroupKeySet<>(3, f.keys(4), UInt64.valueOf(16)));
    return (validatorIndex, epoch) -> {
      if (validatorIndex.equals(GROUP)) {
        return GroupKeySets.validatorKeySet(Optional.of(group), f.key(11), epoch);
      }
      if (validatorIndex.equals(PLAIN)) {
        return GroupKeySets.validatorKeySet(Optional.empty(), f.key(12), epoch);
      }
      return Optional.empty();
    };
  }

  private static <K, S> ProposerSlashingValidator<K, S> validator(SchemeFixture<K, S> f) {
    return new ProposerSlashingValidator<>(f.verifier(), 8);
  }

  private static Bytes32 root(int i) {
    return Bytes32.leftPad(Bytes.ofUnsignedInt(i));
  }

  private static Bytes signingRoot(Bytes32 headerRoot) {
    return Bytes32.wrap(headerRoot.xor(Bytes32.fromHexString("0x" + "3c".repeat(32))));
  }

  /** A header of {@code proposer} at {@code slot} signed by {@code members} of the key set in force then. */
  private static <K, S> SignedHeader<S> header(SchemeFixture<K, S> f, UInt64 proposer, long slot, int root, int... members) {
    Bytes32 headerRoot = root(root);
    GroupKeySet<K> keySet = state(f).keySet(proposer, UInt64.valueOf(slot / 8)).orElseThrow();
    return new SignedHeader<>(
        UInt64.valueOf(slot), proposer, headerRoot, signingRoot(headerRoot), f.onChain(keySet, signingRoot(headerRoot), members));
  }

  private static <K, S> Verdict<ProposerSlashingRejection> check(SchemeFixture<K, S> f, SignedHeader<S> a, SignedHeader<S> b) {
    return validator(f).validate(a, b, true, state(f));
  }

  private static void assertRejected(Verdict<ProposerSlashingRejection> verdict, ProposerSlashingRejection reason, String part) {
    assertThat(verdict.reason()).as(verdict.toString()).contains(reason);
    assertThat(verdict.message()).contains(part);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void twoHeadersEachSignedByThresholdMembersProveAnOffence(SchemeFixture<K, S> f) {
    Verdict<ProposerSlashingRejection> verdict =
        check(f, header(f, GROUP, GROUP_SLOT, 1, 0, 1, 2), header(f, GROUP, GROUP_SLOT, 2, 1, 2, 3));
    assertThat(verdict.isAccepted()).as(verdict.toString()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aHeaderWithFewerThanThresholdSignersProvesNothing(SchemeFixture<K, S> f) {
    assertRejected(
        check(f, header(f, GROUP, GROUP_SLOT, 1, 0, 1, 2), header(f, GROUP, GROUP_SLOT, 2, 2, 3)),
        ProposerSlashingRejection.INVALID_THRESHOLD_SIGNATURE,
        "header 2: TOO_FEW_SIGNERS");
    assertRejected(
        check(f, header(f, GROUP, GROUP_SLOT, 1, 2), header(f, GROUP, GROUP_SLOT, 2, 0, 1, 2)),
        ProposerSlashingRejection.INVALID_THRESHOLD_SIGNATURE,
        "header 1: TOO_FEW_SIGNERS");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void headersDifferingOnlyInSignersAreTheSameHeader(SchemeFixture<K, S> f) {
    assertRejected(
        check(f, header(f, GROUP, GROUP_SLOT, 1, 0, 1, 2), header(f, GROUP, GROUP_SLOT, 1, 1, 2, 3)),
        ProposerSlashingRejection.SAME_HEADER,
        "same header");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsOtherSlotsOtherProposersAndUnslashableProposers(SchemeFixture<K, S> f) {
    assertRejected(
        check(f, header(f, GROUP, GROUP_SLOT, 1, 0, 1, 2), header(f, GROUP, GROUP_SLOT + 1, 2, 0, 1, 2)),
        ProposerSlashingRejection.SLOT_MISMATCH,
        "201");
    assertRejected(
        check(f, header(f, GROUP, GROUP_SLOT, 1, 0, 1, 2), header(f, PLAIN, GROUP_SLOT, 2, 0)),
        ProposerSlashingRejection.PROPOSER_MISMATCH,
        "proposers 1 and 2");
    assertRejected(
        validator(f).validate(header(f, GROUP, GROUP_SLOT, 1, 0, 1, 2), header(f, GROUP, GROUP_SLOT, 2, 1, 2, 3), false, state(f)),
        ProposerSlashingRejection.PROPOSER_NOT_SLASHABLE,
        "validator 1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aValidatorWithoutAGroupSignsAsMemberZero(SchemeFixture<K, S> f) {
    assertThat(check(f, header(f, PLAIN, GROUP_SLOT, 1, 0), header(f, PLAIN, GROUP_SLOT, 2, 0)).isAccepted()).isTrue();
    SignedHeader<S> valid = header(f, PLAIN, GROUP_SLOT, 1, 0);
    SignedHeader<S> noBits =
        new SignedHeader<>(valid.slot(), PLAIN, root(2), signingRoot(root(2)), MemberSignatures.individual(SignerSet.EMPTY, List.of()));
    assertRejected(check(f, valid, noBits), ProposerSlashingRejection.INVALID_THRESHOLD_SIGNATURE, "header 2: TOO_FEW_SIGNERS");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void eachHeaderIsCheckedAgainstTheKeySetOfItsOwnEpoch(SchemeFixture<K, S> f) {
    // at epoch 12 the group's own key is in force: members' signatures do not count, the own key's do
    assertThat(check(f, header(f, GROUP, EARLY_SLOT, 1, 0), header(f, GROUP, EARLY_SLOT, 2, 0)).isAccepted()).isTrue();
    GroupKeySet<K> members = state(f).keySet(GROUP, UInt64.valueOf(25)).orElseThrow();
    SignedHeader<S> membersEarly =
        new SignedHeader<>(UInt64.valueOf(EARLY_SLOT), GROUP, root(2), signingRoot(root(2)), f.onChain(members, signingRoot(root(2)), 0, 1, 2));
    assertRejected(
        check(f, header(f, GROUP, EARLY_SLOT, 1, 0), membersEarly),
        ProposerSlashingRejection.INVALID_THRESHOLD_SIGNATURE,
        "header 2: SIGNER_OUT_OF_RANGE: signer 2 is not a member of a group of 1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aHeaderFromAPrunedKeySetCannotBeVerified(SchemeFixture<K, S> f) {
    SignedHeader<S> a = header(f, GROUP, EARLY_SLOT, 1, 0);
    SignedHeader<S> b = header(f, GROUP, EARLY_SLOT, 2, 0);
    GroupKeySets<K> pruned =
        GroupKeySets.registered(f.key(11), new GroupKeySet<>(3, f.keys(4), UInt64.valueOf(16))).pruned(UInt64.valueOf(300), new KeyRotationTiming(8, 256));
    KeySetLookup<K> later = (v, e) -> GroupKeySets.validatorKeySet(Optional.of(pruned), f.key(11), e);
    assertRejected(validator(f).validate(a, b, true, later), ProposerSlashingRejection.INVALID_THRESHOLD_SIGNATURE, "NO_KEY_SET");
  }
}
