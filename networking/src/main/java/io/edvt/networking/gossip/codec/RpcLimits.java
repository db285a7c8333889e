package io.edvt.networking.gossip.codec;

/**
 * Bounds on one decoded RPC; anything beyond fails the decoding with a message naming the field
 * and the numbers (the stream is then reset).
 *
 * @param maxRpcSize bytes of one length-prefixed frame
 * @param maxDataLength bytes of one message's data
 * @param maxSubscriptions SubOpts entries
 * @param maxMessages published messages
 * @param maxIHaveIds message ids over all IHAVE entries
 * @param maxIWantIds message ids over all IWANT entries
 * @param maxIDontWantIds message ids over all IDONTWANT entries
 * @param maxControlEntries IHAVE + IWANT + GRAFT + PRUNE + IDONTWANT entries
 * @param maxPeerInfos peer-exchange entries of one PRUNE
 * @param maxTopicLength bytes of a topic string
 * @param maxMessageIdLength bytes of a message id
 */
public record RpcLimits(int maxRpcSize, int maxDataLength, int maxSubscriptions, int maxMessages, int maxIHaveIds,
    int maxIWantIds, int maxIDontWantIds, int maxControlEntries, int maxPeerInfos, int maxTopicLength,
    int maxMessageIdLength) {
  /**
   * Room for one message of {@code maxDataLength} bytes (eth2: {@code MAX_PAYLOAD_SIZE}, 10 MiB)
   * and the RPC around it; the counts are js-libp2p gossipsub's (5000 ids, 512 IDONTWANT ids, 16
   * peer-exchange entries).
   */
  public static RpcLimits defaults(int maxDataLength) {
    return new RpcLimits(maxDataLength + 64 * 1024, maxDataLength, 5000, 5000, 5000, 5000, 512, 5000, 16, 1024, 256);
  }

  public static final RpcLimits DEFAULT = defaults(10 << 20);
}
