package io.edvt.networking.transport.multistream;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The responder: sends its header at once, answers {@code na} to protocols it does not support,
 * the list to {@code ls}, and echoes the first supported proposal.
 */
public final class MultistreamListener implements Negotiation {
  /** Proposals refused before we give up on a peer that tries everything. */
  public static final int MAX_PROPOSALS = 32;

  private final Predicate<String> supported;
  private final Supplier<List<String>> listing;
  private boolean headerSeen;
  private int proposals;

  public MultistreamListener(Predicate<String> supported, Supplier<List<String>> listing) {
    this.supported = supported;
    this.listing = listing;
  }

  public MultistreamListener(List<String> protocols) {
    this(List.copyOf(protocols)::contains, () -> List.copyOf(protocols));
  }

  @Override
  public List<String> start() {
    return List.of(MultistreamMessages.HEADER);
  }

  /** The protocols to answer {@code ls} with (the caller encodes them with {@link MultistreamMessages#writeList}). */
  public List<String> listing() {
    return listing.get();
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
    if (++proposals > MAX_PROPOSALS) {
      return new Outcome.Failed("more than " + MAX_PROPOSALS + " proposals");
    }
    if (MultistreamMessages.LS.equals(message)) {
      return new Outcome.Continue(List.of(LS_MARKER));
    }
    if (supported.test(message)) {
      return new Outcome.Selected(message, List.of(message));
    }
    return new Outcome.Continue(List.of(MultistreamMessages.NA));
  }

  /**
   * Stands in a {@link Outcome.Continue} for the {@code ls} answer, which is not a plain message;
   * the driver replaces it with {@link MultistreamMessages#writeList} of {@link #listing()}.
   */
  public static final String LS_MARKER = "\u0000ls-answer";
}
