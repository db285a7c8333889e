package io.edvt.spec.edvt.logic;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_PROPOSER;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.SlashingProcessingFulu;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * EDVT's slashings: {@code process_proposer_slashing} checks each header with
 * {@code is_valid_threshold_signature} over its {@code signer_bits}; {@code process_attester_slashing}
 * slashes the validators of {@code get_attester_slashing_indices} (plain validators as in Fulu,
 * groups with at least {@code threshold} members in each attestation).
 */
public class SlashingProcessingEdvt extends SlashingProcessingFulu {
  private final BeaconStateAccessorsEdvt edvtAccessors;

  public SlashingProcessingEdvt(SpecEdvt spec) {
    super(spec);
    this.edvtAccessors = spec.accessors();
  }

  @Override
  public void processProposerSlashing(MutableBeaconState state, ProposerSlashing proposerSlashing, SignatureVerifier verifier) {
    BeaconBlockHeader header1 = proposerSlashing.signedHeader1().message();
    BeaconBlockHeader header2 = proposerSlashing.signedHeader2().message();

    StateTransitionException.check(header1.slot().equals(header2.slot()), "header_1.slot == header_2.slot",
        header1.slot(), header2.slot());
    StateTransitionException.check(header1.proposerIndex().equals(header2.proposerIndex()),
        "header_1.proposer_index == header_2.proposer_index", header1.proposerIndex(), header2.proposerIndex());
    StateTransitionException.check(!header1.equals(header2), "header_1 != header_2");
    StateTransitionException.check(header1.proposerIndex().isLessThan(state.validators().size()),
        "header_1.proposer_index < len(state.validators)", header1.proposerIndex(), state.validators().size());
    int proposerIndex = header1.proposerIndex().intValue();
    Validator proposer = state.validators().get(proposerIndex);
    StateTransitionException.check(predicates.isSlashableValidator(proposer, accessors.getCurrentEpoch(state)),
        "is_slashable_validator(proposer, get_current_epoch(state))", "validator " + proposerIndex);

    int n = 1;
    for (SignedBeaconBlockHeader signed : new SignedBeaconBlockHeader[] {
        proposerSlashing.signedHeader1(), proposerSlashing.signedHeader2()}) {
      SignedBeaconBlockHeaderEdvt header = SignedBeaconBlockHeaderEdvt.toVersionEdvt(signed).orElseThrow(() ->
          new StateTransitionException("assertion failed: signed_header has signer_bits (an EDVT header)"));
      UInt64 epoch = misc.computeEpochAtSlot(header.message().slot());
      Bytes32 domain = accessors.getDomain(state, DOMAIN_BEACON_PROPOSER, epoch);
      Bytes32 signingRoot = misc.computeSigningRoot(header.message().hashTreeRoot(), domain);
      Optional<String> failure = edvtAccessors.thresholdSignatureFailure(state, header1.proposerIndex(), epoch,
          signingRoot, header.signerBits(), header.signature(), verifier);
      StateTransitionException.check(failure.isEmpty(),
          "is_valid_threshold_signature(state, header_1.proposer_index, epoch, signing_root, "
              + "signed_header.signer_bits, signed_header.signature)",
          "signed_header_" + n, failure.orElse(""));
      n++;
    }

    mutators.slashValidator(state, proposerIndex, null);
  }

  @Override
  public void processAttesterSlashing(MutableBeaconState state, AttesterSlashing attesterSlashing, SignatureVerifier verifier) {
    IndexedAttestation attestation1 = attesterSlashing.attestation1();
    IndexedAttestation attestation2 = attesterSlashing.attestation2();
    StateTransitionException.check(predicates.isSlashableAttestationData(attestation1.data(), attestation2.data()),
        "is_slashable_attestation_data(attestation_1.data, attestation_2.data)");
    StateTransitionException.check(edvtAccessors.isValidIndexedAttestation(state, attestation1, verifier),
        "is_valid_indexed_attestation(state, attestation_1)");
    StateTransitionException.check(edvtAccessors.isValidIndexedAttestation(state, attestation2, verifier),
        "is_valid_indexed_attestation(state, attestation_2)");

    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    boolean slashedAny = false;
    for (long index : edvtAccessors.getAttesterSlashingIndices(state, attestation1, attestation2)) {
      // read the validator afresh: slashing an earlier index may have changed the state
      if (predicates.isSlashableValidator(state.validators().get((int) index), currentEpoch)) {
        mutators.slashValidator(state, (int) index, null);
        slashedAny = true;
      }
    }
    StateTransitionException.check(slashedAny,
        "slashed_any (some validator of get_attester_slashing_indices is slashable)");
  }
}
