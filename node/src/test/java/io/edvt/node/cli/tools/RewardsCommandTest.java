package io.edvt.node.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edvt.node.cli.Cli;
import io.edvt.node.cli.Cli.Result;
import io.edvt.node.cli.Vectors;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code edvt rewards} on real blocks: an EDVT chain block with groups, a Fulu block, an invalid block. */
class RewardsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void reportsAGroupChainBlockPerValidatorAndPerGroup() throws Exception {
    Path c = Vectors.of(Vectors.edvt("minimal"), "sanity/blocks/pyspec_tests/multi_epoch_group_proposers_and_group_attestations");
    List<Path> blocks = Vectors.blocks(c);
    Result r = Cli.run("rewards", "--pre", c.resolve("pre.ssz_snappy"), "--block", blocks.get(0));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode report = JSON.readTree(r.out());
    assertThat(report.get("fork").asText()).isEqualTo("edvt");
    JsonNode block = report.get("block");
    long total = block.get("total").asLong();
    assertThat(total).isEqualTo(block.get("attestations").asLong() + block.get("sync_aggregate").asLong()
        + block.get("proposer_slashings").asLong() + block.get("attester_slashings").asLong());
    assertThat(block.get("attestations").asLong()).as("group attestations pay the proposer").isPositive();
    assertThat(report.get("sync_committee")).isNotEmpty();

    // the proposer's balance moved by exactly its reported rewards (plus its own sync seats, if any)
    String proposer = block.get("proposer_index").asText();
    long ownSync = 0;
    for (JsonNode member : report.get("sync_committee")) {
      if (member.get("validator_index").asText().equals(proposer)) {
        ownSync = member.get("reward").asLong();
      }
    }
    assertThat(balanceChange(c, blocks.get(0), proposer)).isEqualTo(total + ownSync);

    JsonNode groups = report.get("groups");
    assertThat(groups.get("attestations")).isNotEmpty().allSatisfy(g -> {
      JsonNode p = g.get("participation");
      assertThat(p.get("flags")).hasSize(3);
      assertThat(p.get("threshold").asInt()).isBetween(1, p.get("member_count").asInt());
      for (JsonNode flag : p.get("flags")) {
        assertThat(flag.get("margin").asInt()).isEqualTo(flag.get("members").size() - p.get("threshold").asInt());
        assertThat(flag.get("reached").asBoolean()).isEqualTo(flag.get("margin").asInt() >= 0);
      }
    });
  }

  /** The proposer's balance after the block minus at its slot, through the tools themselves. */
  private static long balanceChange(Path c, Path block, String proposer) throws Exception {
    Path tmp = java.nio.file.Files.createTempDirectory("rewards");
    Path post = tmp.resolve("post.ssz");
    assertThat(Cli.run("transition", "--pre", c.resolve("pre.ssz_snappy"), "--blocks", block, "--post", post).exitCode()).isZero();
    long slot = JSON.readTree(Cli.run("ssz", "decode", "--type", "SignedBeaconBlock", "--fork", "edvt", "--preset", "minimal",
        "--format", "json", block).out()).get("message").get("slot").asLong();
    Path atSlot = tmp.resolve("at-slot.ssz");
    Cli.run("skip-slots", "--pre", c.resolve("pre.ssz_snappy"), "--to", slot, "--post", atSlot);
    int index = Integer.parseInt(proposer);
    return balance(post, index) - balance(atSlot, index);
  }

  private static long balance(Path state, int index) throws Exception {
    Result r = Cli.run("ssz", "decode", "--type", "BeaconState", "--format", "json", state);
    return JSON.readTree(r.out()).get("balances").get(index).asLong();
  }

  @Test
  void aFuluBlockHasNoGroupView() throws Exception {
    // the case's first block (slot 9) carries one attestation
    Path c = Vectors.of(Vectors.fulu("minimal"), "sanity/blocks/pyspec_tests/attestation");
    Result r = Cli.run("rewards", "--pre", c.resolve("pre.ssz_snappy"), "--block", c.resolve("blocks_0.ssz_snappy"));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    JsonNode report = JSON.readTree(r.out());
    assertThat(report.get("fork").asText()).isEqualTo("fulu");
    assertThat(report.get("slot").asText()).isEqualTo("9");
    assertThat(report.has("groups")).isFalse();
    assertThat(report.get("block").get("attestations").asLong()).isPositive();
  }

  @Test
  void aBlockTheTransitionRejectsExitsWithOneAndTheRule() {
    Path c = Vectors.of(Vectors.fulu("minimal"), "sanity/blocks/pyspec_tests/invalid_prev_slot_block_transition");
    Result r = Cli.run("rewards", "--pre", c.resolve("pre.ssz_snappy"), "--block", c.resolve("blocks_0.ssz_snappy"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines().get(0)).contains("after the block's slot");

    // the second proposer slashing of the same validator breaks process_proposer_slashing
    Path bad = Vectors.of(Vectors.fulu("minimal"), "sanity/blocks/pyspec_tests/invalid_duplicate_proposer_slashings_same_block");
    Result b = Cli.run("rewards", "--pre", bad.resolve("pre.ssz_snappy"), "--block", bad.resolve("blocks_0.ssz_snappy"));
    assertThat(b.exitCode()).as(b.toString()).isEqualTo(1);
    assertThat(b.errLines()).hasSize(1);
    assertThat(b.errLines().get(0)).matches("block .*blocks_0.ssz_snappy \\(slot \\d+\\): rejected: assertion failed: .+");
  }
}
