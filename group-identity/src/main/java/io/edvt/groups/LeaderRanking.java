package io.edvt.groups;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.logic.common.Shuffling;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The order in which a group's members try to build the group's block in a slot (protocol
 * decision 8): rank 0 leads, rank 1 takes over after a timeout, and so on.
 *
 * <pre>
 * def rank_members(seed: Bytes32, slot: Slot, validator_index: ValidatorIndex, n: uint64) -> Sequence[uint64]:
 *     ranking_seed = hash(seed + uint_to_bytes(slot) + uint_to_bytes(validator_index))
 *     return [compute_shuffled_index(rank, n, ranking_seed) for rank in range(n)]
 * </pre>
 *
 * ({@code uint_to_bytes} of a {@code uint64} is 8 bytes little-endian.) Every member computes the
 * same permutation from public data; mixing in the slot rotates the lead, and mixing in the
 * validator index keeps the orders of different groups independent.
 */
public final class LeaderRanking {
  private LeaderRanking() {}

  /** {@code sha256(seed || uint64_le(slot) || uint64_le(validator_index))}. */
  public static byte[] rankingSeed(byte[] seed, UInt64 slot, UInt64 validatorIndex) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("seed must be 32 bytes, got " + seed.length);
    }
    ByteBuffer input = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
    input.put(seed).putLong(slot.longValue()).putLong(validatorIndex.longValue());
    return Sha256.hash(input.array());
  }

  /**
   * The members in rank order: element {@code r} is the member with rank {@code r}, {@code
   * compute_shuffled_index(r, n, ranking_seed)}. A permutation of {@code 0..n-1}.
   *
   * @param shuffleRounds {@code SHUFFLE_ROUND_COUNT}
   * @throws IllegalArgumentException unless {@code 1 <= n <= MAX_GROUP_SIZE}
   */
  public static int[] rankMembers(byte[] seed, UInt64 slot, UInt64 validatorIndex, int n, int shuffleRounds) {
    checkSize(n);
    byte[] rankingSeed = rankingSeed(seed, slot, validatorIndex);
    int[] order = new int[n];
    for (int rank = 0; rank < n; rank++) {
      order[rank] = (int) Shuffling.computeShuffledIndex(rank, n, rankingSeed, shuffleRounds);
    }
    return order;
  }

  /** The member with rank {@code rank} (rank 0 is the leader). */
  public static int memberAtRank(
      int rank, byte[] seed, UInt64 slot, UInt64 validatorIndex, int n, int shuffleRounds) {
    checkSize(n);
    if (rank < 0 || rank >= n) {
      throw new IllegalArgumentException("rank must be in [0, " + n + "), got " + rank);
    }
    return (int) Shuffling.computeShuffledIndex(rank, n, rankingSeed(seed, slot, validatorIndex), shuffleRounds);
  }

  /** The rank of {@code member} in this slot. */
  public static int rankOf(int member, byte[] seed, UInt64 slot, UInt64 validatorIndex, int n, int shuffleRounds) {
    int[] order = rankMembers(seed, slot, validatorIndex, n, shuffleRounds);
    for (int rank = 0; rank < n; rank++) {
      if (order[rank] == member) {
        return rank;
      }
    }
    throw new IllegalArgumentException("member must be in [0, " + n + "), got " + member);
  }

  private static void checkSize(int n) {
    if (n < 1 || n > GroupKeySet.MAX_GROUP_SIZE) {
      throw new IllegalArgumentException("group size must be in [1, " + GroupKeySet.MAX_GROUP_SIZE + "], got " + n);
    }
  }
}
