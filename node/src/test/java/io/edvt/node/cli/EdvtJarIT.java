package io.edvt.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.edvt.node.cli.Cli.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged tool as a user runs it: {@code java -jar node/target/edvt.jar ...} in a separate
 * process (run by failsafe after the jar is built). Checks what only a real process shows: the
 * jar's manifest and bundled resources, the exit codes the JVM returns, and that nothing else
 * (a stack trace, a JVM warning) reaches stderr.
 */
class EdvtJarIT {
  private static final Path JAR = Path.of(System.getProperty("edvt.jar", "target/edvt.jar"));

  private static Result java(Object... args) throws IOException, InterruptedException {
    if (!Files.isRegularFile(JAR)) {
      fail("no " + JAR.toAbsolutePath() + ": build it with 'mvn -pl node -am verify' (the package phase makes it)");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
    for (Object a : args) {
      command.add(String.valueOf(a));
    }
    Process p = new ProcessBuilder(command).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("edvt did not finish in 120 s: " + command);
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void printsTheRootOfAnSszStaticValue() throws Exception {
    Path c = Vectors.edvt("mainnet").resolve("ssz_static/GroupRegistration/ssz_random/case_0");
    Result r = java("ssz", "root", "--type", "GroupRegistration", c.resolve("serialized.ssz_snappy"));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().strip()).isEqualTo(Vectors.root(c));
    assertThat(r.err()).isEmpty();
  }

  @Test
  void appliesABlockChainAndRejectsAnInvalidBlockWithExitCodeOne() throws Exception {
    Path valid = Vectors.edvt("minimal").resolve("sanity/blocks/pyspec_tests/valid_group_proposer_threshold_signers");
    Result ok = java("transition", "--pre", valid.resolve("pre.ssz_snappy"), "--blocks", valid.resolve("blocks_0.ssz_snappy"));
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    String postRoot = java("ssz", "root", "--type", "BeaconState", valid.resolve("post.ssz_snappy")).out().strip();
    assertThat(ok.out()).contains("post-state root " + postRoot);
    assertThat(ok.err()).isEmpty();

    Path invalid = Vectors.edvt("minimal").resolve("sanity/blocks/pyspec_tests/invalid_group_proposer_one_signer");
    Result rejected = java("transition", "--pre", invalid.resolve("pre.ssz_snappy"), "--blocks", invalid.resolve("blocks_0.ssz_snappy"));
    assertThat(rejected.exitCode()).isEqualTo(1);
    assertThat(rejected.err().strip()).isEqualTo(
        "block 1/1 blocks_0.ssz_snappy (slot 20, proposer 8): rejected: assertion failed: verify_block_signature(state, signed_block)");
  }

  @Test
  void aMissingFileIsOneLineAndExitCodeTwo() throws Exception {
    Result r = java("skip-slots", "--pre", "no-such-state.ssz", "--slots", "1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("edvt skip-slots: --pre no-such-state.ssz: no such file\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void versionComesFromTheBuild() throws Exception {
    Result r = java("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("edvt 0.").contains("(forks: fulu, edvt)");
  }
}
