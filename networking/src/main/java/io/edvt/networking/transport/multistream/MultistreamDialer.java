package io.edvt.networking.transport.multistream;

import java.util.List;

/**
 * The initiator: sends the header and its first choice together (one write, one round trip),
 * then the next choice after each {@code na}, until the listener echoes one.
 */
public final class MultistreamDialer implements Negotiation {
  private final List<String> protocols;
  private boolean headerSeen;
  private int index;

  /** @param protocols in order of preference; at least one */
  public MultistreamDialer(List<String> protocols) {
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("nothing to propose");
    }
    this.protocols = List.copyOf(protocols);
  }

  @Override
  public List<String> start() {
    return List.of(MultistreamMessages.HEADER, protocols.get(0));
  }

  @Override
  public Outcome onMessage(String message) {
    if (!headerSeen) {
      if (!MultistreamMessages.HEADER.equals(message)) {
        return new Outcome.Failed("expected the header " + MultistreamMessages.HEADER + ", got '" + message + "'");
      }
      headerSeen = true;
      return new Outcome.Continue(List.of());
    }
    String proposed = protocols.get(index);
    if (proposed.equals(message)) {
      return new Outcome.Selected(proposed, List.of());
    }
    if (MultistreamMessages.NA.equals(message)) {
      index++;
      if (index == protocols.size()) {
        return new Outcome.Failed("the remote supports none of " + protocols);
      }
      return new Outcome.Continue(List.of(protocols.get(index)));
    }
    return new Outcome.Failed("proposed " + proposed + ", the remote answered '" + message + "'");
  }
}
