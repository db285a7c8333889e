package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_PROPOSER;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
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
import org.apache.tuweni.bytes.Bytes32;

/** Proposer and attester slashings (phase0 rules, Electra penalties through {@code slash_validator}). */
public class SlashingProcessingFulu {
  protected final MiscHelpersFulu misc;
  protected final PredicatesFulu predicates;
  protected final BeaconStateAccessorsFulu accessors;
  protected final BeaconStateMutatorsFulu mutators;

  public SlashingProcessingFulu(FuluHelpers helpers) {
    this.misc = helpers.misc();
    this.predicates = helpers.predicates();
    this.accessors = helpers.accessors();
    this.mutators = helpers.mutators();
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
    int proposerIndex = checkedValidatorIndex(state.validators(), header1.proposerIndex(), "header_1.proposer_index");
    Validator proposer = state.validators().get(proposerIndex);
    StateTransitionException.check(predicates.isSlashableValidator(proposer, accessors.getCurrentEpoch(state)),
        "is_slashable_validator(proposer, get_current_epoch(state))", "validator " + proposerIndex);

    int n = 1;
    for (SignedBeaconBlockHeader signedHeader : new SignedBeaconBlockHeader[] {
        proposerSlashing.signedHeader1(), proposerSlashing.signedHeader2()}) {
      UInt64 epoch = misc.computeEpochAtSlot(signedHeader.message().slot());
      Bytes32 domain = accessors.getDomain(state, DOMAIN_BEACON_PROPOSER, epoch);
      Bytes32 signingRoot = misc.computeSigningRoot(signedHeader.message().hashTreeRoot(), domain);
      verifyHeaderSignature(state, proposerIndex, signedHeader, "signed_header_" + n, epoch, signingRoot, verifier);
      n++;
    }

    mutators.slashValidator(state, proposerIndex, null);
  }

  /**
   * The signature check of {@code process_proposer_slashing} for one header (phase0: the
   * proposer's own key). A later fork that signs headers differently overrides only this.
   *
   * @param which {@code signed_header_1} or {@code signed_header_2}, for the message
   * @param epoch the epoch of the header's slot (its signing domain's)
   */
  protected void verifyHeaderSignature(MutableBeaconState state, int proposerIndex, SignedBeaconBlockHeader signedHeader,
      String which, UInt64 epoch, Bytes32 signingRoot, SignatureVerifier verifier) {
    Validator proposer = state.validators().get(proposerIndex);
    BlsPublicKey publicKey = PubkeyIndex.of(state).publicKey(proposer.pubkey());
    StateTransitionException.check(verifier.verify(publicKey, signingRoot, signedHeader.signature()),
        "bls.Verify(proposer.pubkey, signing_root, signed_header.signature)", which);
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

    UInt64 currentEpoch = accessors.getCurrentEpoch(state);
    boolean slashedAny = false;
    for (long index : getSlashableIndices(state, attestation1, attestation2)) {
      // read the validator afresh: slashing an earlier index may have changed the state
      if (predicates.isSlashableValidator(state.validators().get((int) index), currentEpoch)) {
        mutators.slashValidator(state, (int) index, null);
        slashedAny = true;
      }
    }
    StateTransitionException.check(slashedAny, "slashed_any (" + slashableIndicesDescription() + ")");
  }

  /**
   * The validators {@code process_attester_slashing} tries to slash, ascending (phase0: the
   * intersection of the two attestations' indices). A later fork that names attesters
   * differently overrides this and {@link #slashableIndicesDescription}.
   */
  protected long[] getSlashableIndices(MutableBeaconState state, IndexedAttestation attestation1,
      IndexedAttestation attestation2) {
    // Both index lists are known to be sorted and unique (is_valid_indexed_attestation): intersect them by merging.
    long[] a = attestation1.attestingIndices().toLongArray();
    long[] b = attestation2.attestingIndices().toLongArray();
    long[] out = new long[Math.min(a.length, b.length)];
    int count = 0;
    int x = 0;
    int y = 0;
    while (x < a.length && y < b.length) {
      int c = Long.compareUnsigned(a[x], b[y]);
      if (c < 0) {
        x++;
      } else if (c > 0) {
        y++;
      } else {
        out[count++] = a[x];
        x++;
        y++;
      }
    }
    return java.util.Arrays.copyOf(out, count);
  }

  /** What {@link #getSlashableIndices} returns, in the words of the spec's {@code slashed_any} check. */
  protected String slashableIndicesDescription() {
    return "some validator in both attestations is slashable";
  }

  /** {@code state.validators[index]} must exist (the spec's list access raises otherwise). */
  static int checkedValidatorIndex(SszListEditor<Validator> validators, UInt64 index, String what) {
    StateTransitionException.check(index.isLessThan(validators.size()), what + " < len(state.validators)",
        index, validators.size());
    return index.intValue();
  }
}
