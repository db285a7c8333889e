package io.edvt.node.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.topics.GossipTopics;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import java.util.Map;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

/** Topics around a fork: EDVT at epoch 5, joined 2 epochs ahead, Fulu's left 2 epochs after. */
class GossipTopicScheduleTest {
  private static final SpecVersions VERSIONS = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "5")));
  private static final ForkDigests DIGESTS = new ForkDigests(VERSIONS, Bytes32.repeat((byte) 7));
  private static final GossipTopicSchedule SCHEDULE = new GossipTopicSchedule(DIGESTS, 2, Set.of(3, 17), Set.of(9));
  private static final String FULU = ForkDigests.hex(DIGESTS.digestAt(UInt64.ZERO));
  private static final String EDVT = ForkDigests.hex(DIGESTS.digestAt(UInt64.valueOf(5)));

  private static long count(long epoch, String digest) {
    return SCHEDULE.topicsAt(UInt64.valueOf(epoch)).stream().filter(t -> t.contains(digest)).count();
  }

  @Test
  void joinsTheNextForksTopicsTwoEpochsAheadAndLeavesTheOldOnesTwoEpochsAfter() {
    assertThat(FULU).isNotEqualTo(EDVT);
    int fulu = SCHEDULE.names(io.edvt.spec.SpecMilestone.FULU).size();
    int edvt = SCHEDULE.names(io.edvt.spec.SpecMilestone.EDVT).size();
    assertThat(edvt).isEqualTo(fulu + 2);
    assertThat(count(0, FULU)).isEqualTo(fulu);
    assertThat(count(2, EDVT)).isZero();
    assertThat(count(3, EDVT)).isEqualTo(edvt);
    assertThat(count(3, FULU)).isEqualTo(fulu);
    assertThat(count(6, FULU)).isEqualTo(fulu);
    assertThat(count(7, FULU)).isZero();
    assertThat(count(7, EDVT)).isEqualTo(edvt);
  }

  @Test
  void aForkHasTheBlockOperationSubnetAndGroupTopics() {
    assertThat(SCHEDULE.topicsAt(UInt64.valueOf(9))).containsExactlyInAnyOrder(
        topic(GossipTopics.BEACON_BLOCK), topic(GossipTopics.BEACON_AGGREGATE_AND_PROOF), topic(GossipTopics.VOLUNTARY_EXIT),
        topic(GossipTopics.PROPOSER_SLASHING), topic(GossipTopics.ATTESTER_SLASHING),
        topic(GossipTopics.BLS_TO_EXECUTION_CHANGE), topic(GossipTopics.SYNC_COMMITTEE_CONTRIBUTION_AND_PROOF),
        topic("beacon_attestation_3"), topic("beacon_attestation_17"),
        topic("data_column_sidecar_9"), topic(GossipTopics.GROUP_REGISTRATION), topic(GossipTopics.GROUP_KEY_CHANGE));
  }

  @Test
  void syncCommitteeSubnetsAreThoseOfTheHeldSeats() {
    GossipTopicSchedule schedule = new GossipTopicSchedule(DIGESTS, 2, Set.of(), Set.of());
    assertThat(schedule.topicsAt(UInt64.valueOf(9))).noneMatch(t -> t.matches(".*/sync_committee_[0-9]+/.*")).contains(
        topic(GossipTopics.SYNC_COMMITTEE_CONTRIBUTION_AND_PROOF));
    schedule.syncSubnets(Set.of(0, 2));
    assertThat(schedule.topicsAt(UInt64.valueOf(9))).filteredOn(t -> t.contains("/sync_committee_") && !t.contains("contribution"))
        .containsExactlyInAnyOrder(topic("sync_committee_0"), topic("sync_committee_2"));
    schedule.syncSubnets(Set.of(1));
    assertThat(schedule.topicsAt(UInt64.valueOf(9))).filteredOn(t -> t.contains("/sync_committee_") && !t.contains("contribution"))
        .containsExactly(topic("sync_committee_1"));
  }

  private static String topic(String name) {
    return GossipTopics.topic(DIGESTS.digestAt(UInt64.valueOf(9)), name);
  }

  @Test
  void memberTopicsAreJoinedInEdvtOnlyOnceTheNodeRunsMemberKeys() {
    GossipTopicSchedule schedule = new GossipTopicSchedule(DIGESTS, 2, Set.of(), Set.of());
    assertThat(schedule.names(io.edvt.spec.SpecMilestone.EDVT)).doesNotContain("group_block_proposal", "group_block_signoff",
        "group_exit_signature", "group_key_change_signature");
    schedule.includeMemberTopics();
    assertThat(schedule.names(io.edvt.spec.SpecMilestone.EDVT)).contains("group_block_proposal", "group_block_signoff",
        "group_exit_signature", "group_key_change_signature");
    assertThat(schedule.names(io.edvt.spec.SpecMilestone.FULU)).doesNotContain("group_block_proposal");
    assertThat(schedule.topicsAt(UInt64.valueOf(5))).contains("/eth2/" + EDVT + "/group_block_signoff/ssz_snappy");
  }
}
