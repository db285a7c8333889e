package io.edvt.infrastructure.ssz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.ssz.PlainForm.Format;
import io.edvt.infrastructure.ssz.TestContainers.Var;
import io.edvt.infrastructure.unsigned.UInt64;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

class PlainFormTest {
  // x is 2^64 - 1: beyond a Java long, as uint64 values in the vectors often are
  private final Var value = Var.TYPE.create(UInt64.MAX_VALUE, TestContainers.NUMBERS.of(List.of(UInt64.ONE, UInt64.valueOf(2))),
      SszBits.withSet(3, 1), Bytes.fromHexString("0xab"));

  @Test
  void writesYamlInTheVectorsFormAndReadsItBack() {
    byte[] yaml = PlainForm.write(Var.TYPE.toPlain(value), Format.YAML);
    assertThat(new String(yaml, StandardCharsets.UTF_8)).isEqualTo(
        "x: 18446744073709551615\nnumbers:\n- 1\n- 2\nbits: \"0x0a\"\ndata: \"0xab\"\n");
    assertThat(Var.TYPE.fromPlain(PlainForm.read(yaml, Format.YAML))).isEqualTo(value);
  }

  @Test
  void jsonHasTheSameShapeAndReadsBackToTheSameValue() {
    byte[] json = PlainForm.write(Var.TYPE.toPlain(value), Format.JSON);
    Object plain = PlainForm.read(json, Format.JSON);
    assertThat(plain).isEqualTo(Map.of("x", new BigInteger("18446744073709551615"),
        "numbers", List.of(BigInteger.ONE, BigInteger.TWO), "bits", "0x0a", "data", "0xab"));
    assertThat(Var.TYPE.fromPlain(plain)).isEqualTo(value);
  }

  @Test
  void malformedTextNamesTheLine() {
    assertThatThrownBy(() -> PlainForm.read("x: 1\n  - y: [\n".getBytes(StandardCharsets.UTF_8), Format.YAML))
        .isInstanceOf(SszPlainException.class).hasMessageStartingWith("not valid YAML at line ");
    assertThatThrownBy(() -> PlainForm.read("{\"x\": 1.5}".getBytes(StandardCharsets.UTF_8), Format.JSON))
        .isInstanceOf(SszPlainException.class).hasMessageContaining("non-integer number 1.5");
  }

  @Test
  void formatFollowsTheExtension() {
    assertThat(Format.ofFileName("value.JSON")).isEqualTo(Format.JSON);
    assertThat(Format.ofFileName("value.yaml")).isEqualTo(Format.YAML);
  }

  @Test
  void firstDifferenceTreatsDecimalStringsAsIntegersAndHexWithoutCase() {
    assertThat(PlainForm.firstDifference(Map.of("a", "12", "b", "0xAB"), Map.of("a", BigInteger.valueOf(12), "b", "0xab"), "T"))
        .isNull();
    assertThat(PlainForm.firstDifference(List.of(BigInteger.ONE), List.of(BigInteger.TWO), "T")).isEqualTo("T[0]: expected 1 got 2");
  }
}
