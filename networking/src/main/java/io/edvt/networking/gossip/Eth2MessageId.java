package io.edvt.networking.gossip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.xerial.snappy.Snappy;

/**
 * The message id of the Ethereum consensus p2p spec (Altair and later, {@code p2p-interface.md},
 * "The `message-id`"): for data that snappy-decompresses (block format),
 * {@code SHA256(MESSAGE_DOMAIN_VALID_SNAPPY + uint64_le(len(topic)) + topic + decompressed)[:20]};
 * otherwise {@code SHA256(MESSAGE_DOMAIN_INVALID_SNAPPY + uint64_le(len(topic)) + topic + data)[:20]}.
 * Data that would decompress to more than {@code maxUncompressedSize} counts as invalid snappy, so a
 * small message cannot make us allocate a large buffer.
 */
public final class Eth2MessageId implements MessageIdFunction {
  public static final byte[] MESSAGE_DOMAIN_INVALID_SNAPPY = {0, 0, 0, 0};
  public static final byte[] MESSAGE_DOMAIN_VALID_SNAPPY = {1, 0, 0, 0};
  public static final int ID_LENGTH = 20;
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  });

  private final int maxUncompressedSize;

  /** @param maxUncompressedSize the spec's {@code MAX_PAYLOAD_SIZE} (10 MiB from Fulu on) */
  public Eth2MessageId(int maxUncompressedSize) {
    this.maxUncompressedSize = maxUncompressedSize;
  }

  @Override
  public MessageId apply(String topic, byte[] data) {
    byte[] decompressed = decompress(data);
    byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
    MessageDigest md = SHA256.get();
    md.update(decompressed != null ? MESSAGE_DOMAIN_VALID_SNAPPY : MESSAGE_DOMAIN_INVALID_SNAPPY);
    long len = topicBytes.length;
    for (int i = 0; i < 8; i++) {
      md.update((byte) (len >>> (8 * i)));
    }
    md.update(topicBytes);
    md.update(decompressed != null ? decompressed : data);
    byte[] id = new byte[ID_LENGTH];
    System.arraycopy(md.digest(), 0, id, 0, ID_LENGTH);
    return MessageId.wrap(id);
  }

  /** The snappy block-format decompression of {@code data}, or null when it is not valid or too large. */
  byte[] decompress(byte[] data) {
    try {
      if (!Snappy.isValidCompressedBuffer(data)) {
        return null;
      }
      int n = Snappy.uncompressedLength(data);
      if (n < 0 || n > maxUncompressedSize) {
        return null;
      }
      return Snappy.uncompress(data);
    } catch (IOException e) {
      return null;
    }
  }
}
