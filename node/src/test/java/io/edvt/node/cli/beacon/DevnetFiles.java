package io.edvt.node.cli.beacon;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The files ethereum-package mounts into a beacon node's container, as test resources:
 * {@code network-configs/} (config.yaml, genesis.ssz), {@code jwt/jwtsecret},
 * {@code keymanager/keymanager.txt}, {@code peerdas-node-keys/node-key-file-1} and
 * {@code validator-keys/node-0-keystores/teku-{keys,secrets}}.
 *
 * <p>genesis.ssz is the Fulu genesis of config.yaml's network for the 64 interop validators at
 * {@code MIN_GENESIS_TIME + GENESIS_DELAY}, built by the spec's {@link GenesisFulu};
 * {@code DevnetFilesTest} checks the committed file is still what the config gives, and rewrites
 * it in the source tree when run with {@code -Dedvt.writeDevnetGenesis=true}.
 */
public final class DevnetFiles {
  private DevnetFiles() {}

  /** The folder of the resources. */
  public static Path root() {
    try {
      return Path.of(DevnetFiles.class.getResource("network-configs/config.yaml").toURI()).getParent().getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path networkConfigs() {
    return root().resolve("network-configs");
  }

  public static Path configYaml() {
    return networkConfigs().resolve("config.yaml");
  }

  public static Path genesisSsz() {
    return networkConfigs().resolve("genesis.ssz");
  }

  /** The genesis state's bytes, built from config.yaml. */
  public static byte[] buildGenesis(Path configYaml) {
    SpecConfig config = EdvtConfig.loadTolerant(configYaml).config();
    GenesisFulu genesis = new GenesisFulu(new SpecVersions(config).fulu());
    UInt64 time = config.minGenesisTime().plus(config.genesisDelay());
    BeaconStateFulu state = genesis.interop(64, time, SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);
    return state.serialize();
  }
}
