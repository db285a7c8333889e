package io.edvt.node.execution.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.unsigned.UInt256;
import io.edvt.infrastructure.unsigned.UInt64;
import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;

/**
 * The two value encodings of the Engine API (execution-apis common.md, "Encoding"):
 * {@code QUANTITY}, a big-endian number as {@code 0x}-prefixed hex without leading zeros
 * ({@code 0x0}, {@code 0x1c9c380}), and {@code DATA}, bytes as {@code 0x}-prefixed hex with two
 * digits a byte ({@code 0x}, {@code 0x00ff}).
 *
 * <p>What this node writes follows the spec exactly. What it reads is checked for the prefix, the
 * digits, the byte length and the range; a {@code QUANTITY} with leading zeros is accepted, since
 * its value is unambiguous. Every read names the JSON path of the value when it fails.
 */
public final class EngineHex {
  private EngineHex() {}

  /** {@code value} as a {@code QUANTITY}. */
  public static String quantity(UInt64 value) {
    return "0x" + Long.toHexString(value.longValue());
  }

  /** {@code value} as a {@code QUANTITY}. */
  public static String quantity(UInt256 value) {
    return "0x" + value.value().toString(16);
  }

  /** {@code bytes} as {@code DATA}. */
  public static String data(Bytes bytes) {
    return bytes.toHexString();
  }

  /** A {@code QUANTITY} of at most 64 bits. */
  public static UInt64 uint64(JsonNode node, String path) {
    BigInteger value = quantity(node, path);
    if (value.bitLength() > 64) {
      throw new JsonFieldException(path, "QUANTITY exceeds 64 bits: " + node.asText());
    }
    return UInt64.fromLongBits(value.longValue());
  }

  /** A {@code QUANTITY} of at most 256 bits. */
  public static UInt256 uint256(JsonNode node, String path) {
    BigInteger value = quantity(node, path);
    if (value.bitLength() > 256) {
      throw new JsonFieldException(path, "QUANTITY exceeds 256 bits: " + node.asText());
    }
    return new UInt256(value);
  }

  private static BigInteger quantity(JsonNode node, String path) {
    String text = text(node, path, "QUANTITY");
    if (!text.startsWith("0x") || text.length() == 2) {
      throw new JsonFieldException(path, "QUANTITY must be 0x followed by hex digits, got \"" + abbreviate(text) + "\"");
    }
    for (int i = 2; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        throw new JsonFieldException(path, "QUANTITY has a non-hex character at " + i + ": \"" + abbreviate(text) + "\"");
      }
    }
    return new BigInteger(text.substring(2), 16);
  }

  /** {@code DATA} of exactly {@code size} bytes. */
  public static Bytes data(JsonNode node, String path, int size) {
    Bytes bytes = data(node, path);
    if (bytes.size() != size) {
      throw new JsonFieldException(path, "DATA must have " + size + " bytes, got " + bytes.size());
    }
    return bytes;
  }

  /** {@code DATA} of at most {@code maxSize} bytes. */
  public static Bytes dataUpTo(JsonNode node, String path, long maxSize) {
    Bytes bytes = data(node, path);
    if (bytes.size() > maxSize) {
      throw new JsonFieldException(path, "DATA must have at most " + maxSize + " bytes, got " + bytes.size());
    }
    return bytes;
  }

  /** {@code DATA} of any length. */
  public static Bytes data(JsonNode node, String path) {
    String text = text(node, path, "DATA");
    if (!text.startsWith("0x")) {
      throw new JsonFieldException(path, "DATA must start with 0x, got \"" + abbreviate(text) + "\"");
    }
    if (text.length() % 2 != 0) {
      throw new JsonFieldException(path, "DATA must have two hex digits a byte, got " + (text.length() - 2) + " digits");
    }
    byte[] out = new byte[(text.length() - 2) / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(text.charAt(2 + 2 * i), 16);
      int lo = Character.digit(text.charAt(3 + 2 * i), 16);
      if (hi < 0 || lo < 0) {
        throw new JsonFieldException(path, "DATA has a non-hex character at " + (2 + 2 * i) + ": \"" + abbreviate(text) + "\"");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return Bytes.wrap(out);
  }

  private static String text(JsonNode node, String path, String kind) {
    if (node == null || node.isMissingNode()) {
      throw new JsonFieldException(path, "missing");
    }
    if (!node.isTextual()) {
      throw new JsonFieldException(path, kind + " must be a string, got " + (node.isNull() ? "null" : abbreviate(node.toString())));
    }
    return node.textValue();
  }

  static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
