package io.edvt.spec.edvt.logic;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_VOLUNTARY_EXIT;
import static io.edvt.spec.logic.common.SpecConstants.FAR_FUTURE_EPOCH;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
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

  public VoluntaryExitProcessingEdvt(SpecEdvt spec) {
    super(spec);
    this.edvtAccessors = spec.accessors();
  }

  @Override
  public void processVoluntaryExit(MutableBeaconState state, SignedVoluntaryExit signedVoluntaryExit, SignatureVerifier verifier) {
    SignedVoluntaryExitEdvt signed = SignedVoluntaryExitEdvt.toVersionEdvt(signedVoluntaryExit).orElseThrow(() ->
        new StateTransitionException("assertion failed: signed_voluntary_exit has signer_bits (an EDVT exit)"));
    VoluntaryExit voluntaryExit = signed.message();
    StateTransitionException.check(voluntaryExit.validatorIndex().isLessThan(state.validators().size()),
        "voluntary_exit.validator_index < len(state.validators)", voluntaryExit.validatorIndex(), state.validators().size());
    int index = voluntaryExit.validatorIndex().intValue();
    Validator validator = state.validators().get(index);
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);

    StateTransitionException.check(predicates.isActiveValidator(validator, currentEpoch),
        "is_active_validator(validator, get_current_epoch(state))", "validator " + index);
    StateTransitionException.check(validator.exitEpoch().equals(FAR_FUTURE_EPOCH),
        "validator.exit_epoch == FAR_FUTURE_EPOCH", "validator " + index, "exit_epoch " + validator.exitEpoch());
    StateTransitionException.check(currentEpoch.isGreaterThanOrEqualTo(voluntaryExit.epoch()),
        "get_current_epoch(state) >= voluntary_exit.epoch", currentEpoch, voluntaryExit.epoch());
    StateTransitionException.check(
        currentEpoch.isGreaterThanOrEqualTo(validator.activationEpoch().plus(config.shardCommitteePeriod())),
        "get_current_epoch(state) >= validator.activation_epoch + SHARD_COMMITTEE_PERIOD",
        "current_epoch=" + currentEpoch, "activation_epoch=" + validator.activationEpoch(),
        "SHARD_COMMITTEE_PERIOD=" + config.shardCommitteePeriod());
    UInt64 pending = accessors.getPendingBalanceToWithdraw(state, index);
    StateTransitionException.check(pending.isZero(),
        "get_pending_balance_to_withdraw(state, voluntary_exit.validator_index) == 0", pending);

    // [Modified in EDVT] signatures of at least the threshold of the key set in force
    Bytes32 domain = misc.computeDomain(DOMAIN_VOLUNTARY_EXIT, config.capellaForkVersion(), state.genesisValidatorsRoot());
    Bytes32 signingRoot = misc.computeSigningRoot(voluntaryExit.hashTreeRoot(), domain);
    Optional<String> failure = edvtAccessors.thresholdSignatureFailure(state, voluntaryExit.validatorIndex(),
        currentEpoch, signingRoot, signed.signerBits(), signed.signature(), verifier);
    StateTransitionException.check(failure.isEmpty(),
        "is_valid_threshold_signature(state, voluntary_exit.validator_index, get_current_epoch(state), "
            + "signing_root, signed_voluntary_exit.signer_bits, signed_voluntary_exit.signature)",
        "validator " + index, failure.orElse(""));

    mutators.initiateValidatorExit(state, index);
  }
}
