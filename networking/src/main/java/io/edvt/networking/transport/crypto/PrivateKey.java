package io.edvt.networking.transport.crypto;

/** A libp2p identity private key: signs the noise static key and (later) peer records. */
public sealed interface PrivateKey permits Secp256k1PrivateKey, Ed25519PrivateKey {
  PublicKey publicKey();

  /** The peer-id spec's signature of {@code data} with this key. */
  byte[] sign(byte[] data);

  default PeerId peerId() {
    return publicKey().peerId();
  }
}
