package io.edvt.networking.transport.encoding;

/**
 * Bytes from a peer that break a wire format (a varint too long, a frame over its size limit, a
 * protobuf field of the wrong type, ...). The message names the layer, the field and the numbers,
 * so a log line says what the peer did wrong. Decoders throw it; the Netty handlers turn it into a
 * closed stream or connection with that message logged.
 */
public class WireFormatException extends RuntimeException {
  public WireFormatException(String message) {
    super(message);
  }

  public WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
