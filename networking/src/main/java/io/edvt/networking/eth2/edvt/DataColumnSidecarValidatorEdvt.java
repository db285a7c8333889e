package io.edvt.networking.eth2.edvt;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.DataColumnSidecarValidator;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code data_column_sidecar_{subnet_id}} (modified in EDVT): the header's proposer signature
 * becomes the threshold signature of the proposer's key set in force. The same rule is applied to
 * the header of a partial message (EDVT's p2p-interface.md does not list partial messages; its
 * header is the same EDVT {@code SignedBeaconBlockHeader}, so anything else would let an unsigned
 * header through).
 */
public class DataColumnSidecarValidatorEdvt extends DataColumnSidecarValidator {
  private final EdvtRules rules;

  public DataColumnSidecarValidatorEdvt(GossipContext ctx, EdvtRules rules) {
    super(ctx);
    this.rules = rules;
  }

  @Override
  public ValidationResult validate(BeaconState state, DataColumnSidecar sidecar, long subnetId, long nowMs) {
    return super.validate(rules.edvtState(state), sidecar, subnetId, nowMs);
  }

  @Override
  protected Optional<ValidationResult> checkHeaderSignature(SpecFulu spec, MutableBeaconState view,
      SignedBeaconBlockHeader signed, String reason) {
    String thresholdReason = reason.replace("invalid proposer signature", "invalid proposer threshold signature");
    Optional<SignedBeaconBlockHeaderEdvt> header = SignedBeaconBlockHeaderEdvt.toVersionEdvt(signed);
    if (header.isEmpty()) {
      return Optional.of(reject(thresholdReason));
    }
    BeaconBlockHeader message = signed.message();
    UInt64 epoch = spec.misc().computeEpochAtSlot(message.slot());
    Bytes32 domain = spec.accessors().getDomain(view, SpecConstants.DOMAIN_BEACON_PROPOSER, epoch);
    Bytes32 signingRoot = spec.misc().computeSigningRoot(message.hashTreeRoot(), domain);
    return rules.isValidThresholdSignature(view, message.proposerIndex(), epoch, signingRoot,
        header.get().signerBits(), signed.signature()) ? Optional.empty() : Optional.of(reject(thresholdReason));
  }
}
