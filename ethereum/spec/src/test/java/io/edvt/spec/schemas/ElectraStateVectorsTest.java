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
import io.edvt.spec.datastructures.state.Fork;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Electra state against the {@code fork} vectors (Electra {@code pre}, Fulu {@code post}):
 * {@code upgrade_to_fulu} copies every Electra field, sets a new {@code fork} and appends
 * {@code proposer_lookahead}. Rebuilding {@code post} that way from the {@code pre} read with
 * {@link SchemaDefinitionsElectra} must give {@code post}'s root, which checks the Electra layout
 * field by field and that its values fit the Fulu state type.
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
    ContainerType<? extends BeaconStateFulu> fuluType =
        new SchemaDefinitionsFulu(config).beaconState();
    return cases.stream()
        .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
          byte[] preBytes = SnappyFiles.readSszSnappy(c.resolve("pre.ssz_snappy"));
          byte[] postBytes = SnappyFiles.readSszSnappy(c.resolve("post.ssz_snappy"));
          BeaconStateElectra pre = BeaconStateElectra.required(electraType.deserialize(preBytes));
          BeaconStateFulu post = fuluType.deserialize(postBytes);
          assertThat(Bytes.wrap(pre.serialize())).isEqualTo(Bytes.wrap(preBytes));

          Fork fork = Fork.create(
              pre.fork().currentVersion(), config.fuluForkVersion(), post.fork().epoch());
          assertThat(post.fork()).isEqualTo(fork);
          Object[] values = Arrays.copyOf(pre.values(), BeaconStateFulu.FIELD_COUNT);
          values[BeaconState.FORK] = fork;
          values[BeaconStateFulu.PROPOSER_LOOKAHEAD] = post.proposerLookahead();
          BeaconStateFulu rebuilt = fuluType.create(values);
          assertThat(rebuilt.hashTreeRoot()).isEqualTo(post.hashTreeRoot());
          assertThat(rebuilt.validators()).isEqualTo(pre.validators());
        }));
  }
}
