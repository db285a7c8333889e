package io.edvt.spec.logic.common;

import io.edvt.infrastructure.crypto.Sha256;

/**
 * {@code compute_shuffled_index(index, index_count, seed)} for many indices of one
 * {@code (index_count, seed)}, as the balance-weighted samplers ({@code compute_proposer_index},
 * {@code get_next_sync_committee_indices}) need it. The pivot of each round does not depend on
 * the index, so it is hashed once per round instead of once per round and index, which halves
 * the hashing. (Remembering the source hashes as well was measured slower than rehashing them.)
 * Same results as {@link Shuffling#computeShuffledIndex}. Not thread-safe.
 */
public final class ShuffledIndexFunction {
  private static final int SEED_LENGTH = 32;
  private static final int SOURCE_INPUT_LENGTH = SEED_LENGTH + 1 + 4;

  private final long indexCount;
  private final long[] pivots;
  private final byte[] input = new byte[SOURCE_INPUT_LENGTH];

  public ShuffledIndexFunction(long indexCount, byte[] seed, int shuffleRoundCount) {
    if (seed.length != SEED_LENGTH || shuffleRoundCount < 0 || shuffleRoundCount > 256
        || indexCount < 0 || indexCount > Shuffling.MAX_INDEX_COUNT) {
      throw new IllegalArgumentException("need a 32-byte seed, 0..256 rounds and index_count in [0, 2^40]: seed "
          + seed.length + " bytes, " + shuffleRoundCount + " rounds, index_count " + indexCount);
    }
    this.indexCount = indexCount;
    this.pivots = new long[shuffleRoundCount];
    System.arraycopy(seed, 0, input, 0, SEED_LENGTH);
    for (int round = 0; round < shuffleRoundCount; round++) {
      input[SEED_LENGTH] = (byte) round;
      byte[] h = Sha256.hash(input, 0, SEED_LENGTH + 1);
      long v = 0;
      for (int k = 7; k >= 0; k--) {
        v = (v << 8) | (h[k] & 0xff);
      }
      pivots[round] = indexCount == 0 ? 0 : Long.remainderUnsigned(v, indexCount);
    }
  }

  /** {@code compute_shuffled_index(index, index_count, seed)}. */
  public long shuffledIndex(long index) {
    if (index < 0 || index >= indexCount) {
      throw new IllegalArgumentException(
          "assertion index < index_count failed: index=" + index + ", index_count=" + indexCount);
    }
    long current = index;
    for (int round = 0; round < pivots.length; round++) {
      long flip = Math.floorMod(pivots[round] - current, indexCount);
      long position = Math.max(current, flip);
      byte[] source = source(round, position >>> 8);
      int offset = (int) (position & 0xff);
      if (((source[offset >>> 3] >>> (offset & 7)) & 1) != 0) {
        current = flip;
      }
    }
    return current;
  }

  private byte[] source(int round, long block) {
    input[SEED_LENGTH] = (byte) round;
    input[SEED_LENGTH + 1] = (byte) block;
    input[SEED_LENGTH + 2] = (byte) (block >>> 8);
    input[SEED_LENGTH + 3] = (byte) (block >>> 16);
    input[SEED_LENGTH + 4] = (byte) (block >>> 24);
    return Sha256.hash(input, 0, SOURCE_INPUT_LENGTH);
  }
}
