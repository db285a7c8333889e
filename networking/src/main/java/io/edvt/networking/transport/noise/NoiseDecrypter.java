package io.edvt.networking.transport.noise;

import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Inbound side of the noise transport: cuts the byte stream into length-prefixed noise messages
 * (at most 65535 bytes, so buffering is bounded) and passes on their plaintext.
 */
public final class NoiseDecrypter extends ByteToMessageDecoder {
  private final CipherState cipher;

  public NoiseDecrypter(CipherState cipher) {
    this.cipher = cipher;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int len;
    while ((len = NoiseFrames.completeFrameLength(in)) >= 0) {
      if (len < CipherState.TAG_LENGTH) {
        throw new WireFormatException("noise transport message of " + len + " bytes is shorter than its 16-byte tag");
      }
      int plainLen = len - CipherState.TAG_LENGTH;
      // Copy the message into a heap buffer and decrypt it there: the JDK cipher is fastest on arrays.
      ByteBuf plain = ctx.alloc().heapBuffer(len);
      try {
        in.getBytes(in.readerIndex() + 2, plain.array(), plain.arrayOffset(), len);
        cipher.decryptInPlace(plain.array(), plain.arrayOffset(), len);
      } catch (RuntimeException e) {
        plain.release();
        throw e;
      }
      plain.writerIndex(plainLen);
      in.skipBytes(2 + len);
      if (plainLen == 0) {
        plain.release();
      } else {
        out.add(plain);
      }
    }
  }
}
