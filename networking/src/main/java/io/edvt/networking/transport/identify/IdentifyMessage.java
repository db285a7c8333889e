package io.edvt.networking.transport.identify;

import io.edvt.networking.transport.encoding.ProtoReader;
import io.edvt.networking.transport.encoding.ProtoWriter;
import io.edvt.networking.transport.encoding.WireFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The identify protocol's {@code Identify} protobuf: protocolVersion = 5, agentVersion = 6,
 * publicKey = 1, listenAddrs = 2 (binary multiaddrs), observedAddr = 4, protocols = 3. Unknown
 * fields (signedPeerRecord = 8) are skipped. Null or empty means absent.
 */
public record IdentifyMessage(String protocolVersion, String agentVersion, byte[] publicKey, List<byte[]> listenAddrs,
    byte[] observedAddr, List<String> protocols) {
  /** Largest message we accept; ours is a few hundred bytes, js-libp2p caps at 8 KiB. */
  public static final int MAX_BYTES = 64 * 1024;
  static final int MAX_LIST = 256;
  static final int MAX_STRING = 1024;

  public IdentifyMessage {
    listenAddrs = listenAddrs.stream().map(byte[]::clone).toList();
    protocols = List.copyOf(protocols);
    publicKey = publicKey == null ? null : publicKey.clone();
    observedAddr = observedAddr == null ? null : observedAddr.clone();
  }

  public byte[] encode() {
    ProtoWriter w = new ProtoWriter();
    if (publicKey != null) {
      w.bytes(1, publicKey);
    }
    listenAddrs.forEach(a -> w.bytes(2, a));
    protocols.forEach(p -> w.string(3, p));
    if (observedAddr != null) {
      w.bytes(4, observedAddr);
    }
    if (protocolVersion != null) {
      w.string(5, protocolVersion);
    }
    if (agentVersion != null) {
      w.string(6, agentVersion);
    }
    return w.toByteArray();
  }

  /** @throws WireFormatException naming the field that is malformed or over its limit */
  public static IdentifyMessage decode(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw new WireFormatException("Identify: " + bytes.length + " bytes exceeds " + MAX_BYTES);
    }
    ProtoReader r = new ProtoReader(bytes, "Identify");
    String protocolVersion = null;
    String agentVersion = null;
    byte[] publicKey = null;
    byte[] observed = null;
    List<byte[]> addrs = new ArrayList<>();
    List<String> protocols = new ArrayList<>();
    while (r.hasNext()) {
      switch (r.nextField()) {
        case 1 -> publicKey = r.readBytes("publicKey", MAX_STRING);
        case 2 -> {
          limit(addrs.size(), "listenAddrs");
          addrs.add(r.readBytes("listenAddrs", MAX_STRING));
        }
        case 3 -> {
          limit(protocols.size(), "protocols");
          protocols.add(r.readString("protocols", MAX_STRING));
        }
        case 4 -> observed = r.readBytes("observedAddr", MAX_STRING);
        case 5 -> protocolVersion = r.readString("protocolVersion", MAX_STRING);
        case 6 -> agentVersion = r.readString("agentVersion", MAX_STRING);
        default -> r.skip();
      }
    }
    return new IdentifyMessage(protocolVersion, agentVersion, publicKey, addrs, observed, protocols);
  }

  private static void limit(int size, String field) {
    if (size >= MAX_LIST) {
      throw new WireFormatException("Identify: more than " + MAX_LIST + " " + field);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof IdentifyMessage m)) {
      return false;
    }
    if (m.listenAddrs.size() != listenAddrs.size()) {
      return false;
    }
    for (int i = 0; i < listenAddrs.size(); i++) {
      if (!Arrays.equals(listenAddrs.get(i), m.listenAddrs.get(i))) {
        return false;
      }
    }
    return java.util.Objects.equals(protocolVersion, m.protocolVersion) && java.util.Objects.equals(agentVersion, m.agentVersion)
        && Arrays.equals(publicKey, m.publicKey) && Arrays.equals(observedAddr, m.observedAddr) && protocols.equals(m.protocols);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(protocolVersion, agentVersion, protocols) * 31 + Arrays.hashCode(publicKey);
  }
}
