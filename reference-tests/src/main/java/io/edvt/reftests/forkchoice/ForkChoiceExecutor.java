package io.edvt.reftests.forkchoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.forkchoice.availability.ColumnSidecarRetriever;
import io.edvt.spec.logic.versions.fulu.DataColumnSidecarVerifier;
import io.edvt.forkchoice.availability.FuluDataAvailability;
import io.edvt.forkchoice.store.ForkChoiceException;
import io.edvt.forkchoice.store.ForkChoiceOptions;
import io.edvt.forkchoice.store.ForkChoiceStore;
import io.edvt.forkchoice.store.ProposerHead;
import io.edvt.forkchoice.votes.VoteLayers;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.SpecRejection;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import io.edvt.reftests.state.StateCases;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The {@code fork_choice} runner (every handler): builds a {@link ForkChoiceStore} from
 * {@code anchor_state} and {@code anchor_block} and runs {@code steps.yaml}: {@code tick},
 * {@code block} (with its {@code columns} as what {@code retrieve_column_sidecars} returns, then
 * the block's attestations and attester slashings, as the format prescribes), {@code attestation},
 * {@code attester_slashing}, and {@code checks}. A step with {@code valid: false} must be refused
 * with a {@link ForkChoiceException}, by a rule other than the block's state root unless the case
 * is about it; any other exception fails the case. The vote layer is the
 * case's fork's: Fulu's per-validator votes, or EDVT's threshold GHOST for {@code edvt} cases.
 */
public final class ForkChoiceExecutor implements TestExecutor {
  // The node's default. (With 0, pruning at every finalization, all cases pass too, but a block
  // on a finalized-away branch is then refused as UNKNOWN_PARENT rather than by the spec's
  // finalized-descendant rule, which the vectors would no longer exercise.)
  private static final int PRUNE_THRESHOLD = 256;

  @Override
  public void run(TestCase c) {
    SpecFulu spec = StateCases.spec(c);
    BeaconState anchorState = StateCases.state(spec, c, "anchor_state");
    BeaconBlock anchorBlock = spec.schemas().beaconBlock().deserialize(c.ssz("anchor_block"));
    boolean bls = StateCases.blsSetting(c) != 2;
    StepColumns columns = new StepColumns();
    ForkChoiceOptions options = new ForkChoiceOptions(
        bls ? SignatureVerifier.Batch::new : () -> SignatureVerifier.NONE,
        bls ? SignatureVerifier.SIMPLE : SignatureVerifier.NONE,
        ExecutionEngine.always(true),
        new FuluDataAvailability(columns, new DataColumnSidecarVerifier(spec)),
        PRUNE_THRESHOLD);
    SpecVersions versions = ReferenceSpecs.versions(c.preset());
    ForkChoiceStore store = ForkChoiceStore.create(
        versions, anchorState, anchorBlock, VoteLayers.forMilestone(c.milestone(), versions), options);

    JsonNode steps = c.yaml("steps.yaml");
    int index = 0;
    for (JsonNode step : steps) {
      try {
        runStep(spec, c, store, columns, step);
      } catch (AssertionError e) {
        throw new AssertionError("step " + index + " " + step + ": " + e.getMessage(), e);
      }
      index++;
    }
  }

  private void runStep(SpecFulu spec, TestCase c, ForkChoiceStore store, StepColumns columns, JsonNode step) {
    boolean valid = step.path("valid").asBoolean(true);
    if (step.has("tick")) {
      UInt64 tick = UInt64.valueOf(step.get("tick").asText());
      expect(c, valid, () -> store.onTick(tick));
    } else if (step.has("block")) {
      SignedBeaconBlock block = spec.schemas().signedBeaconBlock().deserialize(c.ssz(step.get("block").asText()));
      columns.set(step.has("columns") ? sidecars(spec, c, step.get("columns")) : null);
      expect(c, valid, () -> store.onBlock(block));
      if (valid) {
        // an on_block step implies receiving the block's attestations and attester slashings
        for (Attestation attestation : block.message().body().attestations()) {
          store.onAttestation(attestation, true);
        }
        for (AttesterSlashing slashing : block.message().body().attesterSlashings()) {
          store.onAttesterSlashing(slashing);
        }
      }
    } else if (step.has("attestation")) {
      Attestation attestation = spec.schemas().attestation().deserialize(c.ssz(step.get("attestation").asText()));
      expect(c, valid, () -> store.onAttestation(attestation, false));
    } else if (step.has("attester_slashing")) {
      AttesterSlashing slashing = spec.schemas().attesterSlashing().deserialize(c.ssz(step.get("attester_slashing").asText()));
      expect(c, valid, () -> store.onAttesterSlashing(slashing));
    } else if (step.has("checks")) {
      checks(store, step.get("checks"));
    } else {
      throw new AssertionError("unknown step " + step);
    }
  }

  private static List<DataColumnSidecar> sidecars(SpecFulu spec, TestCase c, JsonNode names) {
    List<DataColumnSidecar> out = new ArrayList<>();
    for (JsonNode name : names) {
      out.add(spec.schemas().dataColumnSidecar().deserialize(c.ssz(name.asText())));
    }
    return out;
  }

  /**
   * Runs a step that must be accepted ({@code valid}) or refused. A refusal is a
   * {@link ForkChoiceException} (the store raises nothing else for the spec's rules); a block
   * refused only by its state-root check does not count unless the case is about the state root,
   * since a block our code wrongly accepted would still fail that check.
   */
  private static void expect(TestCase c, boolean valid, Runnable handler) {
    try {
      handler.run();
    } catch (ForkChoiceException e) {
      if (valid) {
        throw new AssertionError("refused, but the step is valid: " + e.getMessage(), e);
      }
      SpecRejection.of(e.getCause()).filter(r -> !r.isAcceptableBlockRejection(c)).ifPresent(r -> {
        throw new AssertionError("refused only by the state-root check (" + r + "): every other rule accepted the block, "
            + "but the step is invalid", e);
      });
      return;
    }
    if (!valid) {
      throw new AssertionError("accepted, but the step is invalid");
    }
  }

  private static void checks(ForkChoiceStore store, JsonNode checks) {
    Iterator<Map.Entry<String, JsonNode>> fields = checks.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> check = fields.next();
      JsonNode expected = check.getValue();
      switch (check.getKey()) {
        case "time" -> equal("time", UInt64.valueOf(expected.asText()), store.time());
        case "genesis_time" -> equal("genesis_time", UInt64.valueOf(expected.asText()), store.genesisTime());
        case "head" -> {
          Bytes32 head = store.getHead();
          equal("head.root", Bytes32.fromHexString(expected.get("root").asText()), head);
          equal("head.slot", UInt64.valueOf(expected.get("slot").asText()), store.block(head).block().slot());
        }
        case "justified_checkpoint" -> checkpoint("justified_checkpoint", expected, store.justifiedCheckpoint());
        case "finalized_checkpoint" -> checkpoint("finalized_checkpoint", expected, store.finalizedCheckpoint());
        case "proposer_boost_root" ->
            equal("proposer_boost_root", Bytes32.fromHexString(expected.asText()), store.proposerBoostRoot());
        case "get_proposer_head" -> {
          Bytes32 head = store.getHead();
          Bytes32 proposerHead = new ProposerHead(store).getProposerHead(head, store.currentSlot());
          equal("get_proposer_head", Bytes32.fromHexString(expected.asText()), proposerHead);
        }
        default -> throw new AssertionError("check '" + check.getKey() + "' is not supported by this executor");
      }
    }
  }

  private static void checkpoint(String name, JsonNode expected, Checkpoint actual) {
    equal(name + ".epoch", UInt64.valueOf(expected.get("epoch").asText()), actual.epoch());
    equal(name + ".root", Bytes32.fromHexString(expected.get("root").asText()), actual.root());
  }

  private static void equal(String what, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      throw new AssertionError(what + ": expected " + expected + ", actual " + actual);
    }
  }

  /** {@code retrieve_column_sidecars} for the current block step: its {@code columns}, if any. */
  private static final class StepColumns implements ColumnSidecarRetriever {
    // null: the step names no columns (nothing to sample); empty: sampling failed
    private List<DataColumnSidecar> sidecars;

    void set(List<DataColumnSidecar> sidecars) {
      this.sidecars = sidecars;
    }

    @Override
    public List<DataColumnSidecar> retrieveColumnSidecars(Bytes32 beaconBlockRoot) {
      if (sidecars == null) {
        return List.of();
      }
      if (sidecars.isEmpty()) {
        throw new DataUnavailableException("the step lists no columns: not enough data sampled");
      }
      return sidecars;
    }
  }
}
