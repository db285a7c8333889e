package io.edvt.node.storage.kv;

/**
 * A consistent read view of a {@link KvStore}: one committed version of every column, unaffected
 * by later writes until it is closed. Keys compare as unsigned bytes.
 */
public interface KvReader extends AutoCloseable {
  /** The value at {@code key}, or null. */
  byte[] get(Column column, byte[] key);

  /**
   * Visits the entries with keys in {@code [from, to)} in key order ({@code from} null: from the
   * first key; {@code to} null: to the last) until the visitor returns false.
   */
  void scan(Column column, byte[] from, byte[] to, Visitor visitor);

  /** The entry with the greatest key at or below {@code key}, or null. */
  Entry floor(Column column, byte[] key);

  @Override
  void close();

  /** Receives entries of a scan. */
  @FunctionalInterface
  interface Visitor {
    /** Returns whether to go on. */
    boolean visit(byte[] key, byte[] value);
  }

  /**
   * A key and its value.
   *
   * @param key the key
   * @param value the value
   */
  record Entry(byte[] key, byte[] value) {}
}
