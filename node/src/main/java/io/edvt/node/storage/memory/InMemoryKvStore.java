package io.edvt.node.storage.memory;

import io.edvt.node.storage.kv.Column;
import io.edvt.node.storage.kv.KvBatch;
import io.edvt.node.storage.kv.KvReader;
import io.edvt.node.storage.kv.KvStore;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A {@link KvStore} in sorted maps, for tests. Copy-on-write: a write copies the columns it
 * changes and publishes the new version, so a reader keeps the version it started with, as a
 * RocksDB snapshot does.
 */
public final class InMemoryKvStore implements KvStore {
  private volatile Map<Column, NavigableMap<byte[], byte[]>> data;

  public InMemoryKvStore() {
    Map<Column, NavigableMap<byte[], byte[]>> empty = new EnumMap<>(Column.class);
    for (Column column : Column.values()) {
      empty.put(column, new TreeMap<>(Arrays::compareUnsigned));
    }
    data = empty;
  }

  @Override
  public KvReader reader() {
    Map<Column, NavigableMap<byte[], byte[]>> version = data;
    return new KvReader() {
      @Override
      public byte[] get(Column column, byte[] key) {
        return version.get(column).get(key);
      }

      @Override
      public void scan(Column column, byte[] from, byte[] to, Visitor visitor) {
        NavigableMap<byte[], byte[]> range = version.get(column);
        if (from != null) {
          range = range.tailMap(from, true);
        }
        if (to != null) {
          range = range.headMap(to, false);
        }
        for (Map.Entry<byte[], byte[]> e : range.entrySet()) {
          if (!visitor.visit(e.getKey(), e.getValue())) {
            return;
          }
        }
      }

      @Override
      public Entry floor(Column column, byte[] key) {
        Map.Entry<byte[], byte[]> e = version.get(column).floorEntry(key);
        return e == null ? null : new Entry(e.getKey(), e.getValue());
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public synchronized void write(KvBatch batch, boolean sync) {
    Map<Column, NavigableMap<byte[], byte[]>> next = new EnumMap<>(data);
    batch.forEach(new KvBatch.Sink() {
      @Override
      public void put(Column column, byte[] key, byte[] value) {
        copied(column).put(key, value);
      }

      @Override
      public void delete(Column column, byte[] key) {
        copied(column).remove(key);
      }

      private NavigableMap<byte[], byte[]> copied(Column column) {
        NavigableMap<byte[], byte[]> map = next.get(column);
        if (map == data.get(column)) {
          map = new TreeMap<>(map);
          next.put(column, map);
        }
        return map;
      }
    });
    data = next;
  }

  @Override
  public Map<Column, Long> sizes() {
    Map<Column, Long> sizes = new EnumMap<>(Column.class);
    data.forEach((column, map) -> sizes.put(column,
        map.entrySet().stream().mapToLong(e -> e.getKey().length + e.getValue().length).sum()));
    return sizes;
  }

  @Override
  public void close() {}
}
