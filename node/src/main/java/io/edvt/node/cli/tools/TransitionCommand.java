package io.edvt.node.cli.tools;

import io.edvt.infrastructure.crypto.bls.BlsException;
import io.edvt.node.cli.ExitCodes;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.execution.ExecutionEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edvt transition}: {@code state_transition} of a pre-state and blocks, each block through
 * {@link MultiForkStateTransition} (so a chain that crosses into EDVT is upgraded on the way), with
 * the state root checked against each block's {@code state_root}.
 */
@Command(name = "transition",
    description = {
      "Apply blocks to a state (state_transition, the state root checked; a chain may cross into edvt).",
      "Prints each post-state root and its time; a rejected block prints the spec rule it broke and exits with 1."
    })
public final class TransitionCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private NetworkOptions network;

  @Option(names = "--pre", required = true, paramLabel = "STATE", description = "The pre-state (.ssz or .ssz_snappy).")
  private Path pre;

  @Option(names = "--blocks", required = true, arity = "1..*", paramLabel = "BLOCK",
      description = "Signed blocks to apply in order (.ssz or .ssz_snappy).")
  private List<Path> blocks;

  @Option(names = "--no-signatures", description = "Do not verify signatures (bls_setting 2 of the spec tests).")
  private boolean noSignatures;

  @Option(names = "--post", paramLabel = "FILE",
      description = "Write the post-state here (snappy block-compressed when it ends in .ssz_snappy).")
  private Path post;

  @Option(names = "--snappy", description = "Every input and the output is snappy block-compressed, whatever its name.")
  private boolean snappy;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    ChainInputs.LoadedState loaded = ChainInputs.state("--pre", pre, snappy, network);
    BeaconState state = loaded.state();
    List<SignedBeaconBlock> signedBlocks = new ArrayList<>();
    for (Path file : blocks) {
      signedBlocks.add(ChainInputs.block("--blocks", file, snappy, loaded.network()));
    }
    out.println("pre-state " + pre + ": " + loaded.network().label() + ", slot " + state.slot() + ", root "
        + state.hashTreeRoot() + " (read and hashed in " + Millis.since(start) + ")");

    SpecVersions versions = loaded.versions();
    MultiForkStateTransition transition = new MultiForkStateTransition(versions);
    for (int i = 0; i < signedBlocks.size(); i++) {
      SignedBeaconBlock block = signedBlocks.get(i);
      String which = "block " + (i + 1) + "/" + signedBlocks.size() + " " + blocks.get(i).getFileName() + " (slot "
          + block.message().slot() + ", proposer " + block.message().proposerIndex() + ")";
      long t0 = System.nanoTime();
      try {
        SignatureVerifier verifier = noSignatures ? SignatureVerifier.NONE : new SignatureVerifier.Batch();
        state = transition.stateTransition(state, block, true, verifier, ExecutionEngine.always(true));
      } catch (StateTransitionException | ArithmeticException | IndexOutOfBoundsException | BlsException e) {
        out.flush();
        err.println(which + ": rejected: " + rejection(e));
        return ExitCodes.FAILED;
      }
      out.println(which + ": post-state root " + state.hashTreeRoot() + " (" + Millis.since(t0) + ")");
    }
    if (post != null) {
      long t0 = System.nanoTime();
      SszFiles.writeSsz("--post", post, state.serialize(), snappy);
      out.println("post-state written to " + post + " (" + SpecVersions.milestoneOf(state).forkName() + ", slot "
          + state.slot() + ", " + Millis.since(t0) + ")");
    }
    Verbose.of(spec).note("total " + Millis.since(start));
    return ExitCodes.OK;
  }

  /**
   * The rule a rejected block broke: the spec assertion (its message is the spec's condition), or
   * what else the spec counts as invalid (an overflowing {@code uint64}, an index out of range, a
   * malformed BLS value).
   */
  static String rejection(RuntimeException e) {
    return switch (e) {
      case StateTransitionException s -> s.getMessage();
      case ArithmeticException a -> "uint64 overflow: " + a.getMessage();
      case IndexOutOfBoundsException x -> "index out of range: " + x.getMessage();
      default -> "invalid BLS value: " + e.getMessage();
    };
  }
}
