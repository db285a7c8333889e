package io.edvt.networking.reqresp;

import io.edvt.networking.transport.encoding.WireFormatException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * Reads response chunks as the requester sees them, incrementally: the result byte; for a success
 * chunk of a method with context, the context bytes (a fork digest), which choose the chunk's type
 * and so its {@link SizeBounds}; the length prefix, checked against those bounds (capped at
 * {@code MAX_PAYLOAD_SIZE}); the framed snappy payload. An error chunk carries an
 * {@code ErrorMessage} ({@code List[byte, 256]}, no context) and must be the last: a byte after it
 * is refused, as is a chunk beyond the most the request allows.
 */
public final class ResponseDecoder {
  /** The bounds of the chunk types of one method. */
  public interface ChunkBounds {
    /** The number of context bytes of a success chunk: 0, or 4 for a fork digest. */
    int contextLength();

    /**
     * The size bounds of a success chunk with this context (empty bytes when the method has none).
     *
     * @throws WireFormatException for a context the method does not know
     */
    SizeBounds bounds(Bytes context);
  }

  /** One complete chunk: its result code, context bytes (empty if none) and SSZ payload. */
  public record Chunk(int code, Bytes context, byte[] payload) {
    public boolean isSuccess() {
      return code == ResponseCode.SUCCESS;
    }
  }

  private enum State {
    RESULT,
    CONTEXT,
    PAYLOAD,
    ENDED
  }

  /** {@code ErrorMessage}: {@code List[byte, 256]}. */
  public static final SizeBounds ERROR_MESSAGE = new SizeBounds("ErrorMessage", 0, 256);

  private final ChunkBounds types;
  private final long maxChunks;
  private final PayloadReader reader = new PayloadReader();
  private State state = State.RESULT;
  private int code;
  private final byte[] context;
  private int contextFilled;
  private long chunks;

  /**
   * @param types the method's chunk types
   * @param maxChunks the most chunks the request allows
   */
  public ResponseDecoder(ChunkBounds types, long maxChunks) {
    this.types = types;
    this.maxChunks = maxChunks;
    this.context = new byte[types.contextLength()];
  }

  /**
   * Consumes response bytes.
   *
   * @return the chunks completed by these bytes (in order)
   * @throws WireFormatException for anything malformed; the response must then be dropped
   */
  public List<Chunk> decode(ByteBuf in) {
    List<Chunk> out = new ArrayList<>(1);
    while (in.isReadable()) {
      switch (state) {
        case ENDED -> throw new WireFormatException(code != ResponseCode.SUCCESS
            ? "response: " + in.readableBytes() + " bytes after error chunk " + ResponseCode.describe(code)
            : "response: more than the " + maxChunks + " chunks the request allows");
        case RESULT -> {
          code = in.readUnsignedByte();
          contextFilled = 0;
          String what = "response chunk " + chunks;
          if (code == ResponseCode.SUCCESS && context.length > 0) {
            state = State.CONTEXT;
          } else {
            reader.start(code == ResponseCode.SUCCESS ? types.bounds(Bytes.EMPTY) : ERROR_MESSAGE,
                what + (code == ResponseCode.SUCCESS ? "" : " (error " + ResponseCode.describe(code) + ")"));
            state = State.PAYLOAD;
          }
        }
        case CONTEXT -> {
          int n = Math.min(context.length - contextFilled, in.readableBytes());
          in.readBytes(context, contextFilled, n);
          contextFilled += n;
          if (contextFilled == context.length) {
            Bytes digest = Bytes.wrap(context.clone());
            SizeBounds bounds;
            try {
              bounds = types.bounds(digest);
            } catch (WireFormatException e) {
              throw new WireFormatException("response chunk " + chunks + ": context 0x" + HexFormat.of().formatHex(context)
                  + ": " + e.getMessage());
            }
            reader.start(bounds, "response chunk " + chunks);
            state = State.PAYLOAD;
          }
        }
        case PAYLOAD -> {
          byte[] payload = reader.read(in);
          if (payload != null) {
            out.add(complete(payload));
          } else if (in.isReadable()) {
            throw new IllegalStateException("payload reader stopped with " + in.readableBytes() + " bytes unread");
          }
        }
      }
    }
    return out;
  }

  private Chunk complete(byte[] payload) {
    Chunk c = new Chunk(code, code == ResponseCode.SUCCESS && context.length > 0 ? Bytes.wrap(context.clone()) : Bytes.EMPTY,
        payload);
    chunks++;
    state = code != ResponseCode.SUCCESS || chunks >= maxChunks ? State.ENDED : State.RESULT;
    return c;
  }

  /**
   * The stream ended.
   *
   * @return the last chunk if the end completed it (a zero-length payload without framing)
   * @throws WireFormatException if the stream ended inside a chunk
   */
  public List<Chunk> finish() {
    return switch (state) {
      case RESULT, ENDED -> List.of();
      case CONTEXT -> throw new WireFormatException("response chunk " + chunks + ": stream ended inside the context bytes");
      case PAYLOAD -> List.of(complete(reader.finish()));
    };
  }

  /** Chunks completed so far. */
  public long chunks() {
    return chunks;
  }
}
