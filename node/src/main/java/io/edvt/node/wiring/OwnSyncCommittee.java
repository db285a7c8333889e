package io.edvt.node.wiring;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.edvt.EdvtGossipValidators;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.GossipValidators;
import io.edvt.networking.eth2.validation.SeenCaches;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.node.chain.SyncCommitteeIntake;
import io.edvt.node.network.GossipPublisher;
import io.edvt.node.time.SlotClock;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.SpecTypes;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeContribution;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.SpecVersions;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Sync committee messages and contributions a validator client submits through the Beacon API:
 * each is checked by the rule gossip applies to it (networking's
 * {@code validate_sync_committee_message_gossip} on each subnet of the signer's seats,
 * {@code validate_sync_committee_contribution_and_proof_gossip}) on the head state at the node's
 * clock, with a seen-cache of its own, then given to the {@link SyncCommitteeIntake} (the pool
 * blocks draw their sync aggregate from) and, with p2p, published on its topic. Contributions
 * for a client's aggregators are made from the same pool.
 */
final class OwnSyncCommittee {
  private static final System.Logger LOG = System.getLogger(OwnSyncCommittee.class.getName());
  /** Seen entries older than this many slots are dropped: messages and contributions are of the current slot only. */
  private static final long SEEN_SLOTS = 4;

  private final SpecVersions versions;
  private final SyncCommitteeIntake intake;
  private final Optional<GossipPublisher> gossip;
  private final Supplier<BeaconState> headState;
  private final SlotClock clock;
  private final SeenCaches seen = new SeenCaches();
  private final GossipValidators fulu;
  private final GossipValidators edvt;

  OwnSyncCommittee(SpecVersions versions, SyncCommitteeIntake intake, Optional<GossipPublisher> gossip,
      Supplier<BeaconState> headState, SlotClock clock) {
    this.versions = versions;
    this.intake = intake;
    this.gossip = gossip;
    this.headState = headState;
    this.clock = clock;
    GossipContext context = new GossipContext(versions, StateOnlyChainView.INSTANCE, seen);
    this.fulu = new GossipValidators(context);
    this.edvt = new EdvtGossipValidators(context);
  }

  private GossipValidators validators(BeaconState state) {
    return SpecVersions.milestoneOf(state) == SpecMilestone.EDVT ? edvt : fulu;
  }

  /** A message: checked and pooled on every subnet of its signer's seats, published there; the refusal's reason or empty. */
  Optional<String> submit(SyncCommitteeMessage message) {
    BeaconState head = headState.get();
    Set<Integer> subnets = intake.subnets(message.validatorIndex(), head);
    if (subnets.isEmpty()) {
      return Optional.of("validator_index " + message.validatorIndex() + " has no seat in the sync committee of the head state");
    }
    long now = clock.nowMillis();
    for (int subnet : subnets) {
      ValidationResult r = validators(head).syncCommitteeMessage.validate(head, message, subnet, now);
      Optional<String> refused = refusal(r);
      if (refused.isPresent()) {
        return Optional.of("subnet " + subnet + ": " + refused.get());
      }
      intake.onMessage(message, subnet, head);
      gossip.ifPresent(g -> g.publishSyncCommitteeMessage(message, subnet).whenComplete((x, e) -> {
        if (e != null) {
          LOG.log(System.Logger.Level.DEBUG, "publishing an API sync committee message on subnet {0} failed: {1}", subnet, e);
        }
      }));
    }
    return Optional.empty();
  }

  /**
   * A signed contribution: checked, pooled, published; the refusal's reason or empty. One whose seats
   * the pool holds already is taken as it is, unchecked and not published: several aggregators of a
   * subcommittee ask the pool for its best at once and submit the same seats, which gossip would
   * ignore as seen; that is no fault of the later ones.
   */
  Optional<String> submit(SignedContributionAndProof contribution) {
    SyncCommitteeContribution c = contribution.message().contribution();
    if (c.subcommitteeIndex().isLessThan(SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT)) {
      Optional<SyncCommitteeContribution> held = intake.contribution(c.slot(), c.beaconBlockRoot(), c.subcommitteeIndex().intValue());
      if (held.isPresent() && held.get().aggregationBits().or(c.aggregationBits()).equals(held.get().aggregationBits())) {
        return Optional.empty();
      }
    }
    BeaconState head = headState.get();
    Optional<String> refused = refusal(validators(head).syncContribution.validate(head, contribution, clock.nowMillis()));
    if (refused.isPresent()) {
      return refused;
    }
    intake.onContribution(contribution.message().contribution());
    gossip.ifPresent(g -> g.publishContribution(contribution).whenComplete((x, e) -> {
      if (e != null) {
        LOG.log(System.Logger.Level.DEBUG, "publishing an API sync committee contribution failed: {0}", e);
      }
    }));
    return Optional.empty();
  }

  /** The pool's best contribution for the subcommittee, slot and root. */
  Optional<SyncCommitteeContribution> contribution(UInt64 slot, int subcommittee, Bytes32 blockRoot) {
    return intake.contribution(slot, blockRoot, subcommittee);
  }

  /** The slot hook: forgets what was seen in slots that can no longer be submitted. */
  void onSlot(long slot) {
    seen.prune(UInt64.valueOf(slot), (int) versions.config().slotsPerEpoch(), SEEN_SLOTS);
  }

  private static Optional<String> refusal(ValidationResult r) {
    return switch (r) {
      case ValidationResult.Reject reject -> Optional.of(reject.reason());
      case ValidationResult.Ignore ignore -> Optional.of(ignore.reason());
      default -> Optional.empty();
    };
  }
}
