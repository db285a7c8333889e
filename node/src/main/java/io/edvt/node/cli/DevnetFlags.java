package io.edvt.node.cli;

import io.edvt.node.devnet.genesis.DevnetParameters;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.config.EdvtConfig;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The flags {@code edvt genesis} and {@code edvt devnet} share: the devnet's size, groups and timing. */
final class DevnetFlags {
  @Option(names = "--validators", defaultValue = "64", paramLabel = "<N>",
      description = "Validators in the genesis state (interop keys 0..N-1). Default: ${DEFAULT-VALUE}.")
  int validators;

  @Option(names = "--nodes", defaultValue = "4", paramLabel = "<N>",
      description = "Beacon nodes; the validator keys are split over them in contiguous ranges. Default: ${DEFAULT-VALUE}.")
  int nodes;

  @Option(names = "--groups", defaultValue = "2", paramLabel = "<N>",
      description = "How many validators are groups (the first N validators). Default: ${DEFAULT-VALUE}.")
  int groups;

  @Option(names = "--group-size", defaultValue = "4", paramLabel = "<n>",
      description = "Member keys per group, at most MAX_GROUP_SIZE (16); member j of group g runs on node (g + j) mod nodes. "
          + "Default: ${DEFAULT-VALUE}.")
  int groupSize;

  @Option(names = "--threshold", defaultValue = "3", paramLabel = "<m>",
      description = "Members that must sign for a group, 1 <= m <= n. Default: ${DEFAULT-VALUE}.")
  int threshold;

  @Option(names = "--group-balance", paramLabel = "<ETH>",
      description = "Balance of each group's validator in ETH, at least n x 32 (MIN_ACTIVATION_BALANCE per member). "
          + "Default: n x 32.")
  Long groupBalanceEth;

  @Option(names = "--slot-ms", defaultValue = "2000", paramLabel = "<MS>",
      description = "SLOT_DURATION_MS of the devnet config (at least 500). Default: ${DEFAULT-VALUE}.")
  int slotMs;

  @Option(names = "--edvt-fork-epoch", defaultValue = "0", paramLabel = "<EPOCH>",
      description = "EDVT_FORK_EPOCH: 0 puts EDVT and the groups in the genesis state; a later epoch starts at Fulu and "
          + "writes the groups' signed registrations to network-configs/group-registrations.json. Default: ${DEFAULT-VALUE}.")
  long edvtForkEpoch;

  @Option(names = "--kdf-iterations", defaultValue = "" + DevnetParameters.DEVNET_KDF_ITERATIONS, paramLabel = "<C>",
      description = "PBKDF2 iterations of the EIP-2335 keystores. The default (${DEFAULT-VALUE}) is deliberately low so "
          + "the nodes start fast; it protects nothing: devnet keys only (EIP-2335's example uses 262144).")
  int kdfIterations;

  @Option(names = "--member-nodes", defaultValue = "0", paramLabel = "<N>",
      description = "How many of the nodes (the last N) run group member keys only, no plain validator: killing them "
          + "(--kill) takes members down while the plain validators keep finalizing. Default: ${DEFAULT-VALUE}.")
  int memberNodes;

  /** The parameters with {@code genesisTime}; the group balance defaults to n x MIN_ACTIVATION_BALANCE. */
  DevnetParameters parameters(long genesisTime) {
    SpecConfig minimal = minimal();
    long balance = groupBalanceEth != null ? groupBalanceEth * 1_000_000_000L
        : DevnetParameters.minimumGroupBalanceGwei(minimal, groupSize);
    return new DevnetParameters(validators, nodes, groups, groupSize, threshold, balance, slotMs, edvtForkEpoch,
        genesisTime, kdfIterations, memberNodes);
  }

  static SpecConfig minimal() {
    return EdvtConfig.load("minimal");
  }

  /**
   * Prints every problem of {@code p} as one line {@code <command>: <problem>} and returns false if
   * there was one; prints the warnings as {@code <command>: warning: ...}.
   */
  static boolean check(DevnetParameters p, CommandSpec spec) {
    PrintWriter err = spec.commandLine().getErr();
    String name = spec.qualifiedName();
    List<String> problems = p.problems(minimal());
    problems.forEach(line -> err.println(name + ": " + line));
    if (problems.isEmpty()) {
      p.warnings().forEach(line -> err.println(name + ": warning: " + line));
    }
    err.flush();
    return problems.isEmpty();
  }
}
