package io.edvt.node.wiring;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.beacon.DevnetFiles;
import io.edvt.node.validator.keys.Keystore;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small network for nodes with validators, written to a folder: the devnet config.yaml (minimal
 * preset, every fork up to Fulu at genesis) with {@code SLOT_DURATION_MS} shortened and
 * {@code EDVT_FORK_EPOCH: 1} (the chain crosses into EDVT while it runs: an EDVT genesis needs the
 * genesis tool being written elsewhere); an interop genesis of {@code validators} validators at
 * {@code genesisTime} (the spec's {@link GenesisFulu}); and keystores of
 * validator ranges in ethereum-package's teku layout, encrypted with a cheap PBKDF2 count.
 */
final class ValidatorDevnet {
  final Path dir;
  final Path configYaml;
  final Path genesisSsz;
  final BeaconState genesis;

  private ValidatorDevnet(Path dir, Path configYaml, Path genesisSsz, BeaconState genesis) {
    this.dir = dir;
    this.configYaml = configYaml;
    this.genesisSsz = genesisSsz;
    this.genesis = genesis;
  }

  static ValidatorDevnet write(Path dir, int validators, long slotDurationMs, long genesisTime) {
    try {
      Files.createDirectories(dir);
      String yaml = Files.readString(DevnetFiles.configYaml())
          .replaceFirst("(?m)^SLOT_DURATION_MS: .*$", "SLOT_DURATION_MS: " + slotDurationMs)
          .replaceFirst("(?m)^MIN_GENESIS_ACTIVE_VALIDATOR_COUNT: .*$", "MIN_GENESIS_ACTIVE_VALIDATOR_COUNT: " + validators)
          + "\nEDVT_FORK_EPOCH: 1\n";
      Path configYaml = dir.resolve("config.yaml");
      Files.writeString(configYaml, yaml);
      SpecConfig config = EdvtConfig.loadTolerant(configYaml).config();
      SpecVersions versions = new SpecVersions(config);
      BeaconState genesis = new GenesisFulu(versions.fulu()).interop(validators, UInt64.valueOf(genesisTime),
          SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);
      Path genesisSsz = dir.resolve("genesis.ssz");
      Files.write(genesisSsz, genesis.serialize());
      return new ValidatorDevnet(dir, configYaml, genesisSsz, genesis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keystores of interop validators {@code from} (inclusive) to {@code to} (exclusive); returns the {@code --validator-keys} value. */
  String keys(String name, int from, int to) {
    List<BlsSecretKey> keys = new ArrayList<>();
    for (int i = from; i < to; i++) {
      keys.add(BlsSecretKey.interop(i));
    }
    return keystores(dir.resolve(name), keys);
  }

  /** Keystores of {@code keys} in {@code folder}'s teku layout; returns the {@code --validator-keys} value. */
  static String keystores(Path folder, List<BlsSecretKey> keys) {
    Path keystores = folder.resolve("teku-keys");
    Path secrets = folder.resolve("teku-secrets");
    try {
      Files.createDirectories(keystores);
      Files.createDirectories(secrets);
      for (int i = 0; i < keys.size(); i++) {
        Path file = keystores.resolve("validator-" + i + ".json");
        String password = "password-" + i;
        Files.writeString(file, Keystore.encrypt(file, keys.get(i), password, Keystore.pbkdf2(16),
            "m/12381/3600/" + i + "/0/0").toJson());
        Files.writeString(secrets.resolve("validator-" + i + ".txt"), password);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return keystores + ":" + secrets;
  }
}
