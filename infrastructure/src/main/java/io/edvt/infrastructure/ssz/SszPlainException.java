package io.edvt.infrastructure.ssz;

/** A plain (YAML/JSON) value that does not fit the SSZ type it is read as. */
public final class SszPlainException extends IllegalArgumentException {
  public SszPlainException(String message) {
    super(message);
  }
}
