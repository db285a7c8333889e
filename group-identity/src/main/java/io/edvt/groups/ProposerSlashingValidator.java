package io.edvt.groups;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code process_proposer_slashing}: two different headers for one slot and proposer, each signed
 * by at least {@code threshold} members of the proposer's key set in force at that header's epoch
 * ({@code is_valid_threshold_signature}). For a validator without a group that is Fulu's rule
 * with {@code signer_bits} naming member 0. Immutable.
 */
public final class ProposerSlashingValidator<K, S> {
  private final ThresholdVerifier<K, S> verifier;
  private final long slotsPerEpoch;

  /** @param slotsPerEpoch {@code SLOTS_PER_EPOCH}, for {@code compute_epoch_at_slot} */
  public ProposerSlashingValidator(ThresholdVerifier<K, S> verifier, long slotsPerEpoch) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    if (slotsPerEpoch < 1) {
      throw new IllegalArgumentException("SLOTS_PER_EPOCH must be positive: " + slotsPerEpoch);
    }
    this.slotsPerEpoch = slotsPerEpoch;
  }

  /**
   * One side of the evidence: a {@code SignedBeaconBlockHeader} as the rule reads it.
   *
   * @param headerRoot {@code hash_tree_root(message)}, which decides header equality
   * @param signingRoot {@code compute_signing_root(message, get_domain(state,
   *     DOMAIN_BEACON_PROPOSER, compute_epoch_at_slot(slot)))}
   * @param signatures {@code signer_bits} and {@code signature}
   */
  public record SignedHeader<S>(
      UInt64 slot, UInt64 proposerIndex, Bytes32 headerRoot, Bytes signingRoot, MemberSignatures<S> signatures) {
    public SignedHeader {
      Objects.requireNonNull(slot, "slot");
      Objects.requireNonNull(proposerIndex, "proposerIndex");
      Objects.requireNonNull(headerRoot, "headerRoot");
      Objects.requireNonNull(signingRoot, "signingRoot");
      Objects.requireNonNull(signatures, "signatures");
    }
  }

  /**
   * Accepted iff {@code process_proposer_slashing} accepts (then the proposer is slashed).
   *
   * @param proposerSlashable {@code is_slashable_validator(state.validators[proposer_index],
   *     current_epoch)}; false if there is no such validator
   */
  public Verdict<ProposerSlashingRejection> validate(
      SignedHeader<S> first, SignedHeader<S> second, boolean proposerSlashable, KeySetLookup<K> lookup) {
    if (!first.slot().equals(second.slot())) {
      return Verdict.rejected(
          ProposerSlashingRejection.SLOT_MISMATCH, "slots " + first.slot() + " and " + second.slot() + " differ");
    }
    if (!first.proposerIndex().equals(second.proposerIndex())) {
      return Verdict.rejected(
          ProposerSlashingRejection.PROPOSER_MISMATCH,
          "proposers " + first.proposerIndex() + " and " + second.proposerIndex() + " differ");
    }
    if (first.headerRoot().equals(second.headerRoot())) {
      return Verdict.rejected(ProposerSlashingRejection.SAME_HEADER, "the two headers are the same header");
    }
    if (!proposerSlashable) {
      return Verdict.rejected(
          ProposerSlashingRejection.PROPOSER_NOT_SLASHABLE, "validator " + first.proposerIndex() + " is not slashable");
    }
    int side = 1;
    for (SignedHeader<S> header : java.util.List.of(first, second)) {
      UInt64 epoch = header.slot().dividedBy(slotsPerEpoch);
      ThresholdResult result =
          verifier.verify(lookup, first.proposerIndex(), epoch, header.signingRoot(), header.signatures());
      if (!result.isValid()) {
        return Verdict.rejected(
            ProposerSlashingRejection.INVALID_THRESHOLD_SIGNATURE,
            "header " + side + ": " + result.failure().orElseThrow() + ": " + result.message());
      }
      side++;
    }
    return Verdict.accepted();
  }
}
