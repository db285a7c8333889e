package io.edvt.node.api;

import io.edvt.infrastructure.unsigned.UInt64;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * Parsing of path and query parameters. Every failure is a 400 whose message names the parameter,
 * repeats the value and says what was expected, so a client can fix the call from the message alone.
 */
public final class Params {
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,20}");
  private static final Pattern HEX = Pattern.compile("0x([0-9a-fA-F]{2})*");
  private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);

  private Params() {}

  /** A decimal uint64. */
  public static UInt64 uint64(String name, String value) {
    if (value == null || !DECIMAL.matcher(value).matches()) {
      throw ApiException.badRequest(name + " '" + value + "' is not a decimal unsigned integer");
    }
    BigInteger b = new BigInteger(value);
    if (b.compareTo(UINT64_LIMIT) >= 0) {
      throw ApiException.badRequest(name + " '" + value + "' does not fit in a uint64");
    }
    return UInt64.valueOf(b);
  }

  /** An epoch; the message says {@code epoch}. */
  public static UInt64 epoch(String name, String value) {
    return uint64(name, value);
  }

  /** {@code 0x}-prefixed hex of exactly {@code length} bytes. */
  public static Bytes hex(String name, String value, int length) {
    if (value == null || !HEX.matcher(value).matches()) {
      throw ApiException.badRequest(name + " '" + value + "' is not 0x-prefixed hex");
    }
    Bytes b = Bytes.fromHexString(value);
    if (b.size() != length) {
      throw ApiException.badRequest(name + " '" + value + "' has " + b.size() + " bytes, expected " + length);
    }
    return b;
  }

  public static Bytes32 root(String name, String value) {
    return Bytes32.wrap(hex(name, value, 32));
  }

  public static Bytes48 pubkey(String name, String value) {
    return Bytes48.wrap(hex(name, value, 48));
  }

  /**
   * The values of a query parameter that may repeat and may hold comma-separated lists
   * ({@code ?id=1,2&id=3}); blanks are dropped.
   */
  public static List<String> list(List<String> raw) {
    List<String> out = new ArrayList<>();
    for (String r : raw) {
      for (String part : r.split(",")) {
        String t = part.trim();
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /** Whether {@code value} looks like hex (and should be parsed as a root or key, not a name). */
  static boolean isHex(String value) {
    return value.startsWith("0x");
  }

  static boolean isDecimal(String value) {
    return DECIMAL.matcher(value).matches();
  }
}
