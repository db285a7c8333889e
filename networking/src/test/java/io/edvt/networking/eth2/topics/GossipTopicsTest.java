package io.edvt.networking.eth2.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.testing.TestChains;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.edvt.SpecVersions;
import java.util.OptionalInt;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

class GossipTopicsTest {
  private final SpecVersions versions = TestChains.versions(2);
  private final ForkDigests digests = new ForkDigests(versions, Bytes32.ZERO);
  private final GossipTopics topics = new GossipTopics(digests);

  @Test
  void topicStringsAreTheDigestInHexTheNameAndTheEncoding() {
    Bytes digest = Bytes.fromHexString("0x446a7232");
    assertThat(GossipTopics.topic(digest, "beacon_aggregate_and_proof"))
        .isEqualTo("/eth2/446a7232/beacon_aggregate_and_proof/ssz_snappy");
    assertThat(GossipTopics.parse("/eth2/446a7232/beacon_attestation_17/ssz_snappy")).hasValueSatisfying(t -> {
      assertThat(t.digest()).isEqualTo(digest);
      assertThat(t.name()).isEqualTo("beacon_attestation");
      assertThat(t.subnet()).isEqualTo(OptionalInt.of(17));
      assertThat(t.fullName()).isEqualTo("beacon_attestation_17");
    });
    assertThat(GossipTopics.parse("/eth2/446a7232/sync_committee_contribution_and_proof/ssz_snappy"))
        .hasValueSatisfying(t -> assertThat(t.subnet()).isEmpty());
    assertThat(GossipTopics.parse("/eth2/446a723/beacon_block/ssz_snappy")).isEmpty();
    assertThat(GossipTopics.parse("/eth2/446a7232/beacon_block/ssz")).isEmpty();
  }

  @Test
  void edvtAddsItsSixTopicsAndChangesTheTypesOfFulus() {
    assertThat(topics.names(SpecMilestone.FULU)).doesNotContain("group_registration")
        .contains("beacon_block", "beacon_attestation_63", "sync_committee_3", "data_column_sidecar_127")
        .hasSize(9 + 64 + 4 + 128);
    assertThat(topics.names(SpecMilestone.EDVT)).contains("group_registration", "group_key_change",
        "group_block_proposal", "group_block_signoff", "group_exit_signature", "group_key_change_signature")
        .hasSize(9 + 64 + 4 + 128 + 6);
    assertThat(topics.messageType(SpecMilestone.EDVT, "beacon_block")).contains(versions.edvt().schemas().signedBeaconBlock());
    assertThat(topics.messageType(SpecMilestone.FULU, "beacon_block")).contains(versions.fulu().schemas().signedBeaconBlock());
    assertThat(topics.messageType(SpecMilestone.EDVT, "data_column_sidecar"))
        .contains(versions.edvt().schemas().dataColumnSidecar());
    assertThat(topics.messageType(SpecMilestone.FULU, "group_block_signoff")).isEmpty();
    assertThat(topics.messageType(SpecMilestone.EDVT, "group_block_signoff"))
        .contains(versions.edvt().schemas().groupBlockSignoff());
    // topic strings switch digest at the fork
    assertThat(topics.topicsAt(UInt64.ONE)).contains(GossipTopics.topic(digests.digestAt(UInt64.ONE), "beacon_block"));
    assertThat(topics.topicsAt(UInt64.valueOf(2))).contains(GossipTopics.topic(digests.digestAt(UInt64.valueOf(2)),
        "group_registration"));
  }
}
