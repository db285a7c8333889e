package io.edvt.spec.edvt.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import java.util.List;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fork.md "Equivalence with Fulu": a state without groups behaves as Fulu. A busy Fulu chain
 * (partial participation, a silent sync committee, a proposer and an attester slashing) is
 * upgraded to EDVT; processing epochs on the upgrade with {@link SpecEdvt} must give exactly what
 * {@link SpecFulu} gives on the Fulu state, field by field, with the EDVT lists still empty.
 *
 * <p>With Fulu's epoch processor this holds by construction; it is here so that every EDVT
 * override of epoch processing keeps it.
 */
class FuluEquivalenceTest {
  private static final SpecConfig CONFIG = EdvtConfig.load("minimal");
  private static final SpecFulu FULU = new SpecFulu(CONFIG);
  private static final SpecEdvt EDVT = new SpecEdvt(CONFIG);
  private static final int SLOTS_PER_EPOCH = CONFIG.slotsPerEpoch();

  /** A Fulu head at the last slot of epoch 3. */
  private static BeaconStateFulu head;

  @BeforeAll
  static void busyChain() {
    ChainBuilder chain = ChainBuilder.interop(FULU, 64).attesting(i -> i % 5 != 0);
    chain.addBlocksUpTo(UInt64.valueOf(SLOTS_PER_EPOCH + 2L));
    MutableBeaconState view = chain.headView();
    UInt64 slot = UInt64.valueOf(SLOTS_PER_EPOCH + 3L);
    int slashedProposer = chain.proposerOf(slot) == 5 ? 6 : 5;
    chain.addBlock(slot, BlockOptions.none()
        .proposerSlashing(chain.operations().proposerSlashing(view, slashedProposer, view.slot()))
        .attesterSlashing(chain.operations().attesterSlashing(view, List.of(12, 40))));
    chain.syncCommitteeSigns(false).addBlocksUpTo(UInt64.valueOf(2L * SLOTS_PER_EPOCH + 4));
    chain.syncCommitteeSigns(true).attesting(i -> i % 3 != 0).addBlocksUpTo(UInt64.valueOf(4L * SLOTS_PER_EPOCH - 1));
    head = BeaconStateFulu.required(chain.headState());
    assertThat(head.slot().longValue()).isEqualTo(4L * SLOTS_PER_EPOCH - 1);
  }

  @Test
  void processEpochOnTheUpgradeIsFulusProcessEpoch() {
    MutableBeaconState fulu = new MutableBeaconState(head);
    FULU.epochProcessor().processEpoch(fulu);
    MutableBeaconState edvt = new MutableBeaconState(EDVT.forkUpgrade().upgradeToEdvt(head));
    EDVT.epochProcessor().processEpoch(edvt);

    BeaconState fuluPost = fulu.commit();
    BeaconStateEdvt edvtPost = BeaconStateEdvt.toVersionEdvt(edvt.commit()).orElseThrow();
    // the epoch did something worth comparing
    assertThat(fuluPost.balances()).isNotEqualTo(head.balances());
    assertThat(fuluPost.previousEpochParticipation()).isEqualTo(head.currentEpochParticipation());
    assertThat(head.validators().get(12).slashed()).isTrue();
    assertSameAsFulu(edvtPost, fuluPost);
  }

  @Test
  void epochsOfEmptySlotsOnTheUpgradeAreFulus() {
    // five epochs without blocks: an inactivity leak, and a sync committee period boundary (8)
    UInt64 target = UInt64.valueOf(9L * SLOTS_PER_EPOCH + 1);
    BeaconState fuluPost = FULU.stateTransition().processSlots(head, target);
    BeaconState edvtPost = EDVT.stateTransition().processSlots(EDVT.forkUpgrade().upgradeToEdvt(head), target);

    assertThat(fuluPost.inactivityScores().stream().anyMatch(s -> s.isGreaterThan(UInt64.ZERO))).isTrue();
    assertThat(fuluPost.nextSyncCommittee()).isNotEqualTo(head.nextSyncCommittee());
    // process_slot records state roots, and the EDVT state's root is not the Fulu state's: the
    // fields holding roots differ (the header's state root only), all others are Fulu's.
    BeaconStateEdvt edvt = BeaconStateEdvt.toVersionEdvt(edvtPost).orElseThrow();
    assertThat(edvt.latestBlockHeader().withStateRoot(Bytes32.ZERO))
        .isEqualTo(fuluPost.latestBlockHeader().withStateRoot(Bytes32.ZERO));
    assertThat(edvt.stateRoots()).isNotEqualTo(fuluPost.stateRoots());
    assertSameAsFulu(edvt, fuluPost, Set.of(BeaconState.LATEST_BLOCK_HEADER, BeaconState.BLOCK_ROOTS,
        BeaconState.STATE_ROOTS, BeaconState.HISTORICAL_SUMMARIES));
  }

  private static void assertSameAsFulu(BeaconStateEdvt edvt, BeaconState fulu) {
    assertSameAsFulu(edvt, fulu, Set.of());
  }

  /**
   * Every Fulu field but {@code fork} (and {@code rootFields}) equal, the EDVT fork kept, the EDVT
   * lists empty.
   */
  private static void assertSameAsFulu(BeaconStateEdvt edvt, BeaconState fulu, Set<Integer> rootFields) {
    assertThat(edvt.balances()).isEqualTo(fulu.balances());
    assertThat(edvt.previousEpochParticipation()).isEqualTo(fulu.previousEpochParticipation());
    assertThat(edvt.currentEpochParticipation()).isEqualTo(fulu.currentEpochParticipation());
    assertThat(edvt.inactivityScores()).isEqualTo(fulu.inactivityScores());
    assertThat(edvt.previousJustifiedCheckpoint()).isEqualTo(fulu.previousJustifiedCheckpoint());
    assertThat(edvt.currentJustifiedCheckpoint()).isEqualTo(fulu.currentJustifiedCheckpoint());
    assertThat(edvt.finalizedCheckpoint()).isEqualTo(fulu.finalizedCheckpoint());
    assertThat(edvt.justificationBits()).isEqualTo(fulu.justificationBits());
    List<String> names = fulu.type().fieldNames();
    for (int i = 0; i < BeaconStateFulu.FIELD_COUNT; i++) {
      if (i != BeaconState.FORK && !rootFields.contains(i)) {
        assertThat(edvt.get(i)).as(names.get(i)).isEqualTo(fulu.get(i));
      }
    }
    assertThat(edvt.fork().currentVersion()).isEqualTo(SpecConfigEdvt.of(CONFIG).edvtForkVersion());
    assertThat(edvt.groups().isEmpty()).isTrue();
    assertThat(edvt.previousEpochMemberParticipation().isEmpty()).isTrue();
    assertThat(edvt.currentEpochMemberParticipation().isEmpty()).isTrue();
  }
}
