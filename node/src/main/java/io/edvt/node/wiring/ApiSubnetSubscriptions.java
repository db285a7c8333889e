package io.edvt.node.wiring;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.GossipHelpers;
import io.edvt.node.api.ApiException;
import io.edvt.node.api.ValidatorService.Subscription;
import io.edvt.node.api.ValidatorService.SyncSubscription;
import io.edvt.node.network.NodeNetwork;
import io.edvt.node.time.SlotClock;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.SpecVersions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Beacon API's {@code beacon_committee_subscriptions} and {@code sync_committee_subscriptions}
 * for a separate validator client, driving the same {@link NodeNetwork} subnet demand as the
 * in-process validators: a committee subscription's subnet
 * ({@code compute_subnet_for_attestation}) is joined around its slot when the validator aggregates;
 * a sync seat's subcommittee until {@code until_epoch}. Every item is checked before any is taken,
 * so a 400 (naming the item and field) changes nothing. Duties are known one epoch ahead, seats one
 * period ahead: a slot or {@code until_epoch} further out is refused, which also bounds what a
 * client can make the node remember. Without p2p the requests are checked and there is nothing to
 * join.
 */
final class ApiSubnetSubscriptions {
  private final SpecConfig config;
  private final GossipHelpers helpers;
  private final SlotClock clock;
  private final Optional<NodeNetwork> network;

  ApiSubnetSubscriptions(SpecVersions versions, SlotClock clock, Optional<NodeNetwork> network) {
    this.config = versions.config();
    this.helpers = new GossipHelpers(config, versions.fulu().misc());
    this.clock = clock;
    this.network = network;
  }

  private record AttesterDemand(int subnet, long slot, boolean aggregator) {}

  void subscribe(List<Subscription> subscriptions) {
    long lastSlot = (clock.currentEpoch() + 2) * config.slotsPerEpoch() - 1;
    List<AttesterDemand> demands = new ArrayList<>();
    for (int i = 0; i < subscriptions.size(); i++) {
      Subscription s = subscriptions.get(i);
      String what = "body[" + i + "]";
      if (s.committeesAtSlot().isZero() || s.committeesAtSlot().isGreaterThan(config.maxCommitteesPerSlot())) {
        throw ApiException.badRequest(what + ".committees_at_slot " + s.committeesAtSlot() + " is not in [1, "
            + config.maxCommitteesPerSlot() + "]");
      }
      if (!s.committeeIndex().isLessThan(s.committeesAtSlot())) {
        throw ApiException.badRequest(what + ".committee_index " + s.committeeIndex() + " is not below committees_at_slot "
            + s.committeesAtSlot());
      }
      if (s.slot().isGreaterThan(lastSlot)) {
        throw ApiException.badRequest(what + ".slot " + s.slot() + " is after the next epoch (its last slot is " + lastSlot
            + "): duties are known one epoch ahead");
      }
      int subnet = (int) helpers.computeSubnetForAttestation(s.committeesAtSlot().longValue(), s.slot(), s.committeeIndex());
      demands.add(new AttesterDemand(subnet, s.slot().longValue(), s.aggregator()));
    }
    network.ifPresent(n -> demands.forEach(d -> n.attesterDuty(d.subnet(), d.slot(), d.aggregator())));
  }

  void subscribeSync(List<SyncSubscription> subscriptions) {
    long period = config.epochsPerSyncCommitteePeriod();
    long lastUntil = (clock.currentEpoch() / period + 2) * period;
    List<Set<Integer>> subnets = new ArrayList<>();
    for (int i = 0; i < subscriptions.size(); i++) {
      SyncSubscription s = subscriptions.get(i);
      String what = "body[" + i + "]";
      if (s.untilEpoch().isGreaterThan(lastUntil)) {
        throw ApiException.badRequest(what + ".until_epoch " + s.untilEpoch() + " is after the end of the next sync committee "
            + "period (epoch " + lastUntil + ")");
      }
      Set<Integer> own = new LinkedHashSet<>();
      for (int k = 0; k < s.committeeIndices().size(); k++) {
        UInt64 seat = s.committeeIndices().get(k);
        if (!seat.isLessThan(config.syncCommitteeSize())) {
          throw ApiException.badRequest(what + ".sync_committee_indices[" + k + "] " + seat + " is not below the sync committee "
              + "size " + config.syncCommitteeSize());
        }
        own.add(seat.intValue() / helpers.syncSubcommitteeSize());
      }
      subnets.add(own);
    }
    network.ifPresent(n -> {
      for (int i = 0; i < subscriptions.size(); i++) {
        n.syncSeats(subnets.get(i), subscriptions.get(i).untilEpoch().longValue());
      }
    });
  }
}
