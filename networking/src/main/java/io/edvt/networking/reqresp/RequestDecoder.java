package io.edvt.networking.reqresp;

import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import java.util.Optional;

/**
 * Reads a request as the responder sees it: one payload (length prefix and framed snappy stream)
 * within the request type's {@link SizeBounds}, then the end of the stream; a byte after the
 * payload, or the stream ending inside it, is an invalid request. A method without request content
 * ({@code bounds} empty, e.g. {@code metadata}) expects no byte at all.
 */
public final class RequestDecoder {
  private final Optional<SizeBounds> bounds;
  private final PayloadReader reader = new PayloadReader();
  private byte[] payload;

  public RequestDecoder(Optional<SizeBounds> bounds) {
    this.bounds = bounds;
    bounds.ifPresent(b -> reader.start(b, "request"));
  }

  /**
   * Consumes request bytes.
   *
   * @return whether the payload is complete (the stream must still end with no further byte)
   * @throws WireFormatException for a malformed request or bytes after it
   */
  public boolean decode(ByteBuf in) {
    if (payload != null || bounds.isEmpty()) {
      if (in.isReadable()) {
        throw new WireFormatException(bounds.isEmpty()
            ? "request: this method has no request content, got " + in.readableBytes() + " bytes"
            : "request: " + in.readableBytes() + " bytes after the payload");
      }
      return true;
    }
    payload = reader.read(in);
    if (payload != null && in.isReadable()) {
      throw new WireFormatException("request: " + in.readableBytes() + " bytes after the payload");
    }
    return payload != null;
  }

  /**
   * The stream ended.
   *
   * @return the request's SSZ bytes (empty for a method without request content)
   * @throws WireFormatException if the request is incomplete
   */
  public byte[] finish() {
    if (bounds.isEmpty()) {
      return new byte[0];
    }
    if (payload == null) {
      payload = reader.finish();
    }
    return payload;
  }
}
