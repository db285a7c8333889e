package io.edvt.node.storage;

/**
 * What a database says about itself, written once when it is created and checked at every start.
 *
 * @param formatVersion the layout of keys and values ({@link #FORMAT_VERSION} for this code)
 * @param network the chain it stores
 * @param mode ARCHIVE or PRUNE
 */
public record StorageMetadata(int formatVersion, NetworkIdentity network, StorageMode mode) {
  /**
   * The database format this code reads and writes. A change of column families, keys or value
   * encodings gets a new number (and, when there are databases worth keeping, a migration).
   */
  public static final int FORMAT_VERSION = 1;
}
