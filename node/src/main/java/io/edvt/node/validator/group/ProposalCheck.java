package io.edvt.node.validator.group;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.execution.EngineApi;
import io.edvt.node.execution.NewPayloadNotifier;
import io.edvt.node.execution.PayloadVerdict;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What a member checks before signing off a proposal (validator.md "Leader-promoted proposal by a
 * group", step 2, and "Fee recipient"): the parent is known and valid (fork choice holds its
 * post-state), the block processed on it with every signature inside it verified
 * ({@code process_block}: the RANDAO reveal of the leader's key included; the block signature,
 * which the group has not made yet, is the one thing not checked) gives {@code block.state_root},
 * the engine finds the payload valid, and the payload pays the group's fee recipient.
 */
public final class ProposalCheck {
  private static final long ENGINE_SECONDS = 4;

  private final SpecVersions versions;
  private final MultiForkStateTransition transition;
  private final EngineApi engine;
  private final Function<Bytes32, Optional<BeaconState>> blockStates;

  /** @param blockStates the post-state of a block fork choice holds (validated), by root */
  public ProposalCheck(SpecVersions versions, EngineApi engine, Function<Bytes32, Optional<BeaconState>> blockStates) {
    this.versions = versions;
    this.transition = new MultiForkStateTransition(versions);
    this.engine = engine;
    this.blockStates = blockStates;
  }

  /** Why a member must not sign {@code block} off, or empty when it may. Blocks for the engine's answer. */
  public Optional<String> refusal(BeaconBlock block, Bytes groupFeeRecipient) {
    Bytes feeRecipient = block.body().executionPayload().feeRecipient();
    if (!feeRecipient.equals(groupFeeRecipient)) {
      return Optional.of("fee recipient " + feeRecipient + " is not the group's " + groupFeeRecipient);
    }
    Optional<BeaconState> parent = blockStates.apply(block.parentRoot());
    if (parent.isEmpty()) {
      return Optional.of("parent " + block.parentRoot() + " is not a block fork choice holds");
    }
    UInt64 slot = block.slot();
    if (!parent.get().slot().isLessThan(slot)) {
      return Optional.of("slot " + slot + " is not after its parent's " + parent.get().slot());
    }
    BeaconState pre = transition.processSlots(parent.get(), slot);
    if (SpecVersions.milestoneOf(pre) != SpecMilestone.EDVT) {
      return Optional.of("slot " + slot + " is not an EDVT slot");
    }
    SpecFulu spec = versions.forState(pre);
    MutableBeaconState post = new MutableBeaconState(pre);
    SignatureVerifier.Batch signatures = new SignatureVerifier.Batch();
    NewPayloadNotifier notifier = new NewPayloadNotifier(engine);
    try {
      spec.blockProcessor().processBlock(post, block, signatures, notifier);
    } catch (RuntimeException e) {
      return Optional.of("process_block: " + e.getMessage());
    }
    if (!signatures.verifyAll()) {
      return Optional.of("a signature in the block (RANDAO reveal, attestation, operation) is invalid");
    }
    Bytes32 root = post.commit().hashTreeRoot();
    if (!root.equals(block.stateRoot())) {
      return Optional.of("compute_new_state_root gives " + root + ", the block says " + block.stateRoot());
    }
    PayloadVerdict verdict;
    try {
      verdict = notifier.verdict().get(ENGINE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while waiting for the engine");
    } catch (Exception e) {
      return Optional.of("the engine did not judge the payload within " + ENGINE_SECONDS + " s");
    }
    return verdict instanceof PayloadVerdict.Valid ? Optional.empty() : Optional.of("engine: " + verdict);
  }
}
