package io.edvt.spec.edvt.logic;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.VoluntaryExitProcessingFulu;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * EDVT's {@code process_voluntary_exit}: Fulu's checks, then signatures of at least
 * {@code threshold} members of the key set in force at the current epoch, named by
 * {@code signer_bits} (a validator without a group: its own key as member {@code 0}).
 */
public class VoluntaryExitProcessingEdvt extends VoluntaryExitProcessingFulu {
  private final BeaconStateAccessorsEdvt edvtAccessors;

  public VoluntaryExitProcessingEdvt(EdvtHelpers helpers) {
    super(helpers.fulu());
    this.edvtAccessors = helpers.accessors();
  }

  /**
   * [Modified in EDVT] signatures of at least the threshold of the key set in force, over the
   * same signing root (the exit carries {@code signer_bits}).
   */
  @Override
  protected void verifyExitSignature(MutableBeaconState state, SignedVoluntaryExit signedVoluntaryExit, int index,
      UInt64 currentEpoch, Bytes32 signingRoot, SignatureVerifier verifier) {
    SignedVoluntaryExitEdvt signed = SignedVoluntaryExitEdvt.toVersionEdvt(signedVoluntaryExit).orElseThrow(() ->
        new StateTransitionException("assertion failed: signed_voluntary_exit has signer_bits (an EDVT exit)"));
    Optional<String> failure = edvtAccessors.thresholdSignatureFailure(state, signed.message().validatorIndex(),
        currentEpoch, signingRoot, signed.signerBits(), signed.signature(), verifier);
    StateTransitionException.check(failure.isEmpty(),
        "is_valid_threshold_signature(state, voluntary_exit.validator_index, get_current_epoch(state), "
            + "signing_root, signed_voluntary_exit.signer_bits, signed_voluntary_exit.signature)",
        "validator " + index, failure.orElse(""));
  }
}
