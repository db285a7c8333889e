package io.edvt.forkchoice.votes;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.forkchoice.tree.BlockTreeView;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.GroupSpec;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EDVT vote layer on real EDVT states (minimal preset, 64 validators at slot 24, epoch 3):
 * attesting indices resolved to keys in the target state, key sets and balances from the justified
 * state, equivocations per key. Signatures are the store's business and are not made here.
 */
class EdvtVoteLayerTest {
  private static final SpecConfig CONFIG = EdvtConfig.load("minimal");
  private static final SpecEdvt EDVT = new SpecEdvt(CONFIG);
  private static final EdvtFixtures FIXTURES = new EdvtFixtures(new SpecFulu(CONFIG), EDVT);
  private static final long ETH = 1_000_000_000L;
  private static final int GROUP = 5;
  private static final UInt64 EPOCH = UInt64.valueOf(3);

  /** Validator 5 is a 3-of-4 group (128 ETH), in force since epoch 1. */
  private static BeaconState grouped;

  // node 0 (root) with children 1 and 2
  private static final BlockTreeView TREE = new BlockTreeView() {
    @Override
    public int size() {
      return 3;
    }

    @Override
    public int parent(int node) {
      return node == 0 ? NONE : 0;
    }
  };

  @BeforeAll
  static void states() {
    grouped = EdvtChainBuilder.withGroups(FIXTURES, 24, List.of(new GroupSpec(GROUP, 3, 4))).headState();
  }

  private static JustifiedState justified(BeaconState state, int tag) {
    return new JustifiedState(Checkpoint.create(EPOCH, Bytes32.repeat((byte) tag)), state);
  }

  private static long member(int member) {
    return FIXTURES.virtualIndex(GROUP, member);
  }

  /** An unsigned indexed attestation of {@code indices} (sorted here) with target epoch {@code epoch}. */
  private static IndexedAttestation indexed(UInt64 epoch, int headTag, long... indices) {
    long[] sorted = indices.clone();
    Arrays.sort(sorted);
    List<UInt64> list = new ArrayList<>();
    for (long i : sorted) {
      list.add(UInt64.valueOf(i));
    }
    Checkpoint target = Checkpoint.create(epoch, Bytes32.ZERO);
    AttestationData data = AttestationData.create(UInt64.valueOf(24), UInt64.ZERO, Bytes32.repeat((byte) headTag),
        target, target);
    return IndexedAttestation.create(EDVT.schemas().indexedAttestation(), EDVT.schemas().attestingIndices().of(list),
        data, Bytes.wrap(new byte[96]));
  }

  private static EdvtVoteLayer layer() {
    return (EdvtVoteLayer) VoteLayers.edvt(EDVT).create(TREE);
  }

  /** {@code state} with validator 5's group key sets replaced by {@code edit} of them. */
  private static BeaconState withKeySets(BeaconState state, UnaryOperator<List<GroupKeySet>> edit) {
    return withKeySets(state, GROUP, edit);
  }

  private static BeaconState withKeySets(BeaconState state, int validator, UnaryOperator<List<GroupKeySet>> edit) {
    MutableBeaconState view = new MutableBeaconState(state);
    SszListEditor<Group> groups = EDVT.accessors().registry().groups(view);
    int index = EDVT.accessors().registry().getGroupIndex(view, validator).orElseThrow();
    Group group = groups.get(index);
    @SuppressWarnings("unchecked")
    ListType<GroupKeySet> type = (ListType<GroupKeySet>) EDVT.schemas().group().fields().get(1).type();
    groups.set(index, group.withKeySets(type.of(edit.apply(new ArrayList<>(group.keySets().asList())))));
    return EDVT.schemas().beaconState().deserialize(view.commit().serialize());
  }

  private static GroupKeySet keySet(List<BlsSecretKey> keys, int threshold, long activation) {
    return GroupKeySet.create(EDVT.schemas().groupKeySet(), UInt64.valueOf(threshold),
        EDVT.schemas().groupPubkeys().of(keys.stream().map(k -> k.publicKey().toBytes()).toList()),
        UInt64.valueOf(activation));
  }

  @Test
  void validatorsWithoutAGroupVoteWithTheirOwnKeyAsInFulu() {
    EdvtVoteLayer votes = layer();
    votes.onAttestation(indexed(EPOCH, 1, 10, 11), grouped, 1);
    assertThat(votes.computeDeltas(TREE, justified(grouped, 1))).containsExactly(0, 64 * ETH, 0);
    assertThat(votes.plain().latestMessageNode(10)).isEqualTo(1);
    // a later target moves the vote, the same target does not
    votes.onAttestation(indexed(EPOCH, 2, 10), grouped, 2);
    votes.onAttestation(indexed(EPOCH.plus(1), 2, 11), grouped, 2);
    assertThat(votes.computeDeltas(TREE, justified(grouped, 1))).containsExactly(0, -32 * ETH, 32 * ETH);
  }

  @Test
  void aGroupCountsWhereThresholdMembersMeetAndOnlyThere() {
    EdvtVoteLayer votes = layer();
    votes.onAttestation(indexed(EPOCH, 1, member(0), member(1)), grouped, 1);
    votes.onAttestation(indexed(EPOCH, 2, member(2)), grouped, 2);
    // 3 of 4 meet only at the root
    assertThat(votes.computeDeltas(TREE, justified(grouped, 1))).containsExactly(128 * ETH, 0, 0);
    votes.onAttestation(indexed(EPOCH, 1, member(3)), grouped, 1);
    assertThat(votes.computeDeltas(TREE, justified(grouped, 1))).containsExactly(-128 * ETH, 128 * ETH, 0);
    // the group is in the threshold layer, its member keys by key id; the Fulu tracker has no vote for it
    assertThat(votes.groups().isGroup(GROUP)).isTrue();
    assertThat(votes.plain().latestMessageNode(GROUP)).isEqualTo(BlockTreeView.NONE);
    int key3 = votes.keyIdOf(EdvtFixtures.memberKey(GROUP, 3).publicKey().toBytes());
    assertThat(votes.groups().countedVote(key3)).isEqualTo(1);
  }

  @Test
  void aMemberEquivocationDiscardsThatKeysVoteOnly() {
    EdvtVoteLayer votes = layer();
    votes.onAttestation(indexed(EPOCH, 1, member(0), member(1), member(2), member(3)), grouped, 1);
    votes.computeDeltas(TREE, justified(grouped, 1));
    votes.onAttesterSlashing(indexed(EPOCH, 1, member(0), 20), indexed(EPOCH, 2, member(0), 21), grouped);
    // three members are left: still m
    assertThat(votes.computeDeltas(TREE, justified(grouped, 1))).containsOnly(0);
    assertThat(votes.isEquivocatingKey(EdvtFixtures.memberKey(GROUP, 0).publicKey().toBytes())).isTrue();
    assertThat(votes.isEquivocatingKey(EdvtFixtures.memberKey(GROUP, 1).publicKey().toBytes())).isFalse();
    // is_head_weak: the group's key set holds an equivocating key; validators 20 and 21 did not sign both
    assertThat(votes.isEquivocating(grouped, GROUP, EPOCH)).isTrue();
    assertThat(votes.isEquivocating(grouped, 20, EPOCH)).isFalse();
    // a second member goes: 2 of 4 is below m and the group's weight leaves
    votes.onAttesterSlashing(indexed(EPOCH, 1, member(1)), indexed(EPOCH, 2, member(1)), grouped);
    assertThat(votes.computeDeltas(TREE, justified(grouped, 1))).containsExactly(0, -128 * ETH, 0);
    // an equivocating key's later messages are ignored
    votes.onAttestation(indexed(EPOCH.plus(1), 2, member(0), member(1)), grouped, 2);
    assertThat(votes.computeDeltas(TREE, justified(grouped, 1))).containsOnly(0);
  }

  @Test
  void aPlainValidatorsEquivocationIsByItsOwnKey() {
    EdvtVoteLayer votes = layer();
    votes.onAttestation(indexed(EPOCH, 1, 10, 11), grouped, 1);
    votes.computeDeltas(TREE, justified(grouped, 1));
    votes.onAttesterSlashing(indexed(EPOCH, 1, 10, 11), indexed(EPOCH, 2, 10), grouped);
    assertThat(votes.computeDeltas(TREE, justified(grouped, 1))).containsExactly(0, -32 * ETH, 0);
    assertThat(votes.isEquivocating(grouped, 10, EPOCH)).isTrue();
    assertThat(votes.isEquivocating(grouped, 11, EPOCH)).isFalse();
    assertThat(votes.plain().isEquivocating(10)).isTrue();
  }

  @Test
  void keySetsComeFromTheJustifiedStateAndRotatedInKeysKeepTheirMessages() {
    List<BlsSecretKey> newKeys = EdvtFixtures.freshKeys(900, 3);
    // the same group with a 2-of-3 key set of new keys in force from epoch 2
    BeaconState rotated = withKeySets(grouped, sets -> {
      sets.add(keySet(newKeys, 2, 2));
      return sets;
    });
    EdvtVoteLayer votes = layer();
    votes.onAttestation(indexed(EPOCH, 1, member(0), member(1), member(2)), grouped, 1);
    // the new keys sign as members 0 and 1 of the rotated state (their target state)
    votes.onAttestation(indexed(EPOCH, 2, member(0), member(1)), rotated, 2);
    assertThat(votes.keyIdOf(newKeys.get(0).publicKey().toBytes())).isNotNegative();
    // justified: the old key set (3 of 4) counts on node 1
    assertThat(votes.computeDeltas(TREE, justified(grouped, 1))).containsExactly(0, 128 * ETH, 0);
    // a new justified state with the new key set: the new keys' messages count at once
    assertThat(votes.computeDeltas(TREE, justified(rotated, 2))).containsExactly(0, -128 * ETH, 128 * ETH);
  }

  @Test
  void aGroupWhoseMemberKeysAreNotInForceYetIsItsOwnKey() {
    // the member key set only from epoch 10: at epoch 3 member 0 is the validator's own key
    BeaconState pending = withKeySets(grouped, sets -> {
      GroupKeySet members = sets.get(1);
      sets.set(1, members.withActivationEpoch(UInt64.valueOf(10)));
      return sets;
    });
    EdvtVoteLayer votes = layer();
    votes.onAttestation(indexed(EPOCH, 1, GROUP), pending, 1);
    assertThat(votes.computeDeltas(TREE, justified(pending, 1))).containsExactly(0, 128 * ETH, 0);
    assertThat(votes.plain().latestMessageNode(GROUP)).isEqualTo(1);
    // once the member key set is the justified one, the own key's message no longer counts and
    // the group needs 3 member votes
    assertThat(votes.computeDeltas(TREE, justified(grouped, 2))).containsExactly(0, -128 * ETH, 0);
    votes.onAttestation(indexed(EPOCH.plus(1), 2, member(0), member(1), member(2)), grouped, 2);
    assertThat(votes.computeDeltas(TREE, justified(grouped, 2))).containsExactly(0, 0, 128 * ETH);
  }

  @Test
  void oneTargetStateNamesTheKeysInForceAtEachAttestationsEpoch() {
    // the member key set only from epoch 10, in one state object used as the target of both epochs
    BeaconState pending = withKeySets(grouped, sets -> {
      GroupKeySet members = sets.get(1);
      sets.set(1, members.withActivationEpoch(UInt64.valueOf(10)));
      return sets;
    });
    EdvtVoteLayer votes = layer();
    // epoch 3: member 0 is the validator's own key, member 1 names no key
    votes.onAttestation(indexed(EPOCH, 1, GROUP, member(1)), pending, 1);
    assertThat(votes.plain().latestMessageNode(GROUP)).isEqualTo(1);
    assertThat(votes.keyIdOf(EdvtFixtures.memberKey(GROUP, 1).publicKey().toBytes())).isNegative();
    // epoch 10, same state: the member keys sign
    votes.onAttestation(indexed(UInt64.valueOf(10), 2, member(0), member(1)), pending, 2);
    int key1 = votes.keyIdOf(EdvtFixtures.memberKey(GROUP, 1).publicKey().toBytes());
    assertThat(votes.groups().countedVote(key1)).isEqualTo(2);
    assertThat(votes.groups().latestEpoch(key1)).isEqualTo(10);
    assertThat(votes.plain().latestMessageNode(GROUP)).isEqualTo(1);
    // more targets than the layer keeps, then the first again: resolved afresh, the same way
    for (long e = 11; e < 16; e++) {
      votes.onAttestation(indexed(UInt64.valueOf(e), 1, 10), pending, 1);
    }
    votes.onAttestation(indexed(EPOCH.plus(1), 2, GROUP, member(2)), pending, 2);
    assertThat(votes.plain().latestMessageNode(GROUP)).isEqualTo(2);
    // at epoch 4 member 2 still names no key: its member key has no message
    int key2 = votes.keyIdOf(EdvtFixtures.memberKey(GROUP, 2).publicKey().toBytes());
    assertThat(key2 < 0 || votes.groups().latestEpoch(key2) == -1).isTrue();
  }

  @Test
  void aTargetStateDerivedFromAnotherNamesTheSameKeys() {
    // a later state sharing the group records: the key set named for the first target is reused
    MutableBeaconState next = new MutableBeaconState(grouped);
    next.setSlot(next.slot().plus(1));
    BeaconState derived = next.commit();
    EdvtVoteLayer votes = layer();
    votes.onAttestation(indexed(EPOCH, 1, member(0), member(1), member(2)), grouped, 1);
    votes.onAttestation(indexed(EPOCH.plus(1), 2, 10, member(0), member(1), member(3)), derived, 2);
    assertThat(votes.computeDeltas(TREE, justified(grouped, 1))).containsExactly(0, 0, 160 * ETH);
    int key3 = votes.keyIdOf(EdvtFixtures.memberKey(GROUP, 3).publicKey().toBytes());
    assertThat(votes.groups().countedVote(key3)).isEqualTo(2);
    assertThat(votes.plain().latestMessageNode(10)).isEqualTo(2);
  }

  @Test
  void eachOfSeveralGroupsNamesItsOwnMembers() {
    // groups of validators 9, 2 and 40 (registered in that order): 2-of-2, 2-of-3 and 1-of-2
    BeaconState three = EdvtChainBuilder.withGroups(FIXTURES, 24,
        List.of(new GroupSpec(9, 2, 2), new GroupSpec(2, 2, 3), new GroupSpec(40, 1, 2))).headState();
    EdvtVoteLayer votes = layer();
    votes.onAttestation(indexed(EPOCH, 1, FIXTURES.virtualIndex(9, 0), FIXTURES.virtualIndex(9, 1),
        FIXTURES.virtualIndex(2, 1), FIXTURES.virtualIndex(2, 2), FIXTURES.virtualIndex(40, 1), 3), three, 1);
    votes.onAttestation(indexed(EPOCH, 2, FIXTURES.virtualIndex(2, 0)), three, 2);
    // 64 + 96 + 64 ETH of groups and validator 3's 32 ETH on node 1; validator 2's third member alone on node 2
    assertThat(votes.computeDeltas(TREE, justified(three, 1))).containsExactly(0, 256 * ETH, 0);
    for (int[] vm : new int[][] {{9, 0}, {9, 1}, {2, 1}, {2, 2}, {40, 1}}) {
      int key = votes.keyIdOf(EdvtFixtures.memberKey(vm[0], vm[1]).publicKey().toBytes());
      assertThat(votes.groups().countedVote(key)).as("member %d of %d", vm[1], vm[0]).isEqualTo(1);
    }
    int key20 = votes.keyIdOf(EdvtFixtures.memberKey(2, 0).publicKey().toBytes());
    assertThat(votes.groups().countedVote(key20)).isEqualTo(2);
  }

  @Test
  void aKeyThatIsAnotherGroupsInTheNextJustifiedStateMovesWithItsMessages() {
    // another branch's state: validator 6 is a 3-of-3 group (96 ETH) of three of validator 5's
    // member keys here, and validator 5 has no group
    List<BlsSecretKey> moved = List.of(EdvtFixtures.memberKey(GROUP, 0), EdvtFixtures.memberKey(GROUP, 1),
        EdvtFixtures.memberKey(GROUP, 2));
    BeaconState other = withKeySets(
        EdvtChainBuilder.withGroups(FIXTURES, 24, List.of(new GroupSpec(6, 3, 3))).headState(), 6, sets -> {
          sets.set(1, keySet(moved, 3, 1));
          return sets;
        });
    EdvtVoteLayer votes = layer();
    votes.onAttestation(indexed(EPOCH, 1, member(0), member(1), member(2)), grouped, 1);
    assertThat(votes.computeDeltas(TREE, justified(grouped, 1))).containsExactly(0, 128 * ETH, 0);
    // the keys' messages now count for validator 6, and validator 5's weight leaves
    assertThat(votes.computeDeltas(TREE, justified(other, 2))).containsExactly(0, -32 * ETH, 0);
    assertThat(votes.groups().appliedBalance(6)).isEqualTo(96 * ETH);
    assertThat(votes.groups().appliedVoteNode(6)).isEqualTo(1);
    // and back
    assertThat(votes.computeDeltas(TREE, justified(grouped, 3))).containsExactly(0, 32 * ETH, 0);
  }

  @Test
  void pruningDropsVotesForPrunedBlocksInBothLayers() {
    EdvtVoteLayer votes = layer();
    votes.onAttestation(indexed(EPOCH, 1, 10, member(0), member(1), member(2)), grouped, 1);
    votes.computeDeltas(TREE, justified(grouped, 1));
    votes.prune(1);
    assertThat(votes.plain().latestMessageNode(10)).isEqualTo(0);
    int key0 = votes.keyIdOf(EdvtFixtures.memberKey(GROUP, 0).publicKey().toBytes());
    assertThat(votes.groups().countedVote(key0)).isEqualTo(0);
  }

  @Test
  void eachMilestoneHasItsOwnLayer() {
    SpecVersions versions = new SpecVersions(CONFIG);
    assertThat(VoteLayers.forMilestone(SpecMilestone.EDVT, versions).create(TREE)).isInstanceOf(EdvtVoteLayer.class);
    assertThat(VoteLayers.forMilestone(SpecMilestone.FULU, versions).create(TREE)).isInstanceOf(FuluVoteTracker.class);
  }
}
