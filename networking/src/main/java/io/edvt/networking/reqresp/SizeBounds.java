package io.edvt.networking.reqresp;

import io.edvt.infrastructure.ssz.SszType;
import io.edvt.networking.transport.encoding.WireFormatException;

/**
 * The SSZ sizes a payload may have: the type's own bounds ({@code SszType.minSize/maxSize}, "SSZ
 * type size bounds" of the phase0 p2p spec) capped by {@code MAX_PAYLOAD_SIZE}. A length prefix
 * outside them is refused before anything is read.
 */
public record SizeBounds(String typeName, long min, long max) {
  /** The bounds of {@code type}, capped at {@code maxPayloadSize}. */
  public static SizeBounds of(SszType<?> type, long maxPayloadSize) {
    return new SizeBounds(type.name(), type.minSize(), Math.min(type.maxSize(), maxPayloadSize));
  }

  /** @throws WireFormatException if {@code length} is outside the bounds */
  public void check(long length, String what) {
    if (length < min || length > max) {
      throw new WireFormatException(what + ": length prefix " + Long.toUnsignedString(length) + " outside ["
          + min + ", " + max + "] for " + typeName);
    }
  }
}
