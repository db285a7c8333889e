package io.edvt.node.cli.beacon;

import io.edvt.node.cli.ExitCodes;
import io.edvt.node.config.BeaconNodeConfig;
import io.edvt.node.config.BeaconNodeLauncher;
import io.edvt.node.config.GenesisStateReader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import java.io.PrintWriter;

/**
 * A launcher that starts nothing: it reads the genesis state as the node would (so a wrong file or
 * network fails here, exit 2) and prints the resolved configuration in the {@code --config-file}
 * format. {@code --Xdry-run} asks for it.
 */
public final class DryRunLauncher implements BeaconNodeLauncher {
  /** For {@code --Xdry-run}. */
  public static final DryRunLauncher REQUESTED = new DryRunLauncher();

  private DryRunLauncher() {}

  @Override
  public int launch(BeaconNodeConfig config, PrintWriter out, PrintWriter err) {
    out.println("# dry run (--Xdry-run): the configuration is valid; nothing was started");
    config.network().genesisState().ifPresent(file -> {
      BeaconState state = GenesisStateReader.read(file, config.network().spec());
      out.println("# genesis state: " + SpecVersions.milestoneOf(state).forkName() + " at slot " + state.slot() + ", "
          + state.validators().size() + " validators, genesis time " + state.genesisTime() + ", state root "
          + state.hashTreeRoot());
    });
    ConfigPrinter.print(config, out);
    return ExitCodes.OK;
  }
}
