package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_VOLUNTARY_EXIT;
import static io.edvt.spec.logic.common.SpecConstants.FAR_FUTURE_EPOCH;

import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import org.apache.tuweni.bytes.Bytes32;

/** Voluntary exits (Electra {@code process_voluntary_exit}, with Deneb's EIP-7044 domain). */
public class VoluntaryExitProcessingFulu {
  protected final SpecConfig config;
  protected final MiscHelpersFulu misc;
  protected final PredicatesFulu predicates;
  protected final BeaconStateAccessorsFulu accessors;
  protected final BeaconStateMutatorsFulu mutators;

  public VoluntaryExitProcessingFulu(FuluHelpers helpers) {
    this.config = helpers.config();
    this.misc = helpers.misc();
    this.predicates = helpers.predicates();
    this.accessors = helpers.accessors();
    this.mutators = helpers.mutators();
  }

  /** {@code process_voluntary_exit} (Electra: no exit while partial withdrawals are pending). */
  public void processVoluntaryExit(MutableBeaconState state, SignedVoluntaryExit signedVoluntaryExit, SignatureVerifier verifier) {
    VoluntaryExit voluntaryExit = signedVoluntaryExit.message();
    SszListEditor<Validator> validators = state.validators();
    int index = SlashingProcessingFulu.checkedValidatorIndex(validators, voluntaryExit.validatorIndex(), "voluntary_exit.validator_index");
    Validator validator = validators.get(index);
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);

    StateTransitionException.check(predicates.isActiveValidator(validator, currentEpoch),
        "is_active_validator(validator, get_current_epoch(state))", "validator " + index);
    StateTransitionException.check(validator.exitEpoch().equals(FAR_FUTURE_EPOCH),
        "validator.exit_epoch == FAR_FUTURE_EPOCH", "validator " + index, "exit_epoch " + validator.exitEpoch());
    // Exits must specify an epoch when they become valid; they are not valid before then
    StateTransitionException.check(currentEpoch.isGreaterThanOrEqualTo(voluntaryExit.epoch()),
        "get_current_epoch(state) >= voluntary_exit.epoch", currentEpoch, voluntaryExit.epoch());
    // Verify the validator has been active long enough (the sum cannot overflow: the validator
    // is active, so its activation epoch is at most the current epoch)
    StateTransitionException.check(
        currentEpoch.isGreaterThanOrEqualTo(validator.activationEpoch().plus(config.shardCommitteePeriod())),
        "get_current_epoch(state) >= validator.activation_epoch + SHARD_COMMITTEE_PERIOD",
        "current_epoch=" + currentEpoch, "activation_epoch=" + validator.activationEpoch(),
        "SHARD_COMMITTEE_PERIOD=" + config.shardCommitteePeriod());
    UInt64 pending = accessors.getPendingBalanceToWithdraw(state, index);
    StateTransitionException.check(pending.isZero(),
        "get_pending_balance_to_withdraw(state, voluntary_exit.validator_index) == 0", pending);

    // EIP-7044: exits are signed for the Capella fork version, so they stay valid across forks
    Bytes32 domain = misc.computeDomain(DOMAIN_VOLUNTARY_EXIT, config.capellaForkVersion(), state.genesisValidatorsRoot());
    Bytes32 signingRoot = misc.computeSigningRoot(voluntaryExit.hashTreeRoot(), domain);
    verifyExitSignature(state, signedVoluntaryExit, index, currentEpoch, signingRoot, verifier);

    mutators.initiateValidatorExit(state, index);
  }

  /**
   * The signature check of {@code process_voluntary_exit}: the validator's key signed
   * {@code signing_root}. A fork that changes who signs for a validator overrides only this.
   */
  protected void verifyExitSignature(MutableBeaconState state, SignedVoluntaryExit signedVoluntaryExit, int index,
      UInt64 currentEpoch, Bytes32 signingRoot, SignatureVerifier verifier) {
    Validator validator = state.validators().get(index);
    StateTransitionException.check(
        verifier.verify(PubkeyIndex.of(state).publicKey(validator.pubkey()), signingRoot, signedVoluntaryExit.signature()),
        "bls.Verify(validator.pubkey, signing_root, signed_voluntary_exit.signature)", "validator " + index);
  }
}
