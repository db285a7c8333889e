package io.edvt.networking.transport.host;

import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Direction;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.mplex.MplexFrameDecoder;
import io.edvt.networking.transport.mplex.MplexSession;
import io.edvt.networking.transport.multistream.MultistreamDialer;
import io.edvt.networking.transport.multistream.MultistreamHandler;
import io.edvt.networking.transport.multistream.MultistreamListener;
import io.edvt.networking.transport.multistream.Negotiation;
import io.edvt.networking.transport.mux.MuxerSession;
import io.edvt.networking.transport.noise.NoiseHandshakeHandler;
import io.edvt.networking.transport.noise.NoiseRemoteIdentity;
import io.edvt.networking.transport.yamux.YamuxFrameDecoder;
import io.edvt.networking.transport.yamux.YamuxSession;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns one TCP channel into a {@link Connection}, stage by stage in its pipeline:
 * multistream-select of {@code /noise}, the noise XX handshake, the muxer (from the noise
 * extensions when both sides offered muxers, else by multistream-select), then the muxer session.
 * The whole upgrade must finish within the handshake timeout. Any failure closes the channel
 * with the reason logged and fails the dial's future with it.
 */
final class ConnectionUpgrade {
  static final String NOISE_PROTOCOL = "/noise";
  private static final System.Logger LOG = System.getLogger("io.edvt.networking.transport.host");
  private static final String ERRORS = "errors";

  private final HostContext host;
  private final Direction direction;
  private final PeerId expectedRemote;
  private final CompletableFuture<Connection> result;
  private NoiseRemoteIdentity remote;
  private ScheduledFuture<?> timeout;
  private NettyConnection connection;

  ConnectionUpgrade(HostContext host, Direction direction, PeerId expectedRemote, CompletableFuture<Connection> result) {
    this.host = host;
    this.direction = direction;
    this.expectedRemote = expectedRemote;
    this.result = result;
  }

  private boolean initiator() {
    return direction == Direction.OUTBOUND;
  }

  void install(Channel channel) {
    Negotiation security = initiator()
        ? new MultistreamDialer(List.of(NOISE_PROTOCOL))
        : new MultistreamListener(List.of(NOISE_PROTOCOL));
    ChannelPipeline p = channel.pipeline();
    p.addLast("security-select", new MultistreamHandler(security, this::securitySelected, this::fail));
    p.addLast(ERRORS, new ErrorHandler());
    long millis = host.config().handshakeTimeout().toMillis();
    timeout = channel.eventLoop().schedule(
        () -> failChannel(channel, "not upgraded within " + millis + " ms"), millis, TimeUnit.MILLISECONDS);
  }

  private void securitySelected(ChannelHandlerContext ctx, String protocol) {
    ctx.pipeline().addAfter(ctx.name(), "noise", new NoiseHandshakeHandler(initiator(), host.noiseIdentity(),
        expectedRemote, host.random(), this::secured, this::fail));
  }

  private void secured(ChannelHandlerContext ctx, NoiseRemoteIdentity remote) {
    this.remote = remote;
    if (remote.peerId().equals(host.peerId())) {
      fail(ctx, "the remote is ourselves (" + remote.peerId() + ")");
      return;
    }
    String refusal = host.refuseSecured(remote.peerId(), direction);
    if (refusal != null) {
      fail(ctx, "refused by the connection gate: " + refusal);
      return;
    }
    List<String> ours = host.config().muxers();
    if (host.config().earlyMuxerNegotiation() && !remote.streamMuxers().isEmpty()) {
      // Both offered muxers in the handshake: the first of the initiator's list the responder has.
      List<String> initiatorList = initiator() ? ours : remote.streamMuxers();
      List<String> responderList = initiator() ? remote.streamMuxers() : ours;
      String chosen = initiatorList.stream().filter(responderList::contains).findFirst().orElse(null);
      if (chosen == null) {
        fail(ctx, "no common muxer in the noise extensions: ours " + ours + ", theirs " + remote.streamMuxers());
        return;
      }
      installMuxer(ctx.pipeline(), chosen);
      return;
    }
    Negotiation muxers = initiator() ? new MultistreamDialer(ours) : new MultistreamListener(ours);
    ctx.pipeline().addBefore(ERRORS, "muxer-select", new MultistreamHandler(muxers,
        (c, chosen) -> installMuxer(c.pipeline(), chosen), this::fail));
  }

  private void installMuxer(ChannelPipeline p, String muxer) {
    MuxerSession session;
    if (YamuxSession.PROTOCOL_ID.equals(muxer)) {
      session = new YamuxSession(initiator(), host.config().muxerConfig(), host.registry());
      p.addBefore(ERRORS, "muxer-decoder", new YamuxFrameDecoder(16 << 20));
    } else {
      session = new MplexSession(initiator(), host.config().muxerConfig(), host.registry());
      p.addBefore(ERRORS, "muxer-decoder", new MplexFrameDecoder());
    }
    p.addBefore(ERRORS, "muxer", session);
    connection = new NettyConnection(p.channel(), remote.peerId(), remote.publicKey(), direction, session);
    session.bind(connection, connection.toString());
    timeout.cancel(false);
    host.established(connection);
    result.complete(connection);
  }

  private void fail(ChannelHandlerContext ctx, String reason) {
    failChannel(ctx.channel(), reason);
  }

  private void failChannel(Channel channel, String reason) {
    if (timeout != null) {
      timeout.cancel(false);
    }
    String who = (initiator() ? "dial to " : "inbound from ") + channel.remoteAddress()
        + (remote != null ? " (" + remote.peerId() + ")" : expectedRemote != null ? " (" + expectedRemote + ")" : "");
    if (result.completeExceptionally(new ConnectionFailedException(who + ": " + reason))) {
      LOG.log(System.Logger.Level.INFO, "{0} failed: {1}", who, reason);
    } else if (connection != null) {
      LOG.log(System.Logger.Level.INFO, "closing {0}: {1}", connection, reason);
    }
    channel.close();
  }

  /** Last in the pipeline: malformed input anywhere ends the connection with the reason logged. */
  private final class ErrorHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
      String reason = c.getMessage() != null ? c.getMessage() : c.toString();
      if (c instanceof java.io.IOException) {
        LOG.log(System.Logger.Level.DEBUG, "{0}: I/O error: {1}", ctx.channel(), reason);
        ctx.close();
        if (!result.isDone()) {
          failChannel(ctx.channel(), "I/O error: " + reason);
        }
        return;
      }
      failChannel(ctx.channel(), reason);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (!result.isDone()) {
        failChannel(ctx.channel(), "the remote closed the connection during the upgrade");
      }
      ctx.fireChannelInactive();
    }
  }
}
