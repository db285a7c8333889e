package io.edvt.networking.transport.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes protobuf fields in the order called (callers write them in field-number order, as protoc does). */
public final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public ProtoWriter varint(int field, long value) {
    key(field, ProtoReader.VARINT);
    raw(value);
    return this;
  }

  public ProtoWriter bytes(int field, byte[] value) {
    key(field, ProtoReader.LENGTH_DELIMITED);
    raw(value.length);
    out.writeBytes(value);
    return this;
  }

  public ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }

  private void key(int field, int wireType) {
    raw(((long) field << 3) | wireType);
  }

  private void raw(long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}
