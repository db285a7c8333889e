package io.edvt.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The devnet's readings: block import delays from block events, participation from the node's endpoint. */
class DevnetMeasuresTest {
  @Test
  void aBlockEventIsTimedAgainstItsSlotStartOncePerNodeAndSlot() {
    BlockImportDelays delays = new BlockImportDelays(1_000_000, 2000);
    delays.onLine(0, ":keep-alive", 1_000_100);
    delays.onLine(0, "event:block", 1_000_100);
    delays.onLine(0, "data:{\"slot\":\"3\",\"block\":\"0xab\",\"execution_optimistic\":false}", 1_006_250);
    delays.onLine(0, "data: {\"slot\":\"3\",\"block\":\"0xcd\",\"execution_optimistic\":false}", 1_007_000);
    delays.onLine(1, "data:{\"slot\":\"3\"}", 1_006_400);
    delays.onLine(1, "data:not json", 1_006_400);
    assertThat(delays.delay(0, 3)).hasValue(250);
    assertThat(delays.delay(1, 3)).hasValue(400);
    assertThat(delays.delay(0, 4)).isEmpty();
    assertThat(delays.sorted(0)).containsExactly(250L);
    delays.close();
  }

  @Test
  void percentilesAreNearestRank() {
    List<Long> hundred = java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList();
    assertThat(BlockImportDelays.percentile(hundred, 50)).isEqualTo(50);
    assertThat(BlockImportDelays.percentile(hundred, 99)).isEqualTo(99);
    assertThat(BlockImportDelays.percentile(List.of(7L, 9L, 400L), 99)).isEqualTo(400);
    assertThat(BlockImportDelays.percentile(List.of(7L, 9L, 400L), 50)).isEqualTo(9);
    assertThat(BlockImportDelays.percentile(List.of(), 50)).isEqualTo(-1);
  }

  @Test
  void participationIsFullOnlyWhenEveryPlainValidatorAndEveryMemberEarnedSourceAndTarget() throws Exception {
    String json = """
        {"epoch": "4", "plain_validators": {"active": "22", "timely_source": "22", "timely_target": "22", "timely_head": "20"},
         "groups": [{"validator_index": "0", "active": true, "threshold": "2", "members": "3", "member_flags": ["7", "7", "3"],
                     "members_with_flag": {"timely_source": "3", "timely_target": "3", "timely_head": "2"},
                     "credited": {"timely_source": true, "timely_target": true, "timely_head": true}},
                    {"validator_index": "1", "active": true, "threshold": "2", "members": "3", "member_flags": ["3", "3", "0"],
                     "members_with_flag": {"timely_source": "2", "timely_target": "2", "timely_head": "0"},
                     "credited": {"timely_source": true, "timely_target": true, "timely_head": false}}]}""";
    JsonNode node = new ObjectMapper().readTree(json);
    EpochParticipation e = EpochParticipation.parse(node, 47, true);
    assertThat(e.epoch()).isEqualTo(4);
    assertThat(e.plainFull()).isTrue();
    assertThat(e.groups().get(0).full()).isTrue();
    // group v1 reached its threshold but one member did not sign: not full participation
    assertThat(e.groups().get(1).full()).isFalse();
    assertThat(e.full()).isFalse();
    assertThat(e.brief()).isEqualTo("plain 22/22, groups v0 3/3 v1 2/3");
    assertThat(e.groups().get(1).credited().head()).isZero();
  }
}
