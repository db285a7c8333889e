package io.edvt.networking.gossip.net;

import io.edvt.networking.gossip.codec.Rpc;
import io.edvt.networking.gossip.codec.RpcCodec;
import io.edvt.networking.gossip.codec.RpcLimits;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.encoding.LengthPrefixed;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.function.BiConsumer;

/**
 * A peer's stream to us: uvarint-length-prefixed RPC frames, decoded on the connection's event
 * loop (so decoding runs in parallel across connections) and handed to the router. A frame over
 * the size limit or a malformed RPC resets the stream, with one INFO line saying why.
 */
final class InboundRpcStream implements StreamHandler {
  private static final System.Logger LOG = System.getLogger("io.edvt.networking.gossip");

  private final RpcLimits limits;
  private final BiConsumer<PeerId, Rpc> sink;
  private ByteBuf pending;

  InboundRpcStream(RpcLimits limits, BiConsumer<PeerId, Rpc> sink) {
    this.limits = limits;
    this.sink = sink;
  }

  @Override
  public void onData(Stream stream, ByteBuf data) {
    // Netty's merge cumulator grows the buffer geometrically: a 10 MiB frame in 64 KiB pieces is not copied over and over
    pending = pending == null ? data : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ByteBufAllocator.DEFAULT, pending, data);
    PeerId peer = stream.connection().remotePeerId();
    try {
      byte[] body;
      while (pending != null && (body = LengthPrefixed.read(pending, limits.maxRpcSize(), "gossipsub RPC frame")) != null) {
        sink.accept(peer, RpcCodec.decode(body, limits));
      }
    } catch (WireFormatException e) {
      LOG.log(System.Logger.Level.INFO, "gossip stream from {0} reset: {1}", peer, e.getMessage());
      release();
      stream.reset();
      return;
    }
    if (pending != null && !pending.isReadable()) {
      release();
    }
  }

  @Override
  public void onClosed(Stream stream, io.edvt.networking.transport.api.StreamClosedException cause) {
    release();
  }

  private void release() {
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }
}
