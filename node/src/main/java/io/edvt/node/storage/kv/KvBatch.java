package io.edvt.node.storage.kv;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Puts and deletes to apply together: the last change recorded for a key wins. Reads through
 * {@link #get} and {@link #scan} see the batch on top of a {@link KvReader}, so one commit can
 * build on its own earlier changes (a block put and made head in the same update).
 */
public final class KvBatch {
  /** The value that marks a deleted key in {@link #changes()}. */
  private static final byte[] DELETED = new byte[0];

  private final Map<Column, NavigableMap<byte[], byte[]>> changes = new EnumMap<>(Column.class);

  public void put(Column column, byte[] key, byte[] value) {
    column(column).put(key, value);
  }

  public void delete(Column column, byte[] key) {
    column(column).put(key, DELETED);
  }

  /** Whether the batch changes nothing. */
  public boolean isEmpty() {
    return changes.values().stream().allMatch(Map::isEmpty);
  }

  /** Applies every change to {@code sink}, column by column, in key order. */
  public void forEach(Sink sink) {
    for (Map.Entry<Column, NavigableMap<byte[], byte[]>> column : changes.entrySet()) {
      for (Map.Entry<byte[], byte[]> change : column.getValue().entrySet()) {
        if (change.getValue() == DELETED) {
          sink.delete(column.getKey(), change.getKey());
        } else {
          sink.put(column.getKey(), change.getKey(), change.getValue());
        }
      }
    }
  }

  /** The value at {@code key} with this batch applied on top of {@code base}, or null. */
  public byte[] get(KvReader base, Column column, byte[] key) {
    NavigableMap<byte[], byte[]> pending = changes.get(column);
    if (pending != null && pending.containsKey(key)) {
      byte[] value = pending.get(key);
      return value == DELETED ? null : value;
    }
    return base.get(column, key);
  }

  /**
   * The entries in {@code [from, to)} (null: open end) with this batch applied on top of
   * {@code base}, as a sorted map: for the small columns only (the hot tree, indexes).
   */
  public NavigableMap<byte[], byte[]> scan(KvReader base, Column column, byte[] from, byte[] to) {
    NavigableMap<byte[], byte[]> merged = new TreeMap<>(Arrays::compareUnsigned);
    base.scan(column, from, to, (key, value) -> {
      merged.put(key, value);
      return true;
    });
    NavigableMap<byte[], byte[]> pending = changes.get(column);
    if (pending != null) {
      NavigableMap<byte[], byte[]> range = pending;
      if (from != null) {
        range = range.tailMap(from, true);
      }
      if (to != null) {
        range = range.headMap(to, false);
      }
      for (Map.Entry<byte[], byte[]> change : range.entrySet()) {
        if (change.getValue() == DELETED) {
          merged.remove(change.getKey());
        } else {
          merged.put(change.getKey(), change.getValue());
        }
      }
    }
    return merged;
  }

  private NavigableMap<byte[], byte[]> column(Column column) {
    return changes.computeIfAbsent(column, c -> new TreeMap<>(Arrays::compareUnsigned));
  }

  /** Receives the changes of a batch. */
  public interface Sink {
    void put(Column column, byte[] key, byte[] value);

    void delete(Column column, byte[] key);
  }
}
