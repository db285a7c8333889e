package io.edvt.networking.eth2.edvt;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.DataColumnSidecarValidator;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.PartialDataColumnSidecarValidator;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnGroupID;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnSidecar;
import io.edvt.spec.datastructures.state.BeaconState;

/** Partial column messages under EDVT: Fulu's rules on an EDVT state, with EDVT's header signature rule. */
public class PartialDataColumnSidecarValidatorEdvt extends PartialDataColumnSidecarValidator {
  private final EdvtRules rules;

  public PartialDataColumnSidecarValidatorEdvt(GossipContext ctx, DataColumnSidecarValidator columnRules, EdvtRules rules) {
    super(ctx, columnRules);
    this.rules = rules;
  }

  @Override
  public ValidationResult validate(BeaconState state, PartialDataColumnSidecar sidecar, long nowMs,
      PartialDataColumnGroupID groupId, UInt64 columnIndex) {
    return super.validate(rules.edvtState(state), sidecar, nowMs, groupId, columnIndex);
  }
}
