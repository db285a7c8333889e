package io.edvt.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Slashing evidence for both schemes. The group: keys 0..3, threshold 3 (a majority), registered
 * at epoch 0; member 0's key is rotated to key 4 at epoch 5, in force from epoch 16; retired keys
 * stay slashable for 16 epochs.
 */
class SlashingEvidenceJudgeTest {
  private static final List<SchemeFixture<?, ?>> SCHEMES = SchemeFixture.both(5);
  private static final KeyRotationTiming TIMING = new KeyRotationTiming(8, 16);
  private static final UInt64 NOW = UInt64.valueOf(12);

  static List<SchemeFixture<?, ?>> schemes() {
    return SCHEMES;
  }

  private static UInt64 epoch(long e) {
    return UInt64.valueOf(e);
  }

  private static Bytes32 root(int i) {
    return Bytes32.leftPad(org.apache.tuweni.bytes.Bytes.ofUnsignedInt(i));
  }

  private static AttestationVote vote(long source, long target, int root) {
    return new AttestationVote(epoch(source), epoch(target), root(root));
  }

  private static <K> GroupKeySets<K> group(SchemeFixture<K, ?> f) {
    return GroupKeySets.of(f.keySet(3, 4, 0), TIMING)
        .scheduleChange(3, List.of(f.key(4), f.key(1), f.key(2), f.key(3)), epoch(5));
  }

  /** An attestation signed by {@code members} of the key set in force at its target epoch (signing root = data root). */
  private static <K, S> SignedGroupMessage<AttestationVote, S> attestation(
      SchemeFixture<K, S> f, AttestationVote vote, int... members) {
    GroupKeySet<K> set = group(f).current(vote.targetEpoch());
    return new SignedGroupMessage<>(vote, vote.targetEpoch(), vote.dataRoot(), f.onChain(set, vote.dataRoot(), members));
  }

  private static <K, S> SignedGroupMessage<BlockVote, S> proposal(SchemeFixture<K, S> f, long slot, int root, int... members) {
    BlockVote vote = new BlockVote(epoch(slot), root(root));
    UInt64 epoch = epoch(slot / 8);
    return new SignedGroupMessage<>(vote, epoch, vote.headerRoot(), f.onChain(group(f).current(epoch), vote.headerRoot(), members));
  }

  private static <K, S> SlashingVerdict<K> judgeAttestations(
      SchemeFixture<K, S> f, UInt64 now, SignedGroupMessage<AttestationVote, S> a, SignedGroupMessage<AttestationVote, S> b) {
    return new SlashingEvidenceJudge<>(f.verifier()).judge(group(f), now, a, b, AttestationVote.DOUBLE_OR_SURROUND_VOTE);
  }

  private static void assertNoOffence(SlashingVerdict<?> verdict, SlashingVerdict.Reason reason) {
    assertThat(verdict).isInstanceOf(SlashingVerdict.NoOffence.class);
    assertThat(((SlashingVerdict.NoOffence<?>) verdict).reason()).as(verdict.toString()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aDoubleVoteWithThresholdSignersOnBothSidesIsAGroupOffence(SchemeFixture<K, S> f) {
    SlashingVerdict<K> verdict =
        judgeAttestations(f, NOW, attestation(f, vote(1, 3, 1), 0, 1, 2), attestation(f, vote(1, 3, 2), 1, 2, 3));
    assertThat(verdict)
        .isEqualTo(new SlashingVerdict.GroupOffence<>(SignerSet.of(0, 1, 2), SignerSet.of(1, 2, 3), List.of(f.key(1), f.key(2))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aSurroundVoteWithThresholdSignersOnBothSidesIsAGroupOffence(SchemeFixture<K, S> f) {
    SlashingVerdict<K> verdict =
        judgeAttestations(f, NOW, attestation(f, vote(1, 6, 3), 0, 1, 2), attestation(f, vote(2, 5, 4), 0, 1, 2, 3));
    assertThat(verdict).isInstanceOf(SlashingVerdict.GroupOffence.class);
    assertThat(((SlashingVerdict.GroupOffence<K>) verdict).equivocators()).containsExactly(f.key(0), f.key(1), f.key(2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void aSingleMemberSigningBothIsOnlyAMemberEquivocation(SchemeFixture<K, S> f) {
    SlashingVerdict<K> verdict =
        judgeAttestations(f, NOW, attestation(f, vote(1, 3, 1), 0, 1, 2), attestation(f, vote(1, 3, 2), 2));
    assertThat(verdict).isEqualTo(new SlashingVerdict.MemberEquivocation<>(List.of(f.key(2))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void overlappingMinoritiesAreMemberEquivocationsNotAGroupOffence(SchemeFixture<K, S> f) {
    SlashingVerdict<K> verdict =
        judgeAttestations(f, NOW, attestation(f, vote(1, 3, 1), 0, 1), attestation(f, vote(1, 3, 2), 1, 3));
    assertThat(verdict).isEqualTo(new SlashingVerdict.MemberEquivocation<>(List.of(f.key(1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void disjointMinoritiesProveNothing(SchemeFixture<K, S> f) {
    SlashingVerdict<K> verdict =
        judgeAttestations(f, NOW, attestation(f, vote(1, 3, 1), 0, 1), attestation(f, vote(1, 3, 2), 2, 3));
    assertNoOffence(verdict, SlashingVerdict.Reason.NO_THRESHOLD_AND_NO_COMMON_SIGNER);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void nonConflictingDataIsNoOffenceEvenWithThresholdSigners(SchemeFixture<K, S> f) {
    SlashingVerdict<K> verdict =
        judgeAttestations(f, NOW, attestation(f, vote(1, 3, 1), 0, 1, 2), attestation(f, vote(3, 4, 5), 0, 1, 2));
    assertNoOffence(verdict, SlashingVerdict.Reason.NOT_CONFLICTING);
    SlashingVerdict<K> same =
        judgeAttestations(f, NOW, attestation(f, vote(1, 3, 1), 0, 1, 2), attestation(f, vote(1, 3, 1), 1, 2, 3));
    assertNoOffence(same, SlashingVerdict.Reason.NOT_CONFLICTING);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void evidenceWithAnInvalidSignatureIsRejected(SchemeFixture<K, S> f) {
    SignedGroupMessage<AttestationVote, S> valid = attestation(f, vote(1, 3, 1), 0, 1, 2);
    SignedGroupMessage<AttestationVote, S> forged = attestation(f, vote(1, 3, 2), 1, 2, 3);
    SignedGroupMessage<AttestationVote, S> wrongRoot =
        new SignedGroupMessage<>(forged.data(), forged.epoch(), root(99), forged.signatures());
    SlashingVerdict<K> verdict = judgeAttestations(f, NOW, valid, wrongRoot);
    assertNoOffence(verdict, SlashingVerdict.Reason.SIGNATURES_REJECTED);
    assertThat(((SlashingVerdict.NoOffence<K>) verdict).message()).startsWith("second message: INVALID_SIGNATURE");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void twoHeadersForOneSlotEachWithThresholdSignersAreAGroupOffence(SchemeFixture<K, S> f) {
    SlashingEvidenceJudge<K, S> judge = new SlashingEvidenceJudge<>(f.verifier());
    SlashingVerdict<K> offence =
        judge.judge(group(f), NOW, proposal(f, 40, 10, 0, 1, 2), proposal(f, 40, 11, 1, 2, 3), BlockVote.SAME_SLOT_DIFFERENT_HEADER);
    assertThat(offence).isInstanceOf(SlashingVerdict.GroupOffence.class);
    SlashingVerdict<K> sameHeader =
        judge.judge(group(f), NOW, proposal(f, 40, 10, 0, 1, 2), proposal(f, 40, 10, 1, 2, 3), BlockVote.SAME_SLOT_DIFFERENT_HEADER);
    assertNoOffence(sameHeader, SlashingVerdict.Reason.NOT_CONFLICTING);
    SlashingVerdict<K> otherSlot =
        judge.judge(group(f), NOW, proposal(f, 40, 10, 0, 1, 2), proposal(f, 41, 11, 1, 2, 3), BlockVote.SAME_SLOT_DIFFERENT_HEADER);
    assertNoOffence(otherSlot, SlashingVerdict.Reason.NOT_CONFLICTING);
    SlashingVerdict<K> oneMember =
        judge.judge(group(f), NOW, proposal(f, 40, 10, 0, 1, 2), proposal(f, 40, 11, 1), BlockVote.SAME_SLOT_DIFFERENT_HEADER);
    assertThat(oneMember).isEqualTo(new SlashingVerdict.MemberEquivocation<>(List.of(f.key(1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void retiredKeysAreJudgedWithTheirKeySetWithinTheWindowAndNotAfter(SchemeFixture<K, S> f) {
    // the old set (member 0 = key 0) signed target 10; the new set (member 0 = key 4) signed target 20
    SignedGroupMessage<AttestationVote, S> surrounding = attestation(f, vote(1, 20, 6), 0, 1, 2);
    SignedGroupMessage<AttestationVote, S> surrounded = attestation(f, vote(2, 10, 7), 0, 1, 2);
    SlashingVerdict<K> within = judgeAttestations(f, epoch(31), surrounding, surrounded);
    assertThat(within)
        .isEqualTo(new SlashingVerdict.GroupOffence<>(SignerSet.of(0, 1, 2), SignerSet.of(0, 1, 2), List.of(f.key(1), f.key(2))));
    assertNoOffence(judgeAttestations(f, epoch(32), surrounding, surrounded), SlashingVerdict.Reason.KEY_SET_UNAVAILABLE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void membersAreMatchedByKeyNotByIndexAcrossARotation(SchemeFixture<K, S> f) {
    // member 0 before (key 0) and member 0 after (key 4) are different keys: no equivocation
    SlashingVerdict<K> verdict =
        judgeAttestations(f, epoch(20), attestation(f, vote(1, 20, 8), 0), attestation(f, vote(2, 10, 9), 0));
    assertNoOffence(verdict, SlashingVerdict.Reason.NO_THRESHOLD_AND_NO_COMMON_SIGNER);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  <K, S> void messagesFromBeforeTheGroupExistedCannotBeJudged(SchemeFixture<K, S> f) {
    GroupKeySets<K> late = GroupKeySets.of(f.keySet(3, 4, 5), TIMING);
    GroupKeySet<K> set = late.current(epoch(5));
    SignedGroupMessage<AttestationVote, S> a =
        new SignedGroupMessage<>(vote(1, 3, 1), epoch(3), root(1), f.onChain(set, root(1), 0, 1, 2));
    SignedGroupMessage<AttestationVote, S> b =
        new SignedGroupMessage<>(vote(1, 3, 2), epoch(3), root(2), f.onChain(set, root(2), 1, 2, 3));
    SlashingVerdict<K> verdict =
        new SlashingEvidenceJudge<>(f.verifier()).judge(late, NOW, a, b, AttestationVote.DOUBLE_OR_SURROUND_VOTE);
    assertNoOffence(verdict, SlashingVerdict.Reason.KEY_SET_UNAVAILABLE);
  }
}
