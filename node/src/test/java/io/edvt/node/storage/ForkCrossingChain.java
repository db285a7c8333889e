package io.edvt.node.storage;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import io.edvt.spec.testing.ValidatorKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One real chain across the fork, built once per test JVM: an interop genesis of 64 validators
 * (minimal preset, {@code EDVT_FORK_EPOCH = 2}), signed Fulu blocks at slots 1 to 15, the state
 * advanced to the fork slot 16 and upgraded ({@code upgrade_to_edvt}), then signed EDVT blocks
 * from slot 17 to {@link #LAST_SLOT}, everyone attesting, so the chain justifies and finalizes.
 */
public final class ForkCrossingChain {
  public static final int FORK_EPOCH = 2;
  public static final long LAST_SLOT = 48;

  private static ForkCrossingChain built;

  public final SpecVersions versions;
  public final BeaconState genesis;
  /** The blocks, in slot order; Fulu before slot 16, EDVT after. */
  public final List<SignedBeaconBlock> blocks;
  /** Each block's post-state. */
  public final List<BeaconState> posts;
  /** The last Fulu block's state advanced to the fork slot and upgraded: an EDVT state of a Fulu block. */
  public final BeaconState upgraded;

  private ForkCrossingChain(SpecVersions versions, BeaconState genesis, List<SignedBeaconBlock> blocks, List<BeaconState> posts,
      BeaconState upgraded) {
    this.versions = versions;
    this.genesis = genesis;
    this.blocks = List.copyOf(blocks);
    this.posts = List.copyOf(posts);
    this.upgraded = upgraded;
  }

  public static synchronized ForkCrossingChain get() {
    if (built == null) {
      built = build();
    }
    return built;
  }

  private static ForkCrossingChain build() {
    SpecVersions versions = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", String.valueOf(FORK_EPOCH))));
    int validators = 64;
    BeaconState genesis = new GenesisFulu(versions.fulu()).interop(validators, UInt64.ZERO, SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);
    long forkSlot = (long) FORK_EPOCH * versions.config().slotsPerEpoch();
    List<SignedBeaconBlock> blocks = new ArrayList<>();
    List<BeaconState> posts = new ArrayList<>();
    ChainBuilder fulu = new ChainBuilder(versions.fulu(), genesis, ValidatorKeys.interop(validators));
    for (long slot = 1; slot < forkSlot; slot++) {
      blocks.add(fulu.addBlock(UInt64.valueOf(slot), BlockOptions.none()));
      posts.add(fulu.headState());
    }
    BeaconState atFork = versions.fulu().stateTransition().processSlots(fulu.headState(), UInt64.valueOf(forkSlot));
    BeaconState upgraded = versions.upgradeTo(io.edvt.spec.SpecMilestone.EDVT, BeaconStateFulu.required(atFork));
    EdvtChainBuilder edvt = new EdvtChainBuilder(versions.edvt(), upgraded, ValidatorKeys.interop(validators));
    for (long slot = forkSlot + 1; slot <= LAST_SLOT; slot++) {
      blocks.add(edvt.addBlock(UInt64.valueOf(slot), BlockOptions.none()));
      posts.add(edvt.headState());
    }
    return new ForkCrossingChain(versions, genesis, blocks, posts, upgraded);
  }

  /** The index of the block at {@code slot}, or -1. */
  public int indexAtSlot(long slot) {
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i).message().slot().longValue() == slot) {
        return i;
      }
    }
    return -1;
  }
}
