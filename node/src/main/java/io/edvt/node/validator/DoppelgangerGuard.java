package io.edvt.node.validator;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.node.validator.slashing.Interchange;
import io.edvt.node.validator.slashing.SignedAttestationRecord;
import io.edvt.node.validator.slashing.SignedBlockRecord;
import io.edvt.node.validator.slashing.SlashingProtection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.tuweni.bytes.Bytes48;

/**
 * Doppelganger detection ({@code --doppelganger-detection-enabled}): before the held keys sign
 * anything, watch {@link #EPOCHS} whole epochs for any of them being live elsewhere (an attestation
 * or a block signed by it, as the node sees the chain). The watch starts with the epoch before the
 * start (its attestations are still arriving in blocks) and ends when the epoch
 * {@code start + EPOCHS} begins; a key seen live in that window means another instance runs it,
 * and the node must not start its duties. A group member is watched as its own key, by its virtual
 * index. What this instance signed itself before a restart (its slashing protection history: the
 * last attestation target epoch and block epoch of each key) explains liveness up to that epoch,
 * so a quick restart is not taken for a doppelganger. Teku watches 2 epochs too.
 */
public final class DoppelgangerGuard {
  /** Whole epochs watched after the start epoch's. */
  public static final int EPOCHS = 2;

  /** Which of {@code indices} were seen live in {@code epoch}. */
  @FunctionalInterface
  public interface Liveness {
    Set<Long> liveAt(long epoch, Set<Long> indices);
  }

  /** Where the watch is. */
  public sealed interface Status {}

  /** Still watching: no duties until {@code releaseEpoch}. */
  public record Watching(long releaseEpoch) implements Status {}

  /** Nothing seen: duties may start. */
  public record Released() implements Status {}

  /** Held keys seen live: {@code keys} by (virtual) index. */
  public record Detected(Map<Long, BlsPublicKey> keys) implements Status {
    /** One line naming the keys, for the log and the exit message. */
    public String message() {
      return "doppelganger detected: " + keys.size() + " held key(s) seen live on the network, another instance runs them: "
          + keys.entrySet().stream().map(e -> e.getValue().toBytes() + " (index " + Long.toUnsignedString(e.getKey()) + ")")
              .collect(Collectors.joining(", "))
          + "; no duties were started: stop the other instance, then restart this one";
    }
  }

  private final Map<Long, BlsPublicKey> held;
  private final Map<Bytes48, Long> ownLastEpoch;
  private final Liveness liveness;
  private final long startEpoch;

  /**
   * Watches the keys {@code held} by (virtual) index from {@code startEpoch} (the epoch the node
   * starts in); {@code ownLastEpoch} is the last epoch each key signed for in this instance's own
   * history (absent: never).
   */
  public DoppelgangerGuard(Map<Long, BlsPublicKey> held, Map<Bytes48, Long> ownLastEpoch, Liveness liveness,
      long startEpoch) {
    this.held = Map.copyOf(held);
    this.ownLastEpoch = Map.copyOf(ownLastEpoch);
    this.liveness = liveness;
    this.startEpoch = startEpoch;
  }

  /**
   * The last epoch each key signed for in {@code protection} (this data path's own history): its
   * latest attestation target or block epoch; {@code -1} for a key that signed nothing.
   */
  public static Map<Bytes48, Long> ownLastEpochs(SlashingProtection protection, long slotsPerEpoch) {
    Map<Bytes48, Long> out = new HashMap<>();
    for (Interchange.KeyData k : protection.export(false).data()) {
      long last = -1;
      for (SignedAttestationRecord a : k.signedAttestations()) {
        last = Math.max(last, a.targetEpoch().longValue());
      }
      for (SignedBlockRecord b : k.signedBlocks()) {
        last = Math.max(last, b.slot().longValue() / slotsPerEpoch);
      }
      out.put(k.pubkey(), last);
    }
    return out;
  }

  public long releaseEpoch() {
    return startEpoch + EPOCHS;
  }

  /** The watch at {@code currentEpoch}: detected as soon as a held key is seen live, released once the watched epochs are over. */
  public Status check(long currentEpoch) {
    Map<Long, BlsPublicKey> keys = new TreeMap<>();
    for (long epoch = Math.max(0, startEpoch - 1); epoch <= currentEpoch; epoch++) {
      for (long index : liveness.liveAt(epoch, held.keySet())) {
        if (epoch > ownLastEpoch.getOrDefault(held.get(index).toBytes(), -1L)) {
          keys.put(index, held.get(index));
        }
      }
    }
    if (!keys.isEmpty()) {
      return new Detected(keys);
    }
    return currentEpoch >= releaseEpoch() ? new Released() : new Watching(releaseEpoch());
  }
}
