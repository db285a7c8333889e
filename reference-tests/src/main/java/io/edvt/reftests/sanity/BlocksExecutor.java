package io.edvt.reftests.sanity;

import io.edvt.infrastructure.crypto.bls.BlsException;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import io.edvt.reftests.state.StateCases;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.logic.common.StateTransitionException;
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
 * <p>A rejection is a failed spec assertion ({@link StateTransitionException}), a {@code uint64}
 * overflow or underflow ({@link ArithmeticException}), an out-of-range list access, or a BLS
 * encoding error; any other exception is a bug and fails the case even when rejection was
 * expected.
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
      } catch (StateTransitionException | ArithmeticException | IndexOutOfBoundsException | BlsException e) {
        if (expectValid) {
          throw new AssertionError("block " + i + " of " + blocks.size() + " was rejected: " + e.getMessage(), e);
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
