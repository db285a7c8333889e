package io.edvt.spec.edvt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Fulu-to-EDVT transition inside {@code process_slots} and {@code state_transition}. */
class MultiForkStateTransitionTest {
  private static final int FORK_EPOCH = 2;
  private static final SpecConfig CONFIG =
      EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", String.valueOf(FORK_EPOCH)));
  private static final SpecVersions VERSIONS = new SpecVersions(CONFIG);
  private static final SpecFulu FULU = VERSIONS.fulu();
  private static final SpecEdvt EDVT = VERSIONS.edvt();
  private static final MultiForkStateTransition TRANSITION = new MultiForkStateTransition(VERSIONS);
  private static final int SLOTS_PER_EPOCH = CONFIG.slotsPerEpoch();
  private static final UInt64 FORK_SLOT = UInt64.valueOf((long) FORK_EPOCH * SLOTS_PER_EPOCH);

  /** A Fulu chain up to the last slot before the fork. */
  private static ChainBuilder chain;

  @BeforeAll
  static void fuluChain() {
    chain = ChainBuilder.interop(FULU, 64);
    chain.addBlocksUpTo(FORK_SLOT.minus(1));
  }

  @Test
  void milestonesByEpochSlotAndState() {
    assertThat(VERSIONS.milestoneAtEpoch(UInt64.ONE)).isEqualTo(SpecMilestone.FULU);
    assertThat(VERSIONS.milestoneAtEpoch(UInt64.valueOf(FORK_EPOCH))).isEqualTo(SpecMilestone.EDVT);
    assertThat(VERSIONS.forSlot(FORK_SLOT.minus(1))).isSameAs(FULU);
    assertThat(VERSIONS.forSlot(FORK_SLOT)).isSameAs(EDVT);
    assertThat(VERSIONS.forEpoch(UInt64.valueOf(100))).isSameAs(EDVT);
    assertThat(VERSIONS.forMilestone(SpecMilestone.FULU)).isSameAs(FULU);
    assertThat(SpecVersions.milestoneOf(chain.headState())).isEqualTo(SpecMilestone.FULU);
    BeaconStateEdvt upgraded = EDVT.forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(chain.headState()));
    assertThat(SpecVersions.milestoneOf(upgraded)).isEqualTo(SpecMilestone.EDVT);
    assertThat(VERSIONS.forState(upgraded)).isSameAs(EDVT);
    assertThat(EDVT.misc().computeForkVersion(UInt64.valueOf(FORK_EPOCH))).isEqualTo(SpecConfigEdvt.of(CONFIG).edvtForkVersion());
    assertThat(EDVT.misc().computeForkVersion(UInt64.ONE)).isEqualTo(FULU.misc().computeForkVersion(UInt64.ONE));
    assertThat(FULU.misc().computeForkVersion(UInt64.valueOf(FORK_EPOCH))).isNotEqualTo(SpecConfigEdvt.of(CONFIG).edvtForkVersion());
  }

  @Test
  void processSlotsUpgradesAtTheFirstSlotOfTheForkEpoch() {
    BeaconState head = chain.headState();
    assertThat(head.slot()).isEqualTo(FORK_SLOT.minus(1));

    BeaconState atFork = TRANSITION.processSlots(head, FORK_SLOT);
    BeaconStateEdvt edvt = BeaconStateEdvt.toVersionEdvt(atFork).orElseThrow();
    assertThat(edvt.slot()).isEqualTo(FORK_SLOT);
    assertThat(edvt.fork().previousVersion()).isEqualTo(CONFIG.fuluForkVersion());
    assertThat(edvt.fork().currentVersion()).isEqualTo(Bytes.fromHexString("0xed000001"));
    assertThat(edvt.fork().epoch()).isEqualTo(UInt64.valueOf(FORK_EPOCH));
    assertThat(edvt.groups().isEmpty()).isTrue();

    // It is Fulu's process_slots (with the epoch transition at the end of epoch 1), then the upgrade.
    BeaconState fuluAtFork = FULU.stateTransition().processSlots(head, FORK_SLOT);
    assertThat(fuluAtFork).isInstanceOf(BeaconStateFulu.class);
    assertThat(BeaconStateEdvt.toVersionEdvt(fuluAtFork)).isEmpty();
    BeaconStateEdvt expected = EDVT.forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(fuluAtFork));
    assertThat(atFork.hashTreeRoot()).isEqualTo(expected.hashTreeRoot());
    assertThat(fuluAtFork.previousEpochParticipation()).isEqualTo(head.currentEpochParticipation());
  }

  @Test
  void processSlotsBeforeTheForkStaysFulu() {
    ChainBuilder early = ChainBuilder.interop(FULU, 64);
    early.addBlocksUpTo(UInt64.valueOf(3));
    BeaconState before = TRANSITION.processSlots(early.headState(), FORK_SLOT.minus(1));
    assertThat(SpecVersions.milestoneOf(before)).isEqualTo(SpecMilestone.FULU);
    assertThat(before.hashTreeRoot())
        .isEqualTo(FULU.stateTransition().processSlots(early.headState(), FORK_SLOT.minus(1)).hashTreeRoot());
  }

  @Test
  void processSlotsAcrossTheForkRunsEdvtAfterIt() {
    UInt64 target = FORK_SLOT.plus(SLOTS_PER_EPOCH + 3);
    BeaconState across = TRANSITION.processSlots(chain.headState(), target);
    BeaconState stepwise = EDVT.stateTransition().processSlots(
        EDVT.forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(
            FULU.stateTransition().processSlots(chain.headState(), FORK_SLOT))), target);
    assertThat(SpecVersions.milestoneOf(across)).isEqualTo(SpecMilestone.EDVT);
    assertThat(across.slot()).isEqualTo(target);
    assertThat(across.hashTreeRoot()).isEqualTo(stepwise.hashTreeRoot());
    // the fork record stays the one made at the upgrade
    assertThat(across.fork().epoch()).isEqualTo(UInt64.valueOf(FORK_EPOCH));
    // an EDVT state goes on as EDVT
    BeaconState later = TRANSITION.processSlots(across, target.plus(SLOTS_PER_EPOCH));
    assertThat(later.hashTreeRoot())
        .isEqualTo(EDVT.stateTransition().processSlots(across, target.plus(SLOTS_PER_EPOCH)).hashTreeRoot());
  }

  @Test
  void anUnscheduledForkLeavesProcessSlotsToFulu() {
    SpecVersions plain = new SpecVersions(EdvtConfig.load("minimal"));
    SpecFulu fulu = plain.fulu();
    BeaconState genesis = new GenesisFulu(fulu).interop(64, UInt64.ZERO, (byte) 0x01);
    UInt64 target = UInt64.valueOf(3L * SLOTS_PER_EPOCH + 1);
    BeaconState viaVersions = new MultiForkStateTransition(plain).processSlots(genesis, target);
    assertThat(SpecVersions.milestoneOf(viaVersions)).isEqualTo(SpecMilestone.FULU);
    assertThat(viaVersions.hashTreeRoot()).isEqualTo(fulu.stateTransition().processSlots(genesis, target).hashTreeRoot());
  }

  @Test
  void aGenesisAtAnEdvtForkEpochOfZeroIsUpgradedFirst() {
    SpecVersions fromGenesis = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "0")));
    BeaconState genesis = new GenesisFulu(fromGenesis.fulu()).interop(64, UInt64.ZERO, (byte) 0x01);
    BeaconState state = new MultiForkStateTransition(fromGenesis).processSlots(genesis, UInt64.valueOf(3));
    BeaconStateEdvt edvt = BeaconStateEdvt.toVersionEdvt(state).orElseThrow();
    assertThat(edvt.fork().epoch()).isEqualTo(UInt64.ZERO);
    assertThat(edvt.fork().currentVersion()).isEqualTo(Bytes.fromHexString("0xed000001"));
    BeaconState expected = fromGenesis.edvt().stateTransition().processSlots(
        fromGenesis.edvt().forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(genesis)), UInt64.valueOf(3));
    assertThat(state.hashTreeRoot()).isEqualTo(expected.hashTreeRoot());
  }

  @Test
  void aFuluStatePastTheForkIsRejected() {
    BeaconState fuluAfterFork = FULU.stateTransition().processSlots(chain.headState(), FORK_SLOT.plus(2));
    assertThatThrownBy(() -> TRANSITION.processSlots(fuluAfterFork, FORK_SLOT.plus(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("past the EDVT fork slot " + FORK_SLOT);
    assertThatThrownBy(() -> TRANSITION.processSlots(chain.headState(), chain.headState().slot()))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("state.slot < slot");
  }

  @Test
  void fuluBlocksBeforeTheForkReplayThroughTheMultiForkTransition() {
    BeaconState state = new GenesisFulu(FULU).interop(64, UInt64.ZERO, (byte) 0x01);
    for (SignedBeaconBlock block : chain.blocks().subList(0, 6)) {
      state = TRANSITION.stateTransition(state, block, true, SignatureVerifier.SIMPLE, ExecutionEngine.always(true));
    }
    assertThat(state.latestBlockHeader().slot()).isEqualTo(chain.blocks().get(5).message().slot());
    assertThat(SpecVersions.milestoneOf(state)).isEqualTo(SpecMilestone.FULU);
  }

  @Test
  void theFirstEdvtBlockIsProcessedOnTheUpgradedState() {
    BeaconState head = chain.headState();
    // A Fulu block is no longer accepted at the fork slot.
    SignedBeaconBlock fuluBlock = chain.produceBlock(FORK_SLOT, BlockOptions.none());
    assertThatThrownBy(() -> TRANSITION.stateTransition(head, fuluBlock, true, new SignatureVerifier.Batch(),
            ExecutionEngine.always(true)))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("milestone in force");

    // The same content as an EDVT block, signed with the EDVT fork version, is.
    SignedBeaconBlockEdvt edvtBlock = asEdvtBlock(head, fuluBlock.message());
    BeaconState post = TRANSITION.stateTransition(head, edvtBlock, true, new SignatureVerifier.Batch(),
        ExecutionEngine.always(true));
    BeaconStateEdvt edvtPost = BeaconStateEdvt.toVersionEdvt(post).orElseThrow();
    assertThat(edvtPost.slot()).isEqualTo(FORK_SLOT);
    assertThat(edvtPost.hashTreeRoot()).isEqualTo(edvtBlock.message().stateRoot());
    assertThat(edvtPost.latestBlockHeader().bodyRoot()).isEqualTo(edvtBlock.message().body().hashTreeRoot());
    // the block's attestations (epoch 1, signed under Fulu's version) counted
    assertThat(edvtPost.previousEpochParticipation().stream().anyMatch(f -> f != 0)).isTrue();

    // A wrong state root is still caught.
    SignedBeaconBlockEdvt tampered = SignedBeaconBlockEdvt.create(EDVT.schemas().signedBeaconBlock(),
        edvtBlock.message().withStateRoot(Bytes32.ZERO), edvtBlock.signature(), edvtBlock.signerBits());
    assertThatThrownBy(() -> TRANSITION.stateTransition(head, tampered, true, SignatureVerifier.NONE,
            ExecutionEngine.always(true)))
        .isInstanceOf(StateTransitionException.class);
  }

  /**
   * {@code fuluBlock}'s content as an EDVT block on {@code head} (member 0 as RANDAO member and
   * signer, no group operations), with the RANDAO reveal and block signature made under the
   * upgraded state's fork and the state root of the EDVT transition.
   */
  private static SignedBeaconBlockEdvt asEdvtBlock(BeaconState head, BeaconBlock fuluBlock) {
    BeaconState atFork = TRANSITION.processSlots(head, FORK_SLOT);
    MutableBeaconState view = new MutableBeaconState(atFork);
    int proposer = fuluBlock.proposerIndex().intValue();
    BeaconBlockBody fuluBody = fuluBlock.body();
    ContainerType<BeaconBlockBodyEdvt> bodyType = EDVT.schemas().beaconBlockBody();
    List<Attestation> attestations =
        fuluBody.attestations().stream().map(a -> EDVT.forkUpgrade().upgradeAttestation(a)).toList();
    BeaconBlockBodyEdvt body = BeaconBlockBodyEdvt.create(bodyType,
        chain.signer().randaoReveal(view, proposer),
        fuluBody.eth1Data(),
        fuluBody.graffiti(),
        list(bodyType, BeaconBlockBody.PROPOSER_SLASHINGS, List.of()),
        list(bodyType, BeaconBlockBody.ATTESTER_SLASHINGS, List.of()),
        list(bodyType, BeaconBlockBody.ATTESTATIONS, attestations),
        list(bodyType, BeaconBlockBody.DEPOSITS, List.of()),
        list(bodyType, BeaconBlockBody.VOLUNTARY_EXITS, List.of()),
        fuluBody.syncAggregate(),
        fuluBody.executionPayload(),
        list(bodyType, BeaconBlockBody.BLS_TO_EXECUTION_CHANGES, List.of()),
        fuluBody.blobKzgCommitments(),
        fuluBody.executionRequests(),
        UInt64.ZERO,
        list(bodyType, BeaconBlockBodyEdvt.GROUP_REGISTRATIONS, List.of()),
        list(bodyType, BeaconBlockBodyEdvt.GROUP_KEY_CHANGES, List.of()));
    BeaconBlock unsealed = BeaconBlock.create(EDVT.schemas().beaconBlock(), fuluBlock.slot(), fuluBlock.proposerIndex(),
        fuluBlock.parentRoot(), Bytes32.ZERO, body);
    MutableBeaconState post = new MutableBeaconState(atFork);
    EDVT.blockProcessor().processBlock(post, unsealed, SignatureVerifier.NONE, ExecutionEngine.always(true));
    BeaconBlock sealed = unsealed.withStateRoot(post.commit().hashTreeRoot());
    return SignedBeaconBlockEdvt.create(EDVT.schemas().signedBeaconBlock(), sealed, chain.signer().block(view, sealed),
        EDVT.forkUpgrade().computeOwnKeySignerBits());
  }

  @SuppressWarnings("unchecked")
  private static <E> SszList<E> list(ContainerType<?> type, int field, List<? extends E> elements) {
    return ((ListType<E>) type.fields().get(field).type()).of(elements);
  }
}
