package io.edvt.node.storage.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Keeps {@link Column#CANONICAL} the ancestry of the head. Above the anchor the index is always
 * exactly the current head's chain, so a new head's walk back stops at the first block the index
 * already has at its slot (the fork point), and only the slots after it are rewritten.
 */
final class CanonicalIndex {
  private CanonicalIndex() {}

  /**
   * Makes {@code head} the canonical chain's tip.
   *
   * @throws IllegalArgumentException if {@code head} is not the anchor's block nor a hot block
   *     descending from it
   */
  static void setHead(CommitContext ctx, Bytes32 head) {
    AnchorRecord anchor = ctx.anchor;
    List<HotBlock> newBranch = new ArrayList<>();
    byte[] forkSlotKey = Keys.slot(anchor.block().slot());
    Bytes32 cursor = head;
    while (!cursor.equals(anchor.root())) {
      HotBlock block = ctx.hotBlock(cursor);
      if (block == null) {
        throw new IllegalArgumentException("head " + head + " does not descend from the finalized block " + anchor.root()
            + (cursor.equals(head) ? ": it is not a stored hot block" : ": its ancestor " + cursor + " is not stored"));
      }
      byte[] slotKey = Keys.slot(block.slot());
      if (Arrays.equals(ctx.get(Column.CANONICAL, slotKey), Keys.root(cursor))) {
        forkSlotKey = slotKey;
        break;
      }
      newBranch.add(block);
      cursor = block.parentRoot();
    }
    byte[] after = Keys.slotAfter(Keys.slot(forkSlotKey));
    if (after != null) {
      for (byte[] stale : ctx.batch.scan(ctx.reader, Column.CANONICAL, after, null).keySet()) {
        ctx.batch.delete(Column.CANONICAL, stale);
      }
    }
    for (HotBlock block : newBranch) {
      ctx.batch.put(Column.CANONICAL, Keys.slot(block.slot()), Keys.root(block.root()));
    }
  }
}
