package io.edvt.networking.transport.ping;

import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamClosedException;
import io.edvt.networking.transport.api.StreamHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** {@code /ipfs/ping/1.0.0}: the initiator sends 32 random bytes, the responder echoes each 32 it gets. */
public final class PingProtocol {
  public static final String PROTOCOL_ID = "/ipfs/ping/1.0.0";
  public static final int SIZE = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PingProtocol() {}

  /** The responder: echoes whole 32-byte pings, buffering at most 31 bytes. */
  public static Supplier<StreamHandler> handler() {
    return () -> new StreamHandler() {
      private final ByteBuf partial = Unpooled.buffer(SIZE);

      @Override
      public void onData(Stream stream, ByteBuf data) {
        try {
          while (data.isReadable()) {
            int n = Math.min(SIZE - partial.readableBytes(), data.readableBytes());
            partial.writeBytes(data, n);
            if (partial.readableBytes() == SIZE) {
              stream.write(partial.copy());
              partial.clear();
            }
          }
        } finally {
          data.release();
        }
      }

      @Override
      public void onRemoteClosed(Stream stream) {
        stream.closeWrite();
      }

      @Override
      public void onClosed(Stream stream, StreamClosedException cause) {
        partial.release();
      }
    };
  }

  /** One ping: the round-trip time, or a failure if the echo differs. */
  public static CompletableFuture<Duration> ping(Connection connection) {
    byte[] payload = new byte[SIZE];
    RANDOM.nextBytes(payload);
    CompletableFuture<Duration> result = new CompletableFuture<>();
    ByteBuf echo = Unpooled.buffer(SIZE);
    long[] sentAt = new long[1];
    StreamHandler handler = new StreamHandler() {
      @Override
      public void onActive(Stream stream) {
        sentAt[0] = System.nanoTime();
        stream.write(Unpooled.wrappedBuffer(payload.clone()));
      }

      @Override
      public void onData(Stream stream, ByteBuf data) {
        try {
          echo.writeBytes(data, Math.min(data.readableBytes(), SIZE - echo.readableBytes()));
        } finally {
          data.release();
        }
        if (echo.readableBytes() == SIZE && !result.isDone()) {
          Duration rtt = Duration.ofNanos(System.nanoTime() - sentAt[0]);
          if (Arrays.equals(ByteBufUtil.getBytes(echo), payload)) {
            result.complete(rtt);
          } else {
            result.completeExceptionally(new IllegalStateException("ping echo differs from what was sent"));
          }
          stream.closeWrite();
        }
      }

      @Override
      public void onClosed(Stream stream, StreamClosedException cause) {
        echo.release();
        if (!result.isDone()) {
          result.completeExceptionally(cause != null ? cause : new IllegalStateException("ping stream closed before the echo"));
        }
      }
    };
    connection.openStream(PROTOCOL_ID, handler).whenComplete((s, e) -> {
      if (e != null) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }
}
