package io.edvt.networking.transport.noise;

import io.edvt.networking.transport.encoding.ProtoReader;
import io.edvt.networking.transport.encoding.ProtoWriter;
import io.edvt.networking.transport.encoding.WireFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * libp2p's {@code NoiseHandshakePayload} protobuf: {@code identity_key = 1} (a PublicKey
 * protobuf), {@code identity_sig = 2}, {@code extensions = 4} ({@code NoiseExtensions}:
 * {@code webtransport_certhashes = 1}, {@code stream_muxers = 2}).
 */
public record NoiseHandshakePayload(byte[] identityKey, byte[] identitySig, List<String> streamMuxers) {
  /** Bound on a whole payload; a noise message cannot carry more than 65535 bytes anyway. */
  public static final int MAX_BYTES = 65535;
  private static final int MAX_MUXERS = 16;
  private static final int MAX_NAME = 256;

  public NoiseHandshakePayload {
    identityKey = identityKey.clone();
    identitySig = identitySig.clone();
    streamMuxers = List.copyOf(streamMuxers);
  }

  @Override
  public byte[] identityKey() {
    return identityKey.clone();
  }

  @Override
  public byte[] identitySig() {
    return identitySig.clone();
  }

  public byte[] encode() {
    ProtoWriter w = new ProtoWriter().bytes(1, identityKey).bytes(2, identitySig);
    if (!streamMuxers.isEmpty()) {
      ProtoWriter ext = new ProtoWriter();
      streamMuxers.forEach(m -> ext.string(2, m));
      w.bytes(4, ext.toByteArray());
    }
    return w.toByteArray();
  }

  /** @throws WireFormatException if malformed or missing the identity key or signature */
  public static NoiseHandshakePayload decode(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw new WireFormatException("NoiseHandshakePayload: " + bytes.length + " bytes exceeds " + MAX_BYTES);
    }
    ProtoReader r = new ProtoReader(bytes, "NoiseHandshakePayload");
    byte[] key = null;
    byte[] sig = null;
    List<String> muxers = new ArrayList<>();
    while (r.hasNext()) {
      switch (r.nextField()) {
        case 1 -> key = r.readBytes("identity_key", MAX_BYTES);
        case 2 -> sig = r.readBytes("identity_sig", MAX_BYTES);
        case 4 -> decodeExtensions(r.readBytes("extensions", MAX_BYTES), muxers);
        default -> r.skip();
      }
    }
    if (key == null || sig == null) {
      throw new WireFormatException("NoiseHandshakePayload: missing " + (key == null ? "identity_key" : "identity_sig"));
    }
    return new NoiseHandshakePayload(key, sig, muxers);
  }

  private static void decodeExtensions(byte[] bytes, List<String> muxers) {
    ProtoReader r = new ProtoReader(bytes, "NoiseExtensions");
    while (r.hasNext()) {
      if (r.nextField() == 2) {
        if (muxers.size() == MAX_MUXERS) {
          throw new WireFormatException("NoiseExtensions: more than " + MAX_MUXERS + " stream_muxers");
        }
        muxers.add(r.readString("stream_muxers", MAX_NAME));
      } else {
        r.skip();
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoiseHandshakePayload p && Arrays.equals(identityKey, p.identityKey)
        && Arrays.equals(identitySig, p.identitySig) && streamMuxers.equals(p.streamMuxers);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(identityKey) * 31 + Arrays.hashCode(identitySig);
  }
}
