package io.edvt.networking.reqresp;

import io.edvt.networking.transport.crypto.PeerId;

/**
 * Answers one method's requests: called once per valid request (decoded, within its size bounds,
 * and within the peer's rate limit), on a thread that may block briefly; the answer goes to
 * {@code response}, now or later, from any thread. Throwing an {@link RpcErrorException} answers
 * with its code; any other exception answers {@code ServerError}.
 */
@FunctionalInterface
public interface RequestHandler<Q, R> {
  void handle(PeerId peer, Q request, ResponseSink<R> response);
}
