package io.edvt.node.validator.slashing;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What one public key has signed, and the EIP-3076 checks against it (the "complete" strategy:
 * the full history is kept, an exact repeat of a signed message is allowed, and the low watermarks
 * are the minimum slot and epochs in the history, which after a minimal-form import are the
 * imported maxima).
 *
 * <p>Blocks: refused if a different (or unknown) signing root is recorded at the slot, or if the
 * slot is at or below the lowest recorded slot. Attestations: refused if the source is after the
 * target; if another signing root is recorded for the target (double vote); if it surrounds or is
 * surrounded by a recorded one; if its source is below the lowest recorded source or its target at
 * or below the lowest recorded target. Not thread-safe: {@link SlashingProtection} serialises.
 */
final class KeyHistory {
  private final List<SignedBlockRecord> blocks = new ArrayList<>();
  private final List<SignedAttestationRecord> attestations = new ArrayList<>();
  private UInt64 minSlot;
  private UInt64 minSource;
  private UInt64 minTarget;

  Decision checkBlock(UInt64 slot, Bytes32 signingRoot) {
    boolean sameSlot = false;
    for (SignedBlockRecord b : blocks) {
      if (b.slot().equals(slot)) {
        if (b.signingRoot().isEmpty() || !b.signingRoot().get().equals(signingRoot)) {
          return new Decision.Refused("double proposal: a block with signing root "
              + b.signingRoot().map(Bytes32::toHexString).orElse("(unknown)") + " is already signed at slot " + slot);
        }
        sameSlot = true;
      }
    }
    if (sameSlot) {
      return Decision.REPEAT;
    }
    if (minSlot != null && slot.isLessThanOrEqualTo(minSlot)) {
      return new Decision.Refused("block slot " + slot + " is at or below the lowest signed slot " + minSlot);
    }
    return Decision.SIGN;
  }

  Decision checkAttestation(UInt64 source, UInt64 target, Bytes32 signingRoot) {
    if (source.isGreaterThan(target)) {
      return new Decision.Refused("source epoch " + source + " is after target epoch " + target);
    }
    boolean sameTarget = false;
    for (SignedAttestationRecord a : attestations) {
      if (a.targetEpoch().equals(target)) {
        // a repeat is the same data: same root, and (a root can only be of one data) the same source
        if (a.signingRoot().isEmpty() || !a.signingRoot().get().equals(signingRoot) || !a.sourceEpoch().equals(source)) {
          return new Decision.Refused("double vote: an attestation with signing root "
              + a.signingRoot().map(Bytes32::toHexString).orElse("(unknown)") + " is already signed for target epoch " + target);
        }
        sameTarget = true;
      }
    }
    if (sameTarget) {
      return Decision.REPEAT;
    }
    for (SignedAttestationRecord a : attestations) {
      if (source.isLessThan(a.sourceEpoch()) && a.targetEpoch().isLessThan(target)) {
        return new Decision.Refused("surround vote: source " + source + " target " + target
            + " surrounds the signed source " + a.sourceEpoch() + " target " + a.targetEpoch());
      }
      if (a.sourceEpoch().isLessThan(source) && target.isLessThan(a.targetEpoch())) {
        return new Decision.Refused("surround vote: source " + source + " target " + target
            + " is surrounded by the signed source " + a.sourceEpoch() + " target " + a.targetEpoch());
      }
    }
    if (minSource != null && source.isLessThan(minSource)) {
      return new Decision.Refused("source epoch " + source + " is below the lowest signed source epoch " + minSource);
    }
    if (minTarget != null && target.isLessThanOrEqualTo(minTarget)) {
      return new Decision.Refused("target epoch " + target + " is at or below the lowest signed target epoch " + minTarget);
    }
    return Decision.SIGN;
  }

  void add(SignedBlockRecord block) {
    blocks.add(block);
    minSlot = minSlot == null ? block.slot() : minSlot.min(block.slot());
  }

  void add(SignedAttestationRecord attestation) {
    attestations.add(attestation);
    minSource = minSource == null ? attestation.sourceEpoch() : minSource.min(attestation.sourceEpoch());
    minTarget = minTarget == null ? attestation.targetEpoch() : minTarget.min(attestation.targetEpoch());
  }

  List<SignedBlockRecord> blocks() {
    return List.copyOf(blocks);
  }

  List<SignedAttestationRecord> attestations() {
    return List.copyOf(attestations);
  }

  /** The highest signed block, with its root if it is the only block at that slot. */
  Optional<SignedBlockRecord> maxBlock() {
    return blocks.stream().max((a, b) -> a.slot().compareTo(b.slot()));
  }
}
