package io.edvt.node.storage;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The data column sidecars the node holds: its own blocks' (stored before the block is imported)
 * and valid ones from gossip or req/resp, by block root and column index. What req/resp serves and
 * what the data-availability check reads.
 *
 * <p>At most {@value #KEPT_BLOCKS} blocks' worth (the lowest slots go first, and everything below
 * a slot on {@link #pruneBefore}), held in memory and written through to a {@link Backing} (the
 * database, so a restarted node still serves them; it loads them back with {@link #restore}).
 * Thread-safe; listeners are told each new sidecar's block root, on the thread that stored it.
 */
public final class DataColumnStore {
  /** How many blocks' sidecars are kept. */
  public static final int KEPT_BLOCKS = 256;

  /** Where the held sidecars are kept across restarts. */
  public interface Backing {
    /** Nothing kept: a store in memory only. */
    Backing NONE = new Backing() {
      @Override
      public void stored(Bytes32 root, DataColumnSidecar sidecar) {}

      @Override
      public void dropped(Bytes32 root, Set<Long> indices) {}
    };

    void stored(Bytes32 root, DataColumnSidecar sidecar);

    void dropped(Bytes32 root, Set<Long> indices);
  }

  private record Held(long slot, TreeMap<Long, DataColumnSidecar> columns) {}

  private final Backing backing;

  /** A store in memory only. */
  public DataColumnStore() {
    this(Backing.NONE);
  }

  public DataColumnStore(Backing backing) {
    this.backing = backing;
  }

  private final Map<Bytes32, Held> byRoot = new HashMap<>();
  private final TreeMap<Long, Set<Bytes32>> bySlot = new TreeMap<>();
  private final List<Consumer<Bytes32>> listeners = new CopyOnWriteArrayList<>();

  /** The root of the block {@code sidecar} belongs to: its header's root. */
  public static Bytes32 blockRoot(DataColumnSidecar sidecar) {
    return sidecar.signedBlockHeader().message().hashTreeRoot();
  }

  /** Stores {@code sidecar} (already verified); false if a sidecar of its block and column was held. */
  public boolean put(DataColumnSidecar sidecar) {
    return put(sidecar, true);
  }

  /** Holds {@code sidecar} loaded back from the backing (not written again, no listener told). */
  public void restore(DataColumnSidecar sidecar) {
    put(sidecar, false);
  }

  private boolean put(DataColumnSidecar sidecar, boolean fresh) {
    Bytes32 root = blockRoot(sidecar);
    synchronized (this) {
      long slot = sidecar.signedBlockHeader().message().slot().longValue();
      Held held = byRoot.get(root);
      if (held == null) {
        if (byRoot.size() >= KEPT_BLOCKS && !bySlot.isEmpty() && bySlot.firstKey() > slot) {
          return false; // older than everything held, and no room
        }
        held = new Held(slot, new TreeMap<>());
        byRoot.put(root, held);
        bySlot.computeIfAbsent(slot, s -> new LinkedHashSet<>()).add(root);
        while (byRoot.size() > KEPT_BLOCKS) {
          evictLowest();
        }
      }
      if (held.columns().putIfAbsent(sidecar.index().longValue(), sidecar) != null) {
        return false;
      }
      if (fresh) {
        backing.stored(root, sidecar);
      }
    }
    if (fresh) {
      listeners.forEach(l -> l.accept(root));
    }
    return true;
  }

  /** The sidecar of column {@code index} of block {@code root}, if held. */
  public synchronized Optional<DataColumnSidecar> sidecar(Bytes32 root, UInt64 index) {
    Held held = byRoot.get(root);
    return held == null ? Optional.empty() : Optional.ofNullable(held.columns().get(index.longValue()));
  }

  /** The indices of the columns held for block {@code root}. */
  public synchronized Set<Long> columns(Bytes32 root) {
    Held held = byRoot.get(root);
    return held == null ? Set.of() : Set.copyOf(held.columns().keySet());
  }

  /** The sidecars held for block {@code root} among {@code indices}, in the order given. */
  public synchronized List<DataColumnSidecar> sidecars(Bytes32 root, List<UInt64> indices) {
    Held held = byRoot.get(root);
    List<DataColumnSidecar> out = new ArrayList<>();
    if (held != null) {
      for (UInt64 index : indices) {
        DataColumnSidecar s = held.columns().get(index.longValue());
        if (s != null) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** Drops every block's sidecars below {@code slot}. */
  public synchronized void pruneBefore(long slot) {
    while (!bySlot.isEmpty() && bySlot.firstKey() < slot) {
      evictLowest();
    }
  }

  /** {@code listener} is told the block root of each sidecar stored from now on. */
  public void onStored(Consumer<Bytes32> listener) {
    listeners.add(listener);
  }

  /** How many blocks have sidecars held. */
  public synchronized int blocks() {
    return byRoot.size();
  }

  private void evictLowest() {
    Map.Entry<Long, Set<Bytes32>> lowest = bySlot.firstEntry();
    Iterator<Bytes32> it = lowest.getValue().iterator();
    Bytes32 root = it.next();
    Held dropped = byRoot.remove(root);
    it.remove();
    backing.dropped(root, dropped.columns().keySet());
    if (lowest.getValue().isEmpty()) {
      bySlot.remove(lowest.getKey());
    }
  }
}
