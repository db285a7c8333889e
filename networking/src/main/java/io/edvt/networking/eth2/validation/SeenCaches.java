package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.datacolumns.PartialDataColumnHeader;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The spec's {@code Seen}: what gossip validation has accepted, per rule, as Fulu defines it and
 * with EDVT's fields (EDVT's p2p-interface.md, "Modified {@code Seen}": the index fields that hold
 * virtual indices, and the group topics' fields). Thread safe: marks are atomic
 * ({@link #mark}), so of two copies validated at once only one is accepted.
 *
 * <p>Entries keyed by slot or epoch are dropped by {@link #prune} once that slot or epoch is outside
 * the range in which their topic accepts messages; index-keyed entries (exits, slashings, BLS
 * changes) are bounded by the number of keys and kept.
 */
public final class SeenCaches {
  /** Two numbers, e.g. (validator index, slot). */
  public record Pair(long a, long b) {}

  /** Three numbers, e.g. (slot, validator index, subnet). */
  public record Triple(long a, long b, long c) {}

  /** A root and a number, e.g. (attestation data root, committee index). */
  public record RootKey(Bytes32 root, long n) {}

  /** A slot, a root and a number (sync contribution data). */
  public record SlotRootKey(long slot, Bytes32 root, long n) {}

  /** The bit sets seen for one key, with the slot of their messages (for pruning). */
  public record SeenBits(long slot, List<SszBits> bits) {}

  // ---------------------------------------------------------------- Fulu's Seen
  /** (proposer index, slot). */
  public final Set<Pair> proposerSlots = ConcurrentHashMap.newKeySet();
  /** (aggregator index, target epoch); EDVT: the aggregator's virtual index. */
  public final Set<Pair> aggregatorEpochs = ConcurrentHashMap.newKeySet();
  /** (attestation data root, committee index) to the aggregation bits seen. */
  public final Map<RootKey, SeenBits> aggregateDataRoots = new ConcurrentHashMap<>();
  public final Set<Long> voluntaryExitIndices = ConcurrentHashMap.newKeySet();
  public final Set<Long> proposerSlashingIndices = ConcurrentHashMap.newKeySet();
  public final Set<Long> attesterSlashingIndices = ConcurrentHashMap.newKeySet();
  /** (attester index, target epoch); EDVT: the attester's virtual index. */
  public final Set<Pair> attestationValidatorEpochs = ConcurrentHashMap.newKeySet();
  /** (aggregator index, slot, subcommittee index); EDVT: virtual index. */
  public final Set<Triple> syncContributionAggregatorSlots = ConcurrentHashMap.newKeySet();
  /** (slot, beacon block root, subcommittee index) to the aggregation bits seen. */
  public final Map<SlotRootKey, SeenBits> syncContributionData = new ConcurrentHashMap<>();
  /** (slot, validator index, subnet); EDVT: virtual index. */
  public final Set<Triple> syncMessageValidatorSlots = ConcurrentHashMap.newKeySet();
  public final Set<Long> blsToExecutionChangeIndices = ConcurrentHashMap.newKeySet();
  /** (slot, proposer index, column index). */
  public final Set<Triple> dataColumnSidecarTuples = ConcurrentHashMap.newKeySet();
  /**
   * Signed block headers (by {@code hash_tree_root} of the signed header, with their slot) whose
   * proposer signature a sidecar check has verified: a block's 128 sidecars carry the same header,
   * so it is verified once, as Teku and Lighthouse do. Only valid ones are kept.
   */
  public final Map<Bytes32, Long> verifiedSidecarHeaders = new ConcurrentHashMap<>();
  /** Validated partial-column headers by block root. */
  public final Map<Bytes32, PartialDataColumnHeader> partialDataColumnHeaders = new ConcurrentHashMap<>();

  // ---------------------------------------------------------------- EDVT's additions
  public final Set<Bytes48> attesterSlashingPubkeys = ConcurrentHashMap.newKeySet();
  /** (validator index, epoch). */
  public final Set<Pair> groupRegistrationEpochs = ConcurrentHashMap.newKeySet();
  /** (validator index, current key set's activation epoch). */
  public final Set<Pair> groupKeyChangeKeySets = ConcurrentHashMap.newKeySet();
  /** Valid proposals by block root. */
  public final Map<Bytes32, GroupBlockProposal> groupBlockProposals = new ConcurrentHashMap<>();
  /** (slot, proposer index, leader member index). */
  public final Set<Triple> groupBlockProposalLeaders = ConcurrentHashMap.newKeySet();
  /** (slot, proposer index, member index). */
  public final Set<Triple> groupBlockSignoffMembers = ConcurrentHashMap.newKeySet();
  /** (validator index, member index, epoch). */
  public final Set<Triple> groupExitSignatureMembers = ConcurrentHashMap.newKeySet();
  /** (validator index, member index, epoch). */
  public final Set<Triple> groupKeyChangeSignatureMembers = ConcurrentHashMap.newKeySet();

  /**
   * Adds {@code key}; false if it was there already (another copy was accepted meanwhile). Used as
   * the last step of a validation, so the check and the mark cannot be split by a concurrent copy.
   */
  public static <K> boolean mark(Set<K> set, K key) {
    return set.add(key);
  }

  /** {@code is_non_strict_superset(seen[key], bits)}: whether a seen bit set has every bit of {@code bits}. */
  public static <K> boolean isNonStrictSuperset(Map<K, SeenBits> seen, K key, SszBits bits) {
    SeenBits prior = seen.get(key);
    if (prior == null) {
      return false;
    }
    for (SszBits p : prior.bits()) {
      if (p.length() != bits.length()) {
        continue; // zip(strict=True) in the spec: only equal lengths are compared
      }
      boolean superset = true;
      for (int i = bits.setBits().findFirst().orElse(-1); i >= 0 && i < bits.length(); i = nextSet(bits, i + 1)) {
        if (!p.get(i)) {
          superset = false;
          break;
        }
      }
      if (superset) {
        return true;
      }
    }
    return false;
  }

  private static int nextSet(SszBits bits, int from) {
    for (int i = from; i < bits.length(); i++) {
      if (bits.get(i)) {
        return i;
      }
    }
    return -1;
  }

  /** Adds {@code bits} (of a message at {@code slot}) to {@code seen[key]}. */
  public static <K> void addBits(Map<K, SeenBits> seen, K key, long slot, SszBits bits) {
    seen.computeIfAbsent(key, k -> new SeenBits(slot, new CopyOnWriteArrayList<>())).bits().add(bits);
  }

  /**
   * Drops what can no longer matter at {@code currentSlot}: slot-keyed entries older than
   * {@code slotWindow} slots, epoch-keyed entries older than the previous epoch, partial headers
   * and group proposals of past slots.
   */
  public void prune(UInt64 currentSlot, int slotsPerEpoch, long slotWindow) {
    long slot = currentSlot.longValue();
    long oldestSlot = slot - slotWindow;
    long oldestEpoch = slot / slotsPerEpoch - 1;
    proposerSlots.removeIf(k -> k.b() < oldestSlot);
    aggregatorEpochs.removeIf(k -> k.b() < oldestEpoch);
    aggregateDataRoots.values().removeIf(v -> v.slot() < oldestSlot);
    attestationValidatorEpochs.removeIf(k -> k.b() < oldestEpoch);
    syncContributionAggregatorSlots.removeIf(k -> k.b() < oldestSlot);
    syncContributionData.values().removeIf(v -> v.slot() < oldestSlot);
    syncMessageValidatorSlots.removeIf(k -> k.a() < oldestSlot);
    dataColumnSidecarTuples.removeIf(k -> k.a() < oldestSlot);
    verifiedSidecarHeaders.values().removeIf(headerSlot -> headerSlot < oldestSlot);
    groupRegistrationEpochs.removeIf(k -> k.b() < oldestEpoch);
    groupBlockProposals.values().removeIf(p -> p.block().slot().longValue() < slot - 1);
    groupBlockProposalLeaders.removeIf(k -> k.a() < slot - 1);
    groupBlockSignoffMembers.removeIf(k -> k.a() < slot - 1);
    groupExitSignatureMembers.removeIf(k -> k.c() < oldestEpoch);
    groupKeyChangeSignatureMembers.removeIf(k -> k.c() < oldestEpoch);
  }
}
