package io.edvt.node.cli.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.node.cli.Vectors;
import io.edvt.node.config.GenesisStateReader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DevnetFilesTest {
  @Test
  void theCommittedGenesisIsTheFuluGenesisOfTheCommittedConfig() throws Exception {
    byte[] built = DevnetFiles.buildGenesis(DevnetFiles.configYaml());
    if (Boolean.getBoolean("edvt.writeDevnetGenesis")) {
      Path source = Vectors.repository().resolve("node/src/test/resources")
          .resolve(DevnetFiles.class.getPackageName().replace('.', '/')).resolve("network-configs/genesis.ssz");
      Files.write(source, built);
    }
    assertThat(Arrays.equals(Files.readAllBytes(DevnetFiles.genesisSsz()), built))
        .as("genesis.ssz differs from what config.yaml gives; rewrite it with -Dedvt.writeDevnetGenesis=true").isTrue();

    BeaconState state = GenesisStateReader.read(DevnetFiles.genesisSsz(),
        EdvtConfig.loadTolerant(DevnetFiles.configYaml()).config());
    assertThat(SpecVersions.milestoneOf(state).forkName()).isEqualTo("fulu");
    assertThat(state.validators().size()).isEqualTo(64);
    assertThat(state.genesisTime().longValue()).isEqualTo(1786363200L + 20);
  }
}
