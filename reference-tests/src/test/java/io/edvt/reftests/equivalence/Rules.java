package io.edvt.reftests.equivalence;

import io.edvt.reftests.SpecRejection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether EDVT rejects a case by the rule Fulu rejects it by: the same spec condition (values
 * left out), or one of the conditions EDVT's spec replaces, listed here with the section that
 * replaces it. Every correspondence used is counted for the report.
 */
final class Rules {
  /** Fulu's condition → EDVT's condition that replaces it, and why. */
  private static final Map<String, Replacement> REPLACED = Map.of(
      "bls.Verify(proposer.pubkey, signing_root, signed_header.signature)",
      new Replacement("is_valid_threshold_signature(state, header_1.proposer_index, epoch, signing_root, "
          + "signed_header.signer_bits, signed_header.signature)",
          "beacon-chain.md, Modified process_proposer_slashing: m members of the key set in force sign each header"),
      "bls.Verify(validator.pubkey, signing_root, signed_voluntary_exit.signature)",
      new Replacement("is_valid_threshold_signature(state, voluntary_exit.validator_index, get_current_epoch(state), "
          + "signing_root, signed_voluntary_exit.signer_bits, signed_voluntary_exit.signature)",
          "beacon-chain.md, Modified process_voluntary_exit: m members of the key set in force sign the exit"));

  private record Replacement(String edvtCondition, String reason) {}

  private final Map<String, Integer> used = new TreeMap<>();

  /** Null when {@code edvt} is {@code fulu}'s rule, otherwise what differs. */
  synchronized String compare(SpecRejection fulu, SpecRejection edvt) {
    String f = fulu.condition();
    String e = edvt.condition();
    if (f.equals(e)) {
      return null;
    }
    Replacement r = REPLACED.get(f);
    if (r != null && e.equals(r.edvtCondition())) {
      used.merge(f + " -> " + e + " (" + r.reason() + ")", 1, Integer::sum);
      return null;
    }
    return "rejected by another rule: Fulu '" + fulu.rule() + "', EDVT '" + edvt.rule() + "'";
  }

  /** The correspondences used, with how often. */
  synchronized Map<String, Integer> used() {
    return used;
  }
}
