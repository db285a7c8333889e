package io.edvt.node.chain;

import java.util.Locale;

/** Where a block handed to the {@link BlockImporter} came from (the import latency metric's label). */
public enum BlockSource {
  /** The beacon_block gossip topic. */
  GOSSIP,
  /** Req/resp: range sync and the by-root fetch of missing parents. */
  RPC,
  /** Published locally: the node's own validators' blocks, which a separate validator client would publish through the API. */
  API;

  /** The lower-case name the metrics use. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
