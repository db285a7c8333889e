package io.edvt.networking.eth2.edvt;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.networking.eth2.validation.VoluntaryExitValidator;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/** {@code voluntary_exit} (modified in EDVT): signed by at least the threshold of the key set in force. */
public class VoluntaryExitValidatorEdvt extends VoluntaryExitValidator {
  private final EdvtRules rules;

  public VoluntaryExitValidatorEdvt(GossipContext ctx, EdvtRules rules) {
    super(ctx);
    this.rules = rules;
  }

  @Override
  public ValidationResult validate(BeaconState state, SignedVoluntaryExit signed) {
    return super.validate(rules.edvtState(state), signed);
  }

  @Override
  protected Optional<ValidationResult> checkSignature(SpecFulu spec, MutableBeaconState view, SignedVoluntaryExit signed,
      Validator validator, UInt64 currentEpoch, Bytes32 signingRoot) {
    Optional<SignedVoluntaryExitEdvt> edvtExit = SignedVoluntaryExitEdvt.toVersionEdvt(signed);
    if (edvtExit.isEmpty() || !rules.isValidThresholdSignature(view, signed.message().validatorIndex(), currentEpoch,
        signingRoot, edvtExit.get().signerBits(), signed.signature())) {
      return Optional.of(reject("invalid voluntary exit threshold signature"));
    }
    return Optional.empty();
  }
}
