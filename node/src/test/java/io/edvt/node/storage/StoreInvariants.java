package io.edvt.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;

/**
 * What must hold of any {@link ChainStorage} after any committed update (or a crash), checked
 * through the public queries alone:
 *
 * <ul>
 *   <li>the anchor's block is the finalized checkpoint's, and its state is a state of that block;
 *   <li>the head descends from the anchor through stored hot blocks, and the canonical index above
 *       the anchor is exactly that ancestry;
 *   <li>every canonical root has its stored block (but the first one kept, or the anchor's, may be
 *       a message only: the genesis block has no signature), and each canonical block's parent is
 *       the canonical root before it;
 *   <li>every hot block's parent is the anchor's block or another hot block, after the finalized slot;
 *   <li>the head's state is reachable: a stored state plus blocks to replay.
 * </ul>
 */
public final class StoreInvariants {
  private StoreInvariants() {}

  public static void check(ChainStorage store) {
    Anchor anchor = store.anchor(); // the constructor checks block = checkpoint's, state of that block
    Bytes32 anchorRoot = anchor.finalized().root();
    assertThat(store.finalizedCheckpoint()).isEqualTo(anchor.finalized());
    assertThat(store.justifiedCheckpoint().epoch()).isGreaterThanOrEqualTo(anchor.finalized().epoch());
    assertThat(store.canonicalRoot(anchor.block().slot())).as("the anchor's canonical slot").contains(anchorRoot);

    List<SignedBeaconBlock> hot = store.hotBlocks();
    Set<Bytes32> hotRoots = new HashSet<>();
    UInt64 previousSlot = UInt64.ZERO;
    for (SignedBeaconBlock block : hot) {
      Bytes32 parent = block.message().parentRoot();
      assertThat(parent.equals(anchorRoot) || hotRoots.contains(parent)).as("parent of hot block %s is stored", TestBlocks.root(block))
          .isTrue();
      assertThat(block.message().slot()).isGreaterThan(anchor.block().slot()).isGreaterThanOrEqualTo(previousSlot);
      previousSlot = block.message().slot();
      hotRoots.add(TestBlocks.root(block));
    }

    // the head's ancestry is the canonical index above the anchor, slot by slot
    Bytes32 head = store.head();
    Map<UInt64, Bytes32> ancestry = new HashMap<>();
    assertThat(head.equals(anchorRoot) || hotRoots.contains(head)).as("head %s is the anchor or a hot block", head).isTrue();
    UInt64 headSlot = anchor.block().slot();
    for (Bytes32 cursor = head; !cursor.equals(anchorRoot); ) {
      SignedBeaconBlock block = store.block(cursor).orElseThrow(() -> new AssertionError("head ancestor missing"));
      ancestry.put(block.message().slot(), cursor);
      headSlot = headSlot.max(block.message().slot());
      cursor = block.message().parentRoot();
    }
    for (UInt64 slot = anchor.block().slot().plus(1); slot.isLessThanOrEqualTo(headSlot.plus(2)); slot = slot.plus(1)) {
      assertThat(store.canonicalRoot(slot)).as("canonical root at slot %s", slot).isEqualTo(Optional.ofNullable(ancestry.get(slot)));
    }

    // every canonical root has its block, and the canonical chain links up as far back as it is kept
    Bytes32 previous = null;
    for (UInt64 slot = UInt64.ZERO; slot.isLessThanOrEqualTo(headSlot); slot = slot.plus(1)) {
      Optional<Bytes32> root = store.canonicalRoot(slot);
      if (root.isEmpty()) {
        continue;
      }
      Optional<SignedBeaconBlock> block = store.block(root.get());
      if (block.isEmpty()) {
        // only where the chain starts: the genesis block, or a checkpoint anchor stored as a message
        assertThat(previous == null || root.get().equals(anchorRoot)).as("canonical root at slot %s without a stored block", slot)
            .isTrue();
      } else if (previous != null) {
        assertThat(block.get().message().parentRoot()).as("parent of the canonical block at slot %s", slot).isEqualTo(previous);
      }
      previous = root.get();
    }
    assertThat(store.replayToBlock(head)).as("the head's state is reachable").isPresent();
  }
}
