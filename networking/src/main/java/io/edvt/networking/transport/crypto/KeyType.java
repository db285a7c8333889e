package io.edvt.networking.transport.crypto;

/** The {@code KeyType} enum of the libp2p peer-id spec's {@code PublicKey} protobuf. */
public enum KeyType {
  RSA(0),
  ED25519(1),
  SECP256K1(2),
  ECDSA(3);

  private final int code;

  KeyType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The key type of a protobuf code, or null for a code the spec does not define. */
  public static KeyType ofCode(long code) {
    for (KeyType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
