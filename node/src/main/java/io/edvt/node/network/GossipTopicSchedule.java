package io.edvt.node.network;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.topics.GossipTopics;
import io.edvt.spec.SpecMilestone;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which gossip topics the node is on at an epoch. A fork's topics (under its digest) are joined
 * {@code aheadEpochs} before its epoch and its predecessor's are left {@code aheadEpochs} after it,
 * as the p2p spec's "Transitioning the gossip" asks. Per fork: the block, aggregate, exit,
 * slashing and BLS-change topics, the attestation subnets
 * {@link #attestationSubnets} names (set every slot from {@link SubnetSubscriptions}), the custody data column subnets,
 * and in EDVT the group registration and key change topics, plus the group proposal topics
 * ({@code group_block_proposal}, {@code group_block_signoff}) and the group operation signature
 * topics ({@code group_exit_signature}, {@code group_key_change_signature}) once
 * {@link #includeMemberTopics} says the node runs member keys. Every node
 * is on {@code sync_committee_contribution_and_proof} (contributions feed the blocks it may
 * propose); the {@code sync_committee_{subnet_id}} subnets it is on are those
 * {@link #syncSubnets} names (the subcommittees of the held keys' seats: their aggregators need the
 * other seats' messages). Light-client topics are not joined.
 */
public final class GossipTopicSchedule {
  private final ForkDigests digests;
  private final int aheadEpochs;
  private volatile Set<Integer> attestationSubnets;
  private final Set<Integer> dataColumnSubnets;
  private volatile boolean memberTopics;
  private volatile Set<Integer> syncSubnets = Set.of();

  public GossipTopicSchedule(ForkDigests digests, int aheadEpochs, Set<Integer> attestationSubnets,
      Set<Integer> dataColumnSubnets) {
    this.digests = digests;
    this.aheadEpochs = aheadEpochs;
    this.attestationSubnets = Set.copyOf(attestationSubnets);
    this.dataColumnSubnets = Set.copyOf(dataColumnSubnets);
  }

  /** From now on the group proposal topics are in every EDVT epoch's topics (a node holding member keys). */
  public void includeMemberTopics() {
    memberTopics = true;
  }

  public boolean includesMemberTopics() {
    return memberTopics;
  }

  /** From now on the node is on exactly these {@code beacon_attestation_{subnet_id}} subnets ({@link SubnetSubscriptions} decides). */
  public void attestationSubnets(Set<Integer> subnets) {
    attestationSubnets = Set.copyOf(subnets);
  }

  /** From now on the node is on exactly these {@code sync_committee_{subnet_id}} subnets. */
  public void syncSubnets(Set<Integer> subnets) {
    syncSubnets = Set.copyOf(subnets);
  }

  /** The topic names (without digest) of {@code milestone}. */
  public List<String> names(SpecMilestone milestone) {
    List<String> names = new ArrayList<>(List.of(GossipTopics.BEACON_BLOCK, GossipTopics.BEACON_AGGREGATE_AND_PROOF,
        GossipTopics.VOLUNTARY_EXIT, GossipTopics.PROPOSER_SLASHING, GossipTopics.ATTESTER_SLASHING,
        GossipTopics.BLS_TO_EXECUTION_CHANGE, GossipTopics.SYNC_COMMITTEE_CONTRIBUTION_AND_PROOF));
    syncSubnets.stream().sorted().forEach(s -> names.add(GossipTopics.SYNC_COMMITTEE_PREFIX + s));
    attestationSubnets.stream().sorted().forEach(s -> names.add(GossipTopics.BEACON_ATTESTATION_PREFIX + s));
    dataColumnSubnets.stream().sorted().forEach(s -> names.add(GossipTopics.DATA_COLUMN_SIDECAR_PREFIX + s));
    switch (milestone) {
      case FULU -> {}
      case EDVT -> {
        names.addAll(GossipTopics.EDVT_GLOBAL);
        if (memberTopics) {
          names.add(GossipTopics.GROUP_BLOCK_PROPOSAL);
          names.add(GossipTopics.GROUP_BLOCK_SIGNOFF);
          names.add(GossipTopics.GROUP_EXIT_SIGNATURE);
          names.add(GossipTopics.GROUP_KEY_CHANGE_SIGNATURE);
        }
      }
    }
    return names;
  }

  /** Every topic string to be on at {@code epoch}, oldest fork first. */
  public Set<String> topicsAt(UInt64 epoch) {
    List<ForkDigests.Entry> schedule = digests.schedule();
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < schedule.size(); i++) {
      ForkDigests.Entry e = schedule.get(i);
      UInt64 from = e.epoch().minusMinZero(UInt64.valueOf(aheadEpochs));
      boolean last = i + 1 == schedule.size();
      boolean started = !epoch.isLessThan(from);
      boolean ended = !last && !epoch.isLessThan(schedule.get(i + 1).epoch().plus(aheadEpochs));
      if (started && !ended) {
        for (String name : names(e.milestone())) {
          out.add(GossipTopics.topic(e.digest(), name));
        }
      }
    }
    return out;
  }
}
