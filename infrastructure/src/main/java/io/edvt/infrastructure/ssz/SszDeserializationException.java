package io.edvt.infrastructure.ssz;

/**
 * Bad SSZ input: wrong length, bad offset, missing bitlist delimiter, over-limit list, invalid
 * boolean, and so on. The message names the path of the failing field, e.g.
 * {@code BeaconState.validators[3].pubkey: expected 48 bytes, got 47}.
 */
public final class SszDeserializationException extends RuntimeException {
  private final String path;
  private final String reason;

  public SszDeserializationException(String path, String reason) {
    super(path.isEmpty() ? reason : path + ": " + reason);
    this.path = path;
    this.reason = reason;
  }

  /** A failure of the value itself (no field path yet). */
  public static SszDeserializationException of(String reason) {
    return new SszDeserializationException("", reason);
  }

  /**
   * The same failure seen from an enclosing value: {@code prefix} ({@code ".field"},
   * {@code "[index]"} or a type name at the top) is put in front of the path.
   */
  public SszDeserializationException within(String prefix) {
    return new SszDeserializationException(prefix + path, reason);
  }

  public String path() {
    return path;
  }

  public String reason() {
    return reason;
  }
}
