package io.edvt.reftests.forkchoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.spec.logic.versions.fulu.DataColumnSidecarVerifier;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.io.SnappyFiles;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.TestCase;
import io.edvt.spec.SpecMilestone;
import io.edvt.reftests.VectorsRoot;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fork_choice executor does not pass what it should not: a provided case altered to expect
 * the wrong outcome fails, and so does an invalid block refused only by its state root. And the column sidecars of a provided case pass every sidecar check,
 * the inclusion proof included, while tampered ones do not.
 */
class ForkChoiceExecutorTest {
  private static final SpecFulu SPEC = ReferenceSpecs.spec("minimal", SpecMilestone.FULU);
  private static final String PEERDAS_OK = "on_block_peerdas__ok";

  @TempDir Path tmp;

  private static Path provided(String handler, String name) {
    return VectorsRoot.testsDir().resolve("minimal/fulu/fork_choice").resolve(handler).resolve("pyspec_tests").resolve(name);
  }

  /** A copy of a provided case whose steps.yaml is changed by replacing {@code from} with {@code to}. */
  private TestCase altered(String handler, String name, String from, String to) throws IOException {
    Path source = provided(handler, name);
    Path dir = Files.createDirectories(tmp.resolve(name));
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    String steps = Files.readString(dir.resolve("steps.yaml"));
    assertThat(steps).contains(from);
    Files.writeString(dir.resolve("steps.yaml"), steps.replaceFirst(java.util.regex.Pattern.quote(from), to));
    return new TestCase("minimal", "fulu", "fork_choice", handler, "pyspec_tests", name, dir);
  }

  /**
   * A copy of an EDVT case (this repository's vectors) whose steps.yaml has its last occurrence of
   * {@code from} replaced by {@code to}.
   */
  private TestCase alteredEdvt(String handler, String name, String from, String to) throws IOException {
    Path source = VectorsRoot.repositoryTestsDir().resolve("minimal/edvt/fork_choice").resolve(handler)
        .resolve("pyspec_tests").resolve(name);
    Path dir = Files.createDirectories(tmp.resolve("edvt-" + to.replaceAll("\\W", "_")).resolve(name));
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    String steps = Files.readString(dir.resolve("steps.yaml"));
    int at = steps.lastIndexOf(from);
    assertThat(at).isNotNegative();
    Files.writeString(dir.resolve("steps.yaml"), steps.substring(0, at) + to + steps.substring(at + from.length()));
    return new TestCase("minimal", "edvt", "fork_choice", handler, "pyspec_tests", name, dir);
  }

  @Test
  void anEdvtCaseRunsWithThresholdGhostAndAWrongHeadFailsIt() throws IOException {
    // after member 0's slashing the group is below m and B (slot 26) is the head; claim A (slot 25)
    TestCase intact = alteredEdvt("get_head", "member_equivocation_flips_head", "slot: 26", "slot: 26");
    assertThatCode(() -> new ForkChoiceExecutor().run(intact)).doesNotThrowAnyException();
    TestCase wrong = alteredEdvt("get_head", "member_equivocation_flips_head", "slot: 26", "slot: 25");
    assertThatThrownBy(() -> new ForkChoiceExecutor().run(wrong)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("head");
  }

  @Test
  void theProvidedCasePasses() throws IOException {
    TestCase c = altered("on_block", PEERDAS_OK, "valid: true", "valid: true");
    assertThatCode(() -> new ForkChoiceExecutor().run(c)).doesNotThrowAnyException();
  }

  @Test
  void aValidBlockClaimedInvalidFailsTheCase() throws IOException {
    TestCase c = altered("on_block", PEERDAS_OK, "valid: true", "valid: false");
    assertThatThrownBy(() -> new ForkChoiceExecutor().run(c)).isInstanceOf(AssertionError.class).hasMessageContaining("accepted");
  }

  @Test
  void aWrongExpectedHeadFailsTheCase() throws IOException {
    TestCase c = altered("get_head", "chain_no_attestations", "slot: 0", "slot: 7");
    assertThatThrownBy(() -> new ForkChoiceExecutor().run(c)).isInstanceOf(AssertionError.class).hasMessageContaining("head.slot");
  }

  @Test
  void aWrongExpectedProposerHeadFailsTheCase() throws IOException {
    // the case expects the parent of the late, weak head; claim the head itself instead
    TestCase c = altered("get_proposer_head", "basic_is_parent_root",
        "get_proposer_head: '0x1d3611ffbca561a67ed89886ebaae8f0c6d4ab31e39e3db90c56c72ad57d1b4e'",
        "get_proposer_head: '0x1f177018a69fcba6746d1b7ecb688eead84056083d817a7d7006d766a1c50a2e'");
    assertThatThrownBy(() -> new ForkChoiceExecutor().run(c)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("get_proposer_head");
  }

  /**
   * {@code on_block/basic} cut to its first block, which now has a wrong state root (and a valid
   * proposer signature over it), as a step that must be refused; the case is named {@code name}.
   */
  private TestCase firstBlockWithWrongStateRoot(String name) throws IOException {
    Path source = provided("on_block", "basic");
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.copy(source.resolve("anchor_state.ssz_snappy"), dir.resolve("anchor_state.ssz_snappy"));
    Files.copy(source.resolve("anchor_block.ssz_snappy"), dir.resolve("anchor_block.ssz_snappy"));
    TestCase original = new TestCase("minimal", "fulu", "fork_choice", "on_block", "pyspec_tests", "basic", source);
    String file = "block_0x74accc6cc86aa84d9b90602053aee7738f063e0fe5855192d08e5a1a6778fe36";
    BeaconBlock block = SPEC.schemas().signedBeaconBlock().deserialize(original.ssz(file)).message()
        .withStateRoot(Bytes32.repeat((byte) 0x77));
    MutableBeaconState anchor = new MutableBeaconState(SPEC.schemas().beaconState().deserialize(original.ssz("anchor_state")));
    Bytes32 domain = SPEC.accessors().getDomain(anchor, SpecConstants.DOMAIN_BEACON_PROPOSER,
        SPEC.misc().computeEpochAtSlot(block.slot()));
    // the vectors' keys: validator i signs with secret key i + 1
    BlsSecretKey key = BlsSecretKey.fromBigInteger(BigInteger.valueOf(block.proposerIndex().longValue() + 1));
    SignedBeaconBlock signed = SignedBeaconBlock.create(SPEC.schemas().signedBeaconBlock(), block,
        Bls.sign(key, SPEC.misc().computeSigningRoot(block.hashTreeRoot(), domain)).toBytes());
    Files.write(dir.resolve("wrong_root.ssz_snappy"), SnappyFiles.compressBlock(signed.serialize()));
    Files.writeString(dir.resolve("steps.yaml"), "- {tick: 6}\n- {block: wrong_root, valid: false}\n");
    return new TestCase("minimal", "fulu", "fork_choice", "on_block", "pyspec_tests", name, dir);
  }

  @Test
  void aBlockRefusedOnlyByItsStateRootFailsAStepNotAboutTheStateRoot() throws IOException {
    TestCase elsewhere = firstBlockWithWrongStateRoot("on_block_bad_parent_root");
    assertThatThrownBy(() -> new ForkChoiceExecutor().run(elsewhere)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("only by the state-root check");
    TestCase aboutRoot = firstBlockWithWrongStateRoot("on_block_incorrect_state_root");
    assertThatCode(() -> new ForkChoiceExecutor().run(aboutRoot)).doesNotThrowAnyException();
  }

  private static List<DataColumnSidecar> columns() throws IOException {
    List<DataColumnSidecar> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(provided("on_block", PEERDAS_OK))) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("column_")).sorted().toList()) {
        String base = f.getFileName().toString().replace(".ssz_snappy", "");
        TestCase c = new TestCase("minimal", "fulu", "fork_choice", "on_block", "pyspec_tests", PEERDAS_OK, f.getParent());
        out.add(SPEC.schemas().dataColumnSidecar().deserialize(c.ssz(base)));
      }
    }
    return out;
  }

  @Test
  void theProvidedSidecarsPassEveryCheckIncludingTheInclusionProof() throws IOException {
    DataColumnSidecarVerifier verifier = new DataColumnSidecarVerifier(SPEC);
    List<DataColumnSidecar> sidecars = columns();
    assertThat(sidecars).hasSize(2 * SPEC.config().numberOfColumns());
    for (DataColumnSidecar s : sidecars) {
      assertThat(verifier.verifyDataColumnSidecar(s)).isTrue();
      assertThat(verifier.verifyDataColumnSidecarKzgProofs(s)).isTrue();
      assertThat(verifier.verifyDataColumnSidecarInclusionProof(s)).isTrue();
    }
  }

  @Test
  void aTamperedInclusionProofOrCellIndexIsCaught() throws IOException {
    DataColumnSidecarVerifier verifier = new DataColumnSidecarVerifier(SPEC);
    DataColumnSidecar s = columns().get(0);
    SszList<Bytes32> branch = s.kzgCommitmentsInclusionProof();
    DataColumnSidecar badProof = DataColumnSidecar.create(SPEC.schemas().dataColumnSidecar(), s.index(), s.column(),
        s.kzgCommitments(), s.kzgProofs(), s.signedBlockHeader(), branch.set(0, Bytes32.repeat((byte) 0x5a)));
    assertThat(verifier.verifyDataColumnSidecarInclusionProof(badProof)).isFalse();
    DataColumnSidecar otherIndex = DataColumnSidecar.create(SPEC.schemas().dataColumnSidecar(), s.index().plus(1),
        s.column(), s.kzgCommitments(), s.kzgProofs(), s.signedBlockHeader(), branch);
    assertThat(verifier.verifyDataColumnSidecar(otherIndex)).isTrue();
    assertThat(verifier.verifyDataColumnSidecarKzgProofs(otherIndex)).isFalse();
  }
}
