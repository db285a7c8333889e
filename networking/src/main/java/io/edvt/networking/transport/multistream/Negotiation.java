package io.edvt.networking.transport.multistream;

import java.util.List;

/**
 * One side of a multistream-select 1.0 exchange as a state machine with no I/O: {@link #start()}
 * gives what to send first, {@link #onMessage} consumes one received message and says what to
 * send and whether a protocol was agreed. Netty handlers ({@link MultistreamHandler}) and muxed
 * streams both drive it.
 */
public sealed interface Negotiation permits MultistreamDialer, MultistreamListener {
  /** Messages to send before anything is received. */
  List<String> start();

  /** What one received message leads to. */
  Outcome onMessage(String message);

  /** What to do after a message: send some messages, and possibly stop with a result. */
  sealed interface Outcome {
    /** Messages to send (possibly none); negotiation goes on. */
    record Continue(List<String> send) implements Outcome {}

    /** Agreed on {@code protocol}; send {@code send} first (the listener's echo). */
    record Selected(String protocol, List<String> send) implements Outcome {}

    /** Negotiation failed; the stream or connection should be closed. */
    record Failed(String reason) implements Outcome {}
  }
}
