package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.BLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;

/** {@code bls_to_execution_change}: Capella's {@code validate_bls_to_execution_change_gossip}, unchanged since. */
public class BlsToExecutionChangeValidator extends TopicValidator {
  public BlsToExecutionChangeValidator(GossipContext ctx) {
    super(ctx);
  }

  public ValidationResult validate(BeaconState state, SignedBLSToExecutionChange signed, long nowMs) {
    SpecFulu spec = spec(state);
    BLSToExecutionChange change = signed.message();
    UInt64 validatorIndex = change.validatorIndex();
    long sinceGenesisMs = Math.max(0, nowMs - state.genesisTime().longValueExact() * 1000);
    UInt64 currentSlot = UInt64.valueOf(sinceGenesisMs / spec.config().slotDurationMs());
    if (spec.misc().computeEpochAtSlot(currentSlot).isLessThan(spec.config().capellaForkEpoch())) {
      return ignore("current epoch is pre-capella");
    }
    if (ctx.seen().blsToExecutionChangeIndices.contains(validatorIndex.longValue())) {
      return ignore("already seen BLS to execution change for this validator");
    }
    if (!validatorIndex.isLessThan(state.validators().size())) {
      return reject("validator index out of range");
    }
    Validator validator = state.validators().get(validatorIndex.intValue());
    byte[] credentials = validator.withdrawalCredentials().toArrayUnsafe();
    if (credentials[0] != SpecConstants.BLS_WITHDRAWAL_PREFIX) {
      return reject("validator does not have BLS withdrawal credentials");
    }
    byte[] hash = Sha256.hash(change.fromBlsPubkey().toArrayUnsafe());
    if (!Arrays.equals(credentials, 1, 32, hash, 1, 32)) {
      return reject("pubkey does not match validator withdrawal credentials");
    }
    Bytes32 domain = spec.misc().computeDomain(SpecConstants.DOMAIN_BLS_TO_EXECUTION_CHANGE,
        spec.config().genesisForkVersion(), state.genesisValidatorsRoot());
    if (!GossipContext.verify(change.fromBlsPubkey(), spec.misc().computeSigningRoot(change.hashTreeRoot(), domain),
        signed.signature())) {
      return reject("invalid BLS to execution change signature");
    }
    if (!SeenCaches.mark(ctx.seen().blsToExecutionChangeIndices, validatorIndex.longValue())) {
      return ignore("already seen BLS to execution change for this validator");
    }
    return ValidationResult.ACCEPT;
  }
}
