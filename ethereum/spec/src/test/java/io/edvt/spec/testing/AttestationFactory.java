package io.edvt.spec.testing;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.apache.tuweni.bytes.Bytes32;

/**
 * On-chain aggregates as honest attesters make them (validator guide's attestation data):
 * one {@code Attestation} per slot covering every committee of the slot (EIP-7549
 * {@code committee_bits}), with the aggregate signature of the participating members.
 */
public final class AttestationFactory {
  private final SpecFulu spec;
  private final Signer signer;

  public AttestationFactory(SpecFulu spec, Signer signer) {
    this.spec = spec;
    this.signer = signer;
  }

  /**
   * The attestation data for the state's slot: head {@code headRoot}, source the current
   * justified checkpoint, target the epoch's boundary block ({@code headRoot} when the slot is the
   * epoch's first). {@code stateAtSlot} is the head block's post-state advanced to the slot.
   */
  public AttestationData attestationData(MutableBeaconState stateAtSlot, Bytes32 headRoot) {
    UInt64 slot = stateAtSlot.slot();
    UInt64 epoch = spec.accessors().getCurrentEpoch(stateAtSlot);
    UInt64 startSlot = spec.misc().computeStartSlotAtEpoch(epoch);
    Bytes32 targetRoot = startSlot.equals(slot) ? headRoot : spec.accessors().getBlockRootAtSlot(stateAtSlot, startSlot);
    return AttestationData.create(slot, UInt64.ZERO, headRoot, stateAtSlot.currentJustifiedCheckpoint(),
        Checkpoint.create(epoch, targetRoot));
  }

  /**
   * The aggregate of every committee of the state's slot, signed by the members for which
   * {@code participates} holds; empty when no member participates. Committees without a
   * participant are left out of {@code committee_bits} (the spec requires at least one attester
   * per included committee).
   */
  public Optional<Attestation> aggregate(MutableBeaconState stateAtSlot, Bytes32 headRoot, IntPredicate participates) {
    AttestationData data = attestationData(stateAtSlot, headRoot);
    int committees = spec.accessors().getCommitteeCountPerSlot(stateAtSlot, data.target().epoch());
    List<Integer> committeeIndices = new ArrayList<>();
    List<Integer> bitIndices = new ArrayList<>();
    List<Integer> attesters = new ArrayList<>();
    int offset = 0;
    for (int k = 0; k < committees; k++) {
      int[] committee = spec.accessors().getBeaconCommittee(stateAtSlot, data.slot(), k);
      List<Integer> bits = new ArrayList<>();
      for (int i = 0; i < committee.length; i++) {
        if (participates.test(committee[i])) {
          bits.add(offset + i);
          attesters.add(committee[i]);
        }
      }
      if (!bits.isEmpty()) {
        committeeIndices.add(k);
        bitIndices.addAll(bits);
        offset += committee.length;
      }
    }
    if (attesters.isEmpty()) {
      return Optional.empty();
    }
    SszBits aggregationBits = SszBits.withSet(offset, bitIndices.stream().mapToInt(Integer::intValue).toArray());
    SszBits committeeBits = SszBits.withSet(spec.config().maxCommitteesPerSlot(),
        committeeIndices.stream().mapToInt(Integer::intValue).toArray());
    return Optional.of(Attestation.create(spec.schemas().attestation(), aggregationBits, data,
        signer.attestation(stateAtSlot, data, attesters), committeeBits));
  }
}
