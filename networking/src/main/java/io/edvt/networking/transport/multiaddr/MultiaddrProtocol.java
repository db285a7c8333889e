package io.edvt.networking.transport.multiaddr;

/**
 * The multiaddr protocols an Ethereum node meets (multiformats' protocol table): code, name and
 * value size in bits ({@link #VARIABLE} for length-prefixed values, 0 for none).
 */
public enum MultiaddrProtocol {
  IP4(4, "ip4", 32),
  TCP(6, "tcp", 16),
  DNS(53, "dns", MultiaddrProtocol.VARIABLE),
  DNS4(54, "dns4", MultiaddrProtocol.VARIABLE),
  DNS6(55, "dns6", MultiaddrProtocol.VARIABLE),
  IP6(41, "ip6", 128),
  UDP(273, "udp", 16),
  P2P(421, "p2p", MultiaddrProtocol.VARIABLE),
  QUIC_V1(0x01cd, "quic-v1", 0); // 461 in the multiformats table (460 is the old draft "quic")

  public static final int VARIABLE = -1;

  private final int code;
  private final String text;
  private final int bits;

  MultiaddrProtocol(int code, String text, int bits) {
    this.code = code;
    this.text = text;
    this.bits = bits;
  }

  public int code() {
    return code;
  }

  public String text() {
    return text;
  }

  public int bits() {
    return bits;
  }

  static MultiaddrProtocol ofCode(long code) {
    for (MultiaddrProtocol p : values()) {
      if (p.code == code) {
        return p;
      }
    }
    return null;
  }

  static MultiaddrProtocol ofText(String text) {
    for (MultiaddrProtocol p : values()) {
      if (p.text.equals(text)) {
        return p;
      }
    }
    // go-libp2p and js-libp2p still print the legacy name of /p2p.
    return "ipfs".equals(text) ? P2P : null;
  }
}
