package io.edvt.networking.reqresp;

import io.edvt.infrastructure.ssz.SszType;
import io.edvt.networking.transport.encoding.WireFormatException;
import org.apache.tuweni.bytes.Bytes;

/**
 * The SSZ types of a method's success chunks. A method with context bytes (the fork-digest context
 * of Altair and later) maps each digest it knows to the type of that fork, and gives the responder
 * the digest of a value it sends; a method without has one type and empty context.
 */
public interface ResponseTypes<R> {
  /** 0, or 4 for a {@code ForkDigest} context. */
  int contextLength();

  /**
   * The chunk type for this context.
   *
   * @throws WireFormatException for a context this method does not know
   */
  SszType<? extends R> typeFor(Bytes context);

  /** The context bytes the responder sends with {@code value} (empty when the method has none). */
  Bytes contextOf(R value);

  /** {@code value}'s SSZ bytes, with the type of its context. */
  byte[] serialize(R value);

  /**
   * Checks a decoded chunk against its context (e.g. that a block's slot is in the fork its
   * digest names); the requester drops the response when this throws.
   *
   * @throws WireFormatException when the value does not belong under {@code context}
   */
  default void checkContext(Bytes context, R value) {}

  /** The decoder's view: the size bounds of each context's type, capped at {@code maxPayloadSize}. */
  default ResponseDecoder.ChunkBounds bounds(long maxPayloadSize) {
    return new ResponseDecoder.ChunkBounds() {
      @Override
      public int contextLength() {
        return ResponseTypes.this.contextLength();
      }

      @Override
      public SizeBounds bounds(Bytes context) {
        return SizeBounds.of(typeFor(context), maxPayloadSize);
      }
    };
  }

  /** One type, no context bytes. */
  static <R> ResponseTypes<R> single(SszType<R> type) {
    return new ResponseTypes<>() {
      @Override
      public int contextLength() {
        return 0;
      }

      @Override
      public SszType<R> typeFor(Bytes context) {
        return type;
      }

      @Override
      public Bytes contextOf(R value) {
        return Bytes.EMPTY;
      }

      @Override
      public byte[] serialize(R value) {
        return type.serialize(value);
      }
    };
  }
}
