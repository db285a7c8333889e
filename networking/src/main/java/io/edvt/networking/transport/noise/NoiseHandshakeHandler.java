package io.edvt.networking.transport.noise;

import io.edvt.networking.transport.crypto.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.security.SecureRandom;
import java.util.function.BiConsumer;

/**
 * Runs the libp2p noise XX handshake on a connection. When it completes it puts the transport
 * codec ({@link NoiseDecrypter}, {@link NoiseEncrypter}) in its place, calls {@code onDone} (which
 * adds the next stage after the encrypter), and passes on any ciphertext that followed the last
 * handshake message. Any failure calls {@code onFailed} with the reason.
 */
public final class NoiseHandshakeHandler extends ChannelInboundHandlerAdapter {
  public static final String DECRYPTER = "noise-decrypter";
  public static final String ENCRYPTER = "noise-encrypter";

  /** Called when the handshake is done. */
  public interface Done {
    void done(ChannelHandlerContext ctx, NoiseRemoteIdentity remote);
  }

  private final XxHandshake handshake;
  private final NoiseIdentity identity;
  private final PeerId expectedRemote;
  private final Done onDone;
  private final BiConsumer<ChannelHandlerContext, String> onFailed;
  private ByteBuf buffer;
  private boolean started;
  private boolean finished;

  /** @param expectedRemote the peer we dialled, or null when unknown (inbound, or a dial without /p2p) */
  public NoiseHandshakeHandler(boolean initiator, NoiseIdentity identity, PeerId expectedRemote, SecureRandom random,
      Done onDone, BiConsumer<ChannelHandlerContext, String> onFailed) {
    this.handshake = new XxHandshake(initiator, identity.staticKey(), X25519KeyPair.generate(random), new byte[0]);
    this.identity = identity;
    this.expectedRemote = expectedRemote;
    this.onDone = onDone;
    this.onFailed = onFailed;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    buffer = ctx.alloc().buffer();
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start(ctx);
    ctx.fireChannelActive();
  }

  private void start(ChannelHandlerContext ctx) {
    if (!started) {
      started = true;
      if (handshake.isInitiator()) {
        // libp2p sends no payload in the first message: nothing in it is encrypted yet.
        send(ctx, handshake.writeMessage(new byte[0]));
      }
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (finished) {
      ctx.fireChannelRead(msg);
      return;
    }
    ByteBuf in = (ByteBuf) msg;
    try {
      buffer.writeBytes(in);
    } finally {
      in.release();
    }
    try {
      int len;
      while (!finished && (len = NoiseFrames.completeFrameLength(buffer)) >= 0) {
        buffer.skipBytes(2);
        byte[] message = new byte[len];
        buffer.readBytes(message);
        onMessage(ctx, message);
      }
      if (!finished) {
        buffer.discardSomeReadBytes();
      }
    } catch (NoiseException e) {
      finished = true;
      onFailed.accept(ctx, "noise handshake: " + e.getMessage());
    }
  }

  private void onMessage(ChannelHandlerContext ctx, byte[] message) {
    byte[] payload = handshake.readMessage(message);
    NoiseRemoteIdentity remote = null;
    if (handshake.isInitiator()) {
      // Second message: the responder's static key and identity.
      remote = NoiseRemoteIdentity.verify(payload, handshake.remoteStaticKey(), expectedRemote);
      send(ctx, handshake.writeMessage(identity.payload()));
    } else if (!handshake.isComplete()) {
      send(ctx, handshake.writeMessage(identity.payload()));
      return;
    } else {
      remote = NoiseRemoteIdentity.verify(payload, handshake.remoteStaticKey(), expectedRemote);
    }
    finish(ctx, remote);
  }

  private void finish(ChannelHandlerContext ctx, NoiseRemoteIdentity remote) {
    finished = true;
    CipherState[] ciphers = handshake.split();
    ctx.pipeline().addAfter(ctx.name(), DECRYPTER, new NoiseDecrypter(ciphers[1]));
    ctx.pipeline().addAfter(DECRYPTER, ENCRYPTER, new NoiseEncrypter(ciphers[0]));
    onDone.done(ctx, remote);
    ByteBuf rest = buffer.readableBytes() > 0 ? buffer.retainedSlice() : null;
    ctx.pipeline().remove(this);
    if (rest != null) {
      ctx.fireChannelRead(rest);
    }
  }

  private static void send(ChannelHandlerContext ctx, byte[] message) {
    ByteBuf out = ctx.alloc().buffer(2 + message.length);
    out.writeShort(message.length);
    out.writeBytes(message);
    ctx.writeAndFlush(out);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (buffer != null) {
      buffer.release();
      buffer = null;
    }
  }
}
