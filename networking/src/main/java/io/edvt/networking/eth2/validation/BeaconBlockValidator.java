package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code beacon_block}: Fulu's {@code validate_beacon_block_gossip} (phase0's rules, Bellatrix's
 * payload timestamp and parent payload status, Fulu's blob limit from
 * {@code get_blob_parameters}). EDVT overrides {@link #checkSignature} and
 * {@link #checkWithParentState}.
 */
public class BeaconBlockValidator extends TopicValidator {
  public BeaconBlockValidator(GossipContext ctx) {
    super(ctx);
  }

  /** Validates {@code signed} against the head {@code state} at {@code nowMs}. */
  public ValidationResult validate(BeaconState state, SignedBeaconBlock signed, long nowMs) {
    SpecFulu spec = spec(state);
    BeaconBlock block = signed.message();
    UInt64 slot = block.slot();
    if (!ctx.isNotFromFutureSlot(state, slot, nowMs)) {
      return ignore("block is from a future slot");
    }
    if (!slot.isGreaterThan(ctx.finalizedSlot())) {
      return ignore("block is not from a slot greater than the latest finalized slot");
    }
    SeenCaches.Pair seenKey = new SeenCaches.Pair(block.proposerIndex().longValue(), slot.longValue());
    if (ctx.seen().proposerSlots.contains(seenKey)) {
      return ignore("block is not the first valid block for this proposer and slot");
    }
    if (!block.proposerIndex().isLessThan(state.validators().size())) {
      return reject("proposer index out of range");
    }
    MutableBeaconState view = view(state);
    Optional<ValidationResult> signature = checkSignature(spec, view, signed);
    if (signature.isPresent()) {
      return signature.get();
    }
    Bytes32 parentRoot = block.parentRoot();
    Optional<ChainView.BlockInfo> parent = ctx.chain().block(parentRoot);
    if (parent.isEmpty()) {
      return ignore("block's parent has not been seen");
    }
    UInt64 timestamp = block.body().executionPayload().timestamp();
    if (!timestamp.equals(spec.misc().computeTimeAtSlot(state.genesisTime(), slot))) {
      return reject("incorrect execution payload timestamp");
    }
    PayloadStatus parentPayload = ctx.chain().payloadStatus(parentRoot);
    if (!ctx.chain().isValidated(parentRoot)) {
      if (parentPayload == PayloadStatus.NOT_VALIDATED) {
        return reject("block's parent is invalid and its payload is optimistic");
      }
      return ignore("block's parent is invalid and its payload is processed");
    }
    if (parentPayload == PayloadStatus.INVALIDATED) {
      return ignore("block's parent is valid and its payload is invalid");
    }
    if (!slot.isGreaterThan(parent.get().slot())) {
      return reject("block is not from a higher slot than its parent");
    }
    if (!ctx.finalizedIsAncestorOf(parentRoot)) {
      return reject("finalized checkpoint is not an ancestor of block");
    }
    UInt64 maxBlobs = spec.misc().getBlobParameters(spec.accessors().getCurrentEpoch(view)).maxBlobsPerBlock();
    if (UInt64.valueOf(block.body().blobKzgCommitments().size()).isGreaterThan(maxBlobs)) {
      return reject("too many blob kzg commitments");
    }
    Optional<BeaconState> parentState = ctx.parentStateAt(parentRoot, slot);
    if (parentState.isEmpty()) {
      return ignore("block's parent state is not available");
    }
    MutableBeaconState parentView = view(parentState.get());
    int expected = ctx.spec(parentState.get()).accessors().getBeaconProposerIndex(parentView);
    if (!block.proposerIndex().equals(UInt64.valueOf(expected))) {
      return reject("block proposer_index does not match expected proposer");
    }
    Optional<ValidationResult> more = checkWithParentState(parentView, signed);
    if (more.isPresent()) {
      return more.get();
    }
    if (!SeenCaches.mark(ctx.seen().proposerSlots, seenKey)) {
      return ignore("block is not the first valid block for this proposer and slot");
    }
    return ValidationResult.ACCEPT;
  }

  /** [REJECT] The proposer signature is valid (EDVT: the threshold signature of the key set in force). */
  protected Optional<ValidationResult> checkSignature(SpecFulu spec, MutableBeaconState state, SignedBeaconBlock signed) {
    BeaconBlock block = signed.message();
    var pubkey = state.validators().get(block.proposerIndex().intValue()).pubkey();
    Bytes32 domain = spec.accessors().getDomain(state, SpecConstants.DOMAIN_BEACON_PROPOSER,
        spec.misc().computeEpochAtSlot(block.slot()));
    Bytes32 signingRoot = spec.misc().computeSigningRoot(block.hashTreeRoot(), domain);
    if (!GossipContext.verify(pubkey, signingRoot, signed.signature())) {
      return Optional.of(reject("invalid proposer signature"));
    }
    return Optional.empty();
  }

  /** Rules a later fork adds after the expected-proposer check, on the parent state at the block's slot. */
  protected Optional<ValidationResult> checkWithParentState(MutableBeaconState parentState, SignedBeaconBlock signed) {
    return Optional.empty();
  }
}
