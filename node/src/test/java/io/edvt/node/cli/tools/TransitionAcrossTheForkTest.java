package io.edvt.node.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.Cli;
import io.edvt.node.cli.Cli.Result;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.ValidatorKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edvt transition} on a chain that crosses into EDVT: a Fulu state at slot 18 and real
 * signed EDVT blocks at slots 25 to 27, on a network (a config file) whose {@code EDVT_FORK_EPOCH}
 * is 3: the first block's transition passes the fork slot 24 and upgrades the state there.
 */
class TransitionAcrossTheForkTest {
  private static final int FORK_EPOCH = 3;

  @TempDir Path tmp;

  @Test
  void appliesEdvtBlocksToAFuluStateThroughTheUpgrade() throws Exception {
    SpecConfig network = EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", String.valueOf(FORK_EPOCH)));
    EdvtFixtures fixtures = new EdvtFixtures(new SpecFulu(network), new SpecEdvt(network));
    long forkSlot = (long) FORK_EPOCH * network.slotsPerEpoch();
    EdvtChainBuilder edvtChain = new EdvtChainBuilder(fixtures.edvt(), fixtures.edvtAt(forkSlot),
        ValidatorKeys.interop(EdvtFixtures.VALIDATORS));

    Path config = tmp.resolve("config.yaml");
    Files.writeString(config, network.toConfigYaml());
    Path pre = tmp.resolve("pre.ssz");
    Files.write(pre, fixtures.fuluHead().serialize());
    List<Object> args = new ArrayList<>(List.of("transition", "--config", config, "--pre", pre, "--post", tmp.resolve("post.ssz"),
        "--blocks"));
    List<SignedBeaconBlock> blocks = new ArrayList<>();
    for (long slot = forkSlot + 1; slot <= forkSlot + 3; slot++) {
      SignedBeaconBlock block = edvtChain.addBlock(UInt64.valueOf(slot), io.edvt.spec.testing.BlockOptions.none());
      blocks.add(block);
      Path file = tmp.resolve("block_" + slot + ".ssz");
      Files.write(file, block.serialize());
      args.add(file);
    }

    Result r = Cli.run(args.toArray());
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.outLines().get(0)).contains("fulu (config " + config + "), slot 18");
    for (int i = 0; i < blocks.size(); i++) {
      assertThat(r.outLines().get(i + 1)).contains("post-state root " + blocks.get(i).message().stateRoot());
    }
    assertThat(r.outLines().get(4)).contains("(edvt, slot 27");
    assertThat(edvtChain.headState().hashTreeRoot()).isEqualTo(blocks.get(2).message().stateRoot());

    // the same blocks on the built-in network, where EDVT is not scheduled, are refused as input
    Result unscheduled = Cli.run("transition", "--pre", pre, "--blocks", args.get(args.size() - 3));
    assertThat(unscheduled.exitCode()).isEqualTo(2);
    assertThat(unscheduled.errLines().get(0)).contains("an edvt block at slot 25, but minimal has fulu in force there");
  }
}
