package io.edvt.rewards;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * Real signed Fulu chains (minimal preset, 64 validators) shared by the reward tests, each built
 * once per test run on first use.
 */
final class TestChains {
  static final SpecFulu SPEC = new SpecFulu(SpecConfigLoader.load("minimal"));
  /** Every milestone on the same network (EDVT not scheduled): what the block rewards calculator takes. */
  static final SpecVersions VERSIONS = new SpecVersions(EdvtConfig.load("minimal"));
  static final int SLOTS_PER_EPOCH = SPEC.config().slotsPerEpoch();
  static final int VALIDATORS = 64;
  /** Attests throughout, but is slashed (by a proposer slashing) in epoch 1. */
  static final int SLASHED = 5;
  /** The slot whose attestations are included two slots late (no block at the next slot). */
  static final UInt64 LATE_SLOT = UInt64.valueOf(12);

  private TestChains() {}

  /** Validators with {@code i % 4 == 0} never attest. */
  static boolean partialAttester(int i) {
    return i % 4 != 0;
  }

  /**
   * Three epochs of partial participation: validators {@code i % 4 == 0} never attest,
   * {@link #SLASHED} is slashed at slot 10, slot 13 is empty (so slot 12's attestations miss the
   * head flag).
   *
   * @param midEpoch2 the post-state of the block at slot 19
   * @param endOfEpoch2 the post-state of the block at slot 23, the last slot of epoch 2: the state
   *     whose epoch transition pays the rewards of epoch 1
   */
  record PartialChain(BeaconState midEpoch2, BeaconState endOfEpoch2) {}

  /**
   * Seven epochs in which only validators {@code i % 2 == 0} attest: nothing is ever justified,
   * so the transition at the end of epoch 6 is in an inactivity leak.
   *
   * @param endOfEpoch6 the post-state of the block at slot 55
   */
  record LeakChain(BeaconState endOfEpoch6) {}

  static PartialChain partial() {
    return PartialHolder.CHAIN;
  }

  static LeakChain leak() {
    return LeakHolder.CHAIN;
  }

  private static final class PartialHolder {
    static final PartialChain CHAIN = buildPartial();
  }

  private static final class LeakHolder {
    static final LeakChain CHAIN = buildLeak();
  }

  /**
   * A block of {@code chain} at {@code slot} (not applied) whose sync aggregate is signed by the
   * seats that {@code signs} selects, sealed with its post-state root and proposer signature.
   */
  static SignedBeaconBlock withSyncParticipation(ChainBuilder chain, UInt64 slot, IntPredicate signs) {
    BeaconBlock produced = chain.produceBlock(slot, BlockOptions.none()).message();
    MutableBeaconState view = stateAt(chain.headState(), slot);
    UInt64 previousSlot = slot.minus(1);
    Bytes32 root = SPEC.accessors().getBlockRootAtSlot(view, previousSlot);
    SszList<Bytes48> pubkeys = view.currentSyncCommittee().pubkeys();
    List<BlsSecretKey> signers = new ArrayList<>();
    List<Integer> seats = new ArrayList<>();
    for (int seat = 0; seat < pubkeys.size(); seat++) {
      if (signs.test(seat)) {
        signers.add(chain.signer().keys().get(pubkeys.get(seat)));
        seats.add(seat);
      }
    }
    SyncAggregate aggregate = SyncAggregate.create(SPEC.schemas().syncAggregate(),
        SszBits.withSet(pubkeys.size(), seats.stream().mapToInt(Integer::intValue).toArray()),
        chain.signer().syncCommittee(view, root, previousSlot, signers));
    return chain.seal(produced.withBody(produced.body().withSyncAggregate(aggregate)));
  }

  /** A working copy of {@code state} advanced through empty slots to {@code slot}. */
  static MutableBeaconState stateAt(BeaconState state, UInt64 slot) {
    MutableBeaconState view = new MutableBeaconState(state);
    if (view.slot().isLessThan(slot)) {
      SPEC.stateTransition().processSlots(view, slot);
    }
    return view;
  }

  private static PartialChain buildPartial() {
    ChainBuilder chain = ChainBuilder.interop(SPEC, VALIDATORS).attesting(TestChains::partialAttester);
    chain.addBlocksUpTo(UInt64.valueOf(9));
    chain.addBlock(UInt64.valueOf(10), BlockOptions.none()
        .proposerSlashing(chain.operations().proposerSlashing(chain.headView(), SLASHED, UInt64.valueOf(3))));
    chain.addBlocksUpTo(LATE_SLOT);
    chain.addBlock(LATE_SLOT.plus(2), BlockOptions.none());
    chain.addBlocksUpTo(UInt64.valueOf(19));
    BeaconState mid = chain.headState();
    chain.addBlocksUpTo(UInt64.valueOf(3L * SLOTS_PER_EPOCH - 1));
    return new PartialChain(mid, chain.headState());
  }

  private static LeakChain buildLeak() {
    ChainBuilder chain = ChainBuilder.interop(SPEC, VALIDATORS).attesting(i -> i % 2 == 0);
    chain.addBlocksUpTo(UInt64.valueOf(7L * SLOTS_PER_EPOCH - 1));
    return new LeakChain(chain.headState());
  }
}
