package io.edvt.node.storage;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.Vectors;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.edvt.SpecVersions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A long made-up chain for storage's crash and volume tests, the same bytes in every JVM: each
 * slot's block and state are a real vector block and state (Fulu before {@link #FORK_SLOT}, EDVT
 * from it) with the slot, proposer, parent and state root rewritten so the blocks link up and each
 * state is its block's post-state as far as storage can tell. Every 11th slot (from 5) is empty;
 * every 13th (from 7) also gets a competing block on the same parent; from epoch 3 on the first
 * block of an epoch finalizes the epoch two before it.
 */
public final class SyntheticChain {
  public static final long FORK_SLOT = 40;
  private static final int SLOTS_PER_EPOCH = 8;
  private static final int PROPOSERS = 64;

  private final SpecVersions versions;
  private final BeaconState fuluState;
  private final BeaconState edvtState;
  private final SignedBeaconBlock fuluBlock;
  private final SignedBeaconBlock edvtBlock;
  private final Anchor genesis;
  /** The canonical block root at each slot (null for an empty slot), slot 0 the genesis block's. */
  private final List<Bytes32> roots = new ArrayList<>();

  private SyntheticChain(SpecVersions versions, BeaconState fuluState, SignedBeaconBlock fuluBlock, BeaconState edvtState,
      SignedBeaconBlock edvtBlock) {
    this.versions = versions;
    this.fuluState = fuluState;
    this.fuluBlock = fuluBlock;
    this.edvtState = edvtState;
    this.edvtBlock = edvtBlock;
    BeaconBlockHeader genesisHeader = BeaconBlockHeader.create(UInt64.ZERO, UInt64.ZERO, Bytes32.ZERO, Bytes32.ZERO,
        versions.fulu().schemas().beaconBlockBody().defaultValue().hashTreeRoot());
    this.genesis = Anchor.genesis(versions, fuluState.withSlot(UInt64.ZERO).withLatestBlockHeader(genesisHeader));
    roots.add(genesis.finalized().root());
  }

  /** Templates from {@code sanity/blocks} cases of both vector sets (decoded with {@link VectorChain#minimalWithEdvt()}). */
  public static SyntheticChain fromVectors() {
    SpecVersions versions = VectorChain.minimalWithEdvt();
    Path fulu = Vectors.fulu("minimal").resolve("sanity/blocks/pyspec_tests/multi_epoch_consolidation_chain");
    Path edvt = Vectors.of(Vectors.edvt("minimal"), "sanity/blocks/pyspec_tests/multi_epoch_group_proposers_and_group_attestations");
    return new SyntheticChain(versions,
        versions.fulu().schemas().beaconState().deserialize(Vectors.ssz(fulu.resolve("pre.ssz_snappy"))),
        versions.fulu().schemas().signedBeaconBlock().deserialize(Vectors.ssz(fulu.resolve("blocks_0.ssz_snappy"))),
        versions.edvt().schemas().beaconState().deserialize(Vectors.ssz(edvt.resolve("pre.ssz_snappy"))),
        versions.edvt().schemas().signedBeaconBlock().deserialize(Vectors.ssz(edvt.resolve("blocks_0.ssz_snappy"))));
  }

  public SpecVersions versions() {
    return versions;
  }

  public Anchor genesis() {
    return genesis;
  }

  public static boolean hasBlock(long slot) {
    return slot == 0 || slot % 11 != 5;
  }

  private static boolean hasSibling(long slot) {
    return slot % 13 == 7 && hasBlock(slot);
  }

  /** The first slot after {@code slot} with a block: the next batch. */
  public static long nextBlockSlot(long slot) {
    long next = slot + 1;
    while (!hasBlock(next)) {
      next++;
    }
    return next;
  }

  private static long lastBlockSlotAtOrBefore(long slot) {
    long s = slot;
    while (!hasBlock(s)) {
      s--;
    }
    return s;
  }

  /** The canonical root at block slot {@code slot}. */
  public synchronized Bytes32 root(long slot) {
    while (roots.size() <= slot) {
      long s = roots.size();
      roots.add(hasBlock(s) ? block(s, false).message().hashTreeRoot() : null);
    }
    return roots.get((int) slot);
  }

  private Bytes32 parent(long slot) {
    return root(lastBlockSlotAtOrBefore(slot - 1));
  }

  /** The post-state of the block at {@code slot} (the competing one if {@code sibling}). */
  public BeaconState state(long slot, boolean sibling) {
    BeaconState template = slot < FORK_SLOT ? fuluState : edvtState;
    SignedBeaconBlock block = slot < FORK_SLOT ? fuluBlock : edvtBlock;
    BeaconBlockHeader header = BeaconBlockHeader.create(UInt64.valueOf(slot), proposer(slot, sibling), parent(slot), Bytes32.ZERO,
        block.message().body().hashTreeRoot());
    return template.withSlot(UInt64.valueOf(slot)).withLatestBlockHeader(header);
  }

  /** The block at {@code slot} (the competing one if {@code sibling}). */
  public SignedBeaconBlock block(long slot, boolean sibling) {
    SignedBeaconBlock template = slot < FORK_SLOT ? fuluBlock : edvtBlock;
    BeaconBlock message = template.message().withSlot(UInt64.valueOf(slot)).withProposerIndex(proposer(slot, sibling))
        .withParentRoot(parent(slot)).withStateRoot(state(slot, sibling).hashTreeRoot());
    return TestBlocks.withMessage(template, message);
  }

  private static UInt64 proposer(long slot, boolean sibling) {
    return UInt64.valueOf((slot + (sibling ? 1 : 0)) % PROPOSERS);
  }

  /**
   * The update of block slot {@code slot}: its block and post-state, a competing block and state
   * where there is one, the state of two slots back deleted every fifth slot, the head, and at the
   * first block of an epoch from epoch 3 the finality of the epoch two before.
   */
  public ChainUpdate batch(ChainStorage store, long slot) {
    ChainUpdate update = store.update().putBlock(block(slot, false)).putState(state(slot, false));
    if (hasSibling(slot)) {
      update.putBlock(block(slot, true)).putState(state(slot, true));
    }
    if (slot % 5 == 0 && hasBlock(slot - 2)) {
      update.deleteState(state(slot - 2, false).hashTreeRoot());
    }
    update.setHead(root(slot));
    long epoch = slot / SLOTS_PER_EPOCH;
    long previous = lastBlockSlotAtOrBefore(slot - 1);
    if (epoch >= 3 && previous / SLOTS_PER_EPOCH != epoch) {
      update.setFinalized(anchorAtEpoch(epoch - 2));
    }
    return update;
  }

  /** The anchor of finalized epoch {@code epoch}: the last block at or before its start, justified one epoch later. */
  public Anchor anchorAtEpoch(long epoch) {
    long blockSlot = lastBlockSlotAtOrBefore(epoch * SLOTS_PER_EPOCH);
    long justifiedSlot = lastBlockSlotAtOrBefore((epoch + 1) * SLOTS_PER_EPOCH);
    Checkpoint finalized = Checkpoint.create(UInt64.valueOf(epoch), root(blockSlot));
    Checkpoint justified = Checkpoint.create(UInt64.valueOf(epoch + 1), root(justifiedSlot));
    BeaconBlock message = blockSlot == 0 ? genesis.block() : block(blockSlot, false).message();
    BeaconState state = blockSlot == 0 ? genesis.state() : state(blockSlot, false);
    return new Anchor(finalized, justified, message, state);
  }

  /** The milestone of the values at {@code slot}. */
  public static SpecMilestone milestoneAt(long slot) {
    return slot < FORK_SLOT ? SpecMilestone.FULU : SpecMilestone.EDVT;
  }
}
