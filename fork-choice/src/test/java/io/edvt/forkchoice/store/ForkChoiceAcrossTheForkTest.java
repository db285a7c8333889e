package io.edvt.forkchoice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.forkchoice.votes.EdvtVoteLayer;
import io.edvt.forkchoice.votes.VoteLayer;
import io.edvt.forkchoice.votes.VoteLayers;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import io.edvt.spec.testing.ValidatorKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One store follows a chain from Fulu into EDVT (EDVT_FORK_EPOCH 3 on the minimal preset, 64
 * validators, every block and attestation signed and checked): the first EDVT block is processed
 * on the upgraded state, the EDVT vote layer weighs the Fulu epochs exactly as Fulu's tracker
 * does, so the votes carry across the boundary, and the chain justifies and finalizes across it.
 */
class ForkChoiceAcrossTheForkTest {
  private static final int FORK_EPOCH = 3;
  private static final SpecVersions VERSIONS =
      new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", String.valueOf(FORK_EPOCH))));
  private static final SpecFulu FULU = VERSIONS.fulu();
  private static final int SLOTS_PER_EPOCH = FULU.config().slotsPerEpoch();
  private static final long SECONDS_PER_SLOT = FULU.config().slotDurationMs() / 1000;
  private static final long FORK_SLOT = (long) FORK_EPOCH * SLOTS_PER_EPOCH;

  private static BeaconState genesis;
  private static BeaconBlock anchor;
  private static List<SignedBeaconBlock> fuluBlocks;
  private static List<SignedBeaconBlock> edvtBlocks;
  private static SignedBeaconBlock fuluBlockAtTheForkSlot;

  @BeforeAll
  static void buildTheChain() {
    ChainBuilder fulu = ChainBuilder.interop(FULU, 64);
    genesis = fulu.headState();
    anchor = BeaconBlock.create(FULU.schemas().beaconBlock(), UInt64.ZERO, UInt64.ZERO, Bytes32.ZERO,
        genesis.hashTreeRoot(), FULU.schemas().beaconBlockBody().defaultValue());
    fulu.addBlocksUpTo(UInt64.valueOf(FORK_SLOT - 1));
    fuluBlocks = fulu.blocks();
    fuluBlockAtTheForkSlot = fulu.produceBlock(UInt64.valueOf(FORK_SLOT), BlockOptions.none());
    BeaconState atFork = FULU.stateTransition().processSlots(fulu.headState(), UInt64.valueOf(FORK_SLOT));
    EdvtChainBuilder edvt = new EdvtChainBuilder(VERSIONS.edvt(),
        VERSIONS.edvt().forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(atFork)), ValidatorKeys.interop(64));
    List<SignedBeaconBlock> made = new ArrayList<>();
    // the fork slot itself is empty: the first EDVT block crosses the upgrade inside process_slots
    for (long slot = FORK_SLOT + 1; slot <= FORK_SLOT + 2L * SLOTS_PER_EPOCH; slot++) {
      made.add(edvt.addBlock(UInt64.valueOf(slot), BlockOptions.none()));
    }
    edvtBlocks = made;
  }

  private static ForkChoiceStore store(VoteLayer.Factory votes) {
    return ForkChoiceStore.create(VERSIONS, genesis, anchor, votes,
        ForkChoiceOptions.verifying(ExecutionEngine.always(true), root -> true));
  }

  private static void importBlock(ForkChoiceStore store, SignedBeaconBlock block) {
    store.onTick(store.genesisTime().plus(block.message().slot().longValue() * SECONDS_PER_SLOT));
    store.onBlock(block);
    for (Attestation a : block.message().body().attestations()) {
      store.onAttestation(a, true);
    }
  }

  @Test
  void theEdvtVoteLayerWeighsTheFuluEpochsAsFuluDoes() {
    VoteLayer.Factory chosen = VoteLayers.forChain(VERSIONS, genesis);
    ForkChoiceStore edvtLayer = store(chosen);
    ForkChoiceStore fuluLayer = store(VoteLayers.fulu(FULU));
    assertThat(edvtLayer.votes()).isInstanceOf(EdvtVoteLayer.class);
    for (SignedBeaconBlock block : fuluBlocks) {
      importBlock(edvtLayer, block);
      importBlock(fuluLayer, block);
      assertThat(edvtLayer.getHead()).isEqualTo(fuluLayer.getHead()).isEqualTo(block.message().hashTreeRoot());
      for (int node = 0; node < fuluLayer.protoArray().size(); node++) {
        assertThat(edvtLayer.protoArray().weight(node)).as("weight of node %d after slot %s", node, block.message().slot())
            .isEqualTo(fuluLayer.protoArray().weight(node));
      }
    }
    assertThat(fuluLayer.protoArray().weight(1)).as("the Fulu votes have weight").isPositive();
  }

  @Test
  void followsTheChainIntoEdvtAndFinalizesAcrossTheBoundary() {
    ForkChoiceStore store = store(VoteLayers.forChain(VERSIONS, genesis));
    fuluBlocks.forEach(b -> importBlock(store, b));
    // votes for the last Fulu block arrive in the first EDVT block: take its parent's weight
    Bytes32 lastVoted = fuluBlocks.get(fuluBlocks.size() - 2).message().hashTreeRoot();
    store.getHead(); // applies the pending votes to the proto-array
    long fuluWeight = store.protoArray().weight(store.protoArray().indexOf(lastVoted));
    assertThat(fuluWeight).isPositive();

    for (SignedBeaconBlock block : edvtBlocks) {
      importBlock(store, block);
      Bytes32 root = block.message().hashTreeRoot();
      assertThat(store.getHead()).isEqualTo(root);
      assertThat(SpecVersions.milestoneOf(store.block(root).state())).isEqualTo(SpecMilestone.EDVT);
    }
    // the Fulu votes still count on the ancestors of the EDVT head, joined by the EDVT ones
    store.getHead();
    assertThat(store.protoArray().weight(store.protoArray().indexOf(lastVoted))).isGreaterThan(fuluWeight);
    assertThat(store.justifiedCheckpoint().epoch().longValue()).isGreaterThanOrEqualTo(FORK_EPOCH);
    assertThat(store.finalizedCheckpoint().epoch().longValue()).as("finalized across the fork").isGreaterThanOrEqualTo(FORK_EPOCH - 1);
  }

  @Test
  void aFuluBlockAtTheForkSlotIsRefused() {
    ForkChoiceStore store = store(VoteLayers.forChain(VERSIONS, genesis));
    fuluBlocks.forEach(b -> importBlock(store, b));
    store.onTick(store.genesisTime().plus(FORK_SLOT * SECONDS_PER_SLOT));
    assertThatThrownBy(() -> store.onBlock(fuluBlockAtTheForkSlot))
        .isInstanceOfSatisfying(ForkChoiceException.class,
            e -> assertThat(e.reason()).isEqualTo(ForkChoiceException.Reason.INVALID_STATE_TRANSITION))
        .hasMessageContaining("milestone in force");
  }

  @Test
  void aFuluOnlyNetworkKeepsFulusTracker() {
    SpecVersions unscheduled = new SpecVersions(EdvtConfig.load("minimal"));
    assertThat(VoteLayers.forChain(unscheduled, genesis).create(null)).isNotInstanceOf(EdvtVoteLayer.class);
  }
}
