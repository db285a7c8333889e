package io.edvt.networking.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.edvt.infrastructure.io.OfficialVectors;
import io.edvt.infrastructure.unsigned.UInt64;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class Eth2EnrFieldsTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void enrForkIdIsTheSixteenByteSszContainer() {
    EnrForkId id = new EnrForkId(HEX.parseHex("01020304"), HEX.parseHex("05060708"), UInt64.valueOf(0x1122));
    assertThat(HEX.formatHex(id.toSsz())).isEqualTo("01020304" + "05060708" + "2211000000000000");
    assertThat(EnrForkId.fromSsz(id.toSsz())).isEqualTo(id);
    // FAR_FUTURE_EPOCH when no fork is scheduled
    EnrForkId none = new EnrForkId(new byte[4], new byte[4], UInt64.MAX_VALUE);
    assertThat(EnrForkId.fromSsz(none.toSsz()).nextForkEpoch()).isEqualTo(UInt64.MAX_VALUE);
    assertThatThrownBy(() -> EnrForkId.fromSsz(new byte[15])).isInstanceOf(InvalidEnrException.class)
        .hasMessage("eth2: ENRForkId must be 16 bytes, got 15");
  }

  @Test
  void subnetBitvectorsAreSszLittleEndianBits() {
    BitSet att = new BitSet();
    att.set(0);
    att.set(9);
    att.set(63);
    assertThat(HEX.formatHex(Eth2EnrFields.bitvector(att, 64))).isEqualTo("0102000000000080");
    assertThat(Eth2EnrFields.bitvector("attnets", HEX.parseHex("0102000000000080"), 64)).isEqualTo(att);
    assertThat(HEX.formatHex(Eth2EnrFields.bitvector(new BitSet(), 4))).isEqualTo("00");
    assertThatThrownBy(() -> Eth2EnrFields.bitvector("syncnets", HEX.parseHex("10"), 4))
        .hasMessage("syncnets: bit 4 set beyond Bitvector[4]");
    assertThatThrownBy(() -> Eth2EnrFields.bitvector("attnets", new byte[7], 64))
        .hasMessage("attnets: Bitvector[64] must be 8 bytes, got 7");
  }

  @Test
  void custodyGroupCountIsBigEndianWithoutLeadingZeros() {
    assertThat(Eth2EnrFields.cgc(0)).isEmpty();
    assertThat(HEX.formatHex(Eth2EnrFields.cgc(4))).isEqualTo("04");
    assertThat(HEX.formatHex(Eth2EnrFields.cgc(128))).isEqualTo("80");
    assertThat(Eth2EnrFields.cgc(new byte[0])).isZero();
    assertThat(Eth2EnrFields.cgc(HEX.parseHex("80"))).isEqualTo(128);
    assertThatThrownBy(() -> Eth2EnrFields.cgc(HEX.parseHex("0004"))).hasMessageContaining("leading zero");
    assertThatThrownBy(() -> Eth2EnrFields.cgc(HEX.parseHex("81"))).hasMessageContaining("exceeds");
    assertThatThrownBy(() -> Eth2EnrFields.cgc(new byte[9])).hasMessageContaining("at most 8");
  }

  @Test
  void groupMemberIsOneByte() {
    assertThat(Eth2EnrFields.gmember()).containsExactly(1);
    assertThat(Eth2EnrFields.gmember(new byte[] {1})).isTrue();
    assertThat(Eth2EnrFields.gmember(new byte[] {0})).isFalse();
    assertThatThrownBy(() -> Eth2EnrFields.gmember(new byte[] {1, 1})).isInstanceOf(InvalidEnrException.class);
    assertThatThrownBy(() -> Eth2EnrFields.gmember(new byte[] {2})).isInstanceOf(InvalidEnrException.class);
  }

  /** get_custody_groups against the consensus-spec-tests vectors (minimal/fulu/networking). */
  @Test
  void custodyGroupsMatchTheFuluVectors() throws Exception {
    Path dir = OfficialVectors.require().resolve("minimal/fulu/networking/get_custody_groups/pyspec_tests");
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<Path> cases;
    try (Stream<Path> s = Files.list(dir)) {
      cases = s.sorted().toList();
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
    for (Path c : cases) {
      JsonNode meta = yaml.readTree(c.resolve("meta.yaml").toFile());
      BigInteger nodeId = new BigInteger(meta.get("node_id").asText());
      int count = meta.get("custody_group_count").asInt();
      List<Integer> expected = new ArrayList<>();
      meta.get("result").forEach(n -> expected.add(n.asInt()));
      assertThat(CustodyGroups.of(nodeId, count, Eth2EnrFields.NUMBER_OF_CUSTODY_GROUPS)).as(c.getFileName().toString())
          .isEqualTo(expected);
    }
  }
}
