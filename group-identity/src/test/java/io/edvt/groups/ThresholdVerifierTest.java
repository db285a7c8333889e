package io.edvt.groups;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** "At least m valid signatures from distinct members", for both schemes; group of 5, threshold 3. */
class ThresholdVerifierTest {
  private static final List<SchemeFixture<?, ?>> SCHEMES = SchemeFixture.both(6);
  private static final int OUTSIDER = 5;
  private static final Bytes ROOT = Bytes32.fromHexString("0x" + "11".repeat(32));
  private static final Bytes OTHER_ROOT = Bytes32.fromHexString("0x" + "22".repeat(32));

  static List<SchemeFixture<?, ?>> schemes() {
    return SCHEMES;
  }

  private static <K, S> GroupKeySet<K> group(SchemeFixture<K, S> f) {
    return f.keySet(3, 5, 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void acceptsExactlyThresholdSignersInBothIndividualShapes(SchemeFixture<K, S> f) {
    GroupKeySet<K> set = group(f);
    ThresholdResult bits = f.verifier().verify(set, ROOT, f.individual(set, ROOT, 0, 2, 4));
    ThresholdResult entries = f.verifier().verifyIndividual(set, ROOT, f.entries(set, ROOT, 4, 0, 2));
    assertThat(bits.isValid()).as(bits.toString()).isTrue();
    assertThat(bits.signers()).isEqualTo(SignerSet.of(0, 2, 4));
    assertThat(entries.isValid()).as(entries.toString()).isTrue();
    assertThat(entries.signers()).isEqualTo(SignerSet.of(0, 2, 4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void acceptsEveryMemberSigning(SchemeFixture<K, S> f) {
    GroupKeySet<K> set = group(f);
    ThresholdResult result = f.verifier().verify(set, ROOT, f.onChain(set, ROOT, 0, 1, 2, 3, 4));
    assertThat(result.isValid()).as(result.toString()).isTrue();
    assertThat(result.signers().count()).isEqualTo(5);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsOneSignerFewerThanThreshold(SchemeFixture<K, S> f) {
    GroupKeySet<K> set = group(f);
    ThresholdResult bits = f.verifier().verify(set, ROOT, f.individual(set, ROOT, 1, 3));
    ThresholdResult onChain = f.verifier().verify(set, ROOT, f.onChain(set, ROOT, 1, 3));
    assertThat(bits.failure()).contains(ThresholdFailure.TOO_FEW_SIGNERS);
    assertThat(bits.message()).contains("2 distinct signers, 3 required");
    assertThat(onChain.failure()).contains(ThresholdFailure.TOO_FEW_SIGNERS);
    assertThat(bits.signers()).isEqualTo(SignerSet.EMPTY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void countsRepeatedEntriesOfOneMemberOnce(SchemeFixture<K, S> f) {
    GroupKeySet<K> set = group(f);
    ThresholdResult twoMembers = f.verifier().verifyIndividual(set, ROOT, f.entries(set, ROOT, 0, 1, 1, 0, 1));
    assertThat(twoMembers.failure()).contains(ThresholdFailure.TOO_FEW_SIGNERS);
    assertThat(twoMembers.message()).startsWith("2 distinct signers");

    List<MemberSignature<S>> entries = new ArrayList<>(f.entries(set, ROOT, 0, 1, 2));
    // a second, different signature by member 1 over the same root, and one over another root:
    entries.add(new MemberSignature<>(1, f.signAgain(1, ROOT)));
    entries.add(new MemberSignature<>(2, f.sign(2, OTHER_ROOT)));
    ThresholdResult withRepeats = f.verifier().verifyIndividual(set, ROOT, entries);
    assertThat(withRepeats.isValid()).as(withRepeats.toString()).isTrue();
    assertThat(withRepeats.signers()).isEqualTo(SignerSet.of(0, 1, 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsASignatureByANonMember(SchemeFixture<K, S> f) {
    GroupKeySet<K> set = group(f);
    List<MemberSignature<S>> entries = new ArrayList<>(f.entries(set, ROOT, 0, 1));
    entries.add(new MemberSignature<>(2, f.sign(OUTSIDER, ROOT)));
    ThresholdResult result = f.verifier().verifyIndividual(set, ROOT, entries);
    assertThat(result.failure()).contains(ThresholdFailure.INVALID_SIGNATURE);
    assertThat(result.message()).contains("member 2");

    ThresholdResult bits =
        f.verifier().verifyIndividual(set, ROOT, SignerSet.of(0, 1, 2), List.of(f.sign(0, ROOT), f.sign(1, ROOT), f.sign(OUTSIDER, ROOT)));
    assertThat(bits.failure()).contains(ThresholdFailure.INVALID_SIGNATURE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsSignaturesOverAnotherMessage(SchemeFixture<K, S> f) {
    GroupKeySet<K> set = group(f);
    ThresholdResult result = f.verifier().verify(set, OTHER_ROOT, f.onChain(set, ROOT, 0, 1, 2));
    assertThat(result.failure()).contains(ThresholdFailure.INVALID_SIGNATURE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsASignerOutsideTheGroup(SchemeFixture<K, S> f) {
    GroupKeySet<K> set = group(f);
    List<MemberSignature<S>> entries = new ArrayList<>(f.entries(set, ROOT, 0, 1, 2));
    entries.add(new MemberSignature<>(5, f.sign(OUTSIDER, ROOT)));
    assertThat(f.verifier().verifyIndividual(set, ROOT, entries).failure())
        .contains(ThresholdFailure.SIGNER_OUT_OF_RANGE);
    List<MemberSignature<S>> negative = List.of(new MemberSignature<>(-1, f.sign(0, ROOT)));
    assertThat(f.verifier().verifyIndividual(set, ROOT, negative).failure())
        .contains(ThresholdFailure.SIGNER_OUT_OF_RANGE);
    ThresholdResult bits =
        f.verifier().verifyIndividual(set, ROOT, SignerSet.of(0, 1, 5), List.of(f.sign(0, ROOT), f.sign(1, ROOT), f.sign(OUTSIDER, ROOT)));
    assertThat(bits.failure()).contains(ThresholdFailure.SIGNER_OUT_OF_RANGE);
    assertThat(bits.message()).isEqualTo("signer 5 is not a member of a group of 5");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void rejectsASignatureCountThatDoesNotMatchTheSignerBits(SchemeFixture<K, S> f) {
    GroupKeySet<K> set = group(f);
    ThresholdResult result =
        f.verifier().verifyIndividual(set, ROOT, SignerSet.of(0, 1, 2), List.of(f.sign(0, ROOT), f.sign(1, ROOT)));
    assertThat(result.failure()).contains(ThresholdFailure.SIGNATURE_COUNT_MISMATCH);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void checksTheSignerCountBeforeVerifyingAnything(SchemeFixture<K, S> f) {
    CountingScheme<K, S> counting = new CountingScheme<>(f.scheme());
    ThresholdVerifier<K, S> verifier = new ThresholdVerifier<>(counting);
    GroupKeySet<K> set = group(f);
    assertThat(verifier.verify(set, ROOT, f.individual(set, ROOT, 0, 1)).failure()).contains(ThresholdFailure.TOO_FEW_SIGNERS);
    assertThat(counting.verifications()).isZero();
    // many entries for few members: at most one verification per member
    assertThat(verifier.verifyIndividual(set, ROOT, f.entries(set, ROOT, 0, 1, 2, 0, 1, 2, 0, 1, 2)).isValid()).isTrue();
    assertThat(counting.verifications()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void countsSignersBeforeCheckingTheirRangeAsTheSpecDoes(SchemeFixture<K, S> f) {
    GroupKeySet<K> set = group(f);
    // two named signers, one of them beyond n: is_valid_threshold_signature fails on the count first
    ThresholdResult result =
        f.verifier().verifyIndividual(set, ROOT, SignerSet.of(0, 5), List.of(f.sign(0, ROOT), f.sign(OUTSIDER, ROOT)));
    assertThat(result.failure()).contains(ThresholdFailure.TOO_FEW_SIGNERS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aPlainSignerNamesMemberZeroAndEmptyBitsNeverVerify(SchemeFixture<K, S> f) {
    GroupKeySet<K> plain = GroupKeySet.plain(f.key(0));
    ThresholdResult valid = f.verifier().verify(plain, ROOT, f.onChain(plain, ROOT, 0));
    assertThat(valid.isValid()).as(valid.toString()).isTrue();
    assertThat(valid.signers()).isEqualTo(SignerSet.PLAIN);
    assertThat(f.verifier().verifyIndividual(plain, ROOT, SignerSet.EMPTY, List.of()).failure())
        .contains(ThresholdFailure.TOO_FEW_SIGNERS);
    assertThat(f.verifier().verifyIndividual(plain, ROOT, SignerSet.of(1), List.of(f.sign(0, ROOT))).failure())
        .contains(ThresholdFailure.SIGNER_OUT_OF_RANGE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void resolvesTheKeySetThroughTheLookupLikeIsValidThresholdSignature(SchemeFixture<K, S> f) {
    GroupKeySet<K> set = group(f);
    io.edvt.infrastructure.unsigned.UInt64 v = io.edvt.infrastructure.unsigned.UInt64.valueOf(7);
    io.edvt.infrastructure.unsigned.UInt64 epoch = io.edvt.infrastructure.unsigned.UInt64.valueOf(3);
    KeySetLookup<K> lookup = (index, e) -> index.equals(v) ? java.util.Optional.of(set) : java.util.Optional.empty();
    assertThat(f.verifier().verify(lookup, v, epoch, ROOT, f.onChain(set, ROOT, 0, 1, 2)).isValid()).isTrue();
    ThresholdResult unknown = f.verifier().verify(lookup, io.edvt.infrastructure.unsigned.UInt64.valueOf(8), epoch, ROOT, f.onChain(set, ROOT, 0, 1, 2));
    assertThat(unknown.failure()).contains(ThresholdFailure.NO_KEY_SET);
    assertThat(unknown.message()).contains("validator 8 at epoch 3");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void verifiesAnAggregateWhereTheSchemeAggregatesAndRefusesItOtherwise(SchemeFixture<K, S> f) {
    GroupKeySet<K> set = group(f);
    assertThat(f.verifier().supportsAggregation()).isEqualTo(f.aggregates());
    if (!f.aggregates()) {
      ThresholdResult result = f.verifier().verifyAggregate(set, ROOT, SignerSet.of(0, 1, 2), f.sign(0, ROOT));
      assertThat(result.failure()).contains(ThresholdFailure.AGGREGATION_UNSUPPORTED);
      // the caller's fallback: one signature per member
      assertThat(f.onChain(set, ROOT, 0, 1, 2)).isInstanceOf(MemberSignatures.Individual.class);
      assertThat(f.verifier().verify(set, ROOT, f.onChain(set, ROOT, 0, 1, 2)).isValid()).isTrue();
      return;
    }
    MemberSignatures.Aggregate<S> aggregate = (MemberSignatures.Aggregate<S>) f.onChain(set, ROOT, 0, 1, 2);
    assertThat(f.verifier().verifyAggregate(set, ROOT, SignerSet.of(0, 1, 2), aggregate.aggregate()).isValid()).isTrue();
    assertThat(f.verifier().verifyAggregate(set, ROOT, SignerSet.of(0, 1, 3), aggregate.aggregate()).failure())
        .contains(ThresholdFailure.INVALID_SIGNATURE);
    assertThat(f.verifier().verifyAggregate(set, ROOT, SignerSet.of(0, 1), aggregate.aggregate()).failure())
        .contains(ThresholdFailure.TOO_FEW_SIGNERS);
    assertThat(f.verifier().verifyAggregate(set, ROOT, SignerSet.of(0, 1, 6), aggregate.aggregate()).failure())
        .contains(ThresholdFailure.SIGNER_OUT_OF_RANGE);
  }
}
