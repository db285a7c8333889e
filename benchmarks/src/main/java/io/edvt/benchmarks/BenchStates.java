package io.edvt.benchmarks;

import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The big mainnet-preset Fulu states the side-by-side benchmarks share with Lodestar: the files
 * {@code state-<N>.ssz} written by {@code benchmarks/lodestar/bench.mjs gen-state} into the folder
 * named by the system property {@code edvt.bench.states} (default {@code benchmarks/lodestar/out}).
 */
final class BenchStates {
  private BenchStates() {}

  static ContainerType<? extends BeaconStateFulu> mainnetStateType() {
    return new SchemaDefinitionsFulu(SpecConfigLoader.load("mainnet")).beaconState();
  }

  private static Path dir() {
    return Path.of(System.getProperty("edvt.bench.states", "benchmarks/lodestar/out"));
  }

  /**
   * Checks our root of the state against the one Lodestar recorded when it wrote the file
   * ({@code gen-<N>.json}), so a benchmark never measures a state we decode differently.
   */
  static void checkRoot(int validators, byte[] root) {
    checkRoot("", validators, root);
  }

  /** As {@link #checkRoot(int, byte[])} for {@code gen-<variant><N>.json} (variant "" or "valid-"). */
  static void checkRoot(String variant, int validators, byte[] root) {
    Path meta = dir().resolve("gen-" + variant + validators + ".json");
    if (!Files.exists(meta)) {
      return;
    }
    try {
      String expected = new com.fasterxml.jackson.databind.ObjectMapper().readTree(meta.toFile()).get("root").asText();
      String actual = org.apache.tuweni.bytes.Bytes.wrap(root).toHexString();
      if (!expected.equalsIgnoreCase(actual)) {
        throw new IllegalStateException("state root mismatch with Lodestar for N=" + validators + ": ours " + actual + ", Lodestar's " + expected);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(int validators) {
    return read("", validators);
  }

  /**
   * {@code state-<variant><N>.ssz}; variant "valid-" is the state written by {@code gen-state
   * --valid-pubkeys true} (real BLS public keys, which Lodestar's CachedBeaconState needs).
   */
  static byte[] read(String variant, int validators) {
    Path dir = dir();
    Path file = dir.resolve("state-" + variant + validators + ".ssz");
    if (!Files.exists(file)) {
      throw new IllegalStateException("missing " + file.toAbsolutePath() + ": generate it first with "
          + "'node benchmarks/lodestar/bench.mjs gen-state --validators " + validators
          + (variant.equals("valid-") ? " --valid-pubkeys true" : "") + " --out " + file + "' "
          + "(see benchmarks/README.md), or set -Dedvt.bench.states=<folder>");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The state's shared public-key index with every validator's key decompressed and
   * KeyValidated, as a running node holds it (Lodestar's {@code index2pubkey} always is), so a
   * benchmark measures block or epoch work, not first-use decompression.
   */
  static PubkeyIndex warmPubkeyIndex(MutableBeaconState state) {
    PubkeyIndex index = PubkeyIndex.of(state);
    index.indexOf(state, state.validators().get(0).pubkey());
    for (int i = 0; i < state.validators().size(); i++) {
      index.publicKey(i, state.validators().get(i).pubkey()).validate();
    }
    return index;
  }
}
