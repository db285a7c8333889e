package io.edvt.node.sync;

import java.util.OptionalLong;

/**
 * Whether the node's view of the chain is current enough to sign on it: validator duties, and the
 * Beacon API's {@code is_syncing}. A node that signs on a stale head publishes votes for the wrong
 * committees and blocks on an old parent: its peers reject them and score it down until they ban
 * it, and its own blocks fork the chain. That is what a node restarted into a running network did
 * before this rule (it lost its peers a few slots after coming back).
 *
 * <p>The rule, as Teku's start-up sync state has it: a peer whose Status shows a head more than
 * {@link #PEER_AHEAD_TOLERANCE_SLOTS} ahead of ours means we are catching up. With no peer ready,
 * a head within an epoch of the wall clock is current (a network's first node, or a devnet at
 * genesis); an older head waits for peers, at most {@code startupTimeoutMillis} after start (a node
 * alone must be able to carry on eventually).
 *
 * @param slotsPerEpoch how far behind the clock a head may be with no peer to compare against
 * @param startupTimeoutMillis how long a node with an old head and no peers waits before signing
 */
public record DutyReadiness(long slotsPerEpoch, long startupTimeoutMillis) {
  /**
   * Peers' Status heads may run ahead of our head by this much while we are level: a Status sent as
   * the current slot's block spreads.
   */
  public static final long PEER_AHEAD_TOLERANCE_SLOTS = 2;

  /** The answer and, when not ready, why (for the log). */
  public record Verdict(boolean ready, String reason) {
    public static final Verdict READY = new Verdict(true, "");
  }

  /**
   * @param headSlot our fork-choice head's slot
   * @param currentSlot the wall clock's slot
   * @param bestPeerHead the highest head slot a ready peer's Status reported; empty with no peer ready
   * @param millisSinceStart how long the node has run
   */
  public Verdict verdict(long headSlot, long currentSlot, OptionalLong bestPeerHead, long millisSinceStart) {
    if (bestPeerHead.isPresent()) {
      long best = bestPeerHead.getAsLong();
      return best > headSlot + PEER_AHEAD_TOLERANCE_SLOTS
          ? new Verdict(false, "syncing: head slot " + headSlot + ", peers at slot " + best)
          : Verdict.READY;
    }
    if (headSlot + slotsPerEpoch >= currentSlot || millisSinceStart >= startupTimeoutMillis) {
      return Verdict.READY;
    }
    return new Verdict(false, "waiting for peers: head slot " + headSlot + " is " + (currentSlot - headSlot)
        + " slots behind the clock (at most " + startupTimeoutMillis / 1000 + " s after start)");
  }
}
