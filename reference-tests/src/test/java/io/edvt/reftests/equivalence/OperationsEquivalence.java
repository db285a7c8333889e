package io.edvt.reftests.equivalence;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.operations.OperationsExecutor;
import io.edvt.reftests.operations.OperationsExecutor.Handler;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import java.util.Map;

/**
 * {@code operations}: the case's operation processed by Fulu on {@code pre} and, converted
 * ({@link FuluToEdvt}), by EDVT on {@code upgrade_to_edvt(pre)}. Both accept, with EDVT's post equal
 * to the case's on every shared field, or both reject by the same rule.
 */
final class OperationsEquivalence implements CaseComparison {
  private final EquivalenceSpecs specs;
  private final FuluToEdvt convert;
  private final Rules rules;
  private final Map<String, Handler<?>> fulu;
  private final Map<String, Handler<?>> edvt;

  OperationsEquivalence(EquivalenceSpecs specs, FuluToEdvt convert, Rules rules) {
    this.specs = specs;
    this.convert = convert;
    this.rules = rules;
    this.fulu = OperationsExecutor.handlers(SpecMilestone.FULU, io.edvt.reftests.ReferenceSpecs.versions(EquivalenceSpecs.PRESET));
    this.edvt = OperationsExecutor.handlers(SpecMilestone.EDVT, specs.edvtVersions());
  }

  @Override
  public String skipReason(TestCase c) {
    return fulu.containsKey(c.handler()) ? null : "no operations handler '" + c.handler() + "' in this client";
  }

  @Override
  public Comparison compare(TestCase c) {
    Handler<?> fuluHandler = fulu.get(c.handler());
    Handler<?> edvtHandler = edvt.get(c.handler());
    SignatureVerifier verifier = OperationsExecutor.verifierFor(c);
    BeaconState pre = specs.fulu().schemas().beaconState().deserialize(c.ssz("pre"));
    BeaconState upgraded = specs.edvt().forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(pre));
    SszContainer fuluInput = (SszContainer) fuluHandler.type().deserialize(c.ssz(fuluHandler.inputName()));
    Object edvtInput = convert.operationInput(c.handler(), edvtHandler.type(), fuluInput);

    Outcome fuluOutcome = Outcome.of(() -> {
      MutableBeaconState s = new MutableBeaconState(pre);
      fuluHandler.process(s, fuluInput, verifier, c);
      return s.commit();
    });
    Outcome edvtOutcome = Outcome.of(() -> {
      MutableBeaconState s = new MutableBeaconState(upgraded);
      edvtHandler.process(s, edvtInput, verifier, c);
      return s.commit();
    });
    RootMap roots = new RootMap();
    if (edvtInput instanceof BeaconBlock block) {
      // process_block_header stores the body's root, and EDVT's body has more fields
      roots.put(((BeaconBlock) fuluInput).body().hashTreeRoot(), block.body().hashTreeRoot());
    }
    return Comparison.of(c, fuluOutcome, edvtOutcome, upgraded, roots, rules);
  }
}
