package io.edvt.spec.edvt.logic;

import static io.edvt.spec.edvt.logic.GroupFixture.CONFIG;
import static io.edvt.spec.edvt.logic.GroupFixture.EDVT;
import static io.edvt.spec.edvt.logic.GroupFixture.FULU;
import static io.edvt.spec.edvt.logic.GroupFixture.VALIDATORS;
import static io.edvt.spec.edvt.logic.GroupFixture.keySet;
import static io.edvt.spec.edvt.logic.GroupFixture.memberKeys;
import static io.edvt.spec.edvt.logic.GroupFixture.operations;
import static io.edvt.spec.edvt.logic.GroupFixture.setEffectiveBalance;
import static io.edvt.spec.edvt.logic.GroupFixture.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.SyncAggregateProcessingFulu.SyncAggregateRewards;
import io.edvt.spec.testing.Signer;
import io.edvt.spec.testing.ValidatorKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.junit.jupiter.api.Test;

/**
 * The sync committee with groups: Fulu's sampling with one seat per accepted draw, held by one
 * member chosen from the draw, the seats' signers kept in the state, and Fulu's per-seat rewards
 * paid to the member's validator.
 */
class GroupSyncCommitteeTest {
  private static final int N = 4;
  private static final int M = 3;
  /** Validators 0..7 have groups of 4 (3 of 4) at the largest effective balance. */
  private static final int GROUPS = 8;
  private static final Map<Integer, List<BlsSecretKey>> MEMBERS = new HashMap<>();

  static {
    for (int v = 0; v < GROUPS; v++) {
      MEMBERS.put(v, memberKeys(200 + v * N, N));
    }
  }

  private static MutableBeaconState stateWithGroups() {
    MutableBeaconState state = state();
    for (int v = 0; v < GROUPS; v++) {
      setEffectiveBalance(state, v, CONFIG.maxEffectiveBalanceElectra());
      operations().addGroupToRegistry(state, v, keySet(MEMBERS.get(v), M, 1));
    }
    return state;
  }

  private static SyncCommitteeEdvt syncCommittee() {
    return EDVT.epochProcessor().syncCommittee();
  }

  @Test
  void withoutGroupsTheNextSyncCommitteeIsFulus() {
    MutableBeaconState state = state();
    long[] edvt = syncCommittee().getNextSyncCommitteeIndices(state);
    int[] fulu = FULU.accessors().getNextSyncCommitteeIndices(state);
    assertThat(edvt).containsExactly(Arrays.stream(fulu).asLongStream().toArray());
    assertThat(syncCommittee().getNextSyncCommittee(state)).isEqualTo(FULU.accessors().getNextSyncCommittee(state));
  }

  @Test
  void eachAcceptedDrawSeatsOneMemberOfTheCandidateWhereFuluSeatsTheValidator() {
    MutableBeaconState state = stateWithGroups();
    long[] seats = syncCommittee().getNextSyncCommitteeIndices(state);
    // the same candidates as Fulu's rule on the same state: groups are sampled by balance, like everyone
    int[] fulu = FULU.accessors().getNextSyncCommitteeIndices(state);
    assertThat(seats).hasSize(CONFIG.syncCommitteeSize());
    Set<Long> groupMembersSeated = new HashSet<>();
    for (int i = 0; i < seats.length; i++) {
      long validator = VirtualIndex.validatorIndexOf(seats[i]);
      assertThat(validator).as("seat " + i).isEqualTo(fulu[i]);
      long member = VirtualIndex.memberIndexOf(seats[i]);
      if (validator < GROUPS) {
        assertThat(member).as("seat " + i).isLessThan(N);
        groupMembersSeated.add(seats[i]);
      } else {
        assertThat(member).as("a plain validator is its member 0").isZero();
      }
    }
    assertThat(groupMembersSeated).as("several members of groups hold seats").hasSizeGreaterThan(1);
    assertThat(groupMembersSeated.stream().map(VirtualIndex::memberIndexOf).distinct())
        .as("and not always the same member").hasSizeGreaterThan(1);

    // the committee holds the members' keys
    var committee = syncCommittee().getNextSyncCommittee(state);
    for (int i = 0; i < seats.length; i++) {
      assertThat(committee.pubkeys().get(i))
          .isEqualTo(operations().registry().getVirtualPubkey(state, seats[i], UInt64.valueOf(16)).orElseThrow());
    }
  }

  @Test
  void theMemberOfADrawIsAHashOfTheSeedTheDrawAndTheKeySetSize() {
    Bytes32 seed = Bytes32.repeat((byte) 7);
    int[] counts = new int[N];
    for (long i = 0; i < 4000; i++) {
      int member = SyncCommitteeEdvt.computeSyncCommitteeMemberIndex(seed, i, N);
      assertThat(member).isBetween(0, N - 1);
      counts[member]++;
    }
    // uniform within a few standard deviations (1000 expected, sd ~27)
    for (int c : counts) {
      assertThat(c).isBetween(850, 1150);
    }
    assertThat(SyncCommitteeEdvt.computeSyncCommitteeMemberIndex(seed, 3, 1)).isZero();
    // hash(seed + uint_to_bytes(3) + uint_to_bytes(4))[0:8] % 4, written out
    byte[] preimage = new byte[48];
    System.arraycopy(seed.toArrayUnsafe(), 0, preimage, 0, 32);
    preimage[32] = 3;
    preimage[40] = 4;
    long value = 0;
    byte[] digest = io.edvt.infrastructure.crypto.Sha256.hash(preimage);
    for (int b = 7; b >= 0; b--) {
      value = (value << 8) | (digest[b] & 0xff);
    }
    assertThat(SyncCommitteeEdvt.computeSyncCommitteeMemberIndex(seed, 3, 4)).isEqualTo((int) Long.remainderUnsigned(value, 4));
  }

  @Test
  void eachSeatIsRewardedAsInFuluToTheValidatorOfItsMember() {
    MutableBeaconState state = stateWithGroups();
    syncCommittee().seatCommitteesFromScratch(state);
    long[] seats = syncCommittee().getCurrentSyncCommitteeIndices(state);
    int proposer = EDVT.accessors().getBeaconProposerIndex(state);
    SyncAggregateRewards rewards = EDVT.blockProcessor().syncAggregateProcessing().computeRewards(state);
    long reward = rewards.participantReward().longValue();
    long proposerReward = rewards.proposerReward().longValue();

    // even seats sign
    boolean[] bits = new boolean[seats.length];
    Map<Integer, Long> expected = new HashMap<>();
    for (int i = 0; i < seats.length; i++) {
      bits[i] = i % 2 == 0;
      int validator = (int) VirtualIndex.validatorIndexOf(seats[i]);
      expected.merge(validator, bits[i] ? reward : -reward, Long::sum);
      if (bits[i]) {
        expected.merge(proposer, proposerReward, Long::sum);
      }
    }
    List<BlsSecretKey> signers = new ArrayList<>();
    ValidatorKeys keys = ValidatorKeys.interop(VALIDATORS);
    MEMBERS.values().forEach(list -> list.forEach(keys::add));
    for (int i = 0; i < seats.length; i++) {
      if (bits[i]) {
        signers.add(keys.get(state.currentSyncCommittee().pubkeys().get(i)));
      }
    }
    UInt64 previousSlot = state.slot().minus(1);
    Bytes32 blockRoot = EDVT.accessors().getBlockRootAtSlot(state, previousSlot);
    var signature = new Signer(EDVT, keys).syncCommittee(state, blockRoot, previousSlot, signers);
    SszBits committeeBits = SszBits.zeros(seats.length);
    for (int i = 0; i < seats.length; i++) {
      committeeBits = committeeBits.with(i, bits[i]);
    }
    SyncAggregate aggregate = SyncAggregate.create(EDVT.schemas().syncAggregate(), committeeBits, signature);
    long[] before = new long[VALIDATORS];
    for (int v = 0; v < VALIDATORS; v++) {
      before[v] = state.balances().get(v).longValue();
    }

    EDVT.blockProcessor().processSyncAggregate(state, aggregate, SignatureVerifier.SIMPLE);

    assertThat(expected.keySet()).as("groups hold seats").anyMatch(v -> v < GROUPS);
    for (int v = 0; v < VALIDATORS; v++) {
      long delta = state.balances().get(v).longValue() - before[v];
      assertThat(delta).as("validator " + v).isEqualTo(expected.getOrDefault(v, 0L));
    }
  }

  @Test
  void theEpochTransitionAtAPeriodBoundaryRotatesTheCommitteesAndTheirSigners() {
    MutableBeaconState state = stateWithGroups();
    long lastEpochOfPeriod = CONFIG.epochsPerSyncCommitteePeriod() - 1L;
    state.setSlot(UInt64.valueOf((lastEpochOfPeriod + 1) * CONFIG.slotsPerEpoch() - 1));
    var oldNext = state.nextSyncCommittee();
    var oldNextSigners = state.listValue(BeaconStateEdvt.NEXT_SYNC_COMMITTEE_SIGNERS);
    long[] expectedSeats = syncCommittee().getNextSyncCommitteeIndices(state);

    EDVT.epochProcessor().processEpoch(state);

    assertThat(state.currentSyncCommittee()).isEqualTo(oldNext);
    assertThat(state.listValue(BeaconStateEdvt.CURRENT_SYNC_COMMITTEE_SIGNERS)).isEqualTo(oldNextSigners);
    assertThat(state.<UInt64>listValue(BeaconStateEdvt.NEXT_SYNC_COMMITTEE_SIGNERS).toLongArray()).containsExactly(expectedSeats);
    var next = state.nextSyncCommittee();
    for (int i = 0; i < expectedSeats.length; i++) {
      assertThat(next.pubkeys().get(i)).isEqualTo(operations().registry()
          .getVirtualPubkey(state, expectedSeats[i], UInt64.valueOf(2L * CONFIG.epochsPerSyncCommitteePeriod())).orElseThrow());
    }
    List<Bytes48> memberKeys = new ArrayList<>();
    MEMBERS.values().forEach(list -> list.forEach(k -> memberKeys.add(k.publicKey().toBytes())));
    assertThat(next.pubkeys().asList()).containsAnyElementsOf(memberKeys);
    // the member participation lists were rotated and sized for the groups
    var edvt = BeaconStateEdvt.toVersionEdvt(state.commit()).orElseThrow();
    assertThat(edvt.currentEpochMemberParticipation().size()).isEqualTo(GROUPS * SpecConfigEdvt.of(CONFIG).maxGroupSize());
  }
}
