package io.edvt.simulator.agents;

import java.util.SplittableRandom;

/**
 * RANDAO grinding by an adversary holding a share {@code a} of the proposal weight whose validators
 * are fully colluding groups. When it proposes the last {@code L} slots of an epoch, it can choose
 * among {@code K} outcomes per slot (EDVT's rule: rank 0's reveal mixed, or a promoted leader's
 * block that leaves the mix unchanged, {@code K = 2}, the block kept either way; the rejected rule:
 * any of the {@code n - m + 1} leaders' reveals or skipping, {@code K = n - m + 2}; a plain
 * validator: its reveal or skipping, {@code K = 2}, a skip costing the block). Each outcome is a
 * different seed, which gives an independent proposer schedule two epochs later (a hash of the mix
 * decides each slot; each slot is the adversary's with probability {@code a}). It picks the
 * schedule with the most of its own proposals, then the longest tail of its own.
 *
 * <p>The epochs in which it holds the tail are sampled directly ({@code L >= 1}, probability
 * {@code a}), so small {@code a} needs no rejection; results are conditional on {@code L >= 1} and
 * the caller weighs them by {@code a}.
 */
public final class Grinder {
  /** Conditional on holding the tail: mean extra proposals, skips, and the tail length chosen. */
  public record Result(double extraProposalsGivenTail, double skippedGivenTail, double[] tailAtLeastGivenTail,
      double honestTailAtLeast1, int samples, int truncated) {}

  private Grinder() {}

  /**
   * @param outcomesPerSlot K
   * @param skipIsOneOutcome whether one of the K outcomes skips the block (the rejected rule and plain
   *     validators; EDVT's "unmixed" outcome keeps the block)
   */
  public static Result grind(double a, int outcomesPerSlot, boolean skipIsOneOutcome, int slotsPerEpoch, int samples,
      int maxOutcomes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double extra = 0;
    double skipped = 0;
    double[] tail = new double[4];
    int truncated = 0;
    for (int s = 0; s < samples; s++) {
      int l = 1;
      while (l < slotsPerEpoch && random.nextDouble() < a) {
        l++;
      }
      // the honest outcome: every slot's rank-0 reveal mixed; then every other choice vector
      double total = Math.pow(outcomesPerSlot, l);
      int vectors = total > maxOutcomes ? maxOutcomes : (int) total;
      truncated += total > maxOutcomes ? 1 : 0;
      int bestCount = -1;
      int bestTail = -1;
      int bestSkips = 0;
      int honestCount = -1;
      for (int v = 0; v < vectors; v++) {
        int count = 0;
        int tailLen = 0;
        boolean inTail = true;
        long draws = 0;
        for (int slot = slotsPerEpoch - 1; slot >= 0; slot--) {
          boolean adversary = random.nextDouble() < a;
          draws++;
          if (adversary) {
            count++;
            if (inTail) {
              tailLen++;
            }
          } else {
            inTail = false;
          }
        }
        int skips = 0;
        if (skipIsOneOutcome) {
          // choice vector v in base K; digit 0 = the honest reveal, digit K - 1 = skip
          long rest = v;
          for (int i = 0; i < l; i++) {
            skips += rest % outcomesPerSlot == outcomesPerSlot - 1 ? 1 : 0;
            rest /= outcomesPerSlot;
          }
        }
        if (v == 0) {
          honestCount = count;
          if (tailLen >= 1) {
            tail[0] += 0; // honest tail is recorded separately below
          }
        }
        if (count - skips > bestCount - bestSkips || (count - skips == bestCount - bestSkips && tailLen > bestTail)) {
          bestCount = count;
          bestTail = tailLen;
          bestSkips = skips;
        }
        if (draws < 0) {
          throw new IllegalStateException();
        }
      }
      extra += bestCount - bestSkips - honestCount;
      skipped += bestSkips;
      for (int k = 1; k <= 3; k++) {
        tail[k] += bestTail >= k ? 1 : 0;
      }
    }
    double[] tailShare = new double[4];
    for (int k = 1; k <= 3; k++) {
      tailShare[k] = tail[k] / samples;
    }
    return new Result(extra / samples, skipped / samples, tailShare, a, samples, truncated);
  }
}
