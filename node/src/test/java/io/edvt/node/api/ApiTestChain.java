package io.edvt.node.api;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import io.edvt.spec.testing.ValidatorKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The chain the API tests serve, built once per JVM with real signatures: an interop genesis of 64
 * validators (minimal preset, {@code EDVT_FORK_EPOCH = 2}), Fulu blocks at slots 1 to 15, the
 * fork slot 16 left empty, and EDVT blocks from slot 17 to {@link #LAST_SLOT} with everyone
 * attesting, so the chain justifies and finalizes. Slot {@link #EMPTY_SLOT} is also left empty.
 *
 * <p>At the fork the upgraded state gets one group ({@link #GROUP_VALIDATOR}, {@link #GROUP_M} of
 * {@link #GROUP_N}) the way {@code EdvtChainBuilder.withGroups} sets one up (compounding
 * credentials, the balance of n members, the registry entry written directly), so the EDVT
 * endpoints have a group to show. That edit belongs to no block: replaying block 17 on block 15's
 * state would not reproduce it, so every EDVT block's post-state is stored as a snapshot.
 */
public final class ApiTestChain {
  public static final int FORK_EPOCH = 2;
  public static final long LAST_SLOT = 40;
  public static final long EMPTY_SLOT = 22;
  public static final int VALIDATORS = 64;
  public static final int GROUP_VALIDATOR = 5;
  public static final int GROUP_M = 2;
  public static final int GROUP_N = 3;

  private static ApiTestChain built;

  public final SpecVersions versions;
  public final BeaconState genesis;
  /** The blocks in slot order. */
  public final List<SignedBeaconBlock> blocks;
  /** Each block's post-state. */
  public final List<BeaconState> posts;

  private ApiTestChain(SpecVersions versions, BeaconState genesis, List<SignedBeaconBlock> blocks, List<BeaconState> posts) {
    this.versions = versions;
    this.genesis = genesis;
    this.blocks = List.copyOf(blocks);
    this.posts = List.copyOf(posts);
  }

  public static synchronized ApiTestChain get() {
    if (built == null) {
      built = build();
    }
    return built;
  }

  private static ApiTestChain build() {
    SpecVersions versions = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", String.valueOf(FORK_EPOCH))));
    BeaconState genesis = new GenesisFulu(versions.fulu()).interop(VALIDATORS, UInt64.ZERO,
        SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);
    long forkSlot = (long) FORK_EPOCH * versions.config().slotsPerEpoch();
    List<SignedBeaconBlock> blocks = new ArrayList<>();
    List<BeaconState> posts = new ArrayList<>();
    ChainBuilder fulu = new ChainBuilder(versions.fulu(), genesis, ValidatorKeys.interop(VALIDATORS));
    for (long slot = 1; slot < forkSlot; slot++) {
      blocks.add(fulu.addBlock(UInt64.valueOf(slot), BlockOptions.none()));
      posts.add(fulu.headState());
    }
    BeaconState atFork = versions.fulu().stateTransition().processSlots(fulu.headState(), UInt64.valueOf(forkSlot));
    BeaconState upgraded = versions.upgradeTo(SpecMilestone.EDVT, BeaconStateFulu.required(atFork));
    ValidatorKeys keys = ValidatorKeys.interop(VALIDATORS);
    BeaconState withGroup = addGroup(versions, upgraded, keys);
    EdvtChainBuilder edvt = new EdvtChainBuilder(versions.edvt(), withGroup, keys);
    for (long slot = forkSlot + 1; slot <= LAST_SLOT; slot++) {
      if (slot == EMPTY_SLOT) {
        continue;
      }
      blocks.add(edvt.addBlock(UInt64.valueOf(slot), BlockOptions.none()));
      posts.add(edvt.headState());
    }
    return new ApiTestChain(versions, genesis, blocks, posts);
  }

  private static BeaconState addGroup(SpecVersions versions, BeaconState upgraded, ValidatorKeys keys) {
    EdvtFixtures fixtures = new EdvtFixtures(versions.fulu(), versions.edvt());
    MutableBeaconState state = new MutableBeaconState(upgraded);
    Validator v = state.validators().get(GROUP_VALIDATOR);
    byte[] credentials = v.withdrawalCredentials().toArray();
    credentials[0] = SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX;
    state.validators().set(GROUP_VALIDATOR, v.withWithdrawalCredentials(Bytes32.wrap(credentials)));
    EdvtFixtures.setEffectiveBalance(state, GROUP_VALIDATOR, versions.config().minActivationBalance().times(GROUP_N));
    fixtures.addGroup(state, GROUP_VALIDATOR, GROUP_M, GROUP_N);
    for (int j = 0; j < GROUP_N; j++) {
      keys.add(EdvtFixtures.memberKey(GROUP_VALIDATOR, j));
    }
    // read back from SSZ so no cache derived before the direct edits survives
    return versions.edvt().schemas().beaconState().deserialize(state.commit().serialize());
  }

  /** The index in {@link #blocks} of the block at {@code slot}, or -1. */
  public int indexAtSlot(long slot) {
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i).message().slot().longValue() == slot) {
        return i;
      }
    }
    return -1;
  }

  public SignedBeaconBlock blockAt(long slot) {
    return blocks.get(indexAtSlot(slot));
  }

  public BeaconState postAt(long slot) {
    return posts.get(indexAtSlot(slot));
  }

  public SignedBeaconBlock head() {
    return blocks.get(blocks.size() - 1);
  }

  public BeaconState headState() {
    return posts.get(posts.size() - 1);
  }
}
