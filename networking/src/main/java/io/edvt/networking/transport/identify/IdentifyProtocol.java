package io.edvt.networking.transport.identify;

import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamClosedException;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.crypto.PublicKey;
import io.edvt.networking.transport.encoding.LengthPrefixed;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code /ipfs/id/1.0.0}: the responder writes one uvarint-length-prefixed {@code Identify} and
 * closes; the initiator reads it. {@link #handler()} answers; {@link #identify} asks.
 */
public final class IdentifyProtocol {
  public static final String PROTOCOL_ID = "/ipfs/id/1.0.0";

  /** What we say about ourselves, given the connection it is said on (for observedAddr). */
  public interface Self {
    IdentifyMessage describe(Connection connection);
  }

  private final Self self;

  public IdentifyProtocol(Self self) {
    this.self = self;
  }

  /** The responder: one per inbound identify stream. */
  public Supplier<StreamHandler> handler() {
    return () -> new StreamHandler() {
      @Override
      public void onActive(Stream stream) {
        stream.write(LengthPrefixed.encode(io.netty.buffer.ByteBufAllocator.DEFAULT, self.describe(stream.connection()).encode()));
        stream.closeWrite();
      }

      @Override
      public void onData(Stream stream, ByteBuf data) {
        data.release(); // the initiator sends nothing
      }
    };
  }

  /** Asks the remote of {@code connection} for its identify message, and checks it. */
  public static CompletableFuture<IdentifyInfo> identify(Connection connection) {
    CompletableFuture<IdentifyInfo> result = new CompletableFuture<>();
    Reader reader = new Reader(connection, result);
    connection.openStream(PROTOCOL_ID, reader).whenComplete((s, e) -> {
      if (e != null) {
        result.completeExceptionally(e);
      } else {
        s.closeWrite();
      }
    });
    return result;
  }

  /** Collects the response until it is complete. */
  private static final class Reader implements StreamHandler {
    private final Connection connection;
    private final CompletableFuture<IdentifyInfo> result;
    private final ByteBuf buffer = Unpooled.buffer();

    Reader(Connection connection, CompletableFuture<IdentifyInfo> result) {
      this.connection = connection;
      this.result = result;
    }

    @Override
    public void onData(Stream stream, ByteBuf data) {
      try {
        buffer.writeBytes(data);
      } finally {
        data.release();
      }
      try {
        byte[] message = LengthPrefixed.read(buffer, IdentifyMessage.MAX_BYTES, "identify");
        if (message != null) {
          result.complete(check(connection, IdentifyMessage.decode(message)));
        }
      } catch (WireFormatException e) {
        result.completeExceptionally(e);
        stream.reset();
      }
    }

    @Override
    public void onRemoteClosed(Stream stream) {
      result.completeExceptionally(new WireFormatException(
          "identify: the remote closed the stream after " + buffer.readableBytes() + " bytes, before a whole message"));
    }

    @Override
    public void onClosed(Stream stream, StreamClosedException cause) {
      buffer.release();
      if (cause != null) {
        result.completeExceptionally(cause);
      }
    }
  }

  static IdentifyInfo check(Connection connection, IdentifyMessage m) {
    if (m.publicKey() == null) {
      throw new WireFormatException("Identify: no publicKey");
    }
    PublicKey key = PublicKey.fromProtobuf(m.publicKey());
    if (!connection.remotePeerId().matches(key)) {
      throw new WireFormatException("Identify: publicKey is " + key.peerId() + ", not the connection's peer "
          + connection.remotePeerId());
    }
    List<Multiaddr> addrs = new ArrayList<>();
    int unparsed = 0;
    for (byte[] a : m.listenAddrs()) {
      try {
        addrs.add(Multiaddr.fromBytes(a));
      } catch (WireFormatException e) {
        unparsed++;
      }
    }
    Optional<Multiaddr> observed = Optional.empty();
    if (m.observedAddr() != null) {
      try {
        observed = Optional.of(Multiaddr.fromBytes(m.observedAddr()));
      } catch (WireFormatException e) {
        observed = Optional.empty();
      }
    }
    return new IdentifyInfo(connection.remotePeerId(), key, m.protocolVersion(), m.agentVersion(), addrs, unparsed,
        observed, m.protocols());
  }
}
