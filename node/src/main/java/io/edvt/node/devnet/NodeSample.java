package io.edvt.node.devnet;

/**
 * What one node said at one slot's sample; {@code answered} false when the node was dead or did
 * not answer (the other fields are then -1 / null).
 *
 * @param blockAtSlot whether the node has a block at the sampled slot ({@code /eth/v1/beacon/headers/<slot>})
 * @param proposer that block's proposer index, or -1
 */
record NodeSample(int node, boolean alive, boolean answered, long headSlot, String headRoot, long justifiedEpoch,
    long finalizedEpoch, int peers, boolean blockAtSlot, long proposer) {
  static NodeSample dead(int node) {
    return new NodeSample(node, false, false, -1, null, -1, -1, -1, false, -1);
  }

  static NodeSample silent(int node) {
    return new NodeSample(node, true, false, -1, null, -1, -1, -1, false, -1);
  }
}
