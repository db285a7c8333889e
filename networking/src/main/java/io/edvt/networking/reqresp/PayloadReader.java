package io.edvt.networking.reqresp;

import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;

/**
 * Reads one {@code ssz_snappy} payload: the length prefix, checked against the payload's
 * {@link SizeBounds} before anything else is read, then the framed snappy stream until that many
 * uncompressed bytes, reading at most {@code max_compressed_len(n)} framed bytes.
 *
 * <p>A zero-length payload may be sent with or without its (empty) framed stream: after a prefix
 * of 0, a stream identifier is read if the next byte starts one, and the payload ends otherwise.
 */
final class PayloadReader {
  private enum State {
    LENGTH,
    FRAMES,
    EMPTY_TAIL
  }

  private static final byte[] EMPTY = new byte[0];

  private final LengthPrefix prefix = new LengthPrefix();
  private SizeBounds bounds;
  private String what;
  private State state = State.LENGTH;
  private SnappyFrameDecoder frames;
  private long announced;

  /** Starts a payload named {@code what} in errors (e.g. {@code response chunk 3}). */
  void start(SizeBounds bounds, String what) {
    this.bounds = bounds;
    this.what = what;
    this.state = State.LENGTH;
    this.frames = null;
    prefix.reset();
  }

  /** Whether nothing of this payload has been read yet. */
  boolean untouched() {
    return state == State.LENGTH && !prefix.started();
  }

  /**
   * Consumes bytes of the payload.
   *
   * @return the payload once complete, else null (more bytes needed)
   */
  byte[] read(ByteBuf in) {
    while (true) {
      switch (state) {
        case LENGTH -> {
          if (!prefix.read(in)) {
            return null;
          }
          long n = prefix.value();
          bounds.check(n, what);
          announced = n;
          if (n == 0) {
            state = State.EMPTY_TAIL;
          } else {
            frames = new SnappyFrameDecoder((int) n, SnappyFrames.maxCompressedLength(n));
            state = State.FRAMES;
          }
        }
        case EMPTY_TAIL -> {
          if (!in.isReadable()) {
            return null;
          }
          if ((in.getByte(in.readerIndex()) & 0xFF) != SnappyFrames.STREAM_IDENTIFIER) {
            return EMPTY;
          }
          frames = new SnappyFrameDecoder(0, SnappyFrames.maxCompressedLength(0));
          state = State.FRAMES;
        }
        case FRAMES -> {
          try {
            return frames.decode(in) ? frames.payload() : null;
          } catch (WireFormatException e) {
            throw new WireFormatException(what + ": " + e.getMessage());
          }
        }
      }
    }
  }

  /**
   * The stream ended: the payload if it may end here (a zero-length payload without framing).
   *
   * @throws WireFormatException if the payload was cut short
   */
  byte[] finish() {
    if (state == State.EMPTY_TAIL) {
      return EMPTY;
    }
    if (state == State.LENGTH) {
      throw new WireFormatException(what + ": stream ended " + (prefix.started() ? "inside the length prefix" : "before the length prefix"));
    }
    throw new WireFormatException(what + ": stream ended after " + frames.produced() + " of the " + announced
        + " announced bytes of " + bounds.typeName());
  }
}
