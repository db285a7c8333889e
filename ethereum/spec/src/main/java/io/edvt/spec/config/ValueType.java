package io.edvt.spec.config;

import io.edvt.infrastructure.unsigned.UInt64;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The value forms a preset or config key can take, each with its parser (from the raw YAML text)
 * and its canonical text form (used when the effective values are written back out).
 *
 * <p>Raw values are what {@link RawYaml} produces: a {@code String} for a scalar (the text as
 * written, so {@code 0x00000000} keeps its length), a {@code List} for a sequence, a {@code Map}
 * for a mapping, or {@code null}.
 */
public enum ValueType {
  /** A non-negative decimal that fits in a Java {@code int}; exposed as {@code int}. */
  INT("a decimal integer in [0, 2147483647]"),
  /** A decimal in {@code [0, 2^64)}; exposed as {@link UInt64}. */
  UINT64("a decimal integer in [0, 18446744073709551615]"),
  /** A decimal in {@code [0, 2^256)}; exposed as {@link BigInteger}. */
  UINT256("a decimal integer in [0, 2^256 - 1]"),
  /** {@code 0x} and 8 hex digits; exposed as a 4-byte {@link Bytes}. */
  BYTES4("0x followed by 8 hex digits (4 bytes)"),
  /** {@code 0x} and 40 hex digits; exposed as a 20-byte {@link Bytes}. */
  BYTES20("0x followed by 40 hex digits (20 bytes)"),
  /** {@code 0x} and 64 hex digits; exposed as {@link Bytes32}. */
  BYTES32("0x followed by 64 hex digits (32 bytes)"),
  /** The name of a built-in preset; exposed as {@code String}. */
  PRESET_BASE("one of " + SpecConfigLoader.BUILT_IN_PRESETS),
  /** A network name; exposed as {@code String}. */
  CONFIG_NAME("a non-empty name of lowercase letters, digits and '-'"),
  /** The Fulu blob schedule; exposed as a list of {@link BlobScheduleEntry}. */
  BLOB_SCHEDULE(
      "a list of mappings with exactly the keys EPOCH (uint64) and MAX_BLOBS_PER_BLOCK"
          + " (int), each epoch at most once");

  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");
  private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]*");
  private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);
  private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger INT_LIMIT = BigInteger.valueOf(Integer.MAX_VALUE).add(BigInteger.ONE);

  static final String EPOCH_FIELD = "EPOCH";
  static final String MAX_BLOBS_FIELD = "MAX_BLOBS_PER_BLOCK";

  private final String expectedForm;

  ValueType(String expectedForm) {
    this.expectedForm = expectedForm;
  }

  /** A human description of the accepted form, used in error messages. */
  public String expectedForm() {
    return expectedForm;
  }

  /**
   * Parses a raw YAML value.
   *
   * @throws IllegalArgumentException with a short reason if the value is not of this form
   */
  Object parse(Object raw) {
    return switch (this) {
      case INT -> decimal(raw, INT_LIMIT).intValueExact();
      case UINT64 -> UInt64.valueOf(decimal(raw, UINT64_LIMIT));
      case UINT256 -> decimal(raw, UINT256_LIMIT);
      case BYTES4 -> hex(raw, 4);
      case BYTES20 -> hex(raw, 20);
      case BYTES32 -> Bytes32.wrap(hex(raw, 32));
      case PRESET_BASE -> {
        String s = scalar(raw);
        if (!SpecConfigLoader.BUILT_IN_PRESETS.contains(s)) {
          throw new IllegalArgumentException("not a built-in preset");
        }
        yield s;
      }
      case CONFIG_NAME -> {
        String s = scalar(raw);
        if (!NAME.matcher(s).matches()) {
          throw new IllegalArgumentException("contains characters other than a-z, 0-9 and '-'");
        }
        yield s;
      }
      case BLOB_SCHEDULE -> blobSchedule(raw);
    };
  }

  /** The canonical text of a parsed value: decimal numbers, lowercase {@code 0x} hex, names. */
  Object format(Object value) {
    return switch (this) {
      case INT, UINT64, UINT256, PRESET_BASE, CONFIG_NAME -> value.toString();
      case BYTES4, BYTES20, BYTES32 -> ((Bytes) value).toHexString();
      case BLOB_SCHEDULE -> {
        List<Map<String, String>> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
          BlobScheduleEntry e = (BlobScheduleEntry) o;
          Map<String, String> m = new LinkedHashMap<>();
          m.put(EPOCH_FIELD, e.epoch().toString());
          m.put(MAX_BLOBS_FIELD, Integer.toString(e.maxBlobsPerBlock()));
          out.add(m);
        }
        yield List.copyOf(out);
      }
    };
  }

  private static String scalar(Object raw) {
    if (raw == null) {
      throw new IllegalArgumentException("no value given");
    }
    if (!(raw instanceof String s)) {
      throw new IllegalArgumentException("a " + (raw instanceof List ? "list" : "mapping") + " where a single value belongs");
    }
    return s;
  }

  private static BigInteger decimal(Object raw, BigInteger limit) {
    String s = scalar(raw);
    if (!DECIMAL.matcher(s).matches()) {
      if (s.startsWith("-")) {
        throw new IllegalArgumentException("negative");
      }
      if (s.length() > 1 && s.startsWith("0") && s.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("leading zeros are ambiguous (YAML 1.1 reads them as octal)");
      }
      throw new IllegalArgumentException("not a decimal integer");
    }
    BigInteger v = new BigInteger(s);
    if (v.compareTo(limit) >= 0) {
      throw new IllegalArgumentException("too large");
    }
    return v;
  }

  private static Bytes hex(Object raw, int length) {
    String s = scalar(raw);
    if (!HEX.matcher(s).matches()) {
      throw new IllegalArgumentException("not 0x-prefixed hex");
    }
    int digits = s.length() - 2;
    if (digits != 2 * length) {
      throw new IllegalArgumentException(
          digits % 2 == 0 ? digits / 2 + " bytes instead of " + length : "odd number of hex digits");
    }
    return Bytes.fromHexString(s);
  }

  private static List<BlobScheduleEntry> blobSchedule(Object raw) {
    if (raw == null) {
      throw new IllegalArgumentException("no value given (use [] for an empty schedule)");
    }
    if (!(raw instanceof List<?> list)) {
      throw new IllegalArgumentException("not a list");
    }
    List<BlobScheduleEntry> entries = new ArrayList<>();
    Set<UInt64> epochs = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException("entry " + i + " is not a mapping");
      }
      if (!m.keySet().equals(Set.of(EPOCH_FIELD, MAX_BLOBS_FIELD))) {
        throw new IllegalArgumentException("entry " + i + " has keys " + m.keySet());
      }
      UInt64 epoch;
      int maxBlobs;
      try {
        epoch = (UInt64) UINT64.parse(m.get(EPOCH_FIELD));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("entry " + i + " " + EPOCH_FIELD + ": " + e.getMessage());
      }
      try {
        maxBlobs = (Integer) INT.parse(m.get(MAX_BLOBS_FIELD));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("entry " + i + " " + MAX_BLOBS_FIELD + ": " + e.getMessage());
      }
      if (!epochs.add(epoch)) {
        throw new IllegalArgumentException("epoch " + epoch + " appears twice");
      }
      entries.add(new BlobScheduleEntry(epoch, maxBlobs));
    }
    return List.copyOf(entries);
  }
}
