package io.edvt.networking.transport.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.ArrayList;
import java.util.List;

/**
 * Outbound side of the noise transport. Writes are gathered until a flush (or a full message's
 * worth), then encrypted as noise messages of up to 65519 plaintext bytes: a yamux header and its
 * data become one noise message, not two, and a bulk transfer uses full-size messages. At most
 * one message's worth of plaintext waits here between flushes.
 */
public final class NoiseEncrypter extends ChannelOutboundHandlerAdapter {
  private final CipherState cipher;
  private CompositeByteBuf pending;
  private final List<ChannelPromise> promises = new ArrayList<>();

  public NoiseEncrypter(CipherState cipher) {
    this.cipher = cipher;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.write(msg, promise);
      return;
    }
    if (pending == null) {
      pending = ctx.alloc().compositeBuffer(256);
    }
    pending.addComponent(true, in);
    if (!promise.isVoid()) {
      promises.add(promise);
    }
    if (pending.readableBytes() >= NoiseFrames.MAX_PLAINTEXT) {
      ctx.write(encrypt(ctx, false), ctx.voidPromise());
    }
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    if (pending != null && (pending.isReadable() || !promises.isEmpty())) {
      ByteBuf out = encrypt(ctx, true);
      if (promises.isEmpty()) {
        ctx.write(out, ctx.voidPromise());
      } else {
        List<ChannelPromise> done = new ArrayList<>(promises);
        promises.clear();
        ctx.write(out).addListener(f -> {
          for (ChannelPromise p : done) {
            if (f.isSuccess()) {
              p.trySuccess();
            } else {
              p.tryFailure(f.cause());
            }
          }
        });
      }
    }
    ctx.flush();
  }

  /** Encrypts the pending plaintext: whole messages only, or everything when {@code all}. */
  private ByteBuf encrypt(ChannelHandlerContext ctx, boolean all) {
    int total = pending.readableBytes();
    int frames = (total + NoiseFrames.MAX_PLAINTEXT - 1) / NoiseFrames.MAX_PLAINTEXT;
    // A heap buffer: the plaintext is gathered into it and encrypted in place (the JDK cipher's fast path).
    ByteBuf out = ctx.alloc().heapBuffer(total + frames * (2 + CipherState.TAG_LENGTH));
    try {
      while (pending.readableBytes() >= (all ? 1 : NoiseFrames.MAX_PLAINTEXT)) {
        int chunk = Math.min(pending.readableBytes(), NoiseFrames.MAX_PLAINTEXT);
        out.writeShort(chunk + CipherState.TAG_LENGTH);
        int at = out.writerIndex();
        pending.readBytes(out, chunk);
        cipher.encryptInPlace(out.array(), out.arrayOffset() + at, chunk);
        out.writerIndex(at + chunk + CipherState.TAG_LENGTH);
      }
      pending.discardReadComponents();
      return out;
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (pending != null) {
      pending.release();
      pending = null;
    }
    promises.forEach(p -> p.tryFailure(new IllegalStateException("noise encrypter removed")));
    promises.clear();
  }
}
