package io.edvt.networking.transport.multistream;

import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs a multistream-select {@link Negotiation} on a connection (the security protocol, then the
 * muxer). On agreement it calls {@code onSelected}, which adds the next stage after this handler;
 * then it removes itself and passes on any bytes that came after the last negotiation message
 * (a peer may send protocol data right behind its choice). On failure it calls {@code onFailed}.
 */
public final class MultistreamHandler extends ChannelInboundHandlerAdapter {
  private final Negotiation negotiation;
  private final BiConsumer<ChannelHandlerContext, String> onSelected;
  private final BiConsumer<ChannelHandlerContext, String> onFailed;
  private ByteBuf buffer;
  private boolean started;
  private boolean done;

  public MultistreamHandler(Negotiation negotiation, BiConsumer<ChannelHandlerContext, String> onSelected,
      BiConsumer<ChannelHandlerContext, String> onFailed) {
    this.negotiation = negotiation;
    this.onSelected = onSelected;
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
      send(ctx, negotiation.start());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (done) {
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
      while (!done) {
        String message = MultistreamMessages.read(buffer);
        if (message == null) {
          buffer.discardSomeReadBytes();
          return;
        }
        switch (negotiation.onMessage(message)) {
          case Negotiation.Outcome.Continue c -> send(ctx, c.send());
          case Negotiation.Outcome.Selected s -> {
            send(ctx, s.send());
            done = true;
            onSelected.accept(ctx, s.protocol());
            ByteBuf rest = buffer.readableBytes() > 0 ? buffer.retainedSlice() : null;
            ctx.pipeline().remove(this);
            if (rest != null) {
              ctx.fireChannelRead(rest);
            }
          }
          case Negotiation.Outcome.Failed f -> fail(ctx, f.reason());
        }
      }
    } catch (WireFormatException e) {
      fail(ctx, e.getMessage());
    }
  }

  private void fail(ChannelHandlerContext ctx, String reason) {
    done = true;
    onFailed.accept(ctx, "multistream-select: " + reason);
  }

  private void send(ChannelHandlerContext ctx, List<String> messages) {
    if (!messages.isEmpty()) {
      ctx.writeAndFlush(MultistreamWriter.encode(ctx.alloc(), negotiation, messages));
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (buffer != null) {
      buffer.release();
      buffer = null;
    }
  }
}
