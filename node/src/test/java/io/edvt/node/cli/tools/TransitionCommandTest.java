package io.edvt.node.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.edvt.node.cli.Cli;
import io.edvt.node.cli.Cli.Result;
import io.edvt.node.cli.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edvt transition} on {@code sanity/blocks} cases: a valid case's post-state is the
 * vector's {@code post} (its root printed, the written file equal byte for byte), an invalid case
 * exits with 1 and names the spec rule the block broke.
 */
class TransitionCommandTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyEdvtSanityBlocksCase() {
    return cases(Vectors.edvt("minimal").resolve("sanity/blocks")).stream()
        .map(c -> dynamicTest("edvt/" + c.getFileName(), () -> runCase(c)));
  }

  @TestFactory
  Stream<DynamicTest> fuluSanityBlocksCases() {
    Path blocks = Vectors.fulu("minimal").resolve("sanity/blocks/pyspec_tests");
    return Stream.of("attestation", "empty_epoch_transition_not_finalizing", "full_random_operations_0", "bls_change",
            "invalid_incorrect_state_root", "invalid_prev_slot_block_transition", "invalid_all_zeroed_sig")
        .map(name -> dynamicTest("fulu/" + name, () -> runCase(Vectors.of(blocks, name))));
  }

  private void runCase(Path c) throws Exception {
    Path post = tmp.resolve(c.getFileName() + "-post.ssz_snappy");
    List<Object> args = new ArrayList<>(List.of("transition", "--pre", c.resolve("pre.ssz_snappy"), "--post", post, "--blocks"));
    List<Path> blocks = Vectors.blocks(c);
    args.addAll(blocks);
    Result r = Cli.run(args.toArray());
    if (Files.exists(c.resolve("post.ssz_snappy"))) {
      assertThat(r.exitCode()).as(r.toString()).isZero();
      String expectedRoot = Cli.run("ssz", "root", "--type", "BeaconState", c.resolve("post.ssz_snappy")).out().strip();
      List<String> lines = r.outLines();
      assertThat(lines).hasSize(blocks.size() + 2);
      assertThat(lines.get(blocks.size())).contains("post-state root " + expectedRoot);
      assertThat(Vectors.ssz(post)).isEqualTo(Vectors.ssz(c.resolve("post.ssz_snappy")));
    } else {
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.errLines().get(0)).matches("block \\d+/" + blocks.size() + " blocks_\\d+\\.ssz_snappy \\(slot \\d+, proposer \\d+\\): "
          + "rejected: assertion failed: .+");
      assertThat(post).doesNotExist();
    }
  }

  @Test
  void namesTheRuleABlockBrokeAndPrintsTheBlocksBeforeIt() {
    Path c = Vectors.of(Vectors.edvt("minimal"), "sanity/blocks/pyspec_tests/invalid_group_block_bad_signature_mid_chain");
    List<Object> args = new ArrayList<>(List.of("transition", "--pre", c.resolve("pre.ssz_snappy"), "--blocks"));
    args.addAll(Vectors.blocks(c));
    Result r = Cli.run(args.toArray());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly(
        "block 4/6 blocks_3.ssz_snappy (slot 28, proposer 2): rejected: assertion failed: every signature of the block is valid (batch of 4)");
    assertThat(r.outLines()).hasSize(4).allSatisfy(l -> assertThat(l).containsPattern("root 0x[0-9a-f]{64}"));

    Path state = Vectors.of(Vectors.fulu("minimal"), "sanity/blocks/pyspec_tests/invalid_incorrect_state_root");
    Result root = Cli.run("transition", "--pre", state.resolve("pre.ssz_snappy"), "--blocks", state.resolve("blocks_0.ssz_snappy"));
    assertThat(root.errLines().get(0)).contains("rejected: assertion failed: block.state_root == hash_tree_root(state) (0xaaaa");
  }

  @Test
  void noSignaturesSkipsTheBlsCheckButNotTheGroupSignerRules() {
    Path bad = Vectors.of(Vectors.edvt("minimal"), "sanity/blocks/pyspec_tests/invalid_group_block_bad_signature_mid_chain");
    List<Object> args = new ArrayList<>(List.of("transition", "--no-signatures", "--pre", bad.resolve("pre.ssz_snappy"), "--blocks"));
    args.addAll(Vectors.blocks(bad));
    Result r = Cli.run(args.toArray());
    assertThat(r.exitCode()).as(r.toString()).isZero();

    // too few signers is a structural rule of verify_block_signature, checked without BLS too
    Path few = Vectors.of(Vectors.edvt("minimal"), "sanity/blocks/pyspec_tests/invalid_group_block_m_minus_1_signers_after_chain");
    List<Object> fewArgs = new ArrayList<>(List.of("transition", "--no-signatures", "--pre", few.resolve("pre.ssz_snappy"), "--blocks"));
    fewArgs.addAll(Vectors.blocks(few));
    Result f = Cli.run(fewArgs.toArray());
    assertThat(f.exitCode()).isEqualTo(1);
    assertThat(f.errLines().get(0)).endsWith("rejected: assertion failed: verify_block_signature(state, signed_block)");
  }

  @Test
  void aBlockOfAForkTheNetworkDoesNotRunAtItsSlotIsABadInput() {
    // an EDVT block on a Fulu state of a network where EDVT is not scheduled
    Path fulu = Vectors.of(Vectors.fulu("minimal"), "sanity/blocks/pyspec_tests/attestation");
    Path edvtBlock = Vectors.edvt("minimal").resolve("sanity/blocks/pyspec_tests/valid_group_proposer_all_signers/blocks_0.ssz_snappy");
    Result r = Cli.run("transition", "--pre", fulu.resolve("pre.ssz_snappy"), "--blocks", edvtBlock);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("edvt transition: --blocks " + edvtBlock + ": an edvt block at slot 20, but minimal "
        + "has fulu in force there (give a --config that schedules EDVT_FORK_EPOCH at or before its epoch)");
  }

  private static List<Path> cases(Path handler) {
    List<Path> out = Vectors.cases(handler);
    assertThat(out).isNotEmpty();
    return out;
  }
}
