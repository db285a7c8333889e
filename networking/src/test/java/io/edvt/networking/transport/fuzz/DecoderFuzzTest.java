package io.edvt.networking.transport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.networking.transport.api.ProtocolRegistry;
import io.edvt.networking.transport.api.Stream;
import io.edvt.networking.transport.api.StreamHandler;
import io.edvt.networking.transport.crypto.PublicKey;
import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import io.edvt.networking.transport.encoding.UVarint;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.edvt.networking.transport.identify.IdentifyMessage;
import io.edvt.networking.transport.mplex.MplexFrame;
import io.edvt.networking.transport.mplex.MplexFrameDecoder;
import io.edvt.networking.transport.mplex.MplexSession;
import io.edvt.networking.transport.multiaddr.Multiaddr;
import io.edvt.networking.transport.multistream.MultistreamDialer;
import io.edvt.networking.transport.multistream.MultistreamListener;
import io.edvt.networking.transport.multistream.MultistreamMessages;
import io.edvt.networking.transport.multistream.Negotiation;
import io.edvt.networking.transport.mux.MuxerConfig;
import io.edvt.networking.transport.noise.CipherState;
import io.edvt.networking.transport.noise.NoiseDecrypter;
import io.edvt.networking.transport.noise.NoiseException;
import io.edvt.networking.transport.noise.NoiseHandshakePayload;
import io.edvt.networking.transport.noise.X25519KeyPair;
import io.edvt.networking.transport.noise.XxHandshake;
import io.edvt.networking.transport.yamux.YamuxFrame;
import io.edvt.networking.transport.yamux.YamuxFrameDecoder;
import io.edvt.networking.transport.yamux.YamuxSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every decoder that reads peer input: each must either decode or refuse with its
 * documented exception, never fail otherwise; the muxer sessions must absorb any byte sequence
 * (a protocol error closes the connection inside the pipeline; nothing escapes). See
 * {@link Fuzzer} for the input generator and the long-run switch.
 */
class DecoderFuzzTest {
  private static final Random SEEDED = new Random(7);

  private static byte[] bytes(ByteBuf b) {
    byte[] out = ByteBufUtil.getBytes(b);
    b.release();
    return out;
  }

  private static byte[] ms(String... lines) {
    ByteBuf b = Unpooled.buffer();
    for (String l : lines) {
      MultistreamMessages.write(b, l);
    }
    return bytes(b);
  }

  @Test
  void multistream() {
    List<byte[]> corpus = List.of(ms(MultistreamMessages.HEADER), ms(MultistreamMessages.HEADER, "/noise"),
        ms(MultistreamMessages.HEADER, "/yamux/1.0.0", "/mplex/6.7.0"), ms("ls"), ms("na"),
        ms(MultistreamMessages.HEADER, "ls", "/eth2/beacon_chain/req/status/1/ssz_snappy"));
    Fuzzer.Result r = Fuzzer.run("multistream", corpus, input -> {
      ByteBuf in = Unpooled.wrappedBuffer(input);
      MultistreamListener listener = new MultistreamListener(List.of("/noise", "/yamux/1.0.0"));
      MultistreamDialer dialer = new MultistreamDialer(List.of("/noise"));
      String m;
      while ((m = MultistreamMessages.read(in)) != null) {
        if (listener.onMessage(m) instanceof Negotiation.Outcome.Selected s) {
          assertThat(s.protocol()).isIn("/noise", "/yamux/1.0.0");
        }
        dialer.onMessage(m);
      }
    }, WireFormatException.class);
    assertThat(r.accepted()).isPositive();
    assertThat(r.rejected()).isPositive();
  }

  private static final byte[] KEY = new byte[32];

  @Test
  void noiseTransportFrames() {
    List<byte[]> corpus = new ArrayList<>();
    for (int n : new int[] {0, 1, 100, 1000}) {
      CipherState c = new CipherState(KEY);
      ByteBuf frames = Unpooled.buffer();
      for (int k = 0; k < 3; k++) {
        byte[] plain = new byte[n + k];
        SEEDED.nextBytes(plain);
        byte[] ct = c.encryptWithAd(null, plain);
        frames.writeShort(ct.length).writeBytes(ct);
        corpus.add(ByteBufUtil.getBytes(frames));
      }
      frames.release();
    }
    Fuzzer.Result r = Fuzzer.run("noise transport frames", corpus, input -> {
      EmbeddedChannel ch = new EmbeddedChannel(new NoiseDecrypter(new CipherState(KEY)));
      try {
        ch.writeInbound(Unpooled.wrappedBuffer(input));
      } finally {
        ch.finishAndReleaseAll();
      }
    }, NoiseException.class, WireFormatException.class);
    assertThat(r.accepted()).isPositive();
    assertThat(r.rejected()).isPositive();
  }

  @Test
  void noiseHandshakePayload() {
    Secp256k1PrivateKey id = Secp256k1PrivateKey.fromRaw(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    byte[] staticKey = new byte[32];
    byte[] sig = id.sign(staticKey);
    List<byte[]> corpus = List.of(
        new NoiseHandshakePayload(id.publicKey().toProtobuf(), sig, List.of()).encode(),
        new NoiseHandshakePayload(id.publicKey().toProtobuf(), sig, List.of("/yamux/1.0.0", "/mplex/6.7.0")).encode());
    Fuzzer.Result r = Fuzzer.run("noise payload", corpus, input -> {
      NoiseHandshakePayload p = NoiseHandshakePayload.decode(input);
      assertThat(NoiseHandshakePayload.decode(p.encode())).isEqualTo(p);
      PublicKey key = PublicKey.fromProtobuf(p.identityKey());
      key.verify(staticKey, p.identitySig());
    }, WireFormatException.class);
    assertThat(r.accepted()).isPositive();
    assertThat(r.rejected()).isPositive();
  }

  @Test
  void noiseHandshakeMessages() {
    X25519KeyPair si = X25519KeyPair.fromPrivate(new byte[32]);
    X25519KeyPair ei = X25519KeyPair.fromPrivate(filled(1));
    XxHandshake responder = new XxHandshake(false, X25519KeyPair.fromPrivate(filled(2)), X25519KeyPair.fromPrivate(filled(3)),
        new byte[0]);
    XxHandshake initiator = new XxHandshake(true, si, ei, new byte[0]);
    responder.readMessage(initiator.writeMessage(new byte[0]));
    List<byte[]> corpus = List.of(responder.writeMessage(new byte[] {1, 2, 3}));
    Fuzzer.Result r = Fuzzer.run("noise handshake msgs", corpus, input -> {
      XxHandshake i = new XxHandshake(true, si, ei, new byte[0]);
      i.writeMessage(new byte[0]);
      i.readMessage(input);
      i.writeMessage(new byte[0]);
    }, NoiseException.class);
    assertThat(r.accepted()).isPositive(); // the untouched corpus message
    assertThat(r.rejected()).isPositive();
  }

  private static byte[] filled(int v) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }

  /** A registry whose one protocol echoes what it gets (so the sessions' write paths run too). */
  private static ProtocolRegistry echoRegistry() {
    ProtocolRegistry registry = new ProtocolRegistry();
    registry.register("/p", () -> new StreamHandler() {
      @Override
      public void onData(Stream stream, ByteBuf data) {
        try {
          stream.write(data);
        } catch (IllegalStateException e) {
          // closed for writing: fine
        }
      }

      @Override
      public void onRemoteClosed(Stream stream) {
        stream.closeWrite();
      }
    });
    return registry;
  }

  private static Fuzzer.Result session(String name, List<byte[]> corpus, Supplier<ChannelHandler[]> pipeline) {
    return Fuzzer.run(name, corpus, input -> {
      EmbeddedChannel ch = new EmbeddedChannel(pipeline.get());
      try {
        ch.writeInbound(Unpooled.wrappedBuffer(input));
        ch.runPendingTasks();
        ch.checkException();
      } finally {
        ch.finishAndReleaseAll();
      }
    });
  }

  private static ByteBuf yamux(ByteBuf out, int type, int flags, int id, byte[] data, long length) {
    YamuxFrame.writeHeader(out, type, flags, id, length);
    if (data != null) {
      out.writeBytes(data);
    }
    return out;
  }

  @Test
  void yamux() {
    byte[] hello = ms(MultistreamMessages.HEADER, "/p");
    List<byte[]> corpus = new ArrayList<>();
    ByteBuf b = Unpooled.buffer();
    yamux(b, YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_SYN, 1, null, 0);
    yamux(b, YamuxFrame.TYPE_DATA, 0, 1, hello, hello.length);
    corpus.add(ByteBufUtil.getBytes(b));
    yamux(b, YamuxFrame.TYPE_DATA, 0, 1, "payload".getBytes(), 7);
    yamux(b, YamuxFrame.TYPE_WINDOW_UPDATE, 0, 1, null, 1000);
    corpus.add(ByteBufUtil.getBytes(b));
    yamux(b, YamuxFrame.TYPE_DATA, YamuxFrame.FLAG_FIN, 1, null, 0);
    yamux(b, YamuxFrame.TYPE_PING, YamuxFrame.FLAG_SYN, 0, null, 42);
    yamux(b, YamuxFrame.TYPE_DATA, YamuxFrame.FLAG_SYN | YamuxFrame.FLAG_RST, 3, hello, hello.length);
    yamux(b, YamuxFrame.TYPE_GO_AWAY, 0, 0, null, 0);
    corpus.add(bytes(b));
    Fuzzer.Result decoded = Fuzzer.run("yamux frames", corpus, input -> {
      ByteBuf in = Unpooled.wrappedBuffer(input);
      YamuxFrame f;
      while ((f = YamuxFrameDecoder.decodeOne(in, 1 << 20)) != null) {
        if (f.data() != null) {
          f.data().release();
        }
      }
    }, WireFormatException.class);
    assertThat(decoded.rejected()).isPositive();
    session("yamux session", corpus, () -> new ChannelHandler[] {
        new YamuxFrameDecoder(16 << 20), new YamuxSession(false, MuxerConfig.DEFAULT, echoRegistry())});
  }

  private static void mplex(ByteBuf out, long id, int flag, byte[] data) {
    UVarint.write(out, (id << 3) | flag);
    UVarint.write(out, data.length);
    out.writeBytes(data);
  }

  @Test
  void mplex() {
    byte[] hello = ms(MultistreamMessages.HEADER, "/p");
    List<byte[]> corpus = new ArrayList<>();
    ByteBuf b = Unpooled.buffer();
    mplex(b, 0, MplexFrame.NEW_STREAM, "0".getBytes(StandardCharsets.US_ASCII));
    mplex(b, 0, MplexFrame.MESSAGE_INITIATOR, hello);
    corpus.add(ByteBufUtil.getBytes(b));
    mplex(b, 0, MplexFrame.MESSAGE_INITIATOR, "payload".getBytes());
    mplex(b, 0, MplexFrame.CLOSE_INITIATOR, new byte[0]);
    corpus.add(ByteBufUtil.getBytes(b));
    mplex(b, 5, MplexFrame.MESSAGE_RECEIVER, new byte[3]);
    mplex(b, 0, MplexFrame.RESET_INITIATOR, new byte[0]);
    mplex(b, 1, MplexFrame.NEW_STREAM, new byte[0]);
    corpus.add(bytes(b));
    Fuzzer.Result decoded = Fuzzer.run("mplex frames", corpus, input -> {
      ByteBuf in = Unpooled.wrappedBuffer(input);
      MplexFrame f;
      while ((f = MplexFrameDecoder.decodeOne(in)) != null) {
        f.data().release();
      }
    }, WireFormatException.class);
    assertThat(decoded.rejected()).isPositive();
    session("mplex session", corpus, () -> new ChannelHandler[] {
        new MplexFrameDecoder(), new MplexSession(false, MuxerConfig.DEFAULT, echoRegistry())});
  }

  @Test
  void identify() {
    Secp256k1PrivateKey id = Secp256k1PrivateKey.fromRaw(filled(9));
    byte[] addr = Multiaddr.parse("/ip4/127.0.0.1/tcp/9000").toBytes();
    byte[] addr6 = Multiaddr.parse("/ip6/::1/udp/9000/quic-v1").toBytes();
    List<byte[]> corpus = List.of(
        new IdentifyMessage("ipfs/0.1.0", "lodestar/v1.5.1", id.publicKey().toProtobuf(), List.of(addr, addr6), addr,
            List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", "/meshsub/1.1.0")).encode(),
        new IdentifyMessage(null, null, null, List.of(), null, List.of()).encode());
    Fuzzer.Result r = Fuzzer.run("identify", corpus, input -> {
      IdentifyMessage m = IdentifyMessage.decode(input);
      assertThat(IdentifyMessage.decode(m.encode())).isEqualTo(m);
      for (byte[] a : m.listenAddrs()) {
        try {
          Multiaddr parsed = Multiaddr.fromBytes(a);
          assertThat(Multiaddr.fromBytes(parsed.toBytes())).isEqualTo(parsed);
        } catch (WireFormatException e) {
          // an address we do not parse: identify leaves it out
        }
      }
      if (m.publicKey() != null) {
        PublicKey.fromProtobuf(m.publicKey());
      }
    }, WireFormatException.class);
    assertThat(r.accepted()).isPositive();
    assertThat(r.rejected()).isPositive();
  }
}
