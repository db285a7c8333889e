package io.edvt.networking.transport.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/** Encodes what a {@link Negotiation} wants sent, including the {@code ls} answer. */
public final class MultistreamWriter {
  private MultistreamWriter() {}

  public static ByteBuf encode(ByteBufAllocator alloc, Negotiation negotiation, List<String> messages) {
    ByteBuf out = alloc.buffer();
    for (String m : messages) {
      if (MultistreamListener.LS_MARKER.equals(m) && negotiation instanceof MultistreamListener l) {
        MultistreamMessages.writeList(out, l.listing());
      } else {
        MultistreamMessages.write(out, m);
      }
    }
    return out;
  }
}
