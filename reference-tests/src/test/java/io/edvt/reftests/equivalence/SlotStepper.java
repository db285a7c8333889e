package io.edvt.reftests.equivalence;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code process_slots} on a Fulu state and on its EDVT twin together, one slot at a time, so
 * that every root {@code process_slot} records (the state's root, and the latest header's root with
 * that state root filled in) is paired with its EDVT counterpart in the {@link RootMap}.
 */
final class SlotStepper {
  private final SpecFulu fulu;
  private final SpecFulu edvt;
  private final SignatureVerifier depositSignatures;
  private final RootMap roots;

  /** The two states, Fulu's and EDVT's, at the same slot. */
  record Pair(BeaconState fulu, BeaconState edvt) {}

  SlotStepper(SpecFulu fulu, SpecFulu edvt, SignatureVerifier depositSignatures, RootMap roots) {
    this.fulu = fulu;
    this.edvt = edvt;
    this.depositSignatures = depositSignatures;
    this.roots = roots;
  }

  /** Both states advanced to {@code slot} (which must be ahead of them). */
  Pair advance(Pair states, UInt64 slot) {
    BeaconState f = states.fulu();
    BeaconState e = states.edvt();
    while (f.slot().isLessThan(slot)) {
      Bytes32 fRoot = f.hashTreeRoot();
      Bytes32 eRoot = e.hashTreeRoot();
      roots.put(fRoot, eRoot);
      roots.put(filledHeaderRoot(f, fRoot), filledHeaderRoot(e, eRoot));
      f = step(fulu, f);
      e = step(edvt, e);
    }
    return new Pair(f, e);
  }

  /** The latest header's root as {@code process_slot} stores it in {@code block_roots}. */
  private static Bytes32 filledHeaderRoot(BeaconState state, Bytes32 stateRoot) {
    BeaconBlockHeader header = state.latestBlockHeader();
    return (header.stateRoot().equals(Bytes32.ZERO) ? header.withStateRoot(stateRoot) : header).hashTreeRoot();
  }

  private BeaconState step(SpecFulu spec, BeaconState state) {
    MutableBeaconState working = new MutableBeaconState(state);
    spec.stateTransition().processSlots(working, state.slot().plus(1), depositSignatures);
    return working.commit();
  }
}
