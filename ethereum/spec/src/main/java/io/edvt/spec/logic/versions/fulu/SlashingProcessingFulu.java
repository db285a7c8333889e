package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_PROPOSER;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlockHeader;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import org.apache.tuweni.bytes.Bytes32;

/** Proposer and attester slashings (phase0 rules, Electra penalties through {@code slash_validator}). */
public class SlashingProcessingFulu {
  protected final MiscHelpersFulu misc;
  protected final PredicatesFulu predicates;
  protected final BeaconStateAccessorsFulu accessors;
  protected final BeaconStateMutatorsFulu mutators;

  public SlashingProcessingFulu(SpecFulu spec) {
    this.misc = spec.misc();
    this.predicates = spec.predicates();
    this.accessors = spec.accessors();
    this.mutators = spec.mutators();
  }

  /** {@code process_proposer_slashing} (phase0): two different signed headers for one slot. */
  public void processProposerSlashing(MutableBeaconState state, ProposerSlashing proposerSlashing, SignatureVerifier verifier) {
    BeaconBlockHeader header1 = proposerSlashing.signedHeader1().message();
    BeaconBlockHeader header2 = proposerSlashing.signedHeader2().message();

    StateTransitionException.check(header1.slot().equals(header2.slot()), "header_1.slot == header_2.slot",
        header1.slot(), header2.slot());
    StateTransitionException.check(header1.proposerIndex().equals(header2.proposerIndex()),
        "header_1.proposer_index == header_2.proposer_index", header1.proposerIndex(), header2.proposerIndex());
    StateTransitionException.check(!header1.equals(header2), "header_1 != header_2");
    SszListEditor<Validator> validators = state.validators();
    int proposerIndex = checkedValidatorIndex(validators, header1.proposerIndex(), "header_1.proposer_index");
    Validator proposer = validators.get(proposerIndex);
    StateTransitionException.check(predicates.isSlashableValidator(proposer, accessors.getCurrentEpoch(state)),
        "is_slashable_validator(proposer, get_current_epoch(state))", "validator " + proposerIndex);

    BlsPublicKey publicKey = PubkeyIndex.of(state).publicKey(proposer.pubkey());
    int n = 1;
    for (SignedBeaconBlockHeader signedHeader : new SignedBeaconBlockHeader[] {
        proposerSlashing.signedHeader1(), proposerSlashing.signedHeader2()}) {
      Bytes32 domain = accessors.getDomain(state, DOMAIN_BEACON_PROPOSER, misc.computeEpochAtSlot(signedHeader.message().slot()));
      Bytes32 signingRoot = misc.computeSigningRoot(signedHeader.message().hashTreeRoot(), domain);
      StateTransitionException.check(verifier.verify(publicKey, signingRoot, signedHeader.signature()),
          "bls.Verify(proposer.pubkey, signing_root, signed_header.signature)", "signed_header_" + n);
      n++;
    }

    mutators.slashValidator(state, proposerIndex, null);
  }

  /**
   * {@code process_attester_slashing} (phase0): two slashable attestations; every validator in
   * both that is still slashable is slashed, and at least one must be.
   */
  public void processAttesterSlashing(MutableBeaconState state, AttesterSlashing attesterSlashing, SignatureVerifier verifier) {
    IndexedAttestation attestation1 = attesterSlashing.attestation1();
    IndexedAttestation attestation2 = attesterSlashing.attestation2();
    StateTransitionException.check(predicates.isSlashableAttestationData(attestation1.data(), attestation2.data()),
        "is_slashable_attestation_data(attestation_1.data, attestation_2.data)");
    StateTransitionException.check(accessors.isValidIndexedAttestation(state, attestation1, verifier),
        "is_valid_indexed_attestation(state, attestation_1)");
    StateTransitionException.check(accessors.isValidIndexedAttestation(state, attestation2, verifier),
        "is_valid_indexed_attestation(state, attestation_2)");

    // Both index lists are now known to be sorted and unique: intersect them by merging.
    SszList<UInt64> indices1 = attestation1.attestingIndices();
    SszList<UInt64> indices2 = attestation2.attestingIndices();
    long[] a = new long[indices1.size()];
    long[] b = new long[indices2.size()];
    int k = 0;
    for (UInt64 i : indices1) {
      a[k++] = i.longValue();
    }
    k = 0;
    for (UInt64 i : indices2) {
      b[k++] = i.longValue();
    }
    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    boolean slashedAny = false;
    int x = 0;
    int y = 0;
    while (x < a.length && y < b.length) {
      int c = Long.compareUnsigned(a[x], b[y]);
      if (c < 0) {
        x++;
      } else if (c > 0) {
        y++;
      } else {
        int index = (int) a[x];
        // read the validator afresh: slashing an earlier index may have changed the state
        if (predicates.isSlashableValidator(state.validators().get(index), currentEpoch)) {
          mutators.slashValidator(state, index, null);
          slashedAny = true;
        }
        x++;
        y++;
      }
    }
    StateTransitionException.check(slashedAny, "slashed_any (some validator in both attestations is slashable)");
  }

  /** {@code state.validators[index]} must exist (the spec's list access raises otherwise). */
  static int checkedValidatorIndex(SszListEditor<Validator> validators, UInt64 index, String what) {
    StateTransitionException.check(index.isLessThan(validators.size()), what + " < len(state.validators)",
        index, validators.size());
    return index.intValue();
  }
}
