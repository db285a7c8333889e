package io.edvt.reftests;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations, epoch_processing, rewards, ssz_static and fork executors fail a provided case
 * once its expectation or input is altered (each unaltered copy passes first, so the alteration
 * is what fails it).
 */
class MutatedCasesFailTest {
  private static final ExecutorRegistry REGISTRY = new ExecutorRegistry();

  @TempDir Path tmp;

  private static void passes(MutatedCase c) {
    assertThatCode(() -> REGISTRY.executorFor(c.original()).run(c.original())).doesNotThrowAnyException();
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> fails(MutatedCase c) {
    TestCase altered = c.testCase();
    return assertThatThrownBy(() -> REGISTRY.executorFor(altered).run(altered));
  }

  private static byte[] flipLastByte(byte[] bytes) {
    byte[] out = Arrays.copyOf(bytes, bytes.length);
    out[out.length - 1] ^= 0x01;
    return out;
  }

  // ------------------------------------------------------------------ operations

  private static final String ATTESTATION = "minimal/fulu/operations/attestation/pyspec_tests/";

  @Test
  void operationsAWrongPostFails() throws Exception {
    MutatedCase c = MutatedCase.of(tmp, ATTESTATION + "one_basic_attestation");
    passes(c);
    fails(c.copy("pre.ssz_snappy", "post.ssz_snappy")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("post-state root");
  }

  @Test
  void operationsAValidOperationWithoutPostFails() throws Exception {
    MutatedCase c = MutatedCase.of(tmp, ATTESTATION + "one_basic_attestation");
    fails(c.delete("post.ssz_snappy")).isInstanceOf(AssertionError.class).hasMessageContaining("must be rejected");
  }

  @Test
  void operationsAnInvalidOperationGivenAPostFails() throws Exception {
    MutatedCase c = MutatedCase.of(tmp, ATTESTATION + "invalid_attestation_signature");
    passes(c);
    fails(c.copy("pre.ssz_snappy", "post.ssz_snappy")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("operation rejected, but the case has a post-state");
  }

  @Test
  void operationsAnAlteredSignatureIsRejected() throws Exception {
    MutatedCase c = MutatedCase.of(tmp, ATTESTATION + "one_basic_attestation");
    // the last bytes of an Electra attestation are its committee bits; flip a signature byte instead
    fails(c.ssz("attestation.ssz_snappy", bytes -> {
      byte[] out = Arrays.copyOf(bytes, bytes.length);
      out[out.length - 20] ^= 0x01;
      return out;
    })).isInstanceOf(AssertionError.class).hasMessageContaining("operation rejected");
  }

  // ------------------------------------------------------------------ epoch_processing

  private static final String REWARDS_AND_PENALTIES =
      "minimal/fulu/epoch_processing/rewards_and_penalties/pyspec_tests/full_attestation_participation";

  @Test
  void epochProcessingAWrongPostFails() throws Exception {
    MutatedCase c = MutatedCase.of(tmp, REWARDS_AND_PENALTIES);
    passes(c);
    fails(c.copy("pre.ssz_snappy", "post.ssz_snappy")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("process_rewards_and_penalties").hasMessageContaining("balances");
  }

  @Test
  void epochProcessingAWrongPostEpochFails() throws Exception {
    MutatedCase c = MutatedCase.of(tmp, REWARDS_AND_PENALTIES);
    fails(c.copy("pre_epoch.ssz_snappy", "post_epoch.ssz_snappy")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("process_epoch");
  }

  @Test
  void epochProcessingAValidStepWithoutPostFails() throws Exception {
    MutatedCase c = MutatedCase.of(tmp, REWARDS_AND_PENALTIES);
    fails(c.delete("post.ssz_snappy")).isInstanceOf(AssertionError.class).hasMessageContaining("must fail");
  }

  // ------------------------------------------------------------------ rewards

  @Test
  void rewardsSwappedDeltasFail() throws Exception {
    MutatedCase c = MutatedCase.of(tmp, "minimal/fulu/rewards/basic/pyspec_tests/full_all_correct");
    passes(c);
    // everyone attested: source rewards, no inactivity penalties
    fails(c.copy("inactivity_penalty_deltas.ssz_snappy", "source_deltas.ssz_snappy")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("source_deltas.rewards");
  }

  @Test
  void rewardsAnAlteredPenaltyFails() throws Exception {
    MutatedCase c = MutatedCase.of(tmp, "minimal/fulu/rewards/leak/pyspec_tests/empty_leak");
    passes(c);
    // the last 8 bytes are the last validator's penalty (the deltas list ends the container)
    fails(c.ssz("inactivity_penalty_deltas.ssz_snappy", MutatedCasesFailTest::flipLastByte))
        .isInstanceOf(AssertionError.class).hasMessageContaining("inactivity_penalty_deltas.penalties");
  }

  // ------------------------------------------------------------------ ssz_static

  private static final String CHECKPOINT = "minimal/fulu/ssz_static/Checkpoint/ssz_random/case_0";

  @Test
  void sszStaticAWrongRootFails() throws Exception {
    MutatedCase c = MutatedCase.of(tmp, CHECKPOINT);
    passes(c);
    String root = c.testCase().yaml("roots.yaml").get("root").asText();
    String other = root.substring(0, root.length() - 1) + (root.endsWith("0") ? "1" : "0");
    fails(c.edit("roots.yaml", root, other)).isInstanceOf(AssertionError.class).hasMessageContaining("hash_tree_root");
  }

  @Test
  void sszStaticAWrongValueFails() throws Exception {
    MutatedCase c = MutatedCase.of(tmp, CHECKPOINT);
    fails(c.edit("value.yaml", "epoch: 1", "epoch: 2")).isInstanceOf(AssertionError.class)
        .hasMessageContaining("value.yaml differs").hasMessageContaining("epoch");
  }

  @Test
  void sszStaticChangedBytesFail() throws Exception {
    MutatedCase c = MutatedCase.of(tmp, CHECKPOINT);
    fails(c.ssz("serialized.ssz_snappy", MutatedCasesFailTest::flipLastByte)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("hash_tree_root");
    MutatedCase shorter = MutatedCase.of(tmp.resolve("short"), CHECKPOINT);
    fails(shorter.ssz("serialized.ssz_snappy", b -> Arrays.copyOf(b, b.length - 1)))
        .isNotInstanceOf(AssertionError.class).isInstanceOf(RuntimeException.class);
  }

  // ------------------------------------------------------------------ fork

  private static final String FORK = "minimal/fulu/fork/fork/pyspec_tests/";

  @Test
  void forkAPostOfAnotherCaseFails() throws Exception {
    MutatedCase c = MutatedCase.of(tmp, FORK + "fulu_fork_random_0");
    passes(c);
    java.nio.file.Files.copy(VectorsRoot.testsDir().resolve(FORK + "fulu_fork_random_1/post.ssz_snappy"),
        c.testCase().dir().resolve("post.ssz_snappy"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    fails(c).isInstanceOf(AssertionError.class).hasMessageContaining("post-state differs");
  }

  @Test
  void forkMetaNamingAnotherForkFails() throws Exception {
    MutatedCase c = MutatedCase.of(tmp, FORK + "fulu_fork_random_0");
    fails(c.edit("meta.yaml", "fulu", "edvt")).isInstanceOf(AssertionError.class).hasMessageContaining("meta.yaml upgrades to 'edvt'");
  }
}
