package io.edvt.networking.gossip;

import io.edvt.networking.gossip.codec.Rpc;
import io.edvt.networking.gossip.codec.RpcCodec;
import io.edvt.networking.gossip.codec.RpcLimits;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.encoding.LengthPrefixed;
import io.edvt.networking.transport.host.Host;
import io.edvt.networking.transport.host.HostConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hand-driven gossipsub peer for tests: it speaks the wire protocol with our codec but has no
 * router, so a test decides every RPC it sends and sees every RPC it gets, with the time it arrived.
 */
final class RawGossipPeer implements AutoCloseable {
  record Received(long nanos, Rpc rpc) {}

  final Host host = Host.start(HostConfig.defaults(Secp256k1PrivateKey.generate(new SecureRandom())).withEventLoopThreads(1));
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private Stream out;

  RawGossipPeer(String protocol) {
    host.registry().register(protocol, () -> new StreamHandler() {
      ByteBuf pending = Unpooled.buffer();

      @Override
      public void onData(Stream stream, ByteBuf data) {
        pending.writeBytes(data);
        data.release();
        byte[] body;
        while ((body = LengthPrefixed.read(pending, 1 << 20, "test")) != null) {
          received.add(new Received(System.nanoTime(), RpcCodec.decode(body, RpcLimits.DEFAULT)));
        }
      }
    });
  }

  PeerId id() {
    return host.peerId();
  }

  void connect(GossipNode node, String protocol) throws Exception {
    Connection c = host.dial(node.address).get(5, TimeUnit.SECONDS);
    out = c.openStream(protocol, new StreamHandler() {
      @Override
      public void onData(Stream stream, ByteBuf data) {
        data.release();
      }

      @Override
      public void onClosed(Stream stream, io.edvt.networking.transport.api.StreamClosedException cause) {
        outClosed.complete(cause);
      }
    }).get(5, TimeUnit.SECONDS);
  }

  /** How our outbound stream ended (null cause: closed by both sides). */
  final java.util.concurrent.CompletableFuture<io.edvt.networking.transport.api.StreamClosedException> outClosed =
      new java.util.concurrent.CompletableFuture<>();

  void sendRaw(ByteBuf bytes) {
    out.write(bytes);
  }

  void send(Rpc rpc) {
    out.write(RpcCodec.encodeFrame(ByteBufAllocator.DEFAULT, rpc));
  }

  static Rpc control(List<Rpc.Graft> graft, List<Rpc.Prune> prune) {
    return Rpc.ofControl(new Rpc.Control(List.of(), List.of(), graft, prune, List.of()));
  }

  /** The next received RPC with a control part that {@code test} accepts, within {@code millis}; null if none. */
  Received next(long millis, java.util.function.Predicate<Rpc.Control> test) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (true) {
      long left = end - System.nanoTime();
      Received r = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (r == null) {
        return null;
      }
      if (r.rpc().control() != null && test.test(r.rpc().control())) {
        return r;
      }
    }
  }

  @Override
  public void close() {
    host.close();
  }
}
