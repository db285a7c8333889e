package io.edvt.networking.transport.noise;

import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.PublicKey;
import io.edvt.networking.transport.encoding.WireFormatException;
import java.util.List;

/** The peer behind a completed handshake: its verified identity key and the muxers it offered. */
public record NoiseRemoteIdentity(PeerId peerId, PublicKey publicKey, List<String> streamMuxers) {
  public NoiseRemoteIdentity {
    streamMuxers = List.copyOf(streamMuxers);
  }

  /**
   * Checks a received payload: the identity key decodes, its signature covers the remote's noise
   * static key, and (when we dialled a known peer) the key is that peer's.
   *
   * @throws NoiseException naming what does not hold
   */
  static NoiseRemoteIdentity verify(byte[] payloadBytes, byte[] remoteStatic, PeerId expected) {
    NoiseHandshakePayload payload;
    PublicKey key;
    try {
      payload = NoiseHandshakePayload.decode(payloadBytes);
      key = PublicKey.fromProtobuf(payload.identityKey());
    } catch (WireFormatException e) {
      throw new NoiseException("bad handshake payload: " + e.getMessage(), e);
    }
    if (!key.verify(NoiseIdentity.signedData(remoteStatic), payload.identitySig())) {
      throw new NoiseException("the identity signature does not cover the remote's noise static key (" + key + ")");
    }
    PeerId peer = key.peerId();
    if (expected != null && !expected.equals(peer)) {
      throw new NoiseException("dialled " + expected + " but the remote is " + peer);
    }
    return new NoiseRemoteIdentity(peer, key, payload.streamMuxers());
  }
}
