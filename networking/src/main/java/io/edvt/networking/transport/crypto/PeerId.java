package io.edvt.networking.transport.crypto;

import io.edvt.networking.transport.encoding.Base58;
import io.edvt.networking.transport.encoding.UVarint;
import io.edvt.networking.transport.encoding.WireFormatException;
import java.util.Arrays;

/**
 * A libp2p peer id: the multihash of the identity key's {@code PublicKey} protobuf, the identity
 * multihash when that protobuf is at most 42 bytes (secp256k1: {@code 16Uiu2HAm...}; Ed25519:
 * {@code 12D3KooW...}), SHA-256 otherwise. Immutable; equal when the multihash bytes are equal.
 */
public final class PeerId {
  /** The peer-id spec's bound for inlining the key in an identity multihash. */
  public static final int MAX_INLINE_KEY_LENGTH = 42;
  private static final int IDENTITY = 0x00;
  private static final int SHA2_256 = 0x12;
  private static final int MAX_MULTIHASH_BYTES = 128;

  private final byte[] multihash;

  private PeerId(byte[] multihash) {
    this.multihash = multihash;
  }

  public static PeerId fromPublicKey(PublicKey key) {
    byte[] proto = key.toProtobuf();
    if (proto.length <= MAX_INLINE_KEY_LENGTH) {
      byte[] mh = new byte[2 + proto.length];
      mh[0] = IDENTITY;
      mh[1] = (byte) proto.length;
      System.arraycopy(proto, 0, mh, 2, proto.length);
      return new PeerId(mh);
    }
    byte[] digest = Secp256k1PublicKey.sha256(proto);
    byte[] mh = new byte[2 + digest.length];
    mh[0] = SHA2_256;
    mh[1] = (byte) digest.length;
    System.arraycopy(digest, 0, mh, 2, digest.length);
    return new PeerId(mh);
  }

  /**
   * A peer id from its multihash bytes (as in a {@code /p2p/} multiaddr component).
   *
   * @throws WireFormatException if the bytes are not an identity or SHA-256 multihash
   */
  public static PeerId fromBytes(byte[] multihash) {
    if (multihash.length > MAX_MULTIHASH_BYTES) {
      throw new WireFormatException("peer id multihash of " + multihash.length + " bytes is too long");
    }
    int[] pos = {0};
    long code = UVarint.read(multihash, pos);
    long len = UVarint.read(multihash, pos);
    if (code != IDENTITY && code != SHA2_256) {
      throw new WireFormatException("peer id multihash code 0x" + Long.toHexString(code) + " is neither identity nor sha2-256");
    }
    if (code == SHA2_256 && len != 32) {
      throw new WireFormatException("sha2-256 peer id must carry 32 digest bytes, says " + len);
    }
    if (len != multihash.length - pos[0]) {
      throw new WireFormatException("peer id multihash says " + len + " digest bytes but has " + (multihash.length - pos[0]));
    }
    return new PeerId(multihash.clone());
  }

  /** @throws IllegalArgumentException if the text is not base58btc of a valid peer id multihash */
  public static PeerId fromBase58(String text) {
    try {
      return fromBytes(Base58.decode(text));
    } catch (WireFormatException e) {
      throw new IllegalArgumentException("not a peer id: " + text + " (" + e.getMessage() + ")", e);
    }
  }

  public byte[] toBytes() {
    return multihash.clone();
  }

  public String toBase58() {
    return Base58.encode(multihash);
  }

  /** Whether this id is the one of {@code key} (what noise and identify check). */
  public boolean matches(PublicKey key) {
    return equals(fromPublicKey(key));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerId p && Arrays.equals(multihash, p.multihash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(multihash);
  }

  @Override
  public String toString() {
    return toBase58();
  }
}
