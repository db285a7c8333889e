package io.edvt.networking.transport.encoding;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A strict reader of protobuf (proto2/proto3 wire format) for the few small libp2p messages we
 * decode by hand (keys, noise payload, identify): bounds-checked, with the message name in every
 * error. Unknown fields of wire types 0, 1, 2 and 5 are skipped as protobuf requires; groups
 * (wire types 3 and 4, unused by libp2p) and field number 0 are errors.
 */
public final class ProtoReader {
  public static final int VARINT = 0;
  public static final int FIXED64 = 1;
  public static final int LENGTH_DELIMITED = 2;
  public static final int FIXED32 = 5;

  private final byte[] data;
  private final String message;
  private final int[] pos = {0};
  private int wireType = -1;

  /** @param message the protobuf message name, for error texts */
  public ProtoReader(byte[] data, String message) {
    this.data = data;
    this.message = message;
  }

  public boolean hasNext() {
    return pos[0] < data.length;
  }

  /** Reads the next key; returns its field number (the wire type is kept for the read that follows). */
  public int nextField() {
    long key = varint("key");
    if (key > Integer.MAX_VALUE) {
      throw error("field key " + key + " out of range");
    }
    int field = (int) (key >>> 3);
    wireType = (int) (key & 7);
    if (field == 0) {
      throw error("field number 0");
    }
    if (wireType == 3 || wireType == 4 || wireType > 5) {
      throw error("field " + field + " has unsupported wire type " + wireType);
    }
    return field;
  }

  public long readVarint(String field) {
    expect(VARINT, field);
    return varint(field);
  }

  /** A length-delimited field of at most {@code maxLength} bytes. */
  public byte[] readBytes(String field, int maxLength) {
    expect(LENGTH_DELIMITED, field);
    long len = varint(field + " length");
    if (len < 0 || len > maxLength) {
      throw error(field + " is " + len + " bytes, more than the limit of " + maxLength);
    }
    if (len > data.length - pos[0]) {
      throw error(field + " claims " + len + " bytes but only " + (data.length - pos[0]) + " remain");
    }
    byte[] out = Arrays.copyOfRange(data, pos[0], pos[0] + (int) len);
    pos[0] += (int) len;
    return out;
  }

  /** A length-delimited UTF-8 string of at most {@code maxLength} bytes; invalid UTF-8 is an error. */
  public String readString(String field, int maxLength) {
    byte[] bytes = readBytes(field, maxLength);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw error(field + " is not valid UTF-8");
    }
  }

  /** Skips the value of the field just read (unknown fields). */
  public void skip() {
    switch (wireType) {
      case VARINT -> varint("unknown varint field");
      case FIXED64 -> advance(8);
      case FIXED32 -> advance(4);
      case LENGTH_DELIMITED -> {
        long len = varint("unknown field length");
        if (len < 0 || len > data.length - pos[0]) {
          throw error("unknown field claims " + len + " bytes but only " + (data.length - pos[0]) + " remain");
        }
        pos[0] += (int) len;
      }
      default -> throw error("cannot skip wire type " + wireType);
    }
  }

  private void advance(int n) {
    if (data.length - pos[0] < n) {
      throw error("truncated fixed-size field");
    }
    pos[0] += n;
  }

  private void expect(int type, String field) {
    if (wireType != type) {
      throw error(field + " has wire type " + wireType + ", expected " + type);
    }
  }

  private long varint(String what) {
    try {
      return readRawVarint();
    } catch (WireFormatException e) {
      throw error(what + ": " + e.getMessage());
    }
  }

  /** Protobuf varints may be 10 bytes (negative int64); we accept up to 10 and keep the low 64 bits. */
  private long readRawVarint() {
    long value = 0;
    for (int i = 0; i < 10; i++) {
      if (pos[0] >= data.length) {
        throw new WireFormatException("varint truncated");
      }
      int b = data[pos[0]++] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new WireFormatException("varint longer than 10 bytes");
  }

  private WireFormatException error(String what) {
    return new WireFormatException(message + ": " + what);
  }
}
