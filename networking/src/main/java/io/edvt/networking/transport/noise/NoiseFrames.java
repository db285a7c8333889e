package io.edvt.networking.transport.noise;

import io.netty.buffer.ByteBuf;

/** libp2p noise framing: each noise message is preceded by its length as 2 bytes big-endian. */
public final class NoiseFrames {
  /** Largest noise message (the length field's range and the noise spec's limit). */
  public static final int MAX_MESSAGE = 65535;
  /** Largest plaintext per transport message: the message less the 16-byte tag. */
  public static final int MAX_PLAINTEXT = MAX_MESSAGE - CipherState.TAG_LENGTH;

  private NoiseFrames() {}

  /** The length of the whole frame at the reader index, or -1 if the buffer does not hold it all yet. */
  public static int completeFrameLength(ByteBuf in) {
    if (in.readableBytes() < 2) {
      return -1;
    }
    int len = in.getUnsignedShort(in.readerIndex());
    return in.readableBytes() >= 2 + len ? len : -1;
  }
}
