package io.edvt.spec.edvt.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigException;
import io.edvt.spec.config.SpecConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdvtConfigTest {
  @TempDir Path dir;

  @Test
  void builtInNetworksCarryTheForksPresetAndConfigValues() {
    SpecConfigEdvt mainnet = SpecConfigEdvt.of(EdvtConfig.load("mainnet"));
    assertThat(mainnet.edvtForkVersion()).isEqualTo(Bytes.fromHexString("0xed000000"));
    assertThat(mainnet.edvtForkEpoch()).isEqualTo(UInt64.MAX_VALUE);
    assertThat(mainnet.maxGroupSize()).isEqualTo(16);
    assertThat(mainnet.groupRegistryLimit()).isEqualTo(UInt64.valueOf(1L << 40));
    assertThat(mainnet.maxGroupRegistrations()).isEqualTo(2);
    assertThat(mainnet.maxGroupKeyChanges()).isEqualTo(4);
    assertThat(mainnet.groupLeaderTimeoutBps()).isEqualTo(833);
    SpecConfigEdvt minimal = SpecConfigEdvt.of(EdvtConfig.load("minimal"));
    assertThat(minimal.edvtForkVersion()).isEqualTo(Bytes.fromHexString("0xed000001"));
    // Fulu's values are the same as without the extension
    assertThat(minimal.base().slotsPerEpoch()).isEqualTo(SpecConfigLoader.load("minimal").slotsPerEpoch());
  }

  @Test
  void edvtIsInForceFromItsForkEpoch() {
    SpecConfig config = EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "3", "EDVT_FORK_VERSION", "0xed0000aa"));
    assertThat(SpecMilestone.atEpoch(config, UInt64.valueOf(2))).isEqualTo(SpecMilestone.FULU);
    assertThat(SpecMilestone.atEpoch(config, UInt64.valueOf(3))).isEqualTo(SpecMilestone.EDVT);
    assertThat(SpecMilestone.atEpoch(config, UInt64.valueOf(1000))).isEqualTo(SpecMilestone.EDVT);
    assertThat(SpecMilestone.EDVT.forkEpoch(config)).isEqualTo(UInt64.valueOf(3));
    assertThat(SpecMilestone.EDVT.forkVersion(config)).isEqualTo(Bytes.fromHexString("0xed0000aa"));
  }

  @Test
  void aConfigWithoutTheExtensionIsRefusedByEdvtsView() {
    assertThatThrownBy(() -> SpecConfigEdvt.of(SpecConfigLoader.load("minimal")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no EDVT keys");
  }

  @Test
  void aNetworkConfigThatOmitsEdvtsKeysGetsTheBuiltInValuesOfItsPreset() throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, SpecConfigLoader.load("minimal").toConfigYaml());
    SpecConfigEdvt config = SpecConfigEdvt.of(EdvtConfig.load(file));
    assertThat(config.edvtForkEpoch()).isEqualTo(UInt64.MAX_VALUE);
    assertThat(config.edvtForkVersion()).isEqualTo(Bytes.fromHexString("0xed000001"));
    assertThat(config.groupLeaderTimeoutBps()).isEqualTo(833);
  }

  @Test
  void aNetworkConfigMaySetEdvtsKeysButNotItsPresetKeys() throws IOException {
    String base = EdvtConfig.load("minimal").toConfigYaml().replaceAll("(?m)^EDVT_FORK_EPOCH:.*\n", "");
    Path scheduled = dir.resolve("scheduled.yaml");
    Files.writeString(scheduled, base + "EDVT_FORK_EPOCH: 5\n");
    assertThat(SpecConfigEdvt.of(EdvtConfig.load(scheduled)).edvtForkEpoch()).isEqualTo(UInt64.valueOf(5));

    Path preset = dir.resolve("preset.yaml");
    Files.writeString(preset, base + "MAX_GROUP_SIZE: 8\n");
    assertThatThrownBy(() -> EdvtConfig.load(preset))
        .isInstanceOfSatisfying(SpecConfigException.class, e -> assertThat(e.key()).isEqualTo("MAX_GROUP_SIZE"))
        .hasMessageContaining("'MAX_GROUP_SIZE' is a preset key (the edvt preset)");
    Path malformed = dir.resolve("malformed.yaml");
    Files.writeString(malformed, base + "EDVT_FORK_EPOCH: soon\n");
    assertThatThrownBy(() -> EdvtConfig.load(malformed))
        .isInstanceOf(SpecConfigException.class).hasMessageContaining("malformed value for EDVT_FORK_EPOCH");
  }

  @Test
  void theEdvtPresetFileIsStrict() {
    assertThatThrownBy(() -> EdvtConfig.load("minimal").withOverrides(Map.of("MAX_GROUP_SIZE", "17x")))
        .isInstanceOf(SpecConfigException.class).hasMessageContaining("malformed value for MAX_GROUP_SIZE");
  }
}
