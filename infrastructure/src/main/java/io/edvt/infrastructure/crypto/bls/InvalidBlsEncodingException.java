package io.edvt.infrastructure.crypto.bls;

/**
 * The bytes of a public key or signature are not an acceptable encoding of a group element.
 * {@link #reason()} says which rule was broken and {@link #kind()} which type of value it was.
 */
public final class InvalidBlsEncodingException extends BlsException {

  /** What the rejected bytes were meant to be. */
  public enum Kind {
    PUBLIC_KEY("public key", 48),
    SIGNATURE("signature", 96);

    private final String label;
    private final int size;

    Kind(String label, int size) {
      this.label = label;
      this.size = size;
    }

    /** Encoded size in bytes: 48 (compressed G1) or 96 (compressed G2). */
    public int size() {
      return size;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** The rule an encoding broke, in the order they are checked. */
  public enum Reason {
    /** Not 48 bytes for a public key or 96 for a signature. */
    WRONG_LENGTH("wrong length"),
    /** The most significant bit (compression flag) is clear; only compressed points are accepted. */
    NOT_COMPRESSED("compression flag not set"),
    /** Inconsistent flag bits or an x coordinate not below the field modulus. */
    BAD_ENCODING("malformed flags or x coordinate not below the field modulus"),
    /** x is canonical but no y satisfies the curve equation. */
    NOT_ON_CURVE("point not on the curve"),
    /** On the curve but outside the prime-order subgroup. */
    NOT_IN_SUBGROUP("point not in the prime-order subgroup"),
    /** A well-formed encoding of the point at infinity, which KeyValidate rejects as a public key. */
    INFINITY("point at infinity");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  private final Kind kind;
  private final Reason reason;

  public InvalidBlsEncodingException(Kind kind, Reason reason, String detail) {
    super("invalid BLS " + kind + ": " + reason.description() + (detail == null ? "" : " (" + detail + ")"));
    this.kind = kind;
    this.reason = reason;
  }

  public Kind kind() {
    return kind;
  }

  public Reason reason() {
    return reason;
  }
}
