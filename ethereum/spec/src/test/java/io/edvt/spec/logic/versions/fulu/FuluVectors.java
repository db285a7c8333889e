package io.edvt.spec.logic.versions.fulu;

import io.edvt.infrastructure.io.SnappyFiles;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.schemas.SpecTestVectors;
import java.nio.file.Files;
import java.nio.file.Path;

/** Minimal-preset Fulu states and blocks from the consensus-spec-tests vectors, for unit tests. */
final class FuluVectors {
  static final SpecFulu SPEC = new SpecFulu(SpecConfigLoader.load("minimal"));

  private FuluVectors() {}

  /** {@code tests/minimal/fulu/<relative>}; fails (never skips) when the vectors are absent. */
  static Path dir(String relative) {
    Path dir = SpecTestVectors.requireTestsDir().resolve("minimal/fulu").resolve(relative);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("no vector folder " + dir + " in the official vectors");
    }
    return dir;
  }

  static byte[] ssz(Path caseDir, String name) {
    return SnappyFiles.readSszSnappy(caseDir.resolve(name + ".ssz_snappy"));
  }

  static BeaconState state(Path caseDir, String name) {
    return SPEC.schemas().beaconState().deserialize(ssz(caseDir, name));
  }

  static SignedBeaconBlock block(Path caseDir, int n) {
    return SPEC.schemas().signedBeaconBlock().deserialize(ssz(caseDir, "blocks_" + n));
  }

  /** The number of {@code blocks_<n>} files of a sanity/blocks case. */
  static int blockCount(Path caseDir) {
    int n = 0;
    while (Files.exists(caseDir.resolve("blocks_" + n + ".ssz_snappy"))) {
      n++;
    }
    return n;
  }

  /**
   * {@code process_slots(state, slot)} when {@code slot} is ahead of the state (the blocks' own
   * slot otherwise), with epoch processing at every boundary it crosses.
   */
  static void processSlots(MutableBeaconState state, UInt64 slot) {
    if (state.slot().isLessThan(slot)) {
      SPEC.stateTransition().processSlots(state, slot);
    }
  }
}
