package io.edvt.reftests.lodestar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.edvt.infrastructure.io.SnappyFiles;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import io.edvt.reftests.VectorsRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves the Lodestar harness ({@code stf.mjs} + {@link LodestarRunner}) before it is used as an
 * oracle for our own chains: consensus-spec {@code sanity/blocks} vectors (minimal preset, Fulu,
 * real BLS signatures, v1.7.0-alpha.13) go through Lodestar 1.46.0 with signature and state-root
 * verification on, and Lodestar must reach each case's {@code post} state root; after every block
 * its root must equal the block's {@code state_root} (Lodestar checks that too). Invalid cases must
 * be rejected at the right block, which shows that the harness really verifies signatures and
 * state roots and that a run can fail.
 *
 * <p>All 65 minimal {@code sanity/blocks} cases were run through the harness once while writing it:
 * the 50 valid ones agree with {@code post}, the 15 invalid ones are rejected. In particular there
 * is no disagreement from consensus-specs#4704 (Fulu drops the old eth1-bridge deposit path): at
 * 1.46.0 Lodestar already requires {@code len(body.deposits) == 0} from Fulu on and skips the
 * eth1-bridge gate in {@code process_pending_deposits} and {@code process_deposit_request}, as
 * {@code invalid_old_style_deposit_rejected} below shows; eth1-data votes are still processed by
 * both (the spec only deprecated them), as {@code eth1_data_votes_consensus} shows. The cases here
 * are a cross-section: attestations across an epoch boundary, proposer slashings, voluntary exits,
 * random operations (attester slashings, exits, BLS changes), deposit requests, a multi-epoch
 * consolidation chain, a full sync aggregate, eth1-data voting over a whole voting period.
 */
class LodestarAgreesWithVectorsTest {
  private static final String PRESET = "minimal";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The consensus-spec-tests Fulu config: the minimal config with every fork up to Fulu at genesis. */
  private static SpecConfig config;
  private static SchemaDefinitionsFulu schemas;
  private static LodestarRunner lodestar;

  @BeforeAll
  static void setUp() {
    config = SpecConfigLoader.load(PRESET, Map.of(
        "ALTAIR_FORK_EPOCH", "0",
        "BELLATRIX_FORK_EPOCH", "0",
        "CAPELLA_FORK_EPOCH", "0",
        "DENEB_FORK_EPOCH", "0",
        "ELECTRA_FORK_EPOCH", "0",
        "FULU_FORK_EPOCH", "0"));
    schemas = new SchemaDefinitionsFulu(config);
    lodestar = LodestarRunner.installed(); // fails (never skips) when Lodestar cannot be installed
  }

  private static Path caseDir(String name) {
    Path dir = VectorsRoot.testsDir().resolve(PRESET).resolve("fulu").resolve("sanity").resolve("blocks")
        .resolve("pyspec_tests").resolve(name);
    assertThat(dir).as("vector case folder").isDirectory();
    return dir;
  }

  private record Vector(LodestarCase input, List<SignedBeaconBlock> blocks, Bytes32 postRoot) {}

  private static Vector load(String name) throws IOException {
    Path dir = caseDir(name);
    JsonNode meta = YAML.readTree(dir.resolve("meta.yaml").toFile());
    int count = meta.path("blocks_count").asInt(-1);
    assertThat(count).as("blocks_count in meta.yaml").isPositive();
    assertThat(meta.path("bls_setting").asInt(0)).as("bls_setting (2 means signatures are not valid)").isNotEqualTo(2);
    List<byte[]> blockBytes = new ArrayList<>();
    List<SignedBeaconBlock> blocks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] b = SnappyFiles.readSszSnappy(dir.resolve("blocks_" + i + ".ssz_snappy"));
      blockBytes.add(b);
      blocks.add(schemas.signedBeaconBlock().deserialize(b));
    }
    byte[] pre = SnappyFiles.readSszSnappy(dir.resolve("pre.ssz_snappy"));
    Path post = dir.resolve("post.ssz_snappy");
    Bytes32 postRoot = Files.exists(post)
        ? schemas.beaconState().deserialize(SnappyFiles.readSszSnappy(post)).hashTreeRoot()
        : null;
    return new Vector(new LodestarCase("vectors-" + name, config, pre, blockBytes), blocks, postRoot);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "attestation",
    "multiple_different_proposer_slashings_same_block",
    "multiple_different_validator_exits_same_block",
    "full_random_operations_0",
    "deposit_request_max_per_payload",
    "multi_epoch_consolidation_chain",
    "sync_committee_committee__full",
    "eth1_data_votes_consensus",
  })
  void lodestarReachesThePostState(String name) throws IOException {
    Vector v = load(name);
    assertThat(v.postRoot()).as("valid case has post.ssz_snappy").isNotNull();

    LodestarResult r = lodestar.run(v.input()).requireCompleted();

    List<LodestarStep.Block> blocks = r.blocks();
    assertThat(blocks).hasSize(v.blocks().size());
    for (int i = 0; i < blocks.size(); i++) {
      SignedBeaconBlock block = v.blocks().get(i);
      assertThat(blocks.get(i).index()).isEqualTo(i);
      assertThat(blocks.get(i).slot()).isEqualTo(block.message().slot().longValue());
      assertThat(blocks.get(i).stateRoot())
          .as("Lodestar's root after block %d vs the block's state_root", i)
          .isEqualTo(block.message().stateRoot());
    }
    assertThat(r.done().orElseThrow().stateRoot()).as("Lodestar's final root vs post.ssz_snappy").isEqualTo(v.postRoot());
    System.out.printf("LodestarAgreesWithVectorsTest %s: %d blocks, %d epoch transitions, agree, node %d ms%n",
        name, blocks.size(), r.epochs().size(), r.elapsed().toMillis());
  }

  /** Invalid cases: Lodestar must reject the last block, with a reason naming the check. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "invalid_incorrect_state_root|Invalid state root",
    "invalid_all_zeroed_sig|Invalid encoding",
    "invalid_incorrect_proposer_index_sig_from_expected_proposer|Invalid block signature",
    "invalid_old_style_deposit_rejected|incorrect number of deposits",
  })
  void lodestarRejectsTheInvalidBlock(String caseAndReason) throws IOException {
    String name = caseAndReason.substring(0, caseAndReason.indexOf('|'));
    String reason = caseAndReason.substring(caseAndReason.indexOf('|') + 1);
    Vector v = load(name);
    assertThat(v.postRoot()).as("an invalid case has no post state").isNull();

    LodestarResult r = lodestar.run(v.input());

    assertThat(r.completed()).as("Lodestar must reject %s", name).isFalse();
    LodestarStep.Error error = r.error().orElseThrow();
    assertThat(error.index()).as("rejected block index").isEqualTo(v.blocks().size() - 1);
    assertThat(error.message()).contains(reason);
    assertThat(r.exitCode()).isNotZero();
  }
}
