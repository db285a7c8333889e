package io.edvt.networking.transport.multiaddr;

import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.encoding.UVarint;
import io.edvt.networking.transport.encoding.WireFormatException;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A multiaddr ({@code /ip4/127.0.0.1/tcp/9000/p2p/16Uiu2HAm...}) in text and binary form. Only
 * the protocols of {@link MultiaddrProtocol} are understood; others are errors naming the code.
 */
public final class Multiaddr {
  /** Bound on a binary multiaddr from a peer (identify's listenAddrs, observedAddr). */
  public static final int MAX_BYTES = 1024;

  /** One {@code /protocol/value} part; {@code value} is the binary value (empty when none). */
  public record Component(MultiaddrProtocol protocol, byte[] value) {
    public Component {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Component c && c.protocol == protocol && Arrays.equals(c.value, value);
    }

    @Override
    public int hashCode() {
      return protocol.hashCode() * 31 + Arrays.hashCode(value);
    }

    String valueText() {
      return switch (protocol) {
        case IP4, IP6 -> {
          try {
            yield InetAddress.getByAddress(value).getHostAddress();
          } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
          }
        }
        case TCP, UDP -> Integer.toString(((value[0] & 0xFF) << 8) | (value[1] & 0xFF));
        case DNS, DNS4, DNS6 -> new String(value, StandardCharsets.UTF_8);
        case P2P -> PeerId.fromBytes(value).toBase58();
        case QUIC_V1 -> "";
      };
    }
  }

  private final List<Component> components;

  private Multiaddr(List<Component> components) {
    this.components = List.copyOf(components);
  }

  public static Multiaddr of(List<Component> components) {
    return new Multiaddr(components);
  }

  /** @throws IllegalArgumentException naming the bad part */
  public static Multiaddr parse(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("multiaddr must start with '/': " + text);
    }
    String[] parts = text.substring(1).split("/", -1);
    List<Component> out = new ArrayList<>();
    int i = 0;
    while (i < parts.length) {
      if (parts[i].isEmpty() && i == parts.length - 1) {
        break; // trailing slash
      }
      MultiaddrProtocol p = MultiaddrProtocol.ofText(parts[i]);
      if (p == null) {
        throw new IllegalArgumentException("unsupported multiaddr protocol '" + parts[i] + "' in " + text);
      }
      i++;
      if (p.bits() == 0) {
        out.add(new Component(p, new byte[0]));
        continue;
      }
      if (i >= parts.length) {
        throw new IllegalArgumentException("multiaddr protocol /" + p.text() + " needs a value in " + text);
      }
      out.add(new Component(p, valueFromText(p, parts[i], text)));
      i++;
    }
    return new Multiaddr(out);
  }

  private static byte[] valueFromText(MultiaddrProtocol p, String v, String whole) {
    try {
      return switch (p) {
        case IP4, IP6 -> {
          if (p == MultiaddrProtocol.IP4 ? !v.matches("\\d{1,3}(\\.\\d{1,3}){3}") : !v.contains(":")) {
            throw new IllegalArgumentException("not an " + p.text() + " address");
          }
          byte[] a = InetAddress.getByName(v).getAddress();
          if (a.length != p.bits() / 8) {
            throw new IllegalArgumentException("not an " + p.text() + " address");
          }
          yield a;
        }
        case TCP, UDP -> {
          int port = Integer.parseInt(v);
          if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range");
          }
          yield new byte[] {(byte) (port >> 8), (byte) port};
        }
        case DNS, DNS4, DNS6 -> v.getBytes(StandardCharsets.UTF_8);
        case P2P -> PeerId.fromBase58(v).toBytes();
        case QUIC_V1 -> new byte[0];
      };
    } catch (IllegalArgumentException | UnknownHostException e) {
      throw new IllegalArgumentException("bad /" + p.text() + " value '" + v + "' in " + whole + ": " + e.getMessage(), e);
    }
  }

  /** @throws WireFormatException naming the offset and the protocol */
  public static Multiaddr fromBytes(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw new WireFormatException("multiaddr of " + bytes.length + " bytes exceeds " + MAX_BYTES);
    }
    List<Component> out = new ArrayList<>();
    int[] pos = {0};
    while (pos[0] < bytes.length) {
      int at = pos[0];
      long code = UVarint.read(bytes, pos);
      MultiaddrProtocol p = MultiaddrProtocol.ofCode(code);
      if (p == null) {
        throw new WireFormatException("multiaddr: unsupported protocol code " + code + " at byte " + at);
      }
      int len = p.bits() == MultiaddrProtocol.VARIABLE ? (int) Math.min(UVarint.read(bytes, pos), Integer.MAX_VALUE) : p.bits() / 8;
      if (len > bytes.length - pos[0]) {
        throw new WireFormatException("multiaddr: /" + p.text() + " value of " + len + " bytes overruns the address at byte " + at);
      }
      byte[] value = Arrays.copyOfRange(bytes, pos[0], pos[0] + len);
      pos[0] += len;
      if (p == MultiaddrProtocol.P2P) {
        PeerId.fromBytes(value);
      }
      out.add(new Component(p, value));
    }
    return new Multiaddr(out);
  }

  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Component c : components) {
      out.writeBytes(UVarint.encode(c.protocol().code()));
      if (c.protocol().bits() == MultiaddrProtocol.VARIABLE) {
        out.writeBytes(UVarint.encode(c.value.length));
      }
      out.writeBytes(c.value);
    }
    return out.toByteArray();
  }

  public List<Component> components() {
    return components;
  }

  public static Multiaddr fromSocketAddress(InetSocketAddress address) {
    byte[] ip = address.getAddress().getAddress();
    int port = address.getPort();
    return new Multiaddr(List.of(
        new Component(ip.length == 4 ? MultiaddrProtocol.IP4 : MultiaddrProtocol.IP6, ip),
        new Component(MultiaddrProtocol.TCP, new byte[] {(byte) (port >> 8), (byte) port})));
  }

  /**
   * The TCP socket address of {@code /ip4|ip6|dns*}{@code /x/tcp/port[/p2p/id]} (DNS names are
   * left unresolved for Netty to resolve).
   *
   * @throws IllegalArgumentException if this is not a TCP address
   */
  public InetSocketAddress toTcpSocketAddress() {
    if (components.size() < 2 || components.get(1).protocol() != MultiaddrProtocol.TCP) {
      throw new IllegalArgumentException("not a TCP multiaddr: " + this);
    }
    Component host = components.get(0);
    int port = Integer.parseInt(components.get(1).valueText());
    return switch (host.protocol()) {
      case IP4, IP6 -> {
        try {
          yield new InetSocketAddress(InetAddress.getByAddress(host.value), port);
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
      case DNS, DNS4, DNS6 -> InetSocketAddress.createUnresolved(host.valueText(), port);
      default -> throw new IllegalArgumentException("not a TCP multiaddr: " + this);
    };
  }

  /** {@code /ip4|ip6/<address>/udp/<port>/quic-v1} for a QUIC socket address. */
  public static Multiaddr fromQuicSocketAddress(InetSocketAddress address) {
    byte[] ip = address.getAddress().getAddress();
    int port = address.getPort();
    return new Multiaddr(List.of(
        new Component(ip.length == 4 ? MultiaddrProtocol.IP4 : MultiaddrProtocol.IP6, ip),
        new Component(MultiaddrProtocol.UDP, new byte[] {(byte) (port >> 8), (byte) port}),
        new Component(MultiaddrProtocol.QUIC_V1, new byte[0])));
  }

  /** Whether this is {@code /<host>/udp/<port>/quic-v1[/p2p/id]}. */
  public boolean isQuic() {
    return components.size() >= 3 && components.get(1).protocol() == MultiaddrProtocol.UDP
        && components.get(2).protocol() == MultiaddrProtocol.QUIC_V1;
  }

  /**
   * The UDP socket address of {@code /ip4|ip6|dns*}{@code /x/udp/port/quic-v1[/p2p/id]}.
   *
   * @throws IllegalArgumentException if this is not a QUIC address
   */
  public InetSocketAddress toQuicSocketAddress() {
    if (!isQuic()) {
      throw new IllegalArgumentException("not a QUIC multiaddr: " + this);
    }
    return socketAddress(components.get(0), Integer.parseInt(components.get(1).valueText()));
  }

  private InetSocketAddress socketAddress(Component host, int port) {
    return switch (host.protocol()) {
      case IP4, IP6 -> {
        try {
          yield new InetSocketAddress(InetAddress.getByAddress(host.value), port);
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
      case DNS, DNS4, DNS6 -> new InetSocketAddress(host.valueText(), port);
      default -> throw new IllegalArgumentException("not an IP or DNS address: " + this);
    };
  }

  /** The peer id of a trailing {@code /p2p/...} component. */
  public Optional<PeerId> peerId() {
    if (!components.isEmpty() && components.getLast().protocol() == MultiaddrProtocol.P2P) {
      return Optional.of(PeerId.fromBytes(components.getLast().value));
    }
    return Optional.empty();
  }

  public Multiaddr withPeerId(PeerId peer) {
    List<Component> out = new ArrayList<>(withoutPeerId().components);
    out.add(new Component(MultiaddrProtocol.P2P, peer.toBytes()));
    return new Multiaddr(out);
  }

  public Multiaddr withoutPeerId() {
    if (peerId().isEmpty()) {
      return this;
    }
    return new Multiaddr(components.subList(0, components.size() - 1));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Multiaddr m && m.components.equals(components);
  }

  @Override
  public int hashCode() {
    return components.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Component c : components) {
      sb.append('/').append(c.protocol().text());
      if (c.protocol().bits() != 0) {
        sb.append('/').append(c.valueText());
      }
    }
    return sb.toString();
  }
}
