package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.BLS_WITHDRAWAL_PREFIX;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BLS_TO_EXECUTION_CHANGE;
import static io.edvt.spec.logic.common.SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.operations.BLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/** Changes from BLS (0x00) to execution-address (0x01) withdrawal credentials (Capella). */
public class BlsToExecutionChangeProcessingFulu {
  protected final SpecConfig config;
  protected final MiscHelpersFulu misc;

  public BlsToExecutionChangeProcessingFulu(FuluHelpers helpers) {
    this.config = helpers.config();
    this.misc = helpers.misc();
  }

  /** {@code process_bls_to_execution_change} (Capella). */
  public void processBlsToExecutionChange(MutableBeaconState state, SignedBLSToExecutionChange signedAddressChange, SignatureVerifier verifier) {
    BLSToExecutionChange addressChange = signedAddressChange.message();
    SszListEditor<Validator> validators = state.validators();
    StateTransitionException.check(addressChange.validatorIndex().isLessThan(validators.size()),
        "address_change.validator_index < len(state.validators)", addressChange.validatorIndex(), validators.size());
    int index = addressChange.validatorIndex().intValue();
    Validator validator = validators.get(index);

    Bytes32 credentials = validator.withdrawalCredentials();
    StateTransitionException.check(credentials.get(0) == BLS_WITHDRAWAL_PREFIX,
        "validator.withdrawal_credentials[:1] == BLS_WITHDRAWAL_PREFIX", "validator " + index, credentials);
    Bytes pubkeyHash = Bytes.wrap(Sha256.hash(addressChange.fromBlsPubkey().toArrayUnsafe()));
    StateTransitionException.check(credentials.slice(1).equals(pubkeyHash.slice(1)),
        "validator.withdrawal_credentials[1:] == hash(address_change.from_bls_pubkey)[1:]", "validator " + index);

    // Fork-agnostic domain since address changes are valid across forks
    Bytes32 domain = misc.computeDomain(DOMAIN_BLS_TO_EXECUTION_CHANGE, config.genesisForkVersion(), state.genesisValidatorsRoot());
    Bytes32 signingRoot = misc.computeSigningRoot(addressChange.hashTreeRoot(), domain);
    // The key is not (yet) a registry key, so it is not cached in the PubkeyIndex: an invalid
    // key makes the verification false, as the spec's bls.Verify does.
    BlsPublicKey publicKey = BlsPublicKey.fromBytes(addressChange.fromBlsPubkey());
    StateTransitionException.check(verifier.verify(publicKey, signingRoot, signedAddressChange.signature()),
        "bls.Verify(address_change.from_bls_pubkey, signing_root, signed_address_change.signature)", "validator " + index);

    byte[] updated = new byte[32];
    updated[0] = ETH1_ADDRESS_WITHDRAWAL_PREFIX;
    System.arraycopy(addressChange.toExecutionAddress().toArray(), 0, updated, 12, 20);
    validators.set(index, validator.withWithdrawalCredentials(Bytes32.wrap(updated)));
  }
}
