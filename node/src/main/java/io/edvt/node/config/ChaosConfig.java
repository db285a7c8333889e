package io.edvt.node.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Testing only: how this node's validator client misbehaves on purpose ({@code --Xchaos-*}), so a
 * devnet can show what the group protocol survives. Nothing here is ever on by default.
 *
 * @param memberDelayMs {@code --Xchaos-member-delay-ms}: every proposal and sign-off this node
 *     publishes on the member topics goes out this much later
 * @param memberDropRate {@code --Xchaos-member-drop-rate}: the share (0 to 1) of those messages not
 *     published at all, each dropped independently
 * @param withholdProposals {@code --Xchaos-withhold-proposals}: a held member that leads builds and
 *     signs its block but never publishes the {@code GroupBlockProposal}
 * @param equivocate {@code --Xchaos-equivocate}: held member keys sign conflicting messages past
 *     slashing protection: a second block for each slot they lead, a sign-off for every proposal
 *     they see, a second attestation for each one they make
 */
public record ChaosConfig(long memberDelayMs, double memberDropRate, boolean withholdProposals, boolean equivocate) {
  public static final ChaosConfig NONE = new ChaosConfig(0, 0, false, false);
  public static final long MAX_DELAY_MS = 60_000;

  public ChaosConfig {
    if (memberDelayMs < 0 || memberDelayMs > MAX_DELAY_MS) {
      throw new IllegalArgumentException("--Xchaos-member-delay-ms " + memberDelayMs + ": must be 0 to " + MAX_DELAY_MS);
    }
    if (!(memberDropRate >= 0 && memberDropRate <= 1)) {
      throw new IllegalArgumentException("--Xchaos-member-drop-rate " + memberDropRate + ": must be 0 to 1");
    }
  }

  /** Whether any misbehaviour is asked for. */
  public boolean active() {
    return memberDelayMs > 0 || memberDropRate > 0 || withholdProposals || equivocate;
  }

  /** The flags that are on, for the node's log line ({@code none} when off). */
  public String describe() {
    List<String> on = new ArrayList<>();
    if (memberDelayMs > 0) {
      on.add("member-topic delay " + memberDelayMs + " ms");
    }
    if (memberDropRate > 0) {
      on.add("member-topic drop rate " + memberDropRate);
    }
    if (withholdProposals) {
      on.add("withholding group proposals");
    }
    if (equivocate) {
      on.add("equivocating with member keys");
    }
    return on.isEmpty() ? "none" : String.join(", ", on);
  }
}
