package io.edvt.reftests.sanity;

import io.edvt.reftests.SpecRejection;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import io.edvt.reftests.state.StateCases;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.List;

/**
 * The block-sequence format shared by {@code sanity/blocks}, {@code finality/finality} and
 * {@code random/random}: {@code pre}, {@code blocks_<i>} ({@code blocks_count} in
 * {@code meta.yaml}), and {@code post}, or no {@code post} when the sequence must be rejected.
 * Each block goes through {@code state_transition} with the state root checked; signatures are
 * verified in one batch per block unless {@code bls_setting} is 2. The execution engine accepts
 * every payload.
 *
 * <p>A rejection is a spec rejection ({@link SpecRejection}: a failed assertion, a {@code uint64}
 * overflow, a BLS input the spec asserts on); any other exception is a bug and fails the case
 * even when rejection was expected. A rejection by the block's {@code state_root} check alone does
 * not count unless the case is about the state root: a block our code wrongly accepted would
 * still fail that check, and the case would pass for the wrong reason.
 */
public final class BlocksExecutor implements TestExecutor {

  @Override
  public void run(TestCase c) {
    SpecFulu spec = StateCases.spec(c);
    BeaconState pre = StateCases.state(spec, c, "pre");
    List<SignedBeaconBlock> blocks = StateCases.blocks(spec, c);
    int blsSetting = StateCases.blsSetting(c);
    boolean expectValid = c.has("post.ssz_snappy");

    BeaconState state = pre;
    for (int i = 0; i < blocks.size(); i++) {
      try {
        state = spec.stateTransition().stateTransition(
            state, blocks.get(i), true, StateCases.verifierFor(blsSetting), ExecutionEngine.always(true));
      } catch (RuntimeException e) {
        SpecRejection rejection = SpecRejection.require(e);
        if (expectValid) {
          throw new AssertionError("block " + i + " of " + blocks.size() + " was rejected: " + rejection, e);
        }
        if (!rejection.isAcceptableBlockRejection(c)) {
          throw new AssertionError("block " + i + " of " + blocks.size() + " was rejected only by the state-root check ("
              + rejection + "): every other rule accepted it, but the case expects a rejection", e);
        }
        return;
      }
    }
    if (!expectValid) {
      throw new AssertionError("all " + blocks.size() + " blocks were accepted, but the case expects a rejection");
    }
    StateCases.assertStateEquals(StateCases.state(spec, c, "post"), state);
  }
}
