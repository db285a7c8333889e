package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code voluntary_exit}: Deneb's {@code validate_voluntary_exit_gossip} (EIP-7044: the domain
 * uses {@code CAPELLA_FORK_VERSION}), unchanged in Fulu. EDVT overrides {@link #checkSignature}
 * with the threshold signature of the key set in force.
 */
public class VoluntaryExitValidator extends TopicValidator {
  public VoluntaryExitValidator(GossipContext ctx) {
    super(ctx);
  }

  public ValidationResult validate(BeaconState state, SignedVoluntaryExit signed) {
    SpecFulu spec = spec(state);
    VoluntaryExit exit = signed.message();
    UInt64 validatorIndex = exit.validatorIndex();
    if (ctx.seen().voluntaryExitIndices.contains(validatorIndex.longValue())) {
      return ignore("already seen voluntary exit for this validator");
    }
    if (!validatorIndex.isLessThan(state.validators().size())) {
      return reject("validator index out of range");
    }
    MutableBeaconState view = view(state);
    Validator validator = view.validators().get(validatorIndex.intValue());
    UInt64 currentEpoch = spec.accessors().getCurrentEpoch(view);
    if (!spec.predicates().isActiveValidator(validator, currentEpoch)) {
      return reject("validator is not active");
    }
    if (!validator.exitEpoch().equals(SpecConstants.FAR_FUTURE_EPOCH)) {
      return reject("validator has already initiated exit");
    }
    if (currentEpoch.isLessThan(exit.epoch())) {
      return reject("voluntary exit epoch is in the future");
    }
    if (currentEpoch.isLessThan(validator.activationEpoch().plus(spec.config().shardCommitteePeriod()))) {
      return reject("validator has not been active long enough");
    }
    Bytes32 domain = spec.misc().computeDomain(SpecConstants.DOMAIN_VOLUNTARY_EXIT, spec.config().capellaForkVersion(),
        state.genesisValidatorsRoot());
    Bytes32 signingRoot = spec.misc().computeSigningRoot(exit.hashTreeRoot(), domain);
    Optional<ValidationResult> signature = checkSignature(spec, view, signed, validator, currentEpoch, signingRoot);
    if (signature.isPresent()) {
      return signature.get();
    }
    if (!SeenCaches.mark(ctx.seen().voluntaryExitIndices, validatorIndex.longValue())) {
      return ignore("already seen voluntary exit for this validator");
    }
    return ValidationResult.ACCEPT;
  }

  /** [REJECT] The signature is valid (EDVT: the threshold signature at the current epoch). */
  protected Optional<ValidationResult> checkSignature(SpecFulu spec, MutableBeaconState view, SignedVoluntaryExit signed,
      Validator validator, UInt64 currentEpoch, Bytes32 signingRoot) {
    return GossipContext.verify(validator.pubkey(), signingRoot, signed.signature()) ? Optional.empty()
        : Optional.of(reject("invalid voluntary exit signature"));
  }
}
