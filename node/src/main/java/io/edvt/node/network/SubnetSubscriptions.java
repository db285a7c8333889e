package io.edvt.node.network;

import io.edvt.spec.datastructures.SpecTypes;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which attestation and sync committee subnets the node is on, slot by slot, and which it
 * advertises:
 *
 * <ul>
 *   <li>long-lived attestation subnets from the node id ({@link LongLivedSubnets}), the only ones
 *       in ENR {@code attnets} and MetaData (phase0 p2p-interface: the persistent ones);
 *   <li>the subnet of an attester duty whose validator aggregates, from {@link #AHEAD_SLOTS} slots
 *       before the duty's slot until the slot is over (phase0 validator.md: an aggregator
 *       subscribes; a validator that only publishes its own attestation need not, gossip's fanout
 *       carries it to the subnet's peers);
 *   <li>the sync committee subnets of held seats until an epoch (exclusive, as the Beacon API's
 *       {@code until_epoch}), advertised in {@code syncnets};
 *   <li>with {@code all}, every attestation subnet, joined and advertised
 *       ({@code --p2p-subscribe-all-subnets-enabled}).
 * </ul>
 *
 * Requests from the in-process validators and from the Beacon API's subscription endpoints come
 * here alike. Thread safe.
 */
public final class SubnetSubscriptions {
  /** How many slots before an aggregator's duty its subnet is joined: time for the mesh to form. */
  public static final int AHEAD_SLOTS = 2;

  private final LongLivedSubnets longLived;
  private final int subnetCount;
  private final long slotsPerEpoch;
  private final boolean all;
  /** Subnet to the slots of aggregator duties on it. */
  private final Map<Integer, NavigableSet<Long>> aggregatorSlots = new HashMap<>();
  /** Sync subnet to the epoch (exclusive) it is wanted until. */
  private final Map<Integer, Long> syncUntil = new HashMap<>();

  public SubnetSubscriptions(LongLivedSubnets longLived, int subnetCount, long slotsPerEpoch, boolean all) {
    this.longLived = longLived;
    this.subnetCount = subnetCount;
    this.slotsPerEpoch = slotsPerEpoch;
    this.all = all;
  }

  /** Whether every attestation subnet is joined. */
  public boolean all() {
    return all;
  }

  /**
   * An attester duty at {@code slot} on {@code subnet}: when {@code aggregator}, the subnet is joined
   * around the slot; otherwise nothing is joined.
   *
   * @return whether this added a duty the node was not yet joining for
   */
  public synchronized boolean attesterDuty(int subnet, long slot, boolean aggregator) {
    checkAttestationSubnet(subnet);
    return aggregator && aggregatorSlots.computeIfAbsent(subnet, s -> new TreeSet<>()).add(slot);
  }

  /** Sync committee seats in {@code subnets} until {@code untilEpoch} (exclusive); a later end already known is kept. */
  public synchronized void syncSeats(Set<Integer> subnets, long untilEpoch) {
    for (int subnet : subnets) {
      if (subnet < 0 || subnet >= SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT) {
        throw new IllegalArgumentException("sync committee subnet " + subnet + " is outside [0, "
            + SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT + ")");
      }
      syncUntil.merge(subnet, untilEpoch, Math::max);
    }
  }

  /** The attestation subnets to be on in {@code slot}: long-lived (or all) and those of aggregator duties due soon or now. */
  public synchronized Set<Integer> attestationSubnets(long slot) {
    Set<Integer> out = new TreeSet<>(advertisedAttestationSubnets(slot / slotsPerEpoch));
    aggregatorSlots.forEach((subnet, slots) -> {
      Long next = slots.ceiling(slot);
      if (next != null && next - slot <= AHEAD_SLOTS) {
        out.add(subnet);
      }
    });
    return out;
  }

  /** The attestation subnets named in ENR {@code attnets} and MetaData at {@code epoch}: the long-lived ones, or all. */
  public Set<Integer> advertisedAttestationSubnets(long epoch) {
    return all ? IntStream.range(0, subnetCount).boxed().collect(Collectors.toUnmodifiableSet()) : longLived.at(epoch);
  }

  /** The sync committee subnets to be on (and advertise) at {@code epoch}. */
  public synchronized Set<Integer> syncSubnets(long epoch) {
    return syncUntil.entrySet().stream().filter(e -> e.getValue() > epoch).map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Forgets duties whose slot is before {@code slot} and sync seats over by {@code slot}'s epoch. */
  public synchronized void prune(long slot) {
    aggregatorSlots.values().forEach(slots -> slots.headSet(slot, false).clear());
    aggregatorSlots.values().removeIf(Set::isEmpty);
    syncUntil.values().removeIf(until -> until <= slot / slotsPerEpoch);
  }

  private void checkAttestationSubnet(int subnet) {
    if (subnet < 0 || subnet >= subnetCount) {
      throw new IllegalArgumentException("attestation subnet " + subnet + " is outside [0, " + subnetCount + ")");
    }
  }
}
