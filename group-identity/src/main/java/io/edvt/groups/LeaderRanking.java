package io.edvt.groups;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.logic.common.Shuffling;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalInt;

/**
 * The per-slot ranking of a group's members and the block leader ({@code
 * get_group_member_ranking}, {@code get_block_leader}): rank 0 leads, rank 1 takes over after a
 * timeout, and so on; a block's RANDAO member must be its best-ranked signer.
 *
 * <pre>
 * def get_group_member_ranking(state, validator_index, slot) -> Sequence[MemberIndex]:
 *     epoch = compute_epoch_at_slot(slot)
 *     key_set = get_validator_key_set(state, validator_index, epoch)
 *     member_count = Uint64(len(key_set.pubkeys))
 *     seed = hash(
 *         get_seed(state, epoch, DOMAIN_GROUP_LEADER)
 *         + uint_to_bytes(slot)
 *         + uint_to_bytes(validator_index)
 *     )
 *     return [MemberIndex(compute_shuffled_index(Uint64(rank), member_count, seed))
 *             for rank in range(member_count)]
 *
 * def get_block_leader(state, validator_index, slot, signer_bits) -> Optional[MemberIndex]:
 *     for member_index in get_group_member_ranking(state, validator_index, slot):
 *         if signer_bits[member_index]:
 *             return member_index
 *     return None
 * </pre>
 *
 * The {@code seed} parameter here is {@code get_seed(state, epoch, DOMAIN_GROUP_LEADER)} ({@link
 * GroupDomains#DOMAIN_GROUP_LEADER}; the fork computes it with its {@code get_seed}); the hash
 * input is then {@code seed (32) || uint64_le(slot) (8) || uint64_le(validator_index) (8)}, byte
 * for byte as in the spec. {@code memberCount} is {@code len(key_set.pubkeys)} of the key set in
 * force at the slot's epoch. Every member computes the same permutation from public data; mixing
 * in the slot rotates the lead, and the validator index keeps different groups independent.
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

  /** {@code get_group_member_ranking}: {@link #rankMembers}. */
  public static int[] groupMemberRanking(
      byte[] seed, UInt64 slot, UInt64 validatorIndex, int memberCount, int shuffleRounds) {
    return rankMembers(seed, slot, validatorIndex, memberCount, shuffleRounds);
  }

  /**
   * {@code get_block_leader} given the ranking: the first member of {@code ranking} named by
   * {@code signerBits}; empty if none is. Bits at or above the ranking's size are never consulted
   * (the threshold signature check rejects them separately).
   */
  public static OptionalInt blockLeader(int[] ranking, SignerSet signerBits) {
    for (int member : ranking) {
      if (signerBits.contains(member)) {
        return OptionalInt.of(member);
      }
    }
    return OptionalInt.empty();
  }

  /** {@code get_block_leader(state, validator_index, slot, signer_bits)}. */
  public static OptionalInt blockLeader(
      byte[] seed, UInt64 slot, UInt64 validatorIndex, int memberCount, int shuffleRounds, SignerSet signerBits) {
    return blockLeader(rankMembers(seed, slot, validatorIndex, memberCount, shuffleRounds), signerBits);
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
