package io.edvt.spec.edvt.logic;

import static io.edvt.spec.edvt.logic.EdvtGroupFixture.CONFIG;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.EDVT;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.SCHEMAS;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.addGroup;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.chain;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.edvtHead;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.memberKey;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.memberKeys;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.sign;
import static io.edvt.spec.edvt.logic.EdvtGroupFixture.signerBits;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_PROPOSER;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_RANDAO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.groups.GroupDomains;
import io.edvt.groups.LeaderRanking;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EDVT {@code verify_block_signature} (threshold signature, leader) and {@code process_randao} (the leader's reveal). */
class BlockSignatureAndRandaoEdvtTest {
  private static final int PLAIN = 9;

  private MutableBeaconState state;
  /** The proposer of the state's slot, given a group of three with threshold two. */
  private int proposer;
  private int[] ranking;

  @BeforeEach
  void proposerWithAGroupOfThreeAndThresholdTwo() {
    state = edvtHead();
    proposer = EDVT.accessors().getBeaconProposerIndex(state);
    assertThat(proposer).isNotEqualTo(PLAIN);
    addGroup(state, proposer, 2, 3);
    ranking = EDVT.accessors().getGroupMemberRanking(state, proposer, state.slot());
  }

  private SignedBeaconBlockEdvt block(int proposerIndex, int randaoMember, List<BlsSecretKey> keys, SszBits bits) {
    BeaconBlockBodyEdvt body = SCHEMAS.beaconBlockBody().defaultValue().withRandaoMemberIndex(UInt64.valueOf(randaoMember));
    BeaconBlock block = BeaconBlock.create(SCHEMAS.beaconBlock(), state.slot(), UInt64.valueOf(proposerIndex),
        Bytes32.ZERO, Bytes32.ZERO, body);
    Bytes32 domain = EDVT.accessors().getDomain(state, DOMAIN_BEACON_PROPOSER, EDVT.misc().computeEpochAtSlot(block.slot()));
    return SignedBeaconBlockEdvt.create(SCHEMAS.signedBeaconBlock(), block,
        sign(keys, EDVT.misc().computeSigningRoot(block.hashTreeRoot(), domain)), bits);
  }

  private java.util.Optional<String> failure(SignedBeaconBlockEdvt block) {
    return EDVT.stateTransition().blockSignatureFailure(state, block, SignatureVerifier.SIMPLE);
  }

  @Test
  void theMemberRankingIsAPermutationComputedAsTheGroupRulesDo() {
    assertThat(Arrays.stream(ranking).sorted().toArray()).containsExactly(0, 1, 2);
    Bytes32 seed = EDVT.accessors().getSeed(state, EDVT.accessors().getCurrentEpoch(state), GroupDomains.DOMAIN_GROUP_LEADER);
    assertThat(ranking).containsExactly(LeaderRanking.groupMemberRanking(seed.toArrayUnsafe(), state.slot(),
        UInt64.valueOf(proposer), 3, CONFIG.shuffleRoundCount()));
    assertThat(EDVT.accessors().getBlockLeader(state, proposer, state.slot(), signerBits(ranking[2], ranking[1])))
        .hasValue(ranking[1]);
    assertThat(EDVT.accessors().getBlockLeader(state, proposer, state.slot(), signerBits())).isEmpty();
  }

  @Test
  void theMemberRankingIsTheSpecsShuffleOfTheLeaderSeedSlotAndValidatorIndex() {
    // get_group_member_ranking, computed here from the spec's helpers alone
    Bytes32 seed = EDVT.accessors().getSeed(state, EDVT.accessors().getCurrentEpoch(state), GroupDomains.DOMAIN_GROUP_LEADER);
    Bytes32 rankingSeed = Bytes32.wrap(io.edvt.infrastructure.crypto.Sha256.hash(Bytes.concatenate(seed,
        io.edvt.spec.logic.versions.fulu.MiscHelpersFulu.uintToBytes(state.slot()),
        io.edvt.spec.logic.versions.fulu.MiscHelpersFulu.uintToBytes(UInt64.valueOf(proposer))).toArrayUnsafe()));
    int[] expected = new int[3];
    for (int rank = 0; rank < 3; rank++) {
      expected[rank] = EDVT.misc().computeShuffledIndex(rank, 3, rankingSeed);
    }
    assertThat(ranking).containsExactly(expected);
    // a plain validator's ranking is its own key, member 0
    assertThat(EDVT.accessors().getGroupMemberRanking(state, PLAIN, state.slot())).containsExactly(0);
  }

  @Test
  void aBlockSignedByThresholdMembersWithTheLeadersRandaoIsValid() {
    SignedBeaconBlockEdvt block = block(proposer, ranking[1], memberKeys(proposer, ranking[1], ranking[2]),
        signerBits(ranking[1], ranking[2]));
    assertThat(failure(block)).isEmpty();
    assertThat(EDVT.stateTransition().verifyBlockSignature(state, block, SignatureVerifier.SIMPLE)).isTrue();
  }

  @Test
  void aBlockSignedByFewerThanThresholdMembersIsRejected() {
    SignedBeaconBlockEdvt block = block(proposer, ranking[0], memberKeys(proposer, ranking[0]), signerBits(ranking[0]));
    assertThat(failure(block)).hasValueSatisfying(reason ->
        assertThat(reason).contains("len(signers) >= key_set.threshold (1 distinct signers, 2 required"));
    assertThat(EDVT.stateTransition().verifyBlockSignature(state, block, SignatureVerifier.SIMPLE)).isFalse();
  }

  @Test
  void aRandaoMemberWhoIsNotTheBestRankedSignerIsRejected() {
    SignedBeaconBlockEdvt block = block(proposer, ranking[2], memberKeys(proposer, ranking[1], ranking[2]),
        signerBits(ranking[1], ranking[2]));
    assertThat(failure(block)).hasValueSatisfying(reason -> assertThat(reason)
        .contains("get_block_leader(...) == block.body.randao_member_index")
        .contains("leader " + ranking[1] + ", randao_member_index " + ranking[2]));
  }

  @Test
  void aRandaoMemberWhoDidNotSignIsRejectedEvenIfBestRanked() {
    SignedBeaconBlockEdvt block = block(proposer, ranking[0], memberKeys(proposer, ranking[1], ranking[2]),
        signerBits(ranking[1], ranking[2]));
    assertThat(failure(block)).hasValueSatisfying(reason -> assertThat(reason)
        .contains("leader " + ranking[1] + ", randao_member_index " + ranking[0]));
  }

  @Test
  void signerBitsNamingAMemberWhoDidNotSignAreRejected() {
    SignedBeaconBlockEdvt block = block(proposer, ranking[0], memberKeys(proposer, ranking[0], ranking[1]),
        signerBits(0, 1, 2));
    assertThat(failure(block)).hasValueSatisfying(reason ->
        assertThat(reason).contains("bls.FastAggregateVerify(pubkeys, signing_root, signature)"));
  }

  @Test
  void aPlainProposerSignsWithItsOwnKeyAsMemberZero() {
    BlsSecretKey ownKey = chain().signer().keyOf(state, PLAIN);
    assertThat(failure(block(PLAIN, 0, List.of(ownKey), signerBits(0)))).isEmpty();
    assertThat(failure(block(PLAIN, 1, List.of(ownKey), signerBits(1)))).hasValueSatisfying(reason ->
        assertThat(reason).contains("member_index < len(key_set.pubkeys) for every signer (signer 1 is not a member of a group of 1)"));
  }

  @Test
  void aProposerIndexOutsideTheRegistryIsRejected() {
    SignedBeaconBlockEdvt block = block(proposer, ranking[0], memberKeys(proposer, ranking[0], ranking[1]),
        signerBits(ranking[0], ranking[1]));
    SignedBeaconBlockEdvt outside = SignedBeaconBlockEdvt.create(SCHEMAS.signedBeaconBlock(),
        block.message().withProposerIndex(UInt64.valueOf(state.validators().size())), block.signature(), block.signerBits());
    assertThat(failure(outside)).hasValue("block.proposer_index < len(state.validators)");
  }

  // ------------------------------------------------------------------ process_randao

  private Bytes reveal(BlsSecretKey key) {
    UInt64 epoch = EDVT.accessors().getCurrentEpoch(state);
    return sign(List.of(key), EDVT.misc().computeSigningRoot(epoch, EDVT.accessors().getDomain(state, DOMAIN_RANDAO, null)));
  }

  private BeaconBlockBodyEdvt body(int randaoMember, Bytes reveal) {
    return BeaconBlockBodyEdvt.toVersionEdvt(SCHEMAS.beaconBlockBody().defaultValue()
        .withRandaoMemberIndex(UInt64.valueOf(randaoMember)).withRandaoReveal(reveal)).orElseThrow();
  }

  @Test
  void theRankZeroMembersRevealIsVerifiedWithItsKeyAndMixedIn() {
    UInt64 epoch = EDVT.accessors().getCurrentEpoch(state);
    Bytes32 before = EDVT.accessors().getRandaoMix(state, epoch);
    int leader = ranking[0];
    EDVT.blockProcessor().processRandao(state, body(leader, reveal(memberKey(proposer, leader))), SignatureVerifier.SIMPLE);
    assertThat(EDVT.accessors().getRandaoMix(state, epoch)).isNotEqualTo(before);
  }

  /** A promoted leader's reveal is checked but not mixed in: the group cannot pick among n - m + 1 mixes. */
  @Test
  void aPromotedLeadersRevealIsVerifiedButLeavesTheMixUnchanged() {
    UInt64 epoch = EDVT.accessors().getCurrentEpoch(state);
    Bytes32 before = EDVT.accessors().getRandaoMix(state, epoch);
    int promoted = ranking[1];
    EDVT.blockProcessor().processRandao(state, body(promoted, reveal(memberKey(proposer, promoted))),
        SignatureVerifier.SIMPLE);
    assertThat(EDVT.accessors().getRandaoMix(state, epoch)).isEqualTo(before);
    assertThatThrownBy(() -> EDVT.blockProcessor().processRandao(state,
        body(promoted, reveal(memberKey(proposer, ranking[0]))), SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("bls.Verify(pubkey, signing_root, body.randao_reveal)");
  }

  /** A plain proposer is its own rank 0: its reveal is mixed in as in Fulu. */
  @Test
  void aPlainProposersRevealIsMixedIn() {
    MutableBeaconState plain = edvtHead();
    int plainProposer = EDVT.accessors().getBeaconProposerIndex(plain);
    UInt64 epoch = EDVT.accessors().getCurrentEpoch(plain);
    Bytes32 before = EDVT.accessors().getRandaoMix(plain, epoch);
    Bytes reveal = sign(List.of(chain().signer().keyOf(plain, plainProposer)),
        EDVT.misc().computeSigningRoot(epoch, EDVT.accessors().getDomain(plain, DOMAIN_RANDAO, null)));
    EDVT.blockProcessor().processRandao(plain, body(0, reveal), SignatureVerifier.SIMPLE);
    assertThat(EDVT.accessors().getRandaoMix(plain, epoch)).isNotEqualTo(before);
  }

  @Test
  void aRevealByAnotherMemberThanTheRandaoMemberIsRejected() {
    assertThatThrownBy(() -> EDVT.blockProcessor().processRandao(state, body(1, reveal(memberKey(proposer, 2))),
        SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("bls.Verify(pubkey, signing_root, body.randao_reveal)");
  }

  @Test
  void aRevealByTheValidatorsOwnKeyIsRejectedOnceTheGroupIsInForce() {
    assertThatThrownBy(() -> EDVT.blockProcessor().processRandao(state,
        body(0, reveal(chain().signer().keyOf(state, proposer))), SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("bls.Verify(pubkey, signing_root, body.randao_reveal)");
  }

  @Test
  void aRandaoMemberBeyondTheKeySetIsRejected() {
    assertThatThrownBy(() -> EDVT.blockProcessor().processRandao(state, body(3, reveal(memberKey(proposer, 2))),
        SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("pubkey is not None");
    assertThatThrownBy(() -> EDVT.blockProcessor().processRandao(state, body(16, reveal(memberKey(proposer, 2))),
        SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("body.randao_member_index < MAX_GROUP_SIZE");
  }
}
