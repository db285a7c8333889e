package io.edvt.spec.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecConfigLoaderTest {
  @TempDir Path tmp;

  @Test
  void mainnetLoadsWithSpecValues() {
    SpecConfig c = SpecConfigLoader.load("mainnet");
    assertThat(c.presetBase()).isEqualTo("mainnet");
    assertThat(c.configName()).isEqualTo("mainnet");
    assertThat(c.slotsPerEpoch()).isEqualTo(32);
    assertThat(c.maxValidatorsPerCommittee()).isEqualTo(2048);
    assertThat(c.shuffleRoundCount()).isEqualTo(90);
    assertThat(c.maxCommitteesPerSlot()).isEqualTo(64);
    assertThat(c.validatorRegistryLimit()).isEqualTo(UInt64.valueOf(1L << 40));
    assertThat(c.maxEffectiveBalanceElectra()).isEqualTo(UInt64.valueOf(2_048_000_000_000L));
    assertThat(c.syncCommitteeSize()).isEqualTo(512);
    assertThat(c.maxValidatorsPerWithdrawalsSweep()).isEqualTo(16384);
    assertThat(c.numberOfColumns()).isEqualTo(128);
    assertThat(c.genesisForkVersion()).isEqualTo(Bytes.fromHexString("0x00000000"));
    assertThat(c.genesisForkVersion().size()).isEqualTo(4);
    assertThat(c.fuluForkVersion()).isEqualTo(Bytes.fromHexString("0x06000000"));
    assertThat(c.fuluForkEpoch()).isEqualTo(UInt64.valueOf(411392));
    assertThat(c.electraForkEpoch()).isEqualTo(UInt64.valueOf(364032));
    assertThat(c.gloasForkEpoch()).isEqualTo(UInt64.MAX_VALUE);
    assertThat(c.terminalTotalDifficulty()).isEqualTo(new BigInteger("58750000000000000000000"));
    assertThat(c.terminalBlockHash()).isEqualTo(Bytes32.ZERO);
    assertThat(c.depositContractAddress())
        .isEqualTo(Bytes.fromHexString("0x00000000219ab540356cBB839Cbe05303d7705Fa"));
    assertThat(c.slotDurationMs()).isEqualTo(12000);
    assertThat(c.blobSchedule())
        .containsExactly(
            new BlobScheduleEntry(UInt64.valueOf(412672), 15),
            new BlobScheduleEntry(UInt64.valueOf(419072), 21));
    assertThat(c.confirmationByzantineThreshold()).isEqualTo(25);
    // Without EDVT's extension the config has none of its keys, and EDVT is not scheduled
    assertThat(c.key("MAX_GROUP_SIZE")).isEmpty();
    assertThat(SpecMilestone.EDVT.forkEpoch(c)).isEqualTo(UInt64.MAX_VALUE);
    assertThatThrownBy(() -> SpecMilestone.EDVT.forkVersion(c))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EDVT_FORK_VERSION");
  }

  @Test
  void minimalLoadsWithSpecValues() {
    SpecConfig c = SpecConfigLoader.load("minimal");
    assertThat(c.presetBase()).isEqualTo("minimal");
    assertThat(c.slotsPerEpoch()).isEqualTo(8);
    assertThat(c.maxValidatorsPerCommittee()).isEqualTo(2048);
    assertThat(c.shuffleRoundCount()).isEqualTo(10);
    assertThat(c.syncCommitteeSize()).isEqualTo(32);
    assertThat(c.maxWithdrawalsPerPayload()).isEqualTo(4);
    assertThat(c.pendingPartialWithdrawalsLimit()).isEqualTo(64);
    assertThat(c.fuluForkVersion()).isEqualTo(Bytes.fromHexString("0x06000001"));
    assertThat(c.fuluForkEpoch()).isEqualTo(UInt64.MAX_VALUE);
    assertThat(c.terminalTotalDifficulty())
        .isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.TWO.pow(10)));
    assertThat(c.blobSchedule()).isEmpty();
    assertThat(c.churnLimitQuotient()).isEqualTo(32);
    assertThat(SpecMilestone.FULU.forkVersion(c)).isEqualTo(c.fuluForkVersion());
  }

  @Test
  void builtInNetworksAreCached() {
    assertThat(SpecConfigLoader.load("minimal")).isSameAs(SpecConfigLoader.load("minimal"));
  }

  @Test
  void unknownNetworkNameIsRejected() {
    assertThatThrownBy(() -> SpecConfigLoader.load("holesky"))
        .isInstanceOf(SpecConfigException.class)
        .hasMessageContaining("holesky")
        .hasMessageContaining("mainnet");
  }

  /** Every key in the table has a getter of the matching name and Java type. */
  @Test
  void everyKeyHasTypedGetter() throws Exception {
    SpecConfig c = SpecConfigLoader.load("mainnet");
    for (SpecConfigKey key : SpecConfigKey.values()) {
      Method m = SpecConfig.class.getMethod(key.getterName());
      Class<?> expected =
          switch (key.type()) {
            case INT -> int.class;
            case UINT64 -> UInt64.class;
            case UINT256 -> BigInteger.class;
            case BYTES4, BYTES20 -> Bytes.class;
            case BYTES32 -> Bytes32.class;
            case PRESET_BASE, CONFIG_NAME -> String.class;
            case BLOB_SCHEDULE -> List.class;
          };
      assertThat(m.getReturnType()).as(key.name()).isEqualTo(expected);
      assertThat(m.invoke(c)).as(key.name()).isEqualTo(c.get(key));
    }
    assertThat(SpecConfigKey.MAX_EFFECTIVE_BALANCE_ELECTRA.getterName())
        .isEqualTo("maxEffectiveBalanceElectra");
  }

  @Test
  void yamlMapHasEveryKeyAsText() {
    Map<String, Object> m = SpecConfigLoader.load("mainnet").toYamlMap();
    assertThat(m).hasSize(SpecConfigKey.values().length);
    assertThat(m.get("SLOTS_PER_EPOCH")).isEqualTo("32");
    assertThat(m.get("GENESIS_FORK_VERSION")).isEqualTo("0x00000000");
    assertThat(m.get("FULU_FORK_EPOCH")).isEqualTo("411392");
    assertThat(m.get("GLOAS_FORK_EPOCH")).isEqualTo("18446744073709551615");
    assertThat(m.get("DEPOSIT_CONTRACT_ADDRESS")).isEqualTo("0x00000000219ab540356cbb839cbe05303d7705fa");
    assertThat(m.get("PRESET_BASE")).isEqualTo("mainnet");
    assertThat(m.get("BLOB_SCHEDULE"))
        .isEqualTo(
            List.of(
                Map.of("EPOCH", "412672", "MAX_BLOBS_PER_BLOCK", "15"),
                Map.of("EPOCH", "419072", "MAX_BLOBS_PER_BLOCK", "21")));
  }

  @ParameterizedTest
  @CsvSource({"mainnet", "minimal"})
  void configYamlRoundTrips(String network) throws IOException {
    SpecConfig original = SpecConfigLoader.load(network);
    Path file = write(original.toConfigYaml());
    SpecConfig reloaded = SpecConfigLoader.load(file);
    assertThat(reloaded).isEqualTo(original);
    assertThat(reloaded).isNotSameAs(original);
  }

  @Test
  void customConfigPicksPresetByPresetBase() throws IOException {
    String yaml =
        SpecConfigLoader.load("minimal").toConfigYaml()
            .replace("CONFIG_NAME: 'minimal'", "CONFIG_NAME: 'my-devnet'")
            .replace("PRESET_BASE: 'minimal'", "PRESET_BASE: 'mainnet'");
    SpecConfig c = SpecConfigLoader.load(write(yaml));
    assertThat(c.configName()).isEqualTo("my-devnet");
    assertThat(c.slotsPerEpoch()).isEqualTo(32);
    assertThat(c.fuluForkVersion()).isEqualTo(Bytes.fromHexString("0x06000001"));
  }

  @Test
  void customConfigMayOmitLaterForkKeys() throws IOException {
    SpecConfig minimal = SpecConfigLoader.load("minimal");
    StringBuilder yaml = new StringBuilder();
    for (String line : minimal.toConfigYaml().split("\n")) {
      if (!line.startsWith("GLOAS_") && !line.startsWith("HEZE_") && !line.startsWith("CONFIRMATION_")) {
        yaml.append(line).append('\n');
      }
    }
    SpecConfig c = SpecConfigLoader.load(write(yaml.toString()));
    assertThat(c.gloasForkEpoch()).isEqualTo(UInt64.MAX_VALUE);
    assertThat(c.gloasForkVersion()).isEqualTo(Bytes.fromHexString("0x07000001"));
    assertThat(c.confirmationByzantineThreshold()).isEqualTo(25);
    assertThat(c).isEqualTo(minimal);
  }

  @Test
  void unknownKeyIsRejectedNamingKeyAndFile() throws IOException {
    Path file = write(SpecConfigLoader.load("minimal").toConfigYaml() + "SECONDS_PER_SLOT: 6\n");
    assertThatThrownBy(() -> SpecConfigLoader.load(file))
        .isInstanceOfSatisfying(
            SpecConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo("SECONDS_PER_SLOT");
              assertThat(e.source()).isEqualTo(file.toString());
            })
        .hasMessageContaining("unknown key 'SECONDS_PER_SLOT'")
        .hasMessageContaining(file.toString());
  }

  @Test
  void aTolerantLoadSkipsAndListsUnknownKeysButStaysStrictOnTheRest() throws IOException {
    String yaml = SpecConfigLoader.load("minimal").toConfigYaml()
        + "MAX_TRANSACTIONS_BYTES_PER_INCLUSION_LIST: 8192\nSECONDS_PER_SLOT: 6\n";
    SpecConfigLoader.TolerantLoad loaded = SpecConfigLoader.loadTolerant(write(yaml), List.of());
    assertThat(loaded.unknownKeys()).containsExactly("MAX_TRANSACTIONS_BYTES_PER_INCLUSION_LIST", "SECONDS_PER_SLOT");
    assertThat(loaded.config()).isEqualTo(SpecConfigLoader.load("minimal"));

    Path malformed = write(yaml.replace("ALTAIR_FORK_EPOCH: 18446744073709551615", "ALTAIR_FORK_EPOCH: soon"));
    assertThatThrownBy(() -> SpecConfigLoader.loadTolerant(malformed, List.of()))
        .isInstanceOf(SpecConfigException.class)
        .hasMessageContaining("malformed value for ALTAIR_FORK_EPOCH");
    Path presetKey = write(yaml + "SLOTS_PER_EPOCH: 4\n");
    assertThatThrownBy(() -> SpecConfigLoader.loadTolerant(presetKey, List.of()))
        .isInstanceOf(SpecConfigException.class)
        .hasMessageContaining("'SLOTS_PER_EPOCH' is a preset key");
  }

  @Test
  void missingRequiredKeyIsRejectedNamingIt() throws IOException {
    String yaml = SpecConfigLoader.load("minimal").toConfigYaml().replaceAll("(?m)^ALTAIR_FORK_EPOCH:.*\n", "");
    Path file = write(yaml);
    assertThatThrownBy(() -> SpecConfigLoader.load(file))
        .isInstanceOf(SpecConfigException.class)
        .hasMessageContaining("missing required key 'ALTAIR_FORK_EPOCH'")
        .hasMessageContaining(file.toString());
  }

  @Test
  void missingPresetBaseIsRejected() throws IOException {
    String yaml = SpecConfigLoader.load("minimal").toConfigYaml().replaceAll("(?m)^PRESET_BASE:.*\n", "");
    assertThatThrownBy(() -> SpecConfigLoader.load(write(yaml)))
        .isInstanceOf(SpecConfigException.class)
        .hasMessageContaining("missing required key 'PRESET_BASE'");
  }

  @Test
  void presetKeyInConfigIsRejected() throws IOException {
    Path file = write(SpecConfigLoader.load("minimal").toConfigYaml() + "SLOTS_PER_EPOCH: 4\n");
    assertThatThrownBy(() -> SpecConfigLoader.load(file))
        .isInstanceOfSatisfying(SpecConfigException.class, e -> assertThat(e.key()).isEqualTo("SLOTS_PER_EPOCH"))
        .hasMessageContaining("'SLOTS_PER_EPOCH' is a preset key (the phase0 preset)");
  }

  @Test
  void aLaterForksKeyIsUnknownWithoutItsExtension() throws IOException {
    Path unknown = write(SpecConfigLoader.load("minimal").toConfigYaml() + "EDVT_FORK_EPOCH: 8\n");
    assertThatThrownBy(() -> SpecConfigLoader.load(unknown))
        .isInstanceOf(SpecConfigException.class)
        .hasMessageContaining("unknown key 'EDVT_FORK_EPOCH'");
    assertThatThrownBy(() -> SpecConfigLoader.load("minimal", Map.of("EDVT_FORK_EPOCH", "2")))
        .isInstanceOf(SpecConfigException.class)
        .hasMessageContaining("needs the config loaded with that fork's extension");
  }

  @Test
  void configKeyInPresetFileAndWrongForkAreRejected() {
    Map<ConfigKey, Object> sink = new HashMap<>();
    Map<String, ConfigKey> keys = new HashMap<>();
    for (SpecConfigKey key : SpecConfigKey.values()) {
      keys.put(key.name(), key);
    }
    Optional<String> altair = Optional.of("altair.yaml");
    assertThatThrownBy(
            () -> SpecConfigLoader.readSection(yaml("ALTAIR_FORK_EPOCH: 0\n"), "p.yaml", altair, keys, sink))
        .isInstanceOf(SpecConfigException.class)
        .hasMessageContaining("'ALTAIR_FORK_EPOCH' is a network config key");
    assertThatThrownBy(
            () -> SpecConfigLoader.readSection(yaml("SLOTS_PER_EPOCH: 8\n"), "p.yaml", altair, keys, sink))
        .isInstanceOf(SpecConfigException.class)
        .hasMessageContaining("belongs to the phase0 preset, not the altair preset");
    SpecConfigLoader.readSection(yaml("SYNC_COMMITTEE_SIZE: 16\n"), "p.yaml", altair, keys, sink);
    assertThat(sink).containsEntry(SpecConfigKey.SYNC_COMMITTEE_SIZE, 16);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ALTAIR_FORK_EPOCH: abc                | ALTAIR_FORK_EPOCH | 'abc'                  | not a decimal integer",
        "ALTAIR_FORK_EPOCH: -1                 | ALTAIR_FORK_EPOCH | '-1'                   | negative",
        "ALTAIR_FORK_EPOCH: 18446744073709551616 | ALTAIR_FORK_EPOCH | '18446744073709551616' | too large",
        "ALTAIR_FORK_EPOCH: 010                | ALTAIR_FORK_EPOCH | '010'                  | leading zeros",
        "ALTAIR_FORK_EPOCH: 1.5                | ALTAIR_FORK_EPOCH | '1.5'                  | not a decimal integer",
        "ALTAIR_FORK_EPOCH:                    | ALTAIR_FORK_EPOCH | null                   | no value given",
        "SLOT_DURATION_MS: 2147483648          | SLOT_DURATION_MS  | '2147483648'           | too large",
        "GENESIS_FORK_VERSION: 0x000000        | GENESIS_FORK_VERSION | '0x000000'          | 3 bytes instead of 4",
        "GENESIS_FORK_VERSION: 0x0000000000    | GENESIS_FORK_VERSION | '0x0000000000'      | 5 bytes instead of 4",
        "GENESIS_FORK_VERSION: 0x0000000g      | GENESIS_FORK_VERSION | '0x0000000g'        | not 0x-prefixed hex",
        "GENESIS_FORK_VERSION: 12345678        | GENESIS_FORK_VERSION | '12345678'          | not 0x-prefixed hex",
        "DEPOSIT_CONTRACT_ADDRESS: 0x1234      | DEPOSIT_CONTRACT_ADDRESS | '0x1234'        | 2 bytes instead of 20",
        "TERMINAL_BLOCK_HASH: 0x00             | TERMINAL_BLOCK_HASH | '0x00'               | 1 bytes instead of 32",
        "CONFIG_NAME: My_Net                   | CONFIG_NAME | 'My_Net'                     | characters other than",
        "PRESET_BASE: gnosis                   | PRESET_BASE | 'gnosis'                     | not a built-in preset",
        "BLOB_SCHEDULE: 5                      | BLOB_SCHEDULE | '5'                        | not a list",
        "'BLOB_SCHEDULE: [{EPOCH: 1}]'         | BLOB_SCHEDULE | [{EPOCH=1}]                | entry 0 has keys",
        "'BLOB_SCHEDULE: [{EPOCH: 1, MAX_BLOBS_PER_BLOCK: 2}, {EPOCH: 1, MAX_BLOBS_PER_BLOCK: 3}]' | BLOB_SCHEDULE | EPOCH=1 | epoch 1 appears twice",
        "'BLOB_SCHEDULE: [{EPOCH: x, MAX_BLOBS_PER_BLOCK: 2}]' | BLOB_SCHEDULE | EPOCH=x | entry 0 EPOCH: not a decimal integer",
      })
  void malformedValuesAreRejectedNamingKeyValueAndForm(
      String line, String key, String shownValue, String reason) throws IOException {
    SpecConfigKey k = SpecConfigKey.valueOf(key);
    String yaml =
        SpecConfigLoader.load("minimal").toConfigYaml()
            .replaceAll("(?m)^" + key + ":.*\n(  .*\n)*", "")
            + line + "\n";
    Path file = write(yaml);
    assertThatThrownBy(() -> SpecConfigLoader.load(file))
        .isInstanceOfSatisfying(SpecConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("malformed value for " + key)
        .hasMessageContaining(shownValue)
        .hasMessageContaining(reason)
        .hasMessageContaining("expected " + k.type().expectedForm());
  }

  @Test
  void duplicateKeyIsRejected() throws IOException {
    Path file = write(SpecConfigLoader.load("minimal").toConfigYaml() + "ALTAIR_FORK_EPOCH: 3\n");
    assertThatThrownBy(() -> SpecConfigLoader.load(file))
        .isInstanceOf(SpecConfigException.class)
        .hasMessageContaining("'ALTAIR_FORK_EPOCH' is given more than once");
  }

  @Test
  void invalidYamlIsRejectedNamingFile() throws IOException {
    Path file = write("PRESET_BASE: [unclosed\n");
    assertThatThrownBy(() -> SpecConfigLoader.load(file))
        .isInstanceOf(SpecConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not readable as YAML");
  }

  @Test
  void overridesReplaceSingleValues() {
    SpecConfig base = SpecConfigLoader.load("minimal");
    SpecConfig c =
        SpecConfigLoader.load(
            "minimal",
            Map.of(
                "ALTAIR_FORK_EPOCH", "0",
                "FULU_FORK_EPOCH", "12",
                "FULU_FORK_VERSION", "0x60000038",
                "BLOB_SCHEDULE", "[{EPOCH: 20, MAX_BLOBS_PER_BLOCK: 12}]",
                "SHUFFLE_ROUND_COUNT", "20"));
    assertThat(c.altairForkEpoch()).isEqualTo(UInt64.ZERO);
    assertThat(c.fuluForkEpoch()).isEqualTo(UInt64.valueOf(12));
    assertThat(c.fuluForkVersion()).isEqualTo(Bytes.fromHexString("0x60000038"));
    assertThat(c.blobSchedule()).containsExactly(new BlobScheduleEntry(UInt64.valueOf(20), 12));
    assertThat(c.shuffleRoundCount()).isEqualTo(20);
    assertThat(c.bellatrixForkEpoch()).isEqualTo(base.bellatrixForkEpoch());
    assertThat(c.slotsPerEpoch()).isEqualTo(8);
    // the cached built-in instance is untouched
    assertThat(base.altairForkEpoch()).isEqualTo(UInt64.MAX_VALUE);
    assertThat(SpecConfigLoader.load("minimal").shuffleRoundCount()).isEqualTo(10);
    assertThat(c.withOverrides(Map.of("ALTAIR_FORK_EPOCH", "18446744073709551615", "FULU_FORK_EPOCH", "18446744073709551615",
                "FULU_FORK_VERSION", "0x06000001", "BLOB_SCHEDULE", "[]", "SHUFFLE_ROUND_COUNT", "10")))
        .isEqualTo(base);
  }

  @Test
  void overridesAreValidated() {
    SpecConfig base = SpecConfigLoader.load("mainnet");
    assertThatThrownBy(() -> base.withOverrides(Map.of("ALTAIR_EPOCH", "1")))
        .isInstanceOf(SpecConfigException.class)
        .hasMessageContaining("unknown key 'ALTAIR_EPOCH'");
    assertThatThrownBy(() -> base.withOverrides(Map.of("ALTAIR_FORK_EPOCH", "-4")))
        .isInstanceOf(SpecConfigException.class)
        .hasMessageContaining("malformed value for ALTAIR_FORK_EPOCH: '-4' (negative)");
    assertThatThrownBy(() -> base.withOverrides(Map.of("PRESET_BASE", "minimal")))
        .isInstanceOf(SpecConfigException.class)
        .hasMessageContaining("PRESET_BASE cannot be overridden");
  }

  private Path write(String content) throws IOException {
    Path file = Files.createTempFile(tmp, "config", ".yaml");
    Files.writeString(file, content);
    return file;
  }

  private static Map<String, Object> yaml(String text) {
    return RawYaml.readMapping(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
  }
}
