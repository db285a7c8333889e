package io.edvt.networking.eth2.edvt;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.ProposerSlashingValidator;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code proposer_slashing} (modified in EDVT): each header is signed by at least the threshold of
 * the proposer's key set in force at the header's epoch.
 */
public class ProposerSlashingValidatorEdvt extends ProposerSlashingValidator {
  private final EdvtRules rules;

  public ProposerSlashingValidatorEdvt(GossipContext ctx, EdvtRules rules) {
    super(ctx);
    this.rules = rules;
  }

  @Override
  public ValidationResult validate(BeaconState state, ProposerSlashing slashing) {
    return super.validate(rules.edvtState(state), slashing);
  }

  @Override
  protected boolean isValidHeaderSignature(SpecFulu spec, MutableBeaconState view, Validator proposer,
      SignedBeaconBlockHeader signed, UInt64 epoch, Bytes32 signingRoot) {
    Optional<SignedBeaconBlockHeaderEdvt> header = SignedBeaconBlockHeaderEdvt.toVersionEdvt(signed);
    return header.isPresent() && rules.isValidThresholdSignature(view, signed.message().proposerIndex(), epoch,
        signingRoot, header.get().signerBits(), signed.signature());
  }

  @Override
  protected String invalidSignatureReason() {
    return "invalid proposer slashing threshold signature";
  }
}
