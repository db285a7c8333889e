package io.edvt.networking.gossip.codec;

import io.edvt.networking.gossip.codec.Rpc.Control;
import io.edvt.networking.gossip.codec.Rpc.Graft;
import io.edvt.networking.gossip.codec.Rpc.IDontWant;
import io.edvt.networking.gossip.codec.Rpc.IHave;
import io.edvt.networking.gossip.codec.Rpc.IWant;
import io.edvt.networking.gossip.codec.Rpc.Message;
import io.edvt.networking.gossip.codec.Rpc.PeerInfo;
import io.edvt.networking.gossip.codec.Rpc.Prune;
import io.edvt.networking.gossip.codec.Rpc.SubOpts;
import io.edvt.networking.transport.encoding.ProtoReader;
import io.edvt.networking.transport.encoding.UVarint;
import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes the gossipsub {@link Rpc} protobuf with the field numbers of the spec's
 * {@code rpc.proto}. Decoding is strict and bounded by {@link RpcLimits}: every error is a
 * {@link WireFormatException} that names the message and field. Encoding writes fields in
 * field-number order straight into one buffer, sized first.
 */
public final class RpcCodec {
  private RpcCodec() {}

  // ---------------------------------------------------------------------------------- decoding

  /** Decodes the body of one frame (without its length prefix). */
  public static Rpc decode(byte[] body, RpcLimits limits) {
    if (body.length > limits.maxRpcSize()) {
      throw new WireFormatException("RPC: " + body.length + " bytes exceed the limit of " + limits.maxRpcSize());
    }
    List<SubOpts> subs = new ArrayList<>();
    List<Message> messages = new ArrayList<>();
    Control control = null;
    ProtoReader r = new ProtoReader(body, "RPC");
    int[] controlEntries = {0};
    while (r.hasNext()) {
      switch (r.nextField()) {
        case 1 -> {
          if (subs.size() >= limits.maxSubscriptions()) {
            throw new WireFormatException("RPC: more than " + limits.maxSubscriptions() + " subscriptions");
          }
          subs.add(decodeSubOpts(r.readBytes("subscriptions", limits.maxTopicLength() + 16), limits));
        }
        case 2 -> {
          if (messages.size() >= limits.maxMessages()) {
            throw new WireFormatException("RPC: more than " + limits.maxMessages() + " messages");
          }
          messages.add(decodeMessage(r.readBytes("publish", limits.maxRpcSize()), limits));
        }
        case 3 -> control = merge(control, decodeControl(r.readBytes("control", limits.maxRpcSize()), limits,
            controlEntries));
        default -> r.skip();
      }
    }
    return new Rpc(subs, messages, control);
  }

  private static SubOpts decodeSubOpts(byte[] bytes, RpcLimits limits) {
    ProtoReader r = new ProtoReader(bytes, "RPC.SubOpts");
    boolean subscribe = false;
    String topic = null;
    while (r.hasNext()) {
      switch (r.nextField()) {
        case 1 -> subscribe = r.readVarint("subscribe") != 0;
        case 2 -> topic = r.readString("topic", limits.maxTopicLength());
        default -> r.skip();
      }
    }
    return new SubOpts(subscribe, topic);
  }

  private static Message decodeMessage(byte[] bytes, RpcLimits limits) {
    ProtoReader r = new ProtoReader(bytes, "RPC.Message");
    byte[] from = null;
    byte[] data = null;
    byte[] seqno = null;
    String topic = "";
    byte[] signature = null;
    byte[] key = null;
    while (r.hasNext()) {
      switch (r.nextField()) {
        case 1 -> from = r.readBytes("from", 256);
        case 2 -> data = r.readBytes("data", limits.maxDataLength());
        case 3 -> seqno = r.readBytes("seqno", 256);
        case 4 -> topic = r.readString("topic", limits.maxTopicLength());
        case 5 -> signature = r.readBytes("signature", 1024);
        case 6 -> key = r.readBytes("key", 1024);
        default -> r.skip();
      }
    }
    return new Message(from, data == null ? new byte[0] : data, seqno, topic, signature, key);
  }

  private static Control decodeControl(byte[] bytes, RpcLimits limits, int[] entries) {
    ProtoReader r = new ProtoReader(bytes, "RPC.ControlMessage");
    List<IHave> ihave = new ArrayList<>();
    List<IWant> iwant = new ArrayList<>();
    List<Graft> graft = new ArrayList<>();
    List<Prune> prune = new ArrayList<>();
    List<IDontWant> idontwant = new ArrayList<>();
    int[] ihaveIds = {0};
    int[] iwantIds = {0};
    int[] idontwantIds = {0};
    while (r.hasNext()) {
      int field = r.nextField();
      if (field >= 1 && field <= 5 && ++entries[0] > limits.maxControlEntries()) {
        throw new WireFormatException("RPC.ControlMessage: more than " + limits.maxControlEntries() + " entries");
      }
      switch (field) {
        case 1 -> {
          ProtoReader h = new ProtoReader(r.readBytes("ihave", limits.maxRpcSize()), "RPC.ControlIHave");
          String topic = null;
          List<byte[]> ids = new ArrayList<>();
          while (h.hasNext()) {
            switch (h.nextField()) {
              case 1 -> topic = h.readString("topicID", limits.maxTopicLength());
              case 2 -> ids.add(id(h, "messageIDs", limits, ihaveIds, limits.maxIHaveIds()));
              default -> h.skip();
            }
          }
          ihave.add(new IHave(topic, ids));
        }
        case 2 -> iwant.add(new IWant(ids(r.readBytes("iwant", limits.maxRpcSize()), "RPC.ControlIWant", limits, iwantIds,
            limits.maxIWantIds())));
        case 3 -> {
          ProtoReader g = new ProtoReader(r.readBytes("graft", limits.maxTopicLength() + 16), "RPC.ControlGraft");
          String topic = null;
          while (g.hasNext()) {
            if (g.nextField() == 1) {
              topic = g.readString("topicID", limits.maxTopicLength());
            } else {
              g.skip();
            }
          }
          graft.add(new Graft(topic));
        }
        case 4 -> prune.add(decodePrune(r.readBytes("prune", limits.maxRpcSize()), limits));
        case 5 -> idontwant.add(new IDontWant(ids(r.readBytes("idontwant", limits.maxRpcSize()), "RPC.ControlIDontWant",
            limits, idontwantIds, limits.maxIDontWantIds())));
        default -> r.skip();
      }
    }
    return new Control(ihave, iwant, graft, prune, idontwant);
  }

  private static List<byte[]> ids(byte[] bytes, String message, RpcLimits limits, int[] count, int max) {
    ProtoReader r = new ProtoReader(bytes, message);
    List<byte[]> ids = new ArrayList<>();
    while (r.hasNext()) {
      if (r.nextField() == 1) {
        ids.add(id(r, "messageIDs", limits, count, max));
      } else {
        r.skip();
      }
    }
    return ids;
  }

  private static byte[] id(ProtoReader r, String field, RpcLimits limits, int[] count, int max) {
    if (++count[0] > max) {
      throw new WireFormatException("RPC.ControlMessage: more than " + max + " " + field);
    }
    return r.readBytes(field, limits.maxMessageIdLength());
  }

  private static Prune decodePrune(byte[] bytes, RpcLimits limits) {
    ProtoReader r = new ProtoReader(bytes, "RPC.ControlPrune");
    String topic = null;
    List<PeerInfo> peers = new ArrayList<>();
    Long backoff = null;
    while (r.hasNext()) {
      switch (r.nextField()) {
        case 1 -> topic = r.readString("topicID", limits.maxTopicLength());
        case 2 -> {
          if (peers.size() >= limits.maxPeerInfos()) {
            throw new WireFormatException("RPC.ControlPrune: more than " + limits.maxPeerInfos() + " peers");
          }
          ProtoReader p = new ProtoReader(r.readBytes("peers", 64 * 1024), "RPC.PeerInfo");
          byte[] id = null;
          byte[] record = null;
          while (p.hasNext()) {
            switch (p.nextField()) {
              case 1 -> id = p.readBytes("peerID", 128);
              case 2 -> record = p.readBytes("signedPeerRecord", 16 * 1024);
              default -> p.skip();
            }
          }
          peers.add(new PeerInfo(id, record));
        }
        case 3 -> {
          long b = r.readVarint("backoff");
          if (b < 0) {
            throw new WireFormatException("RPC.ControlPrune: backoff " + Long.toUnsignedString(b) + " out of range");
          }
          backoff = b;
        }
        default -> r.skip();
      }
    }
    return new Prune(topic, peers, backoff);
  }

  /** Protobuf merges repeated occurrences of an embedded message field; so do we. */
  private static Control merge(Control a, Control b) {
    if (a == null) {
      return b;
    }
    return new Control(concat(a.ihave(), b.ihave()), concat(a.iwant(), b.iwant()), concat(a.graft(), b.graft()),
        concat(a.prune(), b.prune()), concat(a.idontwant(), b.idontwant()));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  // ---------------------------------------------------------------------------------- encoding

  /** The body of {@code rpc}. */
  public static byte[] encode(Rpc rpc) {
    ByteBuf b = io.netty.buffer.Unpooled.buffer(size(rpc));
    write(b, rpc);
    byte[] out = new byte[b.readableBytes()];
    b.readBytes(out);
    b.release();
    return out;
  }

  /** One frame: the uvarint length, then the body. */
  public static ByteBuf encodeFrame(ByteBufAllocator alloc, Rpc rpc) {
    int size = size(rpc);
    ByteBuf b = alloc.buffer(UVarint.encodedLength(size) + size);
    UVarint.write(b, size);
    write(b, rpc);
    return b;
  }

  /** The encoded size of the body of {@code rpc}. */
  public static int size(Rpc rpc) {
    int n = 0;
    for (SubOpts s : rpc.subscriptions()) {
      n += field(size(s));
    }
    for (Message m : rpc.messages()) {
      n += field(size(m));
    }
    if (rpc.control() != null) {
      n += field(size(rpc.control()));
    }
    return n;
  }

  private static void write(ByteBuf b, Rpc rpc) {
    for (SubOpts s : rpc.subscriptions()) {
      key(b, 1, size(s));
      b.writeByte(1 << 3);
      b.writeByte(s.subscribe() ? 1 : 0);
      string(b, 2, s.topic());
    }
    for (Message m : rpc.messages()) {
      key(b, 2, size(m));
      bytes(b, 1, m.from());
      bytes(b, 2, m.data());
      bytes(b, 3, m.seqno());
      string(b, 4, m.topic());
      bytes(b, 5, m.signature());
      bytes(b, 6, m.key());
    }
    Control c = rpc.control();
    if (c != null) {
      key(b, 3, size(c));
      for (IHave h : c.ihave()) {
        key(b, 1, size(h));
        string(b, 1, h.topic());
        for (byte[] id : h.messageIds()) {
          bytes(b, 2, id);
        }
      }
      for (IWant w : c.iwant()) {
        key(b, 2, idsSize(w.messageIds()));
        for (byte[] id : w.messageIds()) {
          bytes(b, 1, id);
        }
      }
      for (Graft g : c.graft()) {
        key(b, 3, stringSize(g.topic()));
        string(b, 1, g.topic());
      }
      for (Prune p : c.prune()) {
        key(b, 4, size(p));
        string(b, 1, p.topic());
        for (PeerInfo info : p.peers()) {
          key(b, 2, size(info));
          bytes(b, 1, info.peerId());
          bytes(b, 2, info.signedPeerRecord());
        }
        if (p.backoffSeconds() != null) {
          b.writeByte(3 << 3);
          UVarint.write(b, p.backoffSeconds());
        }
      }
      for (IDontWant d : c.idontwant()) {
        key(b, 5, idsSize(d.messageIds()));
        for (byte[] id : d.messageIds()) {
          bytes(b, 1, id);
        }
      }
    }
  }

  private static int size(SubOpts s) {
    return 2 + stringSize(s.topic());
  }

  private static int size(Message m) {
    return bytesSize(m.from()) + bytesSize(m.data()) + bytesSize(m.seqno()) + stringSize(m.topic())
        + bytesSize(m.signature()) + bytesSize(m.key());
  }

  private static int size(Control c) {
    int n = 0;
    for (IHave h : c.ihave()) {
      n += field(size(h));
    }
    for (IWant w : c.iwant()) {
      n += field(idsSize(w.messageIds()));
    }
    for (Graft g : c.graft()) {
      n += field(stringSize(g.topic()));
    }
    for (Prune p : c.prune()) {
      n += field(size(p));
    }
    for (IDontWant d : c.idontwant()) {
      n += field(idsSize(d.messageIds()));
    }
    return n;
  }

  private static int size(IHave h) {
    int n = stringSize(h.topic());
    for (byte[] id : h.messageIds()) {
      n += field(id.length);
    }
    return n;
  }

  private static int size(Prune p) {
    int n = stringSize(p.topic());
    for (PeerInfo info : p.peers()) {
      n += field(size(info));
    }
    if (p.backoffSeconds() != null) {
      n += 1 + UVarint.encodedLength(p.backoffSeconds());
    }
    return n;
  }

  private static int size(PeerInfo info) {
    return bytesSize(info.peerId()) + bytesSize(info.signedPeerRecord());
  }

  private static int idsSize(List<byte[]> ids) {
    int n = 0;
    for (byte[] id : ids) {
      n += field(id.length);
    }
    return n;
  }

  /** A length-delimited field with a one-byte key (field numbers below 16) and {@code length} bytes. */
  private static int field(int length) {
    return 1 + UVarint.encodedLength(length) + length;
  }

  private static int bytesSize(byte[] value) {
    return value == null ? 0 : field(value.length);
  }

  private static int stringSize(String value) {
    return value == null ? 0 : field(utf8Length(value));
  }

  private static void key(ByteBuf b, int field, int length) {
    b.writeByte(field << 3 | ProtoReader.LENGTH_DELIMITED);
    UVarint.write(b, length);
  }

  private static void bytes(ByteBuf b, int field, byte[] value) {
    if (value != null) {
      key(b, field, value.length);
      b.writeBytes(value);
    }
  }

  private static void string(ByteBuf b, int field, String value) {
    if (value != null) {
      key(b, field, utf8Length(value));
      b.writeCharSequence(value, StandardCharsets.UTF_8);
    }
  }

  private static int utf8Length(String s) {
    return io.netty.buffer.ByteBufUtil.utf8Bytes(s);
  }
}
