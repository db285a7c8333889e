package io.edvt.node.cli.beacon;

import io.edvt.node.config.BeaconNodeConfig;
import io.edvt.node.config.BeaconNodeLauncher;
import io.edvt.node.config.DataConfig;
import io.edvt.node.config.NetworkConfig;
import io.edvt.node.config.P2pConfig;
import io.edvt.node.execution.EngineConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code edvt beacon-node}: parses Teku's flags (the ones ethereum-package passes, with Teku's
 * spelling and value forms) and a {@code --config-file} into a {@link BeaconNodeConfig}, and hands
 * it to a {@link BeaconNodeLauncher}. Each concern's flags are one mixin class that builds its
 * own record; this class only puts them together.
 */
@Command(name = "beacon-node", aliases = "bn", sortOptions = false, usageHelpAutoWidth = true,
    description = {
      "Run a beacon node. Flags follow Teku's names and value forms; booleans take --flag, --flag=true or --flag=false.",
      "A --config-file YAML sets flags by name without the dashes (p2p-port: 9000); the command line overrides it."
    })
public final class BeaconNodeCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = {"-c", "--config-file"}, paramLabel = "<FILENAME>",
      description = "YAML file of flag values (keys are flag names without --).")
  private Path configFile;

  @Option(names = "--Xdry-run", paramLabel = "<BOOLEAN>", arity = "0..1", fallbackValue = "true",
      description = "Check the configuration (network config, genesis state) and print it resolved, without starting.")
  private boolean dryRun;

  @Mixin(name = "Network and genesis") private NetworkFlags network;
  @Mixin(name = "Data and storage") private DataFlags data;
  @Mixin(name = "P2P") private P2pFlags p2p;
  @Mixin(name = "REST API") private RestApiFlags restApi;
  @Mixin(name = "Metrics") private MetricsFlags metrics;
  @Mixin(name = "Execution engine") private ExecutionEngineFlags executionEngine;
  @Mixin(name = "Checkpoint sync") private CheckpointSyncFlags checkpointSync;
  @Mixin(name = "Logging") private LoggingFlags logging;
  @Mixin(name = "Validator") private ValidatorFlags validator;

  private final BeaconNodeLauncher launcher;

  /** The command that hands its configuration to {@code launcher} (unless {@code --Xdry-run}). */
  public BeaconNodeCommand(BeaconNodeLauncher launcher) {
    this.launcher = launcher;
  }

  /** Sets up {@code beaconNode}, the command line of this command: config-file defaults and grouped help. */
  public static void configure(CommandLine beaconNode) {
    BeaconNodeCommand command = beaconNode.getCommand();
    beaconNode.setDefaultValueProvider(new ConfigFileDefaults(beaconNode.getCommandSpec(), () -> command.configFile));
    beaconNode.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, GroupedHelp::optionList);
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    BeaconNodeConfig config = resolve(warning -> err.println(spec.qualifiedName() + ": warning: " + warning));
    BeaconNodeLauncher chosen = dryRun ? DryRunLauncher.REQUESTED : launcher;
    return chosen.launch(config, spec.commandLine().getOut(), err);
  }

  /** The configuration the flags describe; flags that contradict each other are a usage error. */
  BeaconNodeConfig resolve(java.util.function.Consumer<String> warn) {
    // the flags' own contradictions first: they need no file read and come before any warning about one
    DataConfig dataConfig = data.toConfig();
    P2pConfig p2pConfig = p2p.toConfig(spec);
    EngineConfig engineConfig = executionEngine.toConfig(spec);
    NetworkConfig networkConfig = network.toConfig(warn);
    BeaconNodeConfig config = new BeaconNodeConfig(networkConfig, dataConfig, p2pConfig, restApi.toConfig(),
        metrics.toConfig(), engineConfig, checkpointSync.toConfig(), logging.toConfig(dataConfig), validator.toConfig());
    if (networkConfig.genesisState().isEmpty() && config.checkpointSync().url().isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--network " + networkConfig.name()
          + ": no genesis state is built in; give --genesis-state FILE or --checkpoint-sync-url URL");
    }
    return config;
  }
}
