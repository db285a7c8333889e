package io.edvt.networking.transport.crypto;

import io.edvt.networking.transport.encoding.ProtoReader;
import io.edvt.networking.transport.encoding.ProtoWriter;
import io.edvt.networking.transport.encoding.WireFormatException;

/**
 * A libp2p identity public key. We verify secp256k1 (what Ethereum nodes use) and Ed25519 (what
 * js-libp2p and go-libp2p default to); RSA and ECDSA keys are refused with a clear error.
 */
public sealed interface PublicKey permits Secp256k1PublicKey, Ed25519PublicKey {
  /** Largest {@code PublicKey} protobuf we decode; secp256k1 is 37 bytes and Ed25519 36. */
  int MAX_PROTOBUF_BYTES = 1024;

  KeyType type();

  /** The key's own encoding: 33-byte compressed point (secp256k1) or 32 bytes (Ed25519). */
  byte[] raw();

  /** Whether {@code signature} is this key's signature of {@code data} under the peer-id spec's rules. */
  boolean verify(byte[] data, byte[] signature);

  /** The peer-id spec's {@code PublicKey} protobuf: {@code Type = 1} (enum), {@code Data = 2}. */
  default byte[] toProtobuf() {
    return new ProtoWriter().varint(1, type().code()).bytes(2, raw()).toByteArray();
  }

  default PeerId peerId() {
    return PeerId.fromPublicKey(this);
  }

  /**
   * Decodes a {@code PublicKey} protobuf.
   *
   * @throws WireFormatException if it is malformed, misses a field, or has a type we do not verify
   */
  static PublicKey fromProtobuf(byte[] protobuf) {
    if (protobuf.length > MAX_PROTOBUF_BYTES) {
      throw new WireFormatException("PublicKey: " + protobuf.length + " bytes, more than " + MAX_PROTOBUF_BYTES);
    }
    ProtoReader r = new ProtoReader(protobuf, "PublicKey");
    Long type = null;
    byte[] data = null;
    while (r.hasNext()) {
      switch (r.nextField()) {
        case 1 -> type = r.readVarint("Type");
        case 2 -> data = r.readBytes("Data", MAX_PROTOBUF_BYTES);
        default -> r.skip();
      }
    }
    if (type == null || data == null) {
      throw new WireFormatException("PublicKey: missing " + (type == null ? "Type (field 1)" : "Data (field 2)"));
    }
    KeyType keyType = KeyType.ofCode(type);
    if (keyType == null) {
      throw new WireFormatException("PublicKey: unknown key type " + type);
    }
    return switch (keyType) {
      case SECP256K1 -> Secp256k1PublicKey.fromRaw(data);
      case ED25519 -> Ed25519PublicKey.fromRaw(data);
      case RSA, ECDSA -> throw new WireFormatException("PublicKey: " + keyType + " identity keys are not supported");
    };
  }
}
