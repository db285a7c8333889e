package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_TARGET_FLAG_INDEX;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.tree.Node;
import io.edvt.infrastructure.ssz.tree.Trees;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.common.Uint64Math;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * What epoch processing needs to know about every validator, read in one pass over the
 * registry before the first step (the idea of Lodestar's {@code beforeProcessEpoch}): the
 * validator fields as {@code long} arrays, a status word per validator (slashed, active in
 * the previous and current epoch, eligible for rewards, compounding, and the unslashed
 * participation flags), and the balance sums of justification and rewards. The steps then
 * loop over plain arrays instead of walking the validators tree once per validator.
 *
 * <p>The arrays describe the registry as it was when the statuses were computed; the steps that
 * change a validator's epochs or effective balance write the new values back here, so later
 * steps of the same {@code process_epoch} see what the spec would. Epochs and balances are raw
 * {@code uint64} bits (compare them with {@link Uint64Math}); {@code FAR_FUTURE_EPOCH} is
 * {@code -1L}.
 */
public final class ValidatorStatuses {
  /** {@code validator.slashed}. */
  public static final int SLASHED = 1;
  /** {@code is_active_validator(v, previous_epoch)}. */
  public static final int ACTIVE_PREVIOUS = 1 << 1;
  /** {@code is_active_validator(v, current_epoch)}. */
  public static final int ACTIVE_CURRENT = 1 << 2;
  /** In {@code get_eligible_validator_indices}: active in the previous epoch, or slashed and not yet withdrawable. */
  public static final int ELIGIBLE = 1 << 3;
  /** {@code has_compounding_withdrawal_credential(v)}. */
  public static final int COMPOUNDING = 1 << 4;
  /**
   * In {@code get_unslashed_participating_indices(state, flag, previous_epoch)} for flag index 0;
   * the bit of flag index {@code f} is {@code PREVIOUS_SOURCE << f}.
   */
  public static final int PREVIOUS_SOURCE = 1 << 5;
  public static final int PREVIOUS_TARGET = PREVIOUS_SOURCE << TIMELY_TARGET_FLAG_INDEX;
  public static final int PREVIOUS_HEAD = PREVIOUS_SOURCE << 2;
  /** In {@code get_unslashed_participating_indices(state, TIMELY_TARGET_FLAG_INDEX, current_epoch)}. */
  public static final int CURRENT_TARGET = 1 << 8;

  private final long currentEpoch;
  private final long previousEpoch;
  private final long previousEpochPlusOne;
  private final int size;
  private final int[] status;
  private final long[] effectiveBalances;
  private final long[] activationEligibilityEpochs;
  private final long[] activationEpochs;
  private final long[] exitEpochs;
  private final long[] withdrawableEpochs;
  private final long[] previousFlagBalances = new long[3];
  private long currentTargetBalance;
  private long activeBalance;

  private ValidatorStatuses(long currentEpoch, long previousEpoch, int size) {
    this.currentEpoch = currentEpoch;
    this.previousEpoch = previousEpoch;
    this.previousEpochPlusOne = Uint64Math.add(previousEpoch, 1);
    this.size = size;
    this.status = new int[size];
    this.effectiveBalances = new long[size];
    this.activationEligibilityEpochs = new long[size];
    this.activationEpochs = new long[size];
    this.exitEpochs = new long[size];
    this.withdrawableEpochs = new long[size];
  }

  /**
   * Reads the registry and the participation flags of {@code state}. As in
   * {@code get_unslashed_participating_indices}, the "previous" flags come from
   * {@code current_epoch_participation} when the previous epoch is the current one (genesis).
   *
   * <p>The validators tree is walked directly (no intermediate list), in a few subtrees read in
   * parallel; each part sums its own balances and the parts are added up at the end.
   */
  public static ValidatorStatuses compute(MutableBeaconState state, long currentEpoch, long previousEpoch) {
    SszList<Validator> validators = state.listValue(BeaconState.VALIDATORS);
    int n = validators.size();
    byte[] currentParticipation = state.listValue(BeaconState.CURRENT_EPOCH_PARTICIPATION).toByteArray();
    byte[] previousParticipation = previousEpoch == currentEpoch
        ? currentParticipation
        : state.listValue(BeaconState.PREVIOUS_EPOCH_PARTICIPATION).toByteArray();
    // The spec indexes the participation lists by validator index: shorter lists would fail there.
    StateTransitionException.check(previousParticipation.length >= n && currentParticipation.length >= n,
        "len(epoch_participation) >= len(validators)", previousParticipation.length, currentParticipation.length, n);

    ValidatorStatuses s = new ValidatorStatuses(currentEpoch, previousEpoch, n);
    Node root = validators.contentRoot();
    int depth = validators.contentDepth();
    int splitLevels = n < PARALLEL_THRESHOLD ? 0 : Math.min(depth, SPLIT_LEVELS);
    int partDepth = depth - splitLevels;
    long partSize = 1L << partDepth;
    Sums total = IntStream.range(0, 1 << splitLevels)
        .parallel()
        .mapToObj(part -> {
          Sums sums = new Sums();
          long base = part * partSize;
          if (base < n) {
            Node subtree = subtree(root, depth, splitLevels, part);
            Trees.forEachLeaf(subtree, partDepth, Math.min(partSize, n - base), (j, leaf) ->
                s.read((int) (base + j), (Validator) leaf, previousParticipation, currentParticipation, sums));
          }
          return sums;
        })
        .reduce(new Sums(), Sums::plus);
    s.activeBalance = total.active;
    s.currentTargetBalance = total.currentTarget;
    System.arraycopy(total.previousFlags, 0, s.previousFlagBalances, 0, 3);
    return s;
  }

  /** Below this many validators the registry is read on the calling thread alone. */
  private static final int PARALLEL_THRESHOLD = 1 << 16;
  /** The registry is read in {@code 2^SPLIT_LEVELS} parts. */
  private static final int SPLIT_LEVELS = 3;

  /** The root of part {@code part} when a tree of {@code depth} levels is cut {@code levels} below its root. */
  private static Node subtree(Node root, int depth, int levels, int part) {
    Node node = root;
    for (int level = levels - 1, d = depth; level >= 0; level--, d--) {
      node = Trees.child(node, d, ((part >>> level) & 1) == 1);
    }
    return node;
  }

  /** The balance sums of one part of the registry. */
  private static final class Sums {
    long active;
    long currentTarget;
    final long[] previousFlags = new long[3];

    Sums plus(Sums other) {
      Sums out = new Sums();
      out.active = Uint64Math.add(active, other.active);
      out.currentTarget = Uint64Math.add(currentTarget, other.currentTarget);
      for (int f = 0; f < 3; f++) {
        out.previousFlags[f] = Uint64Math.add(previousFlags[f], other.previousFlags[f]);
      }
      return out;
    }
  }

  private void read(int i, Validator v, byte[] previousParticipation, byte[] currentParticipation, Sums sums) {
    long eb = v.effectiveBalance().longValue();
    long activation = v.activationEpoch().longValue();
    long exit = v.exitEpoch().longValue();
    long withdrawable = v.withdrawableEpoch().longValue();
    boolean slashed = v.slashed();
    effectiveBalances[i] = eb;
    activationEligibilityEpochs[i] = v.activationEligibilityEpoch().longValue();
    activationEpochs[i] = activation;
    exitEpochs[i] = exit;
    withdrawableEpochs[i] = withdrawable;

    int st = 0;
    if (slashed) {
      st |= SLASHED;
    }
    boolean activePrevious = isActive(activation, exit, previousEpoch);
    boolean activeCurrent = isActive(activation, exit, currentEpoch);
    if (activePrevious) {
      st |= ACTIVE_PREVIOUS;
    }
    if (activeCurrent) {
      st |= ACTIVE_CURRENT;
      sums.active = Uint64Math.add(sums.active, eb);
    }
    if (activePrevious || (slashed && Uint64Math.lessThan(previousEpochPlusOne, withdrawable))) {
      st |= ELIGIBLE;
    }
    if (v.withdrawalCredentials().get(0) == COMPOUNDING_WITHDRAWAL_PREFIX) {
      st |= COMPOUNDING;
    }
    if (!slashed) {
      if (activePrevious) {
        int flags = previousParticipation[i] & 0b111;
        st |= flags << 5;
        for (int f = 0; f < 3; f++) {
          if ((flags & (1 << f)) != 0) {
            sums.previousFlags[f] = Uint64Math.add(sums.previousFlags[f], eb);
          }
        }
      }
      if (activeCurrent && (currentParticipation[i] & (1 << TIMELY_TARGET_FLAG_INDEX)) != 0) {
        st |= CURRENT_TARGET;
        sums.currentTarget = Uint64Math.add(sums.currentTarget, eb);
      }
    }
    status[i] = st;
  }

  /**
   * {@code get_active_validator_indices(state, epoch)} from the recorded epochs. Validators
   * appended after the statuses were read are left out: epoch processing appends only new
   * deposits, whose activation epoch is {@code FAR_FUTURE_EPOCH}.
   */
  public int[] activeIndices(long epoch) {
    int[] out = new int[size];
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (isActive(activationEpochs[i], exitEpochs[i], epoch)) {
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** {@code is_active_validator}: {@code activation_epoch <= epoch < exit_epoch}. */
  static boolean isActive(long activationEpoch, long exitEpoch, long epoch) {
    return Uint64Math.lessOrEqual(activationEpoch, epoch) && Uint64Math.lessThan(epoch, exitEpoch);
  }

  public long currentEpoch() {
    return currentEpoch;
  }

  public long previousEpoch() {
    return previousEpoch;
  }

  /** The number of validators read (validators appended later are not covered). */
  public int size() {
    return size;
  }

  /** The status bits of validator {@code index}. */
  public int status(int index) {
    return status[index];
  }

  public boolean has(int index, int bits) {
    return (status[index] & bits) == bits;
  }

  /** {@code get_total_balance} of the unslashed validators with {@code flagIndex} in the previous epoch. */
  public long previousFlagBalance(int flagIndex, SpecConfig config) {
    return Uint64Math.max(previousFlagBalances[flagIndex], config.effectiveBalanceIncrement().longValue());
  }

  /** {@code get_total_balance} of the unslashed validators with the target flag in the current epoch. */
  public long currentTargetBalance(SpecConfig config) {
    return Uint64Math.max(currentTargetBalance, config.effectiveBalanceIncrement().longValue());
  }

  /** {@code get_total_active_balance} as of these statuses (before effective balance updates). */
  public long totalActiveBalance(SpecConfig config) {
    return Uint64Math.max(activeBalance, config.effectiveBalanceIncrement().longValue());
  }

  // The arrays are shared, not copied: the epoch steps read them in their loops and write back
  // the fields they change.

  public long[] effectiveBalances() {
    return effectiveBalances;
  }

  public long[] activationEligibilityEpochs() {
    return activationEligibilityEpochs;
  }

  public long[] activationEpochs() {
    return activationEpochs;
  }

  public long[] exitEpochs() {
    return exitEpochs;
  }

  public long[] withdrawableEpochs() {
    return withdrawableEpochs;
  }

  /**
   * Records the new fields of validator {@code index} after a step changed it. The status bits
   * are not recomputed: activations and exits set by epoch processing lie at least
   * {@code 1 + MAX_SEED_LOOKAHEAD} epochs ahead, so activity in the previous and current epoch
   * cannot change.
   */
  public void update(int index, Validator v) {
    effectiveBalances[index] = v.effectiveBalance().longValue();
    activationEligibilityEpochs[index] = v.activationEligibilityEpoch().longValue();
    activationEpochs[index] = v.activationEpoch().longValue();
    exitEpochs[index] = v.exitEpoch().longValue();
    withdrawableEpochs[index] = v.withdrawableEpoch().longValue();
  }
}
