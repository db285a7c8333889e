package io.edvt.networking.eth2.edvt;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.SyncContributionValidator;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes48;

/**
 * {@code sync_committee_contribution_and_proof} (modified in EDVT): the aggregator is a signer named
 * by its virtual index, its key from {@code get_sync_message_pubkey}.
 */
public class SyncContributionValidatorEdvt extends SyncContributionValidator {
  private final EdvtRules rules;

  public SyncContributionValidatorEdvt(GossipContext ctx, EdvtRules rules) {
    super(ctx);
    this.rules = rules;
  }

  @Override
  public ValidationResult validate(BeaconState state, SignedContributionAndProof signed, long nowMs) {
    return super.validate(rules.edvtState(state), signed, nowMs);
  }

  @Override
  protected Optional<Bytes48> aggregatorKey(SpecFulu spec, MutableBeaconState view, UInt64 index) {
    return rules.syncMessagePubkey(view, index);
  }

  @Override
  protected String notSelectedReason() {
    return "member is not selected as aggregator";
  }

  @Override
  protected String unknownAggregatorReason() {
    return "aggregator index names no signer";
  }
}
