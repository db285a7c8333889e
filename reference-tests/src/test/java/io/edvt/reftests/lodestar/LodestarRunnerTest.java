package io.edvt.reftests.lodestar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of {@link LodestarRunner} and {@link LodestarCase} that need no Node.js. */
class LodestarRunnerTest {

  @Test
  void configDifferencesNamesOnlyDifferingCommonKeys() {
    Map<String, Object> ours = new LinkedHashMap<>();
    ours.put("SLOTS_PER_EPOCH", "8");
    ours.put("FULU_FORK_VERSION", "0x0a0b0c0d");
    ours.put("EJECTION_BALANCE", "16000000000");
    ours.put("ATTESTATION_SUBNET_COUNT", "64"); // Lodestar has no such key: not compared
    ours.put("BLOB_SCHEDULE", List.of(Map.of("EPOCH", "5", "MAX_BLOBS_PER_BLOCK", "12")));
    LodestarStep.Config lodestar = new LodestarStep.Config(
        Map.of("SLOTS_PER_EPOCH", "8", "PTC_SIZE", "2"),
        Map.of(
            "FULU_FORK_VERSION", "0x0A0B0C0D", // hex case does not matter
            "EJECTION_BALANCE", "17000000000",
            "BLOB_SCHEDULE", List.of(Map.of("MAX_BLOBS_PER_BLOCK", "12", "EPOCH", "5"))));

    assertThat(LodestarRunner.configDifferences(ours, lodestar))
        .containsExactly("EJECTION_BALANCE: ours=16000000000 lodestar=17000000000");
  }

  @Test
  void configDifferencesSeesABlobScheduleDifference() {
    Map<String, Object> ours = Map.of("BLOB_SCHEDULE", List.of(Map.of("EPOCH", "5", "MAX_BLOBS_PER_BLOCK", "12")));
    LodestarStep.Config lodestar = new LodestarStep.Config(Map.of(), Map.of("BLOB_SCHEDULE", List.of()));
    assertThat(LodestarRunner.configDifferences(ours, lodestar)).hasSize(1);
  }

  @Test
  void forkScheduleCarriesEveryForkAndTheBlobSchedule() {
    SpecConfig config = SpecConfigLoader.load("minimal", Map.of("ELECTRA_FORK_EPOCH", "0", "FULU_FORK_EPOCH", "2"));
    Map<String, Object> schedule = LodestarCase.chainConfigOverrides(config);
    assertThat(schedule)
        .containsEntry("GENESIS_FORK_VERSION", "0x00000001")
        .containsEntry("ELECTRA_FORK_EPOCH", "0")
        .containsEntry("FULU_FORK_EPOCH", "2")
        .containsEntry("FULU_FORK_VERSION", "0x06000001")
        .containsEntry("GLOAS_FORK_EPOCH", "18446744073709551615")
        .containsKey("BLOB_SCHEDULE")
        .hasSize(1 + 8 * 2 + 1);
  }

  @Test
  void otherNetworkConfigChangesArePassedOnButPresetValuesAreNot() {
    SpecConfig config = SpecConfigLoader.load("minimal", Map.of(
        "FULU_FORK_EPOCH", "0", "SHARD_COMMITTEE_PERIOD", "0", "ATTESTATION_SUBNET_COUNT", "32", "SLOTS_PER_EPOCH", "16"));
    Map<String, Object> overrides = LodestarCase.chainConfigOverrides(config);
    assertThat(overrides)
        .containsEntry("SHARD_COMMITTEE_PERIOD", "0")
        .doesNotContainKey("ATTESTATION_SUBNET_COUNT") // unknown to Lodestar, networking only
        .doesNotContainKey("SLOTS_PER_EPOCH") // a preset value: the config check reports it
        .hasSize(1 + 8 * 2 + 1 + 1);
  }

  @Test
  void nodeMajorVersion() {
    assertThat(LodestarRunner.parseNodeMajor("v20.20.2")).isEqualTo(20);
    assertThat(LodestarRunner.parseNodeMajor("22.1.0")).isEqualTo(22);
    assertThatThrownBy(() -> LodestarRunner.parseNodeMajor("node"))
        .isInstanceOf(LodestarUnavailableException.class)
        .hasMessageContaining("node --version");
  }
}
