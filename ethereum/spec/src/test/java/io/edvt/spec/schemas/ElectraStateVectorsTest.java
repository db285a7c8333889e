package io.edvt.spec.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edvt.infrastructure.io.SnappyFiles;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateElectra;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Electra state against the {@code fork} vectors (Electra {@code pre}, Fulu {@code post}):
 * the {@code pre} read with {@link SchemaDefinitionsElectra} re-serialises to the same bytes, and
 * {@code upgrade_to_fulu} ({@link io.edvt.spec.logic.versions.fulu.ForkUpgradeFulu}) of it gives
 * {@code post}: the same fork, proposer lookahead and root. This checks the Electra layout field by
 * field (every field is carried over) and the upgrade itself, inside the spec module; the
 * reference-test {@code fork} executor runs the same vectors.
 */
class ElectraStateVectorsTest {

  @TestFactory
  Stream<DynamicTest> electraPreStatesUpgradeToTheFuluPostStates() {
    Optional<Path> dir = SpecTestVectors.testsDir()
        .map(t -> t.resolve("minimal/fulu/fork/fork/pyspec_tests"));
    List<Path> cases = dir.map(SpecTestVectors::subdirs).orElse(List.of());
    assumeTrue(!cases.isEmpty(), "no minimal fork vectors");
    SpecConfig config = SpecConfigLoader.load("minimal");
    ContainerType<? extends BeaconState> electraType =
        new SchemaDefinitionsElectra(config).beaconState();
    SpecFulu spec = new SpecFulu(config);
    ContainerType<? extends BeaconStateFulu> fuluType = spec.schemas().beaconState();
    return cases.stream()
        .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
          byte[] preBytes = SnappyFiles.readSszSnappy(c.resolve("pre.ssz_snappy"));
          byte[] postBytes = SnappyFiles.readSszSnappy(c.resolve("post.ssz_snappy"));
          BeaconStateElectra pre = BeaconStateElectra.required(electraType.deserialize(preBytes));
          BeaconStateFulu post = fuluType.deserialize(postBytes);
          assertThat(Bytes.wrap(pre.serialize())).isEqualTo(Bytes.wrap(preBytes));

          BeaconStateFulu upgraded = spec.forkUpgrade().upgradeToFulu(pre);
          assertThat(upgraded.fork()).isEqualTo(post.fork());
          assertThat(upgraded.proposerLookahead()).isEqualTo(post.proposerLookahead());
          assertThat(upgraded.hashTreeRoot()).isEqualTo(post.hashTreeRoot());
          assertThat(upgraded.validators()).isEqualTo(pre.validators());
        }));
  }
}
