package io.edvt.node.cli.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edvt.infrastructure.crypto.bls.BlsException;
import io.edvt.node.cli.ExitCodes;
import io.edvt.node.cli.InputException;
import io.edvt.rewards.BlockRewardsCalculator;
import io.edvt.rewards.BlockRewardsCalculator.BlockRewards;
import io.edvt.rewards.BlockRewardsReport;
import io.edvt.rewards.GroupBlockRewardsCalculator;
import io.edvt.rewards.GroupBlockRewardsCalculator.GroupBlockRewards;
import io.edvt.rewards.SyncCommitteeRewardsReport;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.logic.common.StateTransitionException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edvt rewards}: what one block paid, as the {@code rewards} module reports it, in JSON:
 * the proposer's rewards by source and every sync committee member's reward (the Beacon API
 * {@code /rewards/blocks} and {@code /rewards/sync_committee} shapes) and, for an EDVT block, the
 * group view ({@link GroupBlockRewardsCalculator}).
 */
@Command(name = "rewards",
    description = {
      "Print the rewards one block paid, per validator and per group, as JSON.",
      "The proposer's by source, each sync committee member's, and for an edvt block each attesting group's members",
      "against its threshold.",
      "The block is taken to be valid (signatures are not checked); one the state transition rejects exits with 1."
    })
public final class RewardsCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec private CommandSpec spec;
  @Mixin private NetworkOptions network;

  @Option(names = "--pre", required = true, paramLabel = "STATE",
      description = "The block's pre-state: its parent's post-state, at or before the block's slot.")
  private Path pre;

  @Option(names = "--block", required = true, paramLabel = "BLOCK", description = "The signed block (.ssz or .ssz_snappy).")
  private Path blockFile;

  @Option(names = "--snappy", description = "Both files are snappy block-compressed, whatever their names.")
  private boolean snappy;

  /** The JSON document. */
  @JsonPropertyOrder({"fork", "slot", "block_root", "block", "sync_committee", "groups"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Report(
      @JsonProperty("fork") String fork,
      @JsonProperty("slot") String slot,
      @JsonProperty("block_root") String blockRoot,
      @JsonProperty("block") BlockRewardsReport block,
      @JsonProperty("sync_committee") SyncCommitteeRewardsReport syncCommittee,
      @JsonProperty("groups") GroupBlockRewards groups) {}

  @Override
  public Integer call() {
    ChainInputs.LoadedState loaded = ChainInputs.state("--pre", pre, snappy, network);
    SignedBeaconBlock signed = ChainInputs.block("--block", blockFile, snappy, loaded.network());
    BeaconBlock block = signed.message();
    if (loaded.state().slot().isGreaterThan(block.slot())) {
      throw new InputException("--pre " + pre + ": at slot " + loaded.state().slot()
          + ", after the block's slot " + block.slot() + " (the pre-state is the parent's post-state)");
    }
    Report report;
    try {
      BlockRewards rewards = new BlockRewardsCalculator(loaded.versions()).compute(loaded.state(), block);
      GroupBlockRewards groups = new GroupBlockRewardsCalculator(loaded.versions()).compute(loaded.state(), block).orElse(null);
      report = new Report(loaded.versions().milestoneAtSlot(block.slot()).forkName(), block.slot().toString(),
          block.hashTreeRoot().toHexString(), rewards.block(), rewards.syncCommittee(), groups);
    } catch (StateTransitionException | ArithmeticException | IndexOutOfBoundsException | BlsException e) {
      spec.commandLine().getErr().println("block " + blockFile + " (slot " + block.slot() + "): rejected: "
          + TransitionCommand.rejection(e));
      return ExitCodes.FAILED;
    }
    try {
      spec.commandLine().getOut().println(JSON.writeValueAsString(report));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return ExitCodes.OK;
  }
}
