package io.edvt.node.execution;

import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;

/** The 8-byte identifier of a payload build process ({@code payloadId}, {@code DATA}, 8 bytes). */
public record PayloadId(Bytes bytes) {
  public static final int SIZE = 8;

  public PayloadId {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.size() != SIZE) {
      throw new IllegalArgumentException("a payload id has " + SIZE + " bytes, got " + bytes.size() + ": " + bytes);
    }
  }

  @Override
  public String toString() {
    return bytes.toHexString();
  }
}
