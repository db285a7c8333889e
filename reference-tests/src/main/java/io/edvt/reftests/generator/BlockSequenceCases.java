package io.edvt.reftests.generator;

import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes block-sequence cases ({@code sanity/blocks}, {@code finality/finality}): {@code pre},
 * {@code blocks_<i>}, {@code meta.yaml} with {@code blocks_count} and {@code bls_setting: 1}, and
 * {@code post} for a valid sequence. Before writing, it replays the blocks from {@code pre} the
 * way a reader does (every signature verified) and fails the generation if the outcome is not
 * the intended one, so a vector never says more than the code does.
 */
final class BlockSequenceCases {
  private static final String PRESET = "minimal";
  private final CaseWriter g;
  private final SpecEdvt edvt;

  BlockSequenceCases(CaseWriter g, SpecEdvt edvt) {
    this.g = g;
    this.edvt = edvt;
  }

  /** A valid sequence: every block is accepted; returns the post state (written as {@code post}). */
  BeaconState valid(String runner, String handler, String name, BeaconState pre, List<SignedBeaconBlock> blocks) {
    BeaconState state = pre;
    for (int i = 0; i < blocks.size(); i++) {
      try {
        state = apply(state, blocks.get(i));
      } catch (RuntimeException e) {
        throw new IllegalStateException(name + ": block " + i + " was rejected: " + e.getMessage(), e);
      }
    }
    Path dir = write(runner, handler, name, pre, blocks);
    g.state(dir, "post", state);
    return state;
  }

  /**
   * An invalid sequence: blocks before {@code rejected} are accepted, that one is rejected by
   * {@code verify_block_signature} because of {@code signatureFailure} (the reason EDVT's check
   * gives); any other rejection fails the generation. No {@code post}.
   */
  void invalidSignature(String runner, String handler, String name, BeaconState pre, List<SignedBeaconBlock> blocks,
      int rejected, String signatureFailure) {
    BeaconState state = pre;
    for (int i = 0; i < blocks.size(); i++) {
      BeaconState before = state;
      SignedBeaconBlock block = blocks.get(i);
      Outcome expected = i == rejected ? Outcome.rejectedBy("verify_block_signature(state, signed_block)")
          : Outcome.accepted("accepted", (a, b) -> true);
      state = Outcome.check(name + ": block " + i, expected, before, () -> apply(before, block));
      if (state == null) {
        MutableBeaconState atSlot = new MutableBeaconState(edvt.stateTransition().processSlots(before, block.message().slot()));
        String failure = edvt.stateTransition().blockSignatureFailure(atSlot, block, SignatureVerifier.SIMPLE).orElse("none");
        GroupChains.check(failure.contains(signatureFailure), name + ": block " + i + " fails verify_block_signature because "
            + signatureFailure + " (it fails because " + failure + ")");
        write(runner, handler, name, pre, blocks);
        return;
      }
    }
    throw new IllegalStateException(name + ": no block was rejected");
  }

  private BeaconState apply(BeaconState state, SignedBeaconBlock block) {
    return edvt.stateTransition().stateTransition(state, block, true, SignatureVerifier.SIMPLE, ExecutionEngine.always(true));
  }

  private Path write(String runner, String handler, String name, BeaconState pre, List<SignedBeaconBlock> blocks) {
    Path dir = g.caseDir(PRESET, runner, handler, "pyspec_tests", name);
    g.meta(dir, Map.of("bls_setting", 1, "blocks_count", blocks.size()));
    g.state(dir, "pre", pre);
    for (int i = 0; i < blocks.size(); i++) {
      g.ssz(dir, "blocks_" + i, blocks.get(i).serialize());
    }
    return dir;
  }
}
