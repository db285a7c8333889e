package io.edvt.reftests.lodestar;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link DifferentialChain} through our state transition and through Lodestar's and
 * compares the state roots after every epoch transition and every block, in order.
 *
 * <p>Both sides walk the chain the same way (as {@code stf.mjs} documents): before each block,
 * process slots one epoch boundary at a time and take the root of the state that has just entered
 * the new epoch (a boundary at the block's own slot from a copy, since {@code state_transition}
 * must process the slots to the block itself); then apply the block ({@code state_transition} with
 * signatures and the state root checked) and take the root. On the first disagreement the run is repeated with Lodestar writing
 * its state at that step, and the message names the state fields that differ (and, for lists, the
 * first differing elements).
 */
public final class LodestarDifferential {
  private static final int MAX_ELEMENT_DIFFS = 3;
  private static final int MAX_VALUE_TEXT = 400;

  private LodestarDifferential() {}

  /** Our walk over the chain: one root step per epoch transition and block, with its state. */
  public record OurRun(List<LodestarStep> steps, List<BeaconState> states, int failedBlock, RuntimeException failure) {
    public boolean completed() {
      return failure == null;
    }
  }

  /** The first point at which the two runs differ. */
  public record Divergence(int step, String message) {}

  /** What a comparison found; {@link #divergence()} is empty when every root agreed. */
  public record Outcome(OurRun ours, LodestarResult lodestar, Optional<Divergence> divergence) {
    public int comparedSteps() {
      return ours.steps().size();
    }
  }

  /** Walks the chain with our state transition (stops at the first block it rejects). */
  public static OurRun ourRun(DifferentialChain chain, OurTransition stf) {
    long slotsPerEpoch = chain.config().slotsPerEpoch();
    List<LodestarStep> steps = new ArrayList<>();
    List<BeaconState> states = new ArrayList<>();
    BeaconState state = chain.genesis();
    for (int i = 0; i < chain.blocks().size(); i++) {
      SignedBeaconBlock block = chain.blocks().get(i);
      long slot = block.message().slot().longValue();
      try {
        for (;;) {
          long nextEpochStart = (state.slot().longValue() / slotsPerEpoch + 1) * slotsPerEpoch;
          if (nextEpochStart > slot) {
            break;
          }
          BeaconState atBoundary = stf.processSlots(state, nextEpochStart);
          steps.add(new LodestarStep.Epoch(nextEpochStart / slotsPerEpoch, nextEpochStart, atBoundary.hashTreeRoot()));
          states.add(atBoundary);
          if (nextEpochStart == slot) {
            break; // state_transition processes the slots to the block itself
          }
          state = atBoundary;
        }
        state = stf.stateTransition(state, block);
        steps.add(new LodestarStep.Block(i, slot, state.hashTreeRoot()));
        states.add(state);
      } catch (RuntimeException e) {
        return new OurRun(steps, states, i, e);
      }
    }
    return new OurRun(steps, states, -1, null);
  }

  /** The Lodestar input for the chain (SSZ bytes of the genesis and the blocks). */
  public static LodestarCase lodestarCase(DifferentialChain chain) {
    List<byte[]> blocks = chain.blocks().stream().map(SszContainer::serialize).toList();
    return new LodestarCase(chain.name(), chain.config(), chain.genesis().serialize(), blocks);
  }

  /** Runs both sides and compares; on a root disagreement, adds the differing state fields. */
  public static Outcome run(DifferentialChain chain, OurTransition stf, LodestarRunner lodestar) {
    return compareWithLodestar(chain, ourRun(chain, stf), lodestar);
  }

  /** Runs Lodestar over the chain and compares with our run; on a root disagreement, adds the differing state fields. */
  public static Outcome compareWithLodestar(DifferentialChain chain, OurRun ours, LodestarRunner lodestar) {
    LodestarCase input = lodestarCase(chain);
    LodestarResult theirs = lodestar.run(input);
    Optional<Divergence> d = compare(ours, theirs);
    if (d.isPresent() && d.get().step() < ours.states().size() && d.get().step() < theirs.rootSteps().size()) {
      int k = d.get().step();
      String fields;
      try {
        LodestarResult dumped = lodestar.run(input.withDumpSteps(List.of(k)));
        byte[] bytes = dumped.dumpedState(k).orElseThrow(() -> new IllegalStateException("stf.mjs wrote no state_step_" + k + ".ssz"));
        SszContainer lodestarState = chain.genesis().type().deserialize(bytes);
        fields = String.join("\n    ", fieldDifferences(ours.states().get(k), lodestarState));
      } catch (RuntimeException | AssertionError e) {
        fields = "(could not compare the fields: " + e + ")";
      }
      d = Optional.of(new Divergence(k, d.get().message() + "\n  fields that differ (ours vs Lodestar):\n    " + fields));
    }
    return new Outcome(ours, theirs, d);
  }

  /** Runs both sides and throws an {@link AssertionError} describing the first disagreement. */
  public static Outcome assertAgree(DifferentialChain chain, OurTransition stf, LodestarRunner lodestar) {
    Outcome o = run(chain, stf, lodestar);
    throwIfDiverged(chain, o);
    return o;
  }

  static void throwIfDiverged(DifferentialChain chain, Outcome o) {
    o.divergence().ifPresent(d -> {
      AssertionError e = new AssertionError("EDVT and Lodestar disagree on chain " + chain.name() + " ("
          + chain.config().presetBase() + " preset, " + chain.blocks().size() + " blocks): " + d.message()
          + "\n  Lodestar case folder: " + o.lodestar().caseDir() + "\n  rerun Lodestar with: " + o.lodestar().rerun());
      if (o.ours().failure() != null) {
        e.initCause(o.ours().failure());
      }
      throw e;
    });
  }

  /**
   * The first step at which our run and Lodestar's differ: a different root, a different step
   * (kind, index, epoch or slot), a block one side rejected, or a different number of steps.
   */
  public static Optional<Divergence> compare(OurRun ours, LodestarResult lodestar) {
    List<LodestarStep> theirs = lodestar.rootSteps();
    int n = Math.min(ours.steps().size(), theirs.size());
    for (int k = 0; k < n; k++) {
      LodestarStep a = ours.steps().get(k);
      LodestarStep b = theirs.get(k);
      if (!sameStep(a, b)) {
        return Optional.of(new Divergence(k, "step " + k + " differs: ours " + a + ", Lodestar " + b));
      }
      if (!root(a).equals(root(b))) {
        return Optional.of(new Divergence(k, "state root differs at step " + k + " (" + describe(a) + "): ours "
            + root(a) + ", Lodestar " + root(b) + agreedBefore(ours.steps(), k)));
      }
    }
    if (!ours.completed()) {
      String lodestarSide = lodestar.error()
          .map(e -> "Lodestar also rejected block " + e.index() + ": " + e.message())
          .orElse(lodestar.completed() ? "Lodestar accepted it" : "Lodestar did not complete: " + lodestar.describeFailure());
      return Optional.of(new Divergence(n, "our state transition rejected block " + ours.failedBlock() + " of the chain ("
          + ours.failure() + "); " + lodestarSide + agreedBefore(ours.steps(), n)));
    }
    if (!lodestar.completed()) {
      return Optional.of(new Divergence(n, "Lodestar did not complete the chain that our state transition accepted: "
          + lodestar.describeFailure() + agreedBefore(ours.steps(), n)));
    }
    if (ours.steps().size() != theirs.size()) {
      return Optional.of(new Divergence(n, "ours has " + ours.steps().size() + " root steps, Lodestar " + theirs.size()));
    }
    return Optional.empty();
  }

  private static String agreedBefore(List<LodestarStep> steps, int k) {
    return k == 0 ? " (no step agreed before)" : " (the " + k + " steps before agreed, the last: " + describe(steps.get(k - 1)) + ")";
  }

  private static boolean sameStep(LodestarStep a, LodestarStep b) {
    return switch (a) {
      case LodestarStep.Epoch e when b instanceof LodestarStep.Epoch f -> e.epoch() == f.epoch() && e.slot() == f.slot();
      case LodestarStep.Block e when b instanceof LodestarStep.Block f -> e.index() == f.index() && e.slot() == f.slot();
      case LodestarStep.Slots e when b instanceof LodestarStep.Slots f -> e.slot() == f.slot();
      default -> false;
    };
  }

  private static Object root(LodestarStep s) {
    return switch (s) {
      case LodestarStep.Epoch e -> e.stateRoot();
      case LodestarStep.Block b -> b.stateRoot();
      case LodestarStep.Slots x -> x.stateRoot();
      case LodestarStep.Done d -> d.stateRoot();
      default -> throw new IllegalArgumentException("no root in " + s);
    };
  }

  private static String describe(LodestarStep s) {
    return switch (s) {
      case LodestarStep.Epoch e -> "epoch transition into epoch " + e.epoch() + " at slot " + e.slot();
      case LodestarStep.Block b -> "block " + b.index() + " at slot " + b.slot();
      case LodestarStep.Slots x -> "empty slots to slot " + x.slot();
      default -> s.toString();
    };
  }

  /** The fields of two states (same type) whose roots differ, with the first differing list elements. */
  @SuppressWarnings("unchecked")
  public static List<String> fieldDifferences(SszContainer ours, SszContainer theirs) {
    ContainerType<?> type = ours.type();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < type.fieldCount(); i++) {
      ContainerType.Field f = type.fields().get(i);
      SszType<Object> ft = (SszType<Object>) f.type();
      Object a = ours.get(i);
      Object b = theirs.get(i);
      if (Arrays.equals(ft.hashTreeRoot(a), ft.hashTreeRoot(b))) {
        continue;
      }
      if (a instanceof SszList<?> la && b instanceof SszList<?> lb) {
        StringBuilder sb = new StringBuilder(f.name()).append(": ").append(la.size()).append(" vs ").append(lb.size())
            .append(" elements");
        int shown = 0;
        for (int j = 0; j < Math.max(la.size(), lb.size()) && shown < MAX_ELEMENT_DIFFS; j++) {
          Object x = j < la.size() ? la.get(j) : null;
          Object y = j < lb.size() ? lb.get(j) : null;
          if (x == null || !x.equals(y)) {
            sb.append("; [").append(j).append("] ").append(text(x)).append(" vs ").append(text(y));
            shown++;
          }
        }
        out.add(sb.toString());
      } else {
        out.add(f.name() + ": " + text(a) + " vs " + text(b));
      }
    }
    return out.isEmpty() ? List.of("(none: the states are equal, only the roots were reported differently)") : out;
  }

  private static String text(Object v) {
    String s = String.valueOf(v);
    return s.length() <= MAX_VALUE_TEXT ? s : s.substring(0, MAX_VALUE_TEXT) + "...";
  }
}
