package io.edvt.reftests.equivalence;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.reftests.SpecRejection;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.state.StateCases;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.Signer;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code sanity/blocks} and {@code finality/finality}: each block through Fulu's state transition
 * and, as the EDVT block of a validator without a group, through EDVT's from the upgraded pre state.
 *
 * <p>The EDVT block is the Fulu block with its body converted ({@link FuluToEdvt}), its parent root
 * the EDVT root of the Fulu parent, its state root recomputed by EDVT (kept when Fulu's was the
 * wrong one the case is about), and its proposer signature made again with the vectors' keys
 * ({@link VectorKeys}; kept when Fulu's does not verify, so that a forged block stays forged). Its
 * attestations and sync aggregate vote for roots, which EDVT's blocks and states change: they vote
 * for the EDVT roots and are signed again, likewise only when Fulu finds them valid. Signatures are
 * checked one by one, in the spec's order, so that a rejection names its rule.
 */
final class BlockSequenceEquivalence implements CaseComparison {
  private static final ExecutionEngine ENGINE = ExecutionEngine.always(true);
  private final EquivalenceSpecs specs;
  private final FuluToEdvt convert;
  private final Rules rules;
  private final VectorKeys keys = new VectorKeys();

  BlockSequenceEquivalence(EquivalenceSpecs specs, FuluToEdvt convert, Rules rules) {
    this.specs = specs;
    this.convert = convert;
    this.rules = rules;
  }

  @Override
  public String skipReason(TestCase c) {
    return c.has("config.yaml") ? "the case brings its own config.yaml" : null;
  }

  @Override
  public Comparison compare(TestCase c) {
    SpecFulu fulu = specs.fulu();
    SpecEdvt edvt = specs.edvt();
    SignatureVerifier verifier = StateCases.blsSetting(c) == 2 ? SignatureVerifier.NONE : SignatureVerifier.SIMPLE;
    BeaconState pre = StateCases.state(fulu, c, "pre");
    BeaconState upgraded = edvt.forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(pre));
    RootMap roots = new RootMap();
    SlotStepper stepper = new SlotStepper(fulu, edvt, verifier, roots);
    List<SignedBeaconBlock> blocks = StateCases.blocks(fulu, c);

    SlotStepper.Pair states = new SlotStepper.Pair(pre, upgraded);
    Outcome fuluOut = new Outcome(pre, null);
    Outcome edvtOut = new Outcome(upgraded, null);
    for (int i = 0; i < blocks.size() && fuluOut.accepted() && edvtOut.accepted(); i++) {
      SignedBeaconBlock block = blocks.get(i);
      BeaconBlock message = block.message();
      if (!message.slot().isGreaterThan(states.fulu().slot())) {
        // not after the state: process_slots itself refuses it, in both forks
        BeaconState f = states.fulu();
        BeaconState e = states.edvt();
        SignedBeaconBlock edvtBlock = signed(convert.block(message, roots.map(message.parentRoot()), message.stateRoot()),
            block.signature());
        fuluOut = Outcome.of(() -> fulu.stateTransition().stateTransition(f, block, true, verifier, ENGINE));
        edvtOut = Outcome.of(() -> edvt.stateTransition().stateTransition(e, edvtBlock, true, verifier, ENGINE));
        continue;
      }
      states = stepper.advance(states, message.slot());
      BeaconState f = states.fulu();
      BeaconState e = states.edvt();
      fuluOut = Outcome.of(() -> fulu.stateTransition().processSignedBlock(new MutableBeaconState(f), block, true,
          verifier, ENGINE));
      SignedBeaconBlock edvtBlock = edvtBlock(block, fuluOut, f, e, roots);
      edvtOut = Outcome.of(() -> edvt.stateTransition().processSignedBlock(new MutableBeaconState(e), edvtBlock, true,
          verifier, ENGINE));
      if (fuluOut.accepted() && edvtOut.accepted()) {
        roots.put(message.hashTreeRoot(), edvtBlock.message().hashTreeRoot());
        roots.put(message.body().hashTreeRoot(), edvtBlock.message().body().hashTreeRoot());
        states = new SlotStepper.Pair(fuluOut.post(), edvtOut.post());
      } else if (fuluOut.accepted() || edvtOut.accepted()) {
        return Comparison.differs("block " + i + " (slot " + message.slot() + "): Fulu " + fuluOut + ", EDVT " + edvtOut);
      }
    }
    return Comparison.of(c, fuluOut, edvtOut, upgraded, roots, rules);
  }

  /** The EDVT twin of {@code block}, for the states {@code f} (Fulu) and {@code e} (EDVT) at its slot. */
  private SignedBeaconBlock edvtBlock(SignedBeaconBlock block, Outcome fuluOut, BeaconState f, BeaconState e,
      RootMap roots) {
    BeaconBlock message = block.message();
    Signer signer = new Signer(specs.edvt(), keys.covering(f));
    // a block Fulu accepts has only valid signatures; otherwise each is checked before it is made again
    boolean allValid = fuluOut.accepted();
    FuluToEdvt.Translation translation = new FuluToEdvt.Translation(
        a -> attestation(a, allValid, f, e, roots, signer), s -> syncAggregate(s, allValid, message.slot(), f, e, signer));
    BeaconBlock unsealed = convert.block(message, roots.map(message.parentRoot()), Bytes32.ZERO,
        convert.body(message.body(), translation));
    Bytes32 stateRoot = fuluOut.accepted() || !fuluOut.rejection().isStateRoot()
        ? edvtStateRoot(e, unsealed, message.stateRoot()) : message.stateRoot();
    BeaconBlock sealed = unsealed.withStateRoot(stateRoot);
    Bytes signature = allValid || fuluSignatureVerifies(f, block)
        ? signer.block(new MutableBeaconState(e), sealed) : block.signature();
    return signed(sealed, signature);
  }

  /**
   * An attestation of the block with the roots it votes for (head, source, target) as EDVT's
   * roots, and signed again by its attesters when Fulu finds its signature valid (an invalid one
   * stays invalid).
   */
  private Attestation attestation(Attestation a, boolean valid, BeaconState f, BeaconState e, RootMap roots,
      Signer signer) {
    AttestationData d = a.data();
    AttestationData mapped = AttestationData.create(d.slot(), d.index(), roots.map(d.beaconBlockRoot()),
        Checkpoint.create(d.source().epoch(), roots.map(d.source().root())),
        Checkpoint.create(d.target().epoch(), roots.map(d.target().root())));
    Bytes signature = a.signature();
    if (!mapped.equals(d)) {
      try {
        MutableBeaconState view = new MutableBeaconState(f);
        IndexedAttestation indexed = specs.fulu().accessors().getIndexedAttestation(view, a);
        if (valid || specs.fulu().accessors().isValidIndexedAttestation(view, indexed, SignatureVerifier.SIMPLE)) {
          List<Integer> attesters = indexed.attestingIndices().asList().stream().map(UInt64::intValue).toList();
          signature = signer.attestation(new MutableBeaconState(e), mapped, attesters);
        }
      } catch (RuntimeException invalid) {
        SpecRejection.require(invalid); // the attestation is invalid in Fulu: keep it as it is
      }
    }
    return Attestation.create(specs.edvt().schemas().attestation(), a.aggregationBits(), mapped, signature, a.committeeBits());
  }

  /**
   * The sync aggregate, signed again by its participants over EDVT's root of the previous slot's
   * block when Fulu accepts it and that root differs.
   */
  private SyncAggregate syncAggregate(SyncAggregate s, boolean valid, UInt64 slot, BeaconState f, BeaconState e,
      Signer signer) {
    SyncAggregate same = FuluToEdvt.reread(specs.edvt().schemas().syncAggregate(), specs.fulu().schemas().syncAggregate(), s);
    UInt64 previous = slot.isZero() ? slot : slot.minus(1);
    MutableBeaconState fv = new MutableBeaconState(f);
    MutableBeaconState ev = new MutableBeaconState(e);
    Bytes32 edvtRoot = specs.edvt().accessors().getBlockRootAtSlot(ev, previous);
    if (s.syncCommitteeBits().count() == 0 || specs.fulu().accessors().getBlockRootAtSlot(fv, previous).equals(edvtRoot)) {
      return same;
    }
    if (!valid && !Outcome.of(() -> {
      specs.fulu().blockProcessor().processSyncAggregate(new MutableBeaconState(f), s, SignatureVerifier.SIMPLE);
      return f;
    }).accepted()) {
      return same;
    }
    List<BlsSecretKey> signers = new ArrayList<>();
    for (int i = 0; i < s.syncCommitteeBits().length(); i++) {
      if (s.syncCommitteeBits().get(i)) {
        signers.add(signer.keys().get(f.currentSyncCommittee().pubkeys().get(i)));
      }
    }
    return SyncAggregate.create(specs.edvt().schemas().syncAggregate(), s.syncCommitteeBits(),
        signer.syncCommittee(ev, edvtRoot, previous, signers));
  }

  /** The root EDVT's {@code process_block} gives the block, or {@code fallback} when it refuses the block. */
  private Bytes32 edvtStateRoot(BeaconState e, BeaconBlock block, Bytes32 fallback) {
    Outcome sealed = Outcome.of(() -> {
      MutableBeaconState working = new MutableBeaconState(e);
      specs.edvt().blockProcessor().processBlock(working, block, SignatureVerifier.NONE, ENGINE);
      return working.commit();
    });
    return sealed.accepted() ? sealed.post().hashTreeRoot() : fallback;
  }

  /** Whether Fulu's {@code verify_block_signature} holds (an out-of-range proposer is a spec rejection: no). */
  private boolean fuluSignatureVerifies(BeaconState f, SignedBeaconBlock block) {
    try {
      return specs.fulu().stateTransition().verifyBlockSignature(new MutableBeaconState(f), block, SignatureVerifier.SIMPLE);
    } catch (RuntimeException e) {
      SpecRejection.require(e);
      return false;
    }
  }

  private SignedBeaconBlock signed(BeaconBlock block, Bytes signature) {
    return SignedBeaconBlockEdvt.create(specs.edvt().schemas().signedBeaconBlock(), block, signature, convert.memberZero());
  }
}
