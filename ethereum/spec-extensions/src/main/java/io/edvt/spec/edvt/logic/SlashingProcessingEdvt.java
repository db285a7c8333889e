package io.edvt.spec.edvt.logic;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.SlashingProcessingFulu;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * EDVT's slashings: Fulu's {@code process_proposer_slashing} and {@code process_attester_slashing}
 * with two changes. Each header is checked with {@code is_valid_threshold_signature} over its
 * {@code signer_bits}; the validators slashed are those of {@code get_attester_slashing_indices}
 * (plain validators as in Fulu, groups with at least {@code threshold} members in each
 * attestation). Everything else is Fulu's, so the two forks' checks cannot drift apart.
 */
public class SlashingProcessingEdvt extends SlashingProcessingFulu {
  private final BeaconStateAccessorsEdvt edvtAccessors;

  public SlashingProcessingEdvt(EdvtHelpers helpers) {
    super(helpers.fulu());
    this.edvtAccessors = helpers.accessors();
  }

  /** [Modified in EDVT] The header carries {@code signer_bits}: a threshold signature of the proposer's key set. */
  @Override
  protected void verifyHeaderSignature(MutableBeaconState state, int proposerIndex, SignedBeaconBlockHeader signedHeader,
      String which, UInt64 epoch, Bytes32 signingRoot, SignatureVerifier verifier) {
    SignedBeaconBlockHeaderEdvt header = SignedBeaconBlockHeaderEdvt.toVersionEdvt(signedHeader).orElseThrow(() ->
        new StateTransitionException("assertion failed: signed_header has signer_bits (an EDVT header)"));
    Optional<String> failure = edvtAccessors.thresholdSignatureFailure(state, UInt64.valueOf(proposerIndex), epoch,
        signingRoot, header.signerBits(), header.signature(), verifier);
    StateTransitionException.check(failure.isEmpty(),
        "is_valid_threshold_signature(state, header_1.proposer_index, epoch, signing_root, "
            + "signed_header.signer_bits, signed_header.signature)",
        which, failure.orElse(""));
  }

  /** [Modified in EDVT] {@code get_attester_slashing_indices}. */
  @Override
  protected long[] getSlashableIndices(MutableBeaconState state, IndexedAttestation attestation1,
      IndexedAttestation attestation2) {
    List<Long> indices = edvtAccessors.getAttesterSlashingIndices(state, attestation1, attestation2);
    return indices.stream().mapToLong(Long::longValue).toArray();
  }

  @Override
  protected String slashableIndicesDescription() {
    return "some validator of get_attester_slashing_indices is slashable";
  }
}
