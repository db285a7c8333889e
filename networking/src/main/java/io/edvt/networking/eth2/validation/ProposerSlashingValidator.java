package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code proposer_slashing}: phase0's {@code validate_proposer_slashing_gossip}, unchanged through
 * Fulu. EDVT overrides {@link #isValidHeaderSignature} (each header's threshold signature at its
 * epoch) and its reason.
 */
public class ProposerSlashingValidator extends TopicValidator {
  public ProposerSlashingValidator(GossipContext ctx) {
    super(ctx);
  }

  public ValidationResult validate(BeaconState state, ProposerSlashing slashing) {
    SpecFulu spec = spec(state);
    BeaconBlockHeader header1 = slashing.signedHeader1().message();
    BeaconBlockHeader header2 = slashing.signedHeader2().message();
    UInt64 proposerIndex = header1.proposerIndex();
    if (ctx.seen().proposerSlashingIndices.contains(proposerIndex.longValue())) {
      return ignore("already seen proposer slashing for this proposer");
    }
    if (!header1.slot().equals(header2.slot())) {
      return reject("header slots do not match");
    }
    if (!header1.proposerIndex().equals(header2.proposerIndex())) {
      return reject("header proposer indices do not match");
    }
    if (header1.equals(header2)) {
      return reject("headers are not different");
    }
    if (!proposerIndex.isLessThan(state.validators().size())) {
      return reject("proposer index out of range");
    }
    MutableBeaconState view = view(state);
    Validator proposer = view.validators().get(proposerIndex.intValue());
    if (!spec.predicates().isSlashableValidator(proposer, spec.accessors().getCurrentEpoch(view))) {
      return reject("proposer is not slashable");
    }
    for (SignedBeaconBlockHeader signed : new SignedBeaconBlockHeader[] {slashing.signedHeader1(), slashing.signedHeader2()}) {
      UInt64 epoch = spec.misc().computeEpochAtSlot(signed.message().slot());
      Bytes32 domain = spec.accessors().getDomain(view, SpecConstants.DOMAIN_BEACON_PROPOSER, epoch);
      Bytes32 signingRoot = spec.misc().computeSigningRoot(signed.message().hashTreeRoot(), domain);
      if (!isValidHeaderSignature(spec, view, proposer, signed, epoch, signingRoot)) {
        return reject(invalidSignatureReason());
      }
    }
    if (!SeenCaches.mark(ctx.seen().proposerSlashingIndices, proposerIndex.longValue())) {
      return ignore("already seen proposer slashing for this proposer");
    }
    return ValidationResult.ACCEPT;
  }

  protected boolean isValidHeaderSignature(SpecFulu spec, MutableBeaconState view, Validator proposer,
      SignedBeaconBlockHeader signed, UInt64 epoch, Bytes32 signingRoot) {
    return GossipContext.verify(proposer.pubkey(), signingRoot, signed.signature());
  }

  protected String invalidSignatureReason() {
    return "invalid proposer slashing signature";
  }
}
