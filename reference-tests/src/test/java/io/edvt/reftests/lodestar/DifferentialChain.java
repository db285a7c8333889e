package io.edvt.reftests.lodestar;

import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import java.util.List;
import java.util.Objects;

/**
 * A chain to run through both state transitions: its config, a Fulu genesis (or any Fulu
 * pre-state) and signed blocks in slot order, as our chain builder made them.
 */
public record DifferentialChain(String name, SpecConfig config, BeaconState genesis, List<SignedBeaconBlock> blocks) {
  public DifferentialChain {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(genesis, "genesis");
    blocks = List.copyOf(blocks);
  }
}
