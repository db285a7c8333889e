package io.edvt.node.chain;

import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Blocks whose parent is not known yet, keyed by the parent's root, so that a parent's arrival
 * releases its children. Bounded two ways, because anyone on gossip can send blocks with made-up
 * parents: at most {@code maxBlocks} blocks (a new block evicts the one with the lowest slot, or
 * is refused if it is the lowest), and a block older than {@code maxAgeSlots} slots behind the
 * current slot is dropped. Used only on the chain thread.
 */
final class PendingBlocks {
  private final int maxBlocks;
  private final long maxAgeSlots;
  private final Map<Bytes32, SignedBeaconBlock> byRoot = new LinkedHashMap<>();
  private final Map<Bytes32, List<Bytes32>> childrenByParent = new HashMap<>();

  PendingBlocks(int maxBlocks, long maxAgeSlots) {
    if (maxBlocks < 1) {
      throw new IllegalArgumentException("the pending pool needs room for a block, got " + maxBlocks);
    }
    this.maxBlocks = maxBlocks;
    this.maxAgeSlots = maxAgeSlots;
  }

  /** Keeps {@code block} (root {@code root}) until its parent arrives; false if refused (too old, or the pool is full of younger blocks). */
  boolean add(Bytes32 root, SignedBeaconBlock block, long currentSlot) {
    if (byRoot.containsKey(root)) {
      return true;
    }
    long slot = block.message().slot().longValue();
    if (slot + maxAgeSlots < currentSlot) {
      return false;
    }
    if (byRoot.size() >= maxBlocks) {
      Bytes32 oldest = lowestSlot();
      if (byRoot.get(oldest).message().slot().longValue() >= slot) {
        return false;
      }
      remove(oldest);
    }
    byRoot.put(root, block);
    childrenByParent.computeIfAbsent(block.message().parentRoot(), p -> new ArrayList<>()).add(root);
    return true;
  }

  boolean contains(Bytes32 root) {
    return byRoot.containsKey(root);
  }

  /** Removes and returns the blocks waiting for {@code parentRoot}. */
  List<SignedBeaconBlock> takeChildrenOf(Bytes32 parentRoot) {
    List<Bytes32> roots = childrenByParent.remove(parentRoot);
    if (roots == null) {
      return List.of();
    }
    List<SignedBeaconBlock> out = new ArrayList<>(roots.size());
    for (Bytes32 root : roots) {
      out.add(byRoot.remove(root));
    }
    return out;
  }

  /** Drops blocks older than the age limit; returns how many. */
  int prune(long currentSlot) {
    List<Bytes32> old = new ArrayList<>();
    byRoot.forEach((root, block) -> {
      if (block.message().slot().longValue() + maxAgeSlots < currentSlot) {
        old.add(root);
      }
    });
    old.forEach(this::remove);
    return old.size();
  }

  /**
   * The roots sync should fetch: parents of pending blocks that are not pending themselves (the
   * oldest missing ancestor of each waiting branch).
   */
  List<Bytes32> missingRoots() {
    List<Bytes32> out = new ArrayList<>();
    for (Bytes32 parent : childrenByParent.keySet()) {
      if (!byRoot.containsKey(parent)) {
        out.add(parent);
      }
    }
    return out;
  }

  int size() {
    return byRoot.size();
  }

  private Bytes32 lowestSlot() {
    Bytes32 lowest = null;
    long lowestSlot = Long.MAX_VALUE;
    for (Map.Entry<Bytes32, SignedBeaconBlock> e : byRoot.entrySet()) {
      long slot = e.getValue().message().slot().longValue();
      if (slot < lowestSlot) {
        lowestSlot = slot;
        lowest = e.getKey();
      }
    }
    return lowest;
  }

  private void remove(Bytes32 root) {
    SignedBeaconBlock block = byRoot.remove(root);
    if (block != null) {
      List<Bytes32> siblings = childrenByParent.get(block.message().parentRoot());
      if (siblings != null) {
        siblings.remove(root);
        if (siblings.isEmpty()) {
          childrenByParent.remove(block.message().parentRoot());
        }
      }
    }
  }
}
