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
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.SyncAggregateProcessingFulu.SyncAggregateRewards;
import io.edvt.spec.testing.Signer;
import io.edvt.spec.testing.ValidatorKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

/** The sync committee with groups: seat blocks, and rewards per block of seats. */
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
    assertThat(edvt).containsExactly(java.util.Arrays.stream(fulu).asLongStream().toArray());
    assertThat(syncCommittee().getNextSyncCommittee(state)).isEqualTo(FULU.accessors().getNextSyncCommittee(state));
  }

  @Test
  void groupsFillConsecutiveSeatsWithTheirMembersAndOnlyTheLastBlockIsTruncated() {
    MutableBeaconState state = stateWithGroups();
    long[] seats = syncCommittee().getNextSyncCommitteeIndices(state);
    assertThat(seats).hasSize(CONFIG.syncCommitteeSize());
    int groupBlocks = 0;
    int plainSeats = 0;
    int seat = 0;
    while (seat < seats.length) {
      long validator = VirtualIndex.validatorIndexOf(seats[seat]);
      assertThat(VirtualIndex.memberIndexOf(seats[seat])).as("seat " + seat).isZero();
      if (validator < GROUPS) {
        int size = Math.min(N, seats.length - seat);
        for (int j = 0; j < size; j++) {
          assertThat(seats[seat + j]).as("seat " + (seat + j))
              .isEqualTo(VirtualIndex.compute(validator, j));
        }
        seat += size;
        groupBlocks++;
      } else {
        assertThat(validator).isLessThan(VALIDATORS);
        seat++;
        plainSeats++;
      }
    }
    assertThat(groupBlocks).isPositive();
    assertThat(groupBlocks * N + plainSeats).isGreaterThanOrEqualTo(seats.length);

    // the committee holds the members' keys, and the current committee resolves back to the seats
    var committee = syncCommittee().getNextSyncCommittee(state);
    for (int i = 0; i < seats.length; i++) {
      assertThat(committee.pubkeys().get(i))
          .isEqualTo(operations().registry().getVirtualPubkey(state, seats[i], UInt64.valueOf(16)).orElseThrow());
    }
    state.setCurrentSyncCommittee(committee);
    assertThat(syncCommittee().getCurrentSyncCommitteeIndices(state)).containsExactly(seats);
  }

  @Test
  void aBlockWithThresholdBitsEarnsNRewardsAndWithOneFewerNPenalties() {
    MutableBeaconState state = stateWithGroups();
    long[] seats = syncCommittee().getNextSyncCommitteeIndices(state);
    state.setCurrentSyncCommittee(syncCommittee().getNextSyncCommittee(state));
    int proposer = EDVT.accessors().getBeaconProposerIndex(state);

    // every block of an even group gets ceil(m*s/n) bits, of an odd group one fewer; plain seats all bits
    boolean[] bits = new boolean[seats.length];
    Map<Integer, Long> expected = new HashMap<>();
    SyncAggregateRewards rewards = EDVT.blockProcessor().syncAggregateProcessing().computeRewards(state);
    long reward = rewards.participantReward().longValue();
    long proposerReward = rewards.proposerReward().longValue();
    long proposerExpected = 0;
    int seat = 0;
    while (seat < seats.length) {
      int validator = (int) VirtualIndex.validatorIndexOf(seats[seat]);
      int size = validator < GROUPS ? Math.min(N, seats.length - seat) : 1;
      int threshold = validator < GROUPS ? (M * size + N - 1) / N : 1;
      boolean earns = validator >= GROUPS || validator % 2 == 0;
      int set = earns ? threshold : threshold - 1;
      for (int i = 0; i < set; i++) {
        bits[seat + i] = true;
      }
      expected.merge(validator, (earns ? 1 : -1) * reward * size, Long::sum);
      if (earns) {
        proposerExpected += proposerReward * size;
      }
      seat += size;
    }
    expected.merge(proposer, proposerExpected, Long::sum);
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

    assertThat(expected.keySet()).anyMatch(v -> v < GROUPS && v % 2 == 0);
    assertThat(expected.keySet()).anyMatch(v -> v < GROUPS && v % 2 == 1);
    for (int v = 0; v < VALIDATORS; v++) {
      long delta = state.balances().get(v).longValue() - before[v];
      assertThat(delta).as("validator " + v).isEqualTo(expected.getOrDefault(v, 0L));
    }
  }

  @Test
  void theEpochTransitionAtAPeriodBoundaryRotatesTheCommitteesAndSeatsTheGroups() {
    MutableBeaconState state = stateWithGroups();
    long lastEpochOfPeriod = CONFIG.epochsPerSyncCommitteePeriod() - 1L;
    state.setSlot(UInt64.valueOf((lastEpochOfPeriod + 1) * CONFIG.slotsPerEpoch() - 1));
    var oldNext = state.nextSyncCommittee();
    long[] expectedSeats = syncCommittee().getNextSyncCommitteeIndices(state);

    EDVT.epochProcessor().processEpoch(state);

    assertThat(state.currentSyncCommittee()).isEqualTo(oldNext);
    var next = state.nextSyncCommittee();
    for (int i = 0; i < expectedSeats.length; i++) {
      assertThat(next.pubkeys().get(i)).isEqualTo(operations().registry()
          .getVirtualPubkey(state, expectedSeats[i], UInt64.valueOf(2L * CONFIG.epochsPerSyncCommitteePeriod())).orElseThrow());
    }
    List<org.apache.tuweni.bytes.Bytes48> memberKeys = new ArrayList<>();
    MEMBERS.values().forEach(list -> list.forEach(k -> memberKeys.add(k.publicKey().toBytes())));
    assertThat(next.pubkeys().asList()).containsAnyElementsOf(memberKeys);
    // the member participation lists were rotated and sized for the groups
    var edvt = (io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt) state.commit();
    assertThat(edvt.currentEpochMemberParticipation().size()).isEqualTo(GROUPS * SpecConfigEdvt.of(CONFIG).maxGroupSize());
  }
}
