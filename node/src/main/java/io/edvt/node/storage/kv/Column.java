package io.edvt.node.storage.kv;

/**
 * The column families of the chain database (format version 1), each a sorted map of byte keys to
 * byte values. Slots in keys are 8 bytes big-endian, so byte order is slot order; roots are 32
 * bytes; a stored block or state value is one milestone byte ({@link ValueCodec}) and its SSZ.
 */
public enum Column {
  /** {@code format_version}, {@code genesis_validators_root}, {@code genesis_time}, {@code storage_mode}. */
  METADATA("metadata"),
  /** The chain's pointers: {@code anchor}, {@code justified}, {@code head}. */
  CHAIN("chain"),
  /** Block root → milestone ‖ {@code SignedBeaconBlock}: every stored block, hot or finalized. */
  BLOCKS("blocks"),
  /**
   * Block root → slot ‖ parent root ‖ state root, for each block after the anchor: the hot tree,
   * walked without decoding blocks.
   */
  HOT_BLOCKS("hot_blocks"),
  /** State root → milestone ‖ {@code BeaconState}: every stored state (hot snapshots, finalized states). */
  STATES("states"),
  /** State root → slot ‖ block root, for each hot state (so finalization finds and deletes them). */
  HOT_STATES("hot_states"),
  /** Slot → state root of the finalized states kept (the anchor's, and ARCHIVE's interval states). */
  FINALIZED_STATES("finalized_states"),
  /** Slot → block root of the canonical chain (the head's ancestry); no key for an empty slot. */
  CANONICAL("canonical"),
  /**
   * Block root ‖ column index (8 bytes) → slot ‖ {@code DataColumnSidecar} (decoded with the
   * slot's fork's schema): the sidecars {@link io.edvt.node.storage.DataColumnStore} holds. Added
   * to a database of an earlier build when it is opened for writing.
   */
  DATA_COLUMNS("data_columns");

  private final String familyName;

  Column(String familyName) {
    this.familyName = familyName;
  }

  /** The column family's name in the database. */
  public String familyName() {
    return familyName;
  }
}
