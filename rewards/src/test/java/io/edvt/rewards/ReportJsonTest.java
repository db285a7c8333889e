package io.edvt.rewards;

import static io.edvt.groups.ParticipationFlags.TIMELY_SOURCE;
import static io.edvt.groups.ParticipationFlags.TIMELY_TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.groups.GroupThreshold;
import io.edvt.groups.ParticipationTally;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reports serialise with a plain Jackson mapper to the Beacon API's shapes: snake_case names,
 * Gwei and indices as decimal strings, signed components negative for penalties.
 */
class ReportJsonTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void attestationRewardsSerialiseAsTheAttestationsEndpointsData() throws Exception {
    AttestationRewardsReport report = new AttestationRewardsReport(UInt64.valueOf(3),
        List.of(new IdealAttestationRewards(UInt64.valueOf(32_000_000_000L), 2500, 5000, 5000, 0)),
        List.of(new AttestationRewards(UInt64.valueOf(0), 2000, 2000, 4000, -2000),
            new AttestationRewards(UInt64.valueOf(1), 0, -5000, -3000, 0)));

    assertThat(mapper.writeValueAsString(report)).isEqualTo("{\"ideal_rewards\":["
        + "{\"effective_balance\":\"32000000000\",\"head\":\"2500\",\"target\":\"5000\",\"source\":\"5000\",\"inactivity\":\"0\"}],"
        + "\"total_rewards\":["
        + "{\"validator_index\":\"0\",\"head\":\"2000\",\"target\":\"2000\",\"source\":\"4000\",\"inactivity\":\"-2000\"},"
        + "{\"validator_index\":\"1\",\"head\":\"0\",\"target\":\"-5000\",\"source\":\"-3000\",\"inactivity\":\"0\"}]}");
  }

  @Test
  void syncCommitteeRewardsSerialiseAsTheEndpointsArrayWithoutTheProposersShare() throws Exception {
    SyncCommitteeRewardsReport report = new SyncCommitteeRewardsReport(UInt64.valueOf(10),
        List.of(new SyncCommitteeReward(UInt64.valueOf(5), 2000), new SyncCommitteeReward(UInt64.valueOf(9), -1000)),
        UInt64.valueOf(5), UInt64.valueOf(284));

    assertThat(mapper.writeValueAsString(report))
        .isEqualTo("[{\"validator_index\":\"5\",\"reward\":\"2000\"},{\"validator_index\":\"9\",\"reward\":\"-1000\"}]");
    assertThat(report.balanceChanges()).containsExactly(
        Map.entry(UInt64.valueOf(5), 2284L), Map.entry(UInt64.valueOf(9), -1000L));
  }

  @Test
  void blockRewardsSerialiseAsTheBlocksEndpointsData() throws Exception {
    BlockRewardsReport report = BlockRewardsReport.of(UInt64.valueOf(123), UInt64.valueOf(100), UInt64.valueOf(20),
        UInt64.valueOf(3), UInt64.ZERO);

    assertThat(mapper.writeValueAsString(report)).isEqualTo("{\"proposer_index\":\"123\",\"total\":\"123\","
        + "\"attestations\":\"100\",\"sync_aggregate\":\"20\",\"proposer_slashings\":\"3\",\"attester_slashings\":\"0\"}");
  }

  @Test
  void groupReportsSerialiseWithSnakeCaseNames() throws Exception {
    ParticipationTally tally = ParticipationTally.empty(3)
        .withFlags(0, TIMELY_SOURCE | TIMELY_TARGET).withFlags(2, TIMELY_SOURCE);
    GroupParticipationReport participation =
        GroupParticipationReport.of(UInt64.valueOf(8), new GroupThreshold(2, 3), tally);
    GroupRewardReport reward = GroupRewardReport.of(participation,
        new IdealAttestationRewards(UInt64.valueOf(32_000_000_000L), 10, 20, 10, 0),
        new AttestationRewards(UInt64.valueOf(8), 0, -30, 10, 0));

    assertThat(mapper.writeValueAsString(participation)).isEqualTo("{\"validator_index\":\"8\",\"threshold\":2,"
        + "\"member_count\":3,\"flags\":["
        + "{\"flag\":\"source\",\"flag_index\":0,\"members\":[0,2],\"reached\":true,\"margin\":0},"
        + "{\"flag\":\"target\",\"flag_index\":1,\"members\":[0],\"reached\":false,\"margin\":-1},"
        + "{\"flag\":\"head\",\"flag_index\":2,\"members\":[],\"reached\":false,\"margin\":-2}]}");
    assertThat(mapper.writeValueAsString(reward)).startsWith("{\"validator_index\":\"8\",\"threshold\":2,"
        + "\"member_count\":3,\"components\":[{\"component\":\"source\",\"earned\":true,\"margin\":0,"
        + "\"ideal\":\"10\",\"actual\":\"10\",\"lost_to_threshold\":\"0\"},")
        .endsWith("\"lost_to_threshold\":\"60\"}");
  }
}
