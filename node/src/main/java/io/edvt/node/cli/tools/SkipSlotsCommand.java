package io.edvt.node.cli.tools;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.ExitCodes;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.StateTransitionException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code edvt skip-slots}: {@code process_slots} through empty slots, epoch transitions and fork upgrades included. */
@Command(name = "skip-slots",
    description = "Advance a state through empty slots (process_slots, with epoch processing and the upgrade into edvt on the way).")
public final class SkipSlotsCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private NetworkOptions network;

  @Option(names = "--pre", required = true, paramLabel = "STATE", description = "The pre-state (.ssz or .ssz_snappy).")
  private Path pre;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Target target;

  @Option(names = "--post", paramLabel = "FILE",
      description = "Write the post-state here (snappy block-compressed when it ends in .ssz_snappy).")
  private Path post;

  @Option(names = "--snappy", description = "The input and the output are snappy block-compressed, whatever their names.")
  private boolean snappy;

  /** How far: a number of slots or a slot. */
  static final class Target {
    @Option(names = "--slots", required = true, paramLabel = "N", description = "Advance by N slots (N >= 1).")
    Long slots;

    @Option(names = "--to", required = true, paramLabel = "SLOT", description = "Advance to SLOT (after the state's slot).")
    Long to;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    long start = System.nanoTime();
    ChainInputs.LoadedState loaded = ChainInputs.state("--pre", pre, snappy, network);
    BeaconState state = loaded.state();
    UInt64 slot = targetSlot(state.slot());
    out.println("pre-state " + pre + ": " + loaded.network().label() + ", slot " + state.slot() + ", root "
        + state.hashTreeRoot() + " (read and hashed in " + Millis.since(start) + ")");
    long t0 = System.nanoTime();
    BeaconState result;
    try {
      result = new MultiForkStateTransition(loaded.versions()).processSlots(state, slot);
    } catch (StateTransitionException | ArithmeticException e) {
      spec.commandLine().getErr().println("process_slots to slot " + slot + " failed: " + TransitionCommand.rejection(e));
      return ExitCodes.FAILED;
    }
    out.println("slot " + result.slot() + " (" + SpecVersions.milestoneOf(result).forkName() + "): post-state root "
        + result.hashTreeRoot() + " (" + slot.minus(state.slot()) + " slots in " + Millis.since(t0) + ")");
    if (post != null) {
      SszFiles.writeSsz("--post", post, result.serialize(), snappy);
      out.println("post-state written to " + post);
    }
    return ExitCodes.OK;
  }

  private UInt64 targetSlot(UInt64 from) {
    if (target.slots != null) {
      if (target.slots < 1) {
        throw new ParameterException(spec.commandLine(), "--slots " + target.slots + ": must be at least 1");
      }
      return from.plus(target.slots);
    }
    if (target.to < 0 || !UInt64.valueOf(target.to).isGreaterThan(from)) {
      throw new ParameterException(spec.commandLine(), "--to " + target.to + ": must be after the state's slot " + from);
    }
    return UInt64.valueOf(target.to);
  }
}
