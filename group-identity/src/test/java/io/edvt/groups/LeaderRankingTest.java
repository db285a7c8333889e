package io.edvt.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.logic.common.Shuffling;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LeaderRankingTest {
  private static final byte[] SEED = Sha256.hash("edvt leader ranking test".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  private static final int MAINNET_ROUNDS = 90;
  private static final int MINIMAL_ROUNDS = 10;
  private static final UInt64 VALIDATOR = UInt64.valueOf(1234);

  private static UInt64 slot(long s) {
    return UInt64.valueOf(s);
  }

  @Test
  void ranksArePermutationsOfTheMembersForEveryGroupSize() {
    for (int n = 1; n <= GroupKeySet.MAX_GROUP_SIZE; n++) {
      for (long s = 0; s < 64; s++) {
        int[] order = LeaderRanking.rankMembers(SEED, slot(s), VALIDATOR, n, MINIMAL_ROUNDS);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        assertThat(sorted).as("n=%d slot=%d", n, s).containsExactly(IntStream.range(0, n).toArray());
      }
    }
    assertThat(LeaderRanking.rankMembers(SEED, slot(5), VALIDATOR, 16, MAINNET_ROUNDS)).doesNotHaveDuplicates().hasSize(16);
  }

  @Test
  void isTheShuffledIndexOfEachRankUnderTheSlotAndValidatorSeed() {
    byte[] input = new byte[48];
    System.arraycopy(SEED, 0, input, 0, 32);
    input[32] = 7; // slot 7, little-endian
    input[40] = (byte) 0xd2; // validator 1234 = 0x04d2, little-endian
    input[41] = 0x04;
    byte[] rankingSeed = Sha256.hash(input);
    assertThat(LeaderRanking.rankingSeed(SEED, slot(7), VALIDATOR)).isEqualTo(rankingSeed);
    int[] order = LeaderRanking.rankMembers(SEED, slot(7), VALIDATOR, 7, MAINNET_ROUNDS);
    for (int rank = 0; rank < 7; rank++) {
      assertThat(order[rank]).isEqualTo((int) Shuffling.computeShuffledIndex(rank, 7, rankingSeed, MAINNET_ROUNDS));
      assertThat(LeaderRanking.memberAtRank(rank, SEED, slot(7), VALIDATOR, 7, MAINNET_ROUNDS)).isEqualTo(order[rank]);
      assertThat(LeaderRanking.rankOf(order[rank], SEED, slot(7), VALIDATOR, 7, MAINNET_ROUNDS)).isEqualTo(rank);
    }
    assertThat(LeaderRanking.rankMembers(SEED, slot(7), VALIDATOR, 7, MAINNET_ROUNDS)).isEqualTo(order);
  }

  @Test
  void everyMemberHoldsEveryRankAboutEquallyOftenOverManySlots() {
    int n = 4;
    int slots = 2000;
    int[][] counts = new int[n][n]; // [rank][member]
    for (long s = 0; s < slots; s++) {
      int[] order = LeaderRanking.rankMembers(SEED, slot(s), VALIDATOR, n, MAINNET_ROUNDS);
      for (int rank = 0; rank < n; rank++) {
        counts[rank][order[rank]]++;
      }
    }
    // expected 500 per cell, standard deviation about 19: allow five of them
    for (int rank = 0; rank < n; rank++) {
      for (int member = 0; member < n; member++) {
        assertThat(counts[rank][member]).as("member %d at rank %d", member, rank).isBetween(400, 600);
      }
    }
  }

  @Test
  void leadersOfAGroupOfSixteenSpreadOverAllMembers() {
    int[] leads = new int[16];
    for (long s = 0; s < 3200; s++) {
      leads[LeaderRanking.memberAtRank(0, SEED, slot(s), VALIDATOR, 16, MINIMAL_ROUNDS)]++;
    }
    // expected 200 each, standard deviation about 14
    for (int member = 0; member < 16; member++) {
      assertThat(leads[member]).as("member %d leads", member).isBetween(130, 270);
    }
  }

  @Test
  void differentGroupsInTheSameSlotGetIndependentOrders() {
    int differing = 0;
    for (long s = 0; s < 50; s++) {
      int[] a = LeaderRanking.rankMembers(SEED, slot(s), UInt64.valueOf(1), 8, MINIMAL_ROUNDS);
      int[] b = LeaderRanking.rankMembers(SEED, slot(s), UInt64.valueOf(2), 8, MINIMAL_ROUNDS);
      if (!Arrays.equals(a, b)) {
        differing++;
      }
    }
    assertThat(differing).isGreaterThan(45);
  }

  @Test
  void rejectsGroupSizesRanksAndSeedsOutOfRange() {
    assertThatThrownBy(() -> LeaderRanking.rankMembers(SEED, slot(0), VALIDATOR, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LeaderRanking.rankMembers(SEED, slot(0), VALIDATOR, 17, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LeaderRanking.memberAtRank(4, SEED, slot(0), VALIDATOR, 4, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LeaderRanking.rankOf(4, SEED, slot(0), VALIDATOR, 4, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LeaderRanking.rankMembers(new byte[31], slot(0), VALIDATOR, 4, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBlockLeaderIsTheBestRankedSigner() {
    int n = 7;
    for (long s = 0; s < 40; s++) {
      int[] ranking = LeaderRanking.groupMemberRanking(SEED, slot(s), VALIDATOR, n, MINIMAL_ROUNDS);
      assertThat(ranking).isEqualTo(LeaderRanking.rankMembers(SEED, slot(s), VALIDATOR, n, MINIMAL_ROUNDS));
      for (int bits = 1; bits < (1 << n); bits += 5) {
        SignerSet signers = SignerSet.fromBits(bits);
        // independently: the signer with the smallest rank
        int expected = -1;
        int bestRank = Integer.MAX_VALUE;
        for (int member : signers.toArray()) {
          int rank = LeaderRanking.rankOf(member, SEED, slot(s), VALIDATOR, n, MINIMAL_ROUNDS);
          if (rank < bestRank) {
            bestRank = rank;
            expected = member;
          }
        }
        assertThat(LeaderRanking.blockLeader(ranking, signers)).as("slot %d bits %s", s, signers).hasValue(expected);
        assertThat(LeaderRanking.blockLeader(SEED, slot(s), VALIDATOR, n, MINIMAL_ROUNDS, signers)).hasValue(expected);
      }
    }
  }

  @Test
  void thereIsNoLeaderWithoutASignerAmongTheMembers() {
    int[] ranking = LeaderRanking.groupMemberRanking(SEED, slot(3), VALIDATOR, 4, MINIMAL_ROUNDS);
    assertThat(LeaderRanking.blockLeader(ranking, SignerSet.EMPTY)).isEmpty();
    assertThat(LeaderRanking.blockLeader(ranking, SignerSet.of(4, 9))).as("bits beyond n are not consulted").isEmpty();
    assertThat(LeaderRanking.blockLeader(ranking, SignerSet.of(2, 9))).hasValue(2);
  }

  @Test
  void aPlainProposerLeadsItsOwnBlock() {
    for (long s = 0; s < 10; s++) {
      int[] ranking = LeaderRanking.groupMemberRanking(SEED, slot(s), VALIDATOR, 1, MAINNET_ROUNDS);
      assertThat(ranking).containsExactly(0);
      assertThat(LeaderRanking.blockLeader(ranking, SignerSet.PLAIN)).hasValue(0);
    }
  }
}
