package io.edvt.node.storage.kv;

import java.nio.charset.StandardCharsets;

/** The keys of {@link Column#CHAIN}. */
final class ChainKeys {
  /** {@link AnchorRecord}. */
  static final byte[] ANCHOR = "anchor".getBytes(StandardCharsets.US_ASCII);
  /** The justified checkpoint's SSZ (40 bytes). */
  static final byte[] JUSTIFIED = "justified".getBytes(StandardCharsets.US_ASCII);
  /** The head block's root (32 bytes). */
  static final byte[] HEAD = "head".getBytes(StandardCharsets.US_ASCII);

  private ChainKeys() {}
}
