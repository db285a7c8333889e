package io.edvt.networking.eth2.edvt;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.GossipValidation;
import io.edvt.networking.eth2.testing.TestStore;
import io.edvt.networking.eth2.topics.GossipTopics;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.GossipHelpers;
import io.edvt.networking.eth2.validation.GossipValidators;
import io.edvt.networking.eth2.validation.SeenCaches;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtBlockOptions;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.GroupSpec;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.testing.BlockOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * EDVT's gossip rules (EDVT's p2p-interface.md) on a real EDVT chain: validators 0..7 are 3-of-4
 * groups, 20 and 21 are funded to register 3-member groups, EDVT from epoch 3 (slot 24). Every
 * case asserts the spec's reason, so a rejection comes from the rule it is about; where EDVT
 * modifies a Fulu rule, Fulu's validator is shown to decide otherwise on the same message.
 */
@Timeout(600)
class EdvtGossipValidationTest {
  private static final SpecConfig CONFIG = EdvtConfig.load("minimal",
      Map.of("SHARD_COMMITTEE_PERIOD", "0", "EDVT_FORK_EPOCH", "3"));
  private static final SpecVersions VERSIONS = new SpecVersions(CONFIG);
  private static final EdvtFixtures FIXTURES = new EdvtFixtures(VERSIONS.fulu(), VERSIONS.edvt());
  private static final int SLOTS = CONFIG.slotsPerEpoch();
  private static final int GROUPS = 8;
  private static final long SLOT_MS = CONFIG.slotDurationMs();

  private final SpecEdvt edvt = VERSIONS.edvt();
  private EdvtChainBuilder chain;
  private TestStore store;
  private GossipContext context;
  private EdvtGossipValidators v;

  @BeforeEach
  void chain() {
    List<GroupSpec> groups = new ArrayList<>();
    for (int i = 0; i < GROUPS; i++) {
      groups.add(new GroupSpec(i, 3, 4));
    }
    chain = EdvtChainBuilder.withGroups(FIXTURES, 3L * SLOTS, groups, List.of(new GroupSpec(20, 2, 3),
        new GroupSpec(21, 2, 3)));
    store = new TestStore(chain.headRoot(), chain.headState(), SLOTS);
    context = new GossipContext(VERSIONS, store, new SeenCaches());
    v = new EdvtGossipValidators(context);
  }

  /** Fulu's validators on a fresh Seen, to show what EDVT changes. */
  private GossipValidators fulu() {
    return new GossipValidators(new GossipContext(VERSIONS, store, new SeenCaches()));
  }

  private SignedBeaconBlock apply(SignedBeaconBlock block) {
    chain.applyBlock(block);
    store.add(block, chain.headState());
    return block;
  }

  /** Adds plain blocks until the next slot's proposer is a group; returns that slot. */
  private UInt64 nextGroupSlot() {
    UInt64 slot = chain.headState().slot().plus(1);
    while (chain.proposerOf(slot) >= GROUPS) {
      apply(chain.produceBlock(slot, BlockOptions.none()));
      slot = slot.plus(1);
    }
    return slot;
  }

  private static long at(UInt64 slot, long offsetMs) {
    return slot.longValue() * SLOT_MS + offsetMs;
  }

  private MutableBeaconState stateAt(UInt64 slot) {
    return new MutableBeaconState(edvt.stateTransition().processSlots(chain.headState(), slot));
  }

  private static Bytes sign(List<BlsSecretKey> keys, Bytes32 root) {
    List<BlsSignature> s = new ArrayList<>();
    keys.forEach(k -> s.add(Bls.sign(k, root)));
    return Bls.aggregate(s).toBytes();
  }

  private List<BlsSecretKey> memberKeys(int validator, int... members) {
    List<BlsSecretKey> out = new ArrayList<>();
    for (int m : members) {
      out.add(EdvtFixtures.memberKey(validator, m));
    }
    return out;
  }

  private Bytes32 proposerRoot(MutableBeaconState state, Bytes32 objectRoot, UInt64 slot) {
    return edvt.misc().computeSigningRoot(objectRoot, edvt.accessors().getDomain(state,
        SpecConstants.DOMAIN_BEACON_PROPOSER, edvt.misc().computeEpochAtSlot(slot)));
  }

  private SszBits bits(int... members) {
    return SszBits.withSet(edvt.edvtConfig().maxGroupSize(), members);
  }

  private static ValidationResult reject(String reason) {
    return ValidationResult.reject(reason);
  }

  private static ValidationResult ignore(String reason) {
    return ValidationResult.ignore(reason);
  }

  @Test
  void aGroupBlockNeedsTheThresholdOfItsKeySetAndItsBestRankedSignerAsRandaoMember() {
    UInt64 s = nextGroupSlot();
    int proposer = chain.proposerOf(s);
    BeaconState head = chain.headState();
    MutableBeaconState atSlot = stateAt(s);
    int[] rank = edvt.accessors().getGroupMemberRanking(atSlot, proposer, s);
    long now = at(s, 500);

    SignedBeaconBlock twoOfFour = chain.produceBlock(s, BlockOptions.none(), EdvtBlockOptions.none().signers(rank[0], rank[1]));
    assertThat(v.beaconBlock.validate(head, twoOfFour, now)).isEqualTo(reject("invalid proposer threshold signature"));

    SignedBeaconBlock good = chain.produceBlock(s, BlockOptions.none(), EdvtBlockOptions.none());
    // the same signers, but the RANDAO member is the second-ranked: signed correctly, wrong leader
    BeaconBlock relabelled = good.message().withBody(((BeaconBlockBodyEdvt) good.message().body())
        .withRandaoMemberIndex(UInt64.valueOf(rank[1])));
    SignedBeaconBlock wrongLeader = SignedBeaconBlockEdvt.create(edvt.schemas().signedBeaconBlock(), relabelled,
        sign(memberKeys(proposer, rank[0], rank[1], rank[2]), proposerRoot(atSlot, relabelled.hashTreeRoot(), s)),
        bits(rank[0], rank[1], rank[2]));
    assertThat(v.beaconBlock.validate(head, wrongLeader, now)).isEqualTo(reject("randao member is not the best-ranked signer"));

    // Fulu's rule checks the proposer's own key, which signs nothing here
    assertThat(fulu().beaconBlock.validate(head, good, now)).isEqualTo(reject("invalid proposer signature"));
    assertThat(v.beaconBlock.validate(head, good, now)).isEqualTo(ValidationResult.ACCEPT);
    assertThat(v.beaconBlock.validate(head, good, now))
        .isEqualTo(ignore("block is not the first valid block for this proposer and slot"));
  }

  private GroupBlockProposal proposal(BeaconBlock block, int leader, MutableBeaconState atSlot) {
    int proposer = block.proposerIndex().intValue();
    Bytes sig = Bls.sign(EdvtFixtures.memberKey(proposer, leader), proposerRoot(atSlot, block.hashTreeRoot(), block.slot()))
        .toBytes();
    return GroupBlockProposal.create(edvt.schemas().groupBlockProposal(), block, sig);
  }

  @Test
  void proposalsAreTakenOnlyFromRanksThatMayLeadDuringTheirTurnAndSignOffsOnlyAfterTheLeader() {
    UInt64 s = nextGroupSlot();
    int proposer = chain.proposerOf(s);
    BeaconState head = chain.headState();
    MutableBeaconState atSlot = stateAt(s);
    int[] rank = edvt.accessors().getGroupMemberRanking(atSlot, proposer, s);
    long turn = new EdvtRules(context).turns().turnMs();
    BeaconBlock byRank0 = chain.produceBlock(s, BlockOptions.none(), EdvtBlockOptions.none().signers(rank[0], rank[1], rank[2]))
        .message();
    BeaconBlock byRank1 = chain.produceBlock(s, BlockOptions.none(), EdvtBlockOptions.none().signers(rank[1], rank[2], rank[3]))
        .message();
    BeaconBlock byRank2 = chain.produceBlock(s, BlockOptions.none(), EdvtBlockOptions.none().signers(rank[2], rank[3]))
        .message();
    GroupBlockProposal p0 = proposal(byRank0, rank[0], atSlot);
    GroupBlockProposal p1 = proposal(byRank1, rank[1], atSlot);

    // 3 of 4: get_max_leader_rank = min(4 - 3, ...) = 1
    assertThat(v.groupBlockProposal.validate(head, proposal(byRank2, rank[2], atSlot), at(s, 2 * turn + 100)))
        .isEqualTo(reject("leader rank may not lead"));
    assertThat(v.groupBlockProposal.validate(head, p0, at(s, turn + CONFIG.maximumGossipClockDisparity() + 1)))
        .isEqualTo(ignore("proposal arrived after the leader's turn"));
    // rank 1's turn starts one turn (499 ms on minimal) into the slot, less the clock disparity (500 ms)
    assertThat(v.groupBlockProposal.validate(head, p1, at(s, -300))).isEqualTo(ignore("proposal is early for the leader's rank"));
    GroupBlockProposal forged = GroupBlockProposal.create(edvt.schemas().groupBlockProposal(), byRank0,
        proposal(byRank1, rank[0], atSlot).leaderSignature());
    assertThat(v.groupBlockProposal.validate(head, forged, at(s, 100))).isEqualTo(reject("invalid leader signature"));
    assertThat(v.groupBlockProposal.validate(head, p0, at(s, 100))).isEqualTo(ValidationResult.ACCEPT);
    assertThat(v.groupBlockProposal.validate(head, p0, at(s, 200)))
        .isEqualTo(ignore("already seen a proposal from this leader for this slot"));
    assertThat(v.groupBlockProposal.validate(head, p1, at(s, turn + 100))).isEqualTo(ValidationResult.ACCEPT);

    Bytes32 root0 = byRank0.hashTreeRoot();
    Bytes32 signoffRoot = proposerRoot(atSlot, root0, s);
    GroupBlockSignoff fromRank1 = GroupBlockSignoff.create(root0, UInt64.valueOf(rank[1]),
        Bls.sign(EdvtFixtures.memberKey(proposer, rank[1]), signoffRoot).toBytes());
    GroupBlockSignoff fromLeader = GroupBlockSignoff.create(root0, UInt64.valueOf(rank[0]),
        Bls.sign(EdvtFixtures.memberKey(proposer, rank[0]), signoffRoot).toBytes());
    GroupBlockSignoff wrongKey = GroupBlockSignoff.create(root0, UInt64.valueOf(rank[2]),
        Bls.sign(EdvtFixtures.memberKey(proposer, rank[3]), signoffRoot).toBytes());
    GroupBlockSignoff unknown = GroupBlockSignoff.create(Bytes32.repeat((byte) 5), UInt64.valueOf(rank[1]),
        fromRank1.signature());
    long now = at(s, 300);
    assertThat(v.groupBlockSignoff.validate(head, unknown, now)).isEqualTo(ignore("proposal of the signed block has not been seen"));
    assertThat(v.groupBlockSignoff.validate(head, fromLeader, now)).isEqualTo(reject("member is not ranked after the leader"));
    assertThat(v.groupBlockSignoff.validate(head, wrongKey, now)).isEqualTo(reject("invalid sign-off signature"));
    assertThat(v.groupBlockSignoff.validate(head, fromRank1, now)).isEqualTo(ValidationResult.ACCEPT);
    assertThat(v.groupBlockSignoff.validate(head, fromRank1, now))
        .isEqualTo(ignore("already seen a sign-off from this member for this slot"));
    assertThat(v.groupBlockSignoff.validate(head, fromRank1, at(s.plus(1), 600)))
        .isEqualTo(ignore("sign-off is not for the current slot"));
  }

  @Test
  void groupExitsAreThresholdSignedAndMemberExitSignaturesAreOnePerMemberAndEpoch() {
    apply(chain.produceBlock(chain.headState().slot().plus(1), BlockOptions.none()));
    BeaconState head = chain.headState();
    MutableBeaconState view = new MutableBeaconState(head);
    UInt64 epoch = edvt.accessors().getCurrentEpoch(view);
    Bytes32 domain = edvt.misc().computeDomain(SpecConstants.DOMAIN_VOLUNTARY_EXIT, CONFIG.capellaForkVersion(),
        head.genesisValidatorsRoot());
    VoluntaryExit exit = VoluntaryExit.create(epoch, UInt64.ZERO);
    Bytes32 root = edvt.misc().computeSigningRoot(exit.hashTreeRoot(), domain);

    GroupExitSignature member1 = GroupExitSignature.create(exit, UInt64.ONE, Bls.sign(EdvtFixtures.memberKey(0, 1), root)
        .toBytes());
    assertThat(v.groupExitSignature.validate(head, member1)).isEqualTo(ValidationResult.ACCEPT);
    assertThat(v.groupExitSignature.validate(head, member1))
        .isEqualTo(ignore("already seen an exit signature of this member this epoch"));
    assertThat(v.groupExitSignature.validate(head, GroupExitSignature.create(exit, UInt64.valueOf(9), member1.signature())))
        .isEqualTo(reject("member index out of range"));
    VoluntaryExit plainExit = VoluntaryExit.create(epoch, UInt64.valueOf(30));
    assertThat(v.groupExitSignature.validate(head, GroupExitSignature.create(plainExit, UInt64.ZERO, member1.signature())))
        .isEqualTo(reject("validator has no group key set in force"));
    assertThat(v.groupExitSignature.validate(head, GroupExitSignature.create(exit, UInt64.valueOf(2),
        Bls.sign(EdvtFixtures.memberKey(0, 3), root).toBytes()))).isEqualTo(reject("invalid member exit signature"));

    var type = edvt.schemas().signedVoluntaryExit();
    SignedVoluntaryExitEdvt twoSigners = SignedVoluntaryExitEdvt.create(type, exit, sign(memberKeys(0, 0, 1), root), bits(0, 1));
    SignedVoluntaryExitEdvt threeSigners = SignedVoluntaryExitEdvt.create(type, exit, sign(memberKeys(0, 0, 1, 3), root),
        bits(0, 1, 3));
    assertThat(v.voluntaryExit.validate(head, twoSigners)).isEqualTo(reject("invalid voluntary exit threshold signature"));
    assertThat(fulu().voluntaryExit.validate(head, threeSigners)).isEqualTo(reject("invalid voluntary exit signature"));
    assertThat(v.voluntaryExit.validate(head, threeSigners)).isEqualTo(ValidationResult.ACCEPT);
    assertThat(v.groupExitSignature.validate(head, GroupExitSignature.create(exit, UInt64.valueOf(2),
        Bls.sign(EdvtFixtures.memberKey(0, 2), root).toBytes()))).isEqualTo(ignore("already seen an exit of this validator"));
  }

  @Test
  void proposerSlashingsOfAGroupNeedTheThresholdOnEachHeader() {
    UInt64 s = nextGroupSlot();
    int proposer = chain.proposerOf(s);
    MutableBeaconState atSlot = stateAt(s);
    BeaconState head = chain.headState();
    var h1 = edvt.dataColumnSidecars().computeSignedBlockHeader(chain.produceBlock(s, BlockOptions.none(),
        EdvtBlockOptions.none())).message();
    var h2 = h1.withBodyRoot(Bytes32.repeat((byte) 3));
    var type = edvt.schemas().signedBeaconBlockHeader();
    SignedBeaconBlockHeaderEdvt signed1 = SignedBeaconBlockHeaderEdvt.create(type, h1,
        sign(memberKeys(proposer, 0, 1, 2), proposerRoot(atSlot, h1.hashTreeRoot(), s)), bits(0, 1, 2));
    SignedBeaconBlockHeaderEdvt signed2 = SignedBeaconBlockHeaderEdvt.create(type, h2,
        sign(memberKeys(proposer, 1, 2, 3), proposerRoot(atSlot, h2.hashTreeRoot(), s)), bits(1, 2, 3));
    SignedBeaconBlockHeaderEdvt weak2 = SignedBeaconBlockHeaderEdvt.create(type, h2,
        sign(memberKeys(proposer, 1), proposerRoot(atSlot, h2.hashTreeRoot(), s)), bits(1));
    var slashingType = edvt.schemas().proposerSlashing();
    assertThat(v.proposerSlashing.validate(head, ProposerSlashing.create(slashingType, signed1, weak2)))
        .isEqualTo(reject("invalid proposer slashing threshold signature"));
    ProposerSlashing good = ProposerSlashing.create(slashingType, signed1, signed2);
    assertThat(fulu().proposerSlashing.validate(head, good)).isEqualTo(reject("invalid proposer slashing signature"));
    assertThat(v.proposerSlashing.validate(head, good)).isEqualTo(ValidationResult.ACCEPT);
    assertThat(v.proposerSlashing.validate(head, good)).isEqualTo(ignore("already seen proposer slashing for this proposer"));
  }

  /** A member (member index above 0) of some group in committee 0 of a recent slot, and that slot. */
  private long[] memberInCommittee(BeaconState head) {
    MutableBeaconState view = new MutableBeaconState(head);
    for (long slot = head.slot().longValue(); slot > head.slot().longValue() - SLOTS; slot--) {
      for (long index : edvt.accessors().getExpandedBeaconCommittee(view, UInt64.valueOf(slot), 0)) {
        if (VirtualIndex.memberIndexOf(index) > 0) {
          return new long[] {slot, index};
        }
      }
    }
    throw new AssertionError("no group member in the committees of the last epoch");
  }

  private AttestationData data(UInt64 slot, Bytes32 blockRoot) {
    UInt64 epoch = edvt.misc().computeEpochAtSlot(slot);
    Bytes32 target = store.checkpointBlock(blockRoot, epoch, SLOTS).orElseThrow();
    return AttestationData.create(slot, UInt64.ZERO, blockRoot, chain.headState().currentJustifiedCheckpoint(),
        Checkpoint.create(epoch, target));
  }

  @Test
  void membersAttestByVirtualIndexAndAMemberThatSignsTwiceIsReportedAsEquivocating() {
    for (int i = 0; i < SLOTS + 2; i++) {
      apply(chain.produceBlock(chain.headState().slot().plus(1), BlockOptions.none()));
    }
    BeaconState head = chain.headState();
    MutableBeaconState view = new MutableBeaconState(head);
    long[] found = memberInCommittee(head);
    UInt64 slot = UInt64.valueOf(found[0]);
    long member = found[1];
    AttestationData data = data(slot, store.ancestor(chain.headRoot(), slot).orElseThrow());
    SingleAttestation attestation = SingleAttestation.create(UInt64.ZERO, UInt64.fromLongBits(member), data,
        FIXTURES.signAttestation(view, data, List.of(member)));
    int committees = edvt.accessors().getCommitteeCountPerSlot(view, data.target().epoch());
    long subnet = new GossipHelpers(CONFIG, edvt.misc()).computeSubnetForAttestation(committees, slot, UInt64.ZERO);
    long now = at(head.slot(), 500);

    assertThat(fulu().attestation.validate(head, attestation, subnet, now))
        .isEqualTo(reject("attester is not a member of the committee"));
    SingleAttestation stranger = SingleAttestation.create(UInt64.ZERO,
        UInt64.valueOf(VirtualIndex.compute(VirtualIndex.validatorIndexOf(member), 9)), data, attestation.signature());
    assertThat(v.attestation.validate(head, stranger, subnet, now))
        .isEqualTo(reject("attester is not a member of the expanded committee"));
    // a node whose head is two epochs behind the vote (it is syncing) cannot know its committee: IGNORE, not REJECT
    UInt64 later = slot.plus(2L * SLOTS);
    UInt64 laterEpoch = edvt.misc().computeEpochAtSlot(later);
    AttestationData ahead = AttestationData.create(later, UInt64.ZERO, data.beaconBlockRoot(), data.source(),
        Checkpoint.create(laterEpoch, data.target().root()));
    assertThat(v.attestation.validate(head, SingleAttestation.create(UInt64.ZERO, UInt64.fromLongBits(member), ahead,
        attestation.signature()), subnet, at(later, 500)))
        .isEqualTo(ignore("attestation's epoch " + laterEpoch + " is beyond our head's committees (syncing)"));
    assertThat(v.attestation.validate(head, attestation, subnet, now)).isEqualTo(ValidationResult.ACCEPT);
    assertThat(v.attestation.validate(head, attestation, subnet, now))
        .isEqualTo(ignore("already seen attestation from this member for this epoch"));

    // the member signs a second vote for the same target: equivocation, though no group offence
    AttestationData other = AttestationData.create(data.slot(), data.index(), Bytes32.repeat((byte) 7), data.source(),
        data.target());
    var schemas = edvt.schemas();
    var indices = schemas.attestingIndices().of(List.of(UInt64.fromLongBits(member)));
    IndexedAttestation a1 = IndexedAttestation.create(schemas.indexedAttestation(), indices, data,
        FIXTURES.signAttestation(view, data, List.of(member)));
    IndexedAttestation a2 = IndexedAttestation.create(schemas.indexedAttestation(), indices, other,
        FIXTURES.signAttestation(view, other, List.of(member)));
    AttesterSlashing equivocation = AttesterSlashing.create(schemas.attesterSlashing(), a1, a2);
    assertThat(fulu().attesterSlashing.validate(head, equivocation))
        .isEqualTo(reject("validator index out of range in indexed attestation 1"));
    assertThat(v.attesterSlashing.validate(head, equivocation)).isEqualTo(ValidationResult.ACCEPT);
    assertThat(v.attesterSlashing.validate(head, equivocation))
        .isEqualTo(ignore("no new offender or equivocating key in attester slashing"));
    IndexedAttestation forged = IndexedAttestation.create(schemas.indexedAttestation(), indices, other, a1.signature());
    AttesterSlashing bad = AttesterSlashing.create(schemas.attesterSlashing(), a1, forged);
    assertThat(new EdvtGossipValidators(new GossipContext(VERSIONS, store, new SeenCaches())).attesterSlashing
        .validate(head, bad)).isEqualTo(reject("invalid indexed attestation 2"));
  }

  @Test
  void registrationsCheckTheOwnKeyFirstAndMarkTheValidatorBeforeTheProofs() {
    BeaconState head = chain.headState();
    MutableBeaconState view = new MutableBeaconState(head);
    SignedGroupRegistration good = FIXTURES.registration(view, 20, 2, EdvtFixtures.freshKeys(0, 3));
    assertThat(v.groupRegistration.validate(head, good)).isEqualTo(ValidationResult.ACCEPT);
    assertThat(v.groupRegistration.validate(head, good))
        .isEqualTo(ignore("already seen a registration for this validator in this epoch"));

    List<BlsSecretKey> keys = EdvtFixtures.freshKeys(10, 3);
    List<Bytes48> pubkeys = keys.stream().map(k -> k.publicKey().toBytes()).toList();
    List<Bytes> swapped = List.of(FIXTURES.proof(view, keys.get(1), 21), FIXTURES.proof(view, keys.get(0), 21),
        FIXTURES.proof(view, keys.get(2), 21));
    SignedGroupRegistration badProofs = FIXTURES.registration(view, 21, 2, pubkeys, swapped, EdvtFixtures.ownKey(21));
    SignedGroupRegistration wrongSigner = FIXTURES.registration(view, 21, 2, pubkeys, swapped, EdvtFixtures.ownKey(22));
    assertThat(v.groupRegistration.validate(head, wrongSigner)).isEqualTo(reject("invalid registration signature"));
    assertThat(v.groupRegistration.validate(head, badProofs)).isEqualTo(reject("invalid proof of possession"));
    // the own-key signature was valid: validator 21 is marked for the epoch, its proofs are not checked again
    assertThat(v.groupRegistration.validate(head, FIXTURES.registration(view, 21, 2, keys)))
        .isEqualTo(ignore("already seen a registration for this validator in this epoch"));
    assertThat(v.groupRegistration.validate(head, FIXTURES.registration(view, 0, 2, EdvtFixtures.freshKeys(20, 3))))
        .isEqualTo(reject("validator already has a group"));
    assertThat(v.groupRegistration.validate(head, FIXTURES.registration(view, 30, 1, EdvtFixtures.freshKeys(30, 3))))
        .isEqualTo(reject("effective balance too low for the group size"));
  }

  @Test
  void keyChangesAndMemberKeyChangeSignaturesReferToTheKeySetInForce() {
    apply(chain.produceBlock(chain.headState().slot().plus(1), BlockOptions.none()));
    BeaconState head = chain.headState();
    MutableBeaconState view = new MutableBeaconState(head);
    UInt64 inForce = UInt64.ONE; // the groups' key sets are in force from epoch 1
    GroupKeyChange thresholdOnly = GroupKeyChange.create(UInt64.ZERO, inForce, UInt64.valueOf(4), Bytes48.ZERO,
        Bytes.wrap(new byte[96]), UInt64.valueOf(4));
    List<BlsSecretKey> members0 = memberKeys(0, 0, 1, 2, 3);
    SignedGroupKeyChange twoSigners = FIXTURES.keyChange(view, thresholdOnly, members0, 0, 1);
    SignedGroupKeyChange good = FIXTURES.keyChange(view, thresholdOnly, members0, 0, 1, 2);
    assertThat(v.groupKeyChange.validate(head, twoSigners)).isEqualTo(reject("invalid key change threshold signature"));
    assertThat(v.groupKeyChange.validate(head, good)).isEqualTo(ValidationResult.ACCEPT);
    assertThat(v.groupKeyChange.validate(head, good)).isEqualTo(ignore("already seen a key change for this key set"));
    GroupKeyChange stale = GroupKeyChange.create(UInt64.ONE, UInt64.ZERO, UInt64.valueOf(4), Bytes48.ZERO,
        Bytes.wrap(new byte[96]), UInt64.valueOf(4));
    assertThat(v.groupKeyChange.validate(head, FIXTURES.keyChange(view, stale, memberKeys(1, 0, 1, 2, 3), 0, 1, 2)))
        .isEqualTo(reject("key change does not refer to the key set in force"));

    Bytes32 domain = edvt.accessors().getDomain(view, io.edvt.groups.GroupDomains.DOMAIN_GROUP_KEY_CHANGE, null);
    GroupKeyChange change1 = GroupKeyChange.create(UInt64.ONE, inForce, UInt64.valueOf(4), Bytes48.ZERO,
        Bytes.wrap(new byte[96]), UInt64.valueOf(4));
    Bytes32 root1 = edvt.misc().computeSigningRoot(change1.hashTreeRoot(), domain);
    GroupKeyChangeSignature m2 = GroupKeyChangeSignature.create(change1, UInt64.valueOf(2),
        Bls.sign(EdvtFixtures.memberKey(1, 2), root1).toBytes());
    assertThat(v.groupKeyChangeSignature.validate(head, m2)).isEqualTo(ValidationResult.ACCEPT);
    assertThat(v.groupKeyChangeSignature.validate(head, m2))
        .isEqualTo(ignore("already seen a key change signature of this member this epoch"));
    assertThat(v.groupKeyChangeSignature.validate(head, GroupKeyChangeSignature.create(stale, UInt64.valueOf(1),
        m2.signature()))).isEqualTo(reject("key change does not refer to the key set in force"));
    assertThat(v.groupKeyChangeSignature.validate(head, GroupKeyChangeSignature.create(change1, UInt64.valueOf(3),
        m2.signature()))).isEqualTo(reject("invalid member key change signature"));
    // validator 0's change has been seen assembled: its members' signatures are no longer relayed
    Bytes32 root0 = edvt.misc().computeSigningRoot(thresholdOnly.hashTreeRoot(), domain);
    assertThat(v.groupKeyChangeSignature.validate(head, GroupKeyChangeSignature.create(thresholdOnly, UInt64.ONE,
        Bls.sign(EdvtFixtures.memberKey(0, 1), root0).toBytes())))
        .isEqualTo(ignore("already seen a key change for this key set"));
  }

  @Test
  void aSidecarHeaderOfAGroupBlockNeedsTheThreshold() {
    UInt64 s = nextGroupSlot();
    int proposer = chain.proposerOf(s);
    BeaconState head = chain.headState();
    int[] rank = edvt.accessors().getGroupMemberRanking(stateAt(s), proposer, s);
    SignedBeaconBlock good = chain.produceBlock(s, BlockOptions.none(), EdvtBlockOptions.none());
    SignedBeaconBlock weak = chain.produceBlock(s, BlockOptions.none(), EdvtBlockOptions.none().signers(rank[0]));
    long now = at(s, 500);
    assertThat(v.dataColumnSidecar.validate(head, sidecar(weak), 0, now))
        .isEqualTo(reject("invalid proposer threshold signature on sidecar block header"));
    // the threshold signature passes; the made-up commitment then fails the inclusion proof, a later rule
    assertThat(v.dataColumnSidecar.validate(head, sidecar(good), 0, now)).isEqualTo(reject("invalid sidecar inclusion proof"));
    // the good header's signature is now known valid (checked once per block); the weak one's signer bits make another
    // signed header, which is checked again and still fails
    assertThat(v.dataColumnSidecar.validate(head, sidecar(good), 0, now)).isEqualTo(reject("invalid sidecar inclusion proof"));
    assertThat(v.dataColumnSidecar.validate(head, sidecar(weak), 0, now))
        .isEqualTo(reject("invalid proposer threshold signature on sidecar block header"));
  }

  private DataColumnSidecar sidecar(SignedBeaconBlock block) {
    var header = edvt.dataColumnSidecars().computeSignedBlockHeader(block);
    var type = edvt.schemas().dataColumnSidecar();
    DataColumnSidecar d = type.defaultValue();
    @SuppressWarnings("unchecked")
    var cells = (io.edvt.infrastructure.ssz.types.ListType<Bytes>) type.fields().get(1).type();
    @SuppressWarnings("unchecked")
    var points = (io.edvt.infrastructure.ssz.types.ListType<Bytes48>) type.fields().get(2).type();
    return DataColumnSidecar.create(type, UInt64.ZERO,
        cells.of(List.of(Bytes.wrap(new byte[(int) edvt.schemas().cell().fixedSize()]))),
        points.of(List.of(Bytes48.ZERO)), points.of(List.of(Bytes48.ZERO)), header, d.kzgCommitmentsInclusionProof());
  }

  @Test
  void topicsRouteMessagesToTheirForksValidators() {
    UInt64 s = nextGroupSlot();
    BeaconState head = chain.headState();
    SignedBeaconBlock good = chain.produceBlock(s, BlockOptions.none(), EdvtBlockOptions.none());
    ForkDigests digests = new ForkDigests(VERSIONS, head.genesisValidatorsRoot());
    GossipValidation validation = new GossipValidation(digests, context);
    String edvtTopic = GossipTopics.topic(digests.digestAtSlot(s), GossipTopics.BEACON_BLOCK);
    String fuluTopic = GossipTopics.topic(digests.digestAt(UInt64.ONE), GossipTopics.BEACON_BLOCK);
    long now = at(s, 500);
    assertThat(validation.validate(fuluTopic, good.serialize(), head, now)).isInstanceOf(ValidationResult.Reject.class)
        .extracting(ValidationResult::reason).asString().startsWith("invalid SSZ:");
    assertThat(validation.validate("/eth2/00000000/beacon_block/ssz_snappy", good.serialize(), head, now))
        .isEqualTo(ignore("unknown fork digest 0x00000000"));
    assertThat(validation.validate(edvtTopic, good.serialize(), head, now)).isEqualTo(ValidationResult.ACCEPT);
  }
}
