package io.edvt.networking.transport.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * TCP on Netty's NIO transport (no native library needed): listening sockets and outgoing
 * connections, each new channel handed to an initializer that builds its pipeline. One event loop
 * group serves every connection of a host.
 */
public final class TcpTransport implements AutoCloseable {
  /**
   * Channel writability: a connection stops being writable (and its streams with it) above 1 MiB
   * of unsent bytes and becomes writable again below 256 KiB; large enough for full-size noise
   * messages in flight, small enough to bound memory per connection.
   */
  static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 << 10, 1 << 20);
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final EventLoopGroup group;
  private final boolean ownsGroup;
  private final List<Channel> servers = new ArrayList<>();

  /** @param threads event loop threads (0: Netty's default) */
  public TcpTransport(int threads) {
    this.group = new NioEventLoopGroup(threads, new DefaultThreadFactory("edvt-net", true));
    this.ownsGroup = true;
  }

  /** On a group shared with others (NIO); {@link #close()} leaves it running. */
  public TcpTransport(EventLoopGroup shared) {
    this.group = shared;
    this.ownsGroup = false;
  }

  /** Binds a listening socket; inbound channels go to {@code initializer}. Returns the bound address. */
  public CompletableFuture<InetSocketAddress> listen(InetSocketAddress address, Consumer<SocketChannel> initializer) {
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .childHandler(initializer(initializer));
    CompletableFuture<InetSocketAddress> result = new CompletableFuture<>();
    b.bind(address).addListener((ChannelFuture f) -> {
      if (f.isSuccess()) {
        synchronized (servers) {
          servers.add(f.channel());
        }
        result.complete((InetSocketAddress) f.channel().localAddress());
      } else {
        result.completeExceptionally(f.cause());
      }
    });
    return result;
  }

  /** Connects to {@code address}; the channel goes to {@code initializer} before it connects. */
  public ChannelFuture dial(InetSocketAddress address, Consumer<SocketChannel> initializer) {
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .handler(initializer(initializer))
        .connect(address);
  }

  private static ChannelInitializer<SocketChannel> initializer(Consumer<SocketChannel> init) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        init.accept(ch);
      }
    };
  }

  @Override
  public void close() {
    synchronized (servers) {
      servers.forEach(Channel::close);
      servers.clear();
    }
    if (ownsGroup) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
