package io.edvt.networking.transport.testing;

import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamClosedException;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.encoding.LengthPrefixed;
import io.edvt.networking.transport.encoding.UVarint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The custom request/response protocol of the interop tests (js side: peer.mjs): the requester
 * sends one uvarint-length-prefixed payload and closes its side; the responder answers with the
 * same payload, each byte XOR 0x5A (so an echo of the raw bytes would not pass), length-prefixed,
 * and closes.
 */
public final class EchoProtocol {
  public static final String PROTOCOL_ID = "/edvt/test/echo/1.0.0";
  public static final int MAX = 64 << 20;
  public static final int XOR = 0x5A;

  private EchoProtocol() {}

  public static byte[] transform(byte[] in) {
    byte[] out = new byte[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = (byte) (in[i] ^ XOR);
    }
    return out;
  }

  /** The responder. */
  public static Supplier<StreamHandler> responder() {
    return () -> new MessageReader() {
      @Override
      void onMessage(Stream stream, byte[] message) {
        stream.write(LengthPrefixed.encode(io.netty.buffer.ByteBufAllocator.DEFAULT, transform(message)));
        stream.closeWrite();
      }
    };
  }

  /** Sends {@code payload}, completes with the response payload. */
  public static CompletableFuture<byte[]> request(Connection connection, byte[] payload) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    MessageReader reader = new MessageReader() {
      @Override
      void onMessage(Stream stream, byte[] message) {
        result.complete(message);
      }

      @Override
      void onFailure(Stream stream, Throwable cause) {
        result.completeExceptionally(cause);
      }
    };
    connection.openStream(PROTOCOL_ID, reader).whenComplete((s, e) -> {
      if (e != null) {
        result.completeExceptionally(e);
        return;
      }
      ByteBuf out = Unpooled.buffer(UVarint.MAX_BYTES + payload.length);
      UVarint.write(out, payload.length);
      out.writeBytes(payload);
      s.write(out);
      s.closeWrite();
    });
    return result;
  }

  /** Collects one length-prefixed message. */
  abstract static class MessageReader implements StreamHandler {
    private final ByteBuf buffer = Unpooled.buffer();
    private boolean done;

    abstract void onMessage(Stream stream, byte[] message);

    void onFailure(Stream stream, Throwable cause) {}

    @Override
    public void onData(Stream stream, ByteBuf data) {
      try {
        if (!done) {
          buffer.writeBytes(data);
        }
      } finally {
        data.release();
      }
      if (!done) {
        byte[] m = LengthPrefixed.read(buffer, MAX, "echo");
        if (m != null) {
          done = true;
          onMessage(stream, m);
        }
      }
    }

    @Override
    public void onRemoteClosed(Stream stream) {
      if (!done) {
        done = true;
        onFailure(stream, new IllegalStateException("remote closed after " + buffer.readableBytes() + " bytes"));
      }
    }

    @Override
    public void onClosed(Stream stream, StreamClosedException cause) {
      buffer.release();
      if (!done) {
        done = true;
        onFailure(stream, cause != null ? cause : new IllegalStateException("closed"));
      }
    }
  }
}
