package io.edvt.networking.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class Eth2MessageIdTest {
  private static final String TOPIC = "/eth2/b5303f2a/beacon_block/ssz_snappy";
  private final Eth2MessageId ids = new Eth2MessageId(10 << 20);

  /** Expected ids computed with Python's hashlib from the spec's formula (see the test bodies). */
  @Test
  void validSnappyHashesTheDomainTopicLengthTopicAndDecompressedData() throws Exception {
    // a hand-made snappy block: uncompressed length 5, one literal of 5 bytes
    byte[] block = HexFormat.of().parseHex("0510" + HexFormat.of().formatHex("hello".getBytes(StandardCharsets.US_ASCII)));
    assertThat(Snappy.uncompress(block)).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
    // sha256(01000000 || uint64_le(38) || topic || "hello")[:20]
    assertThat(ids.apply(TOPIC, block).toHex()).isEqualTo("3d7a296829e282226186d1490994d29c05faf37a");
    // the same payload compressed by the library gets the same id: the id is over the decompressed data
    assertThat(ids.apply(TOPIC, Snappy.compress("hello".getBytes(StandardCharsets.US_ASCII))).toHex())
        .isEqualTo("3d7a296829e282226186d1490994d29c05faf37a");
  }

  @Test
  void invalidSnappyHashesTheRawDataUnderTheInvalidDomain() {
    // sha256(00000000 || uint64_le(38) || topic || ffffff)[:20]
    assertThat(ids.apply(TOPIC, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}).toHex())
        .isEqualTo("535a67e1e316764920c5138f56af5ba62c876e8b");
  }

  @Test
  void dataThatWouldDecompressBeyondTheLimitCountsAsInvalidSnappy() throws Exception {
    byte[] big = Snappy.compress(new byte[1000]);
    Eth2MessageId small = new Eth2MessageId(999);
    assertThat(small.decompress(big)).isNull();
    assertThat(ids.decompress(big)).hasSize(1000);
    assertThat(small.apply(TOPIC, big)).isNotEqualTo(ids.apply(TOPIC, big));
  }
}
