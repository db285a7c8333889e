package io.edvt.spec.edvt.logic;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_PROPOSER;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.StateTransitionFulu;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.tuweni.bytes.Bytes32;

/**
 * EDVT's state transition: Fulu's, with the modified {@code verify_block_signature} (a threshold
 * signature of the proposer's key set by {@code signer_bits}, and the RANDAO member recorded in
 * the body must be the best-ranked signer).
 */
public class StateTransitionEdvt extends StateTransitionFulu {
  private final BeaconStateAccessorsEdvt edvtAccessors;

  public StateTransitionEdvt(EdvtHelpers helpers, EpochProcessorEdvt epochProcessor, BlockProcessorEdvt blockProcessor) {
    super(helpers.fulu(), epochProcessor, blockProcessor);
    this.edvtAccessors = helpers.accessors();
  }

  /**
   * {@code verify_block_signature} (modified in EDVT). Returns false like the spec; the reason is
   * available from {@link #blockSignatureFailure}.
   */
  @Override
  public boolean verifyBlockSignature(MutableBeaconState state, SignedBeaconBlock signedBlock, SignatureVerifier verifier) {
    return blockSignatureFailure(state, signedBlock, verifier).isEmpty();
  }

  /** Why {@code verify_block_signature} fails, or empty when it holds. */
  public Optional<String> blockSignatureFailure(MutableBeaconState state, SignedBeaconBlock signedBlock,
      SignatureVerifier verifier) {
    SignedBeaconBlockEdvt signed = SignedBeaconBlockEdvt.toVersionEdvt(signedBlock).orElse(null);
    if (signed == null) {
      return Optional.of("signed_block has signer_bits (an EDVT block)");
    }
    BeaconBlock block = signed.message();
    if (!block.proposerIndex().isLessThan(state.validators().size())) {
      return Optional.of("block.proposer_index < len(state.validators)");
    }
    BeaconBlockBodyEdvt body = BeaconBlockBodyEdvt.toVersionEdvt(block.body()).orElse(null);
    if (body == null) {
      return Optional.of("block.body has randao_member_index (an EDVT body)");
    }
    UInt64 epoch = misc.computeEpochAtSlot(block.slot());
    Bytes32 signingRoot = misc.computeSigningRoot(
        block.hashTreeRoot(), edvtAccessors.getDomain(state, DOMAIN_BEACON_PROPOSER, epoch));
    Optional<String> failure = edvtAccessors.thresholdSignatureFailure(
        state, block.proposerIndex(), epoch, signingRoot, signed.signerBits(), signed.signature(), verifier);
    if (failure.isPresent()) {
      return Optional.of("is_valid_threshold_signature: " + failure.get());
    }
    // The RANDAO reveal comes from the best-ranked signer
    OptionalInt leader = edvtAccessors.getBlockLeader(state, block.proposerIndex().longValue(), block.slot(),
        signed.signerBits());
    if (leader.isEmpty() || !body.randaoMemberIndex().equals(UInt64.valueOf(leader.getAsInt()))) {
      return Optional.of("get_block_leader(...) == block.body.randao_member_index (leader "
          + (leader.isEmpty() ? "None" : leader.getAsInt()) + ", randao_member_index " + body.randaoMemberIndex() + ")");
    }
    return Optional.empty();
  }
}
