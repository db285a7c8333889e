package io.edvt.infrastructure.unsigned;

/**
 * A {@code uint64} result left {@code [0, 2^64)}: an addition or multiplication overflowed or a
 * subtraction went below zero. The spec's {@code uint64} raises on exactly these, so a caller that
 * runs spec code can tell this rejection apart from the client's own limits, which stay plain
 * {@link ArithmeticException}s (a value that does not fit in a {@code long} or an {@code int}, a
 * division by zero).
 */
public final class UInt64OverflowException extends ArithmeticException {
  public UInt64OverflowException(String message) {
    super(message);
  }
}
