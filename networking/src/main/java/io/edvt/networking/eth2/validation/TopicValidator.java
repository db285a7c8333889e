package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.SpecFulu;

/**
 * What the topic validators share: the {@link GossipContext} and short ways to the spec logic of
 * the head state's milestone. A validator is one class per topic with a {@code validate} method
 * that follows the spec's {@code validate_<topic>_gossip} rule by rule, returning at the first
 * failed rule with the spec's reason; a later fork's validator extends it and overrides the rules
 * its fork changes.
 */
public abstract class TopicValidator {
  protected final GossipContext ctx;

  protected TopicValidator(GossipContext ctx) {
    this.ctx = ctx;
  }

  protected SpecFulu spec(BeaconState state) {
    return ctx.spec(state);
  }

  protected GossipHelpers helpers(SpecFulu spec) {
    return new GossipHelpers(spec.config(), spec.misc());
  }

  protected static MutableBeaconState view(BeaconState state) {
    return new MutableBeaconState(state);
  }

  /**
   * Whether {@code state} can tell the committees of {@code epoch}: the shuffling is known one
   * epoch ahead ({@code MIN_SEED_LOOKAHEAD}), no further. A node whose head is older than that (it
   * is syncing) cannot judge an attestation of {@code epoch}: it ignores it rather than reject it
   * (and score down the honest peer that sent it) on committees computed for the wrong epoch.
   */
  protected static boolean knowsCommitteesOf(SpecFulu spec, BeaconState state, UInt64 epoch) {
    UInt64 stateEpoch = spec.misc().computeEpochAtSlot(state.slot());
    return !epoch.isGreaterThan(stateEpoch.plus(1));
  }

  protected static ValidationResult ignore(String reason) {
    return ValidationResult.ignore(reason);
  }

  protected static ValidationResult reject(String reason) {
    return ValidationResult.reject(reason);
  }
}
