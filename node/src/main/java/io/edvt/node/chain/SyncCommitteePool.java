package io.edvt.node.chain;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Sync committee signatures waiting for the next block, per (slot, {@code beacon_block_root},
 * subcommittee index): aggregates over the subcommittee's seats, in the form a
 * {@code SyncCommitteeContribution} carries them (one bit per seat, one signature per set bit, so a
 * key holding two seats of a subcommittee has its signature in twice, as the Altair validator guide
 * asks). A single message is an aggregate of its signer's seats; a gossiped contribution is one
 * as it is. An aggregate whose seats do not overlap one held for the same key is merged into it
 * (bits OR-ed, signatures added); one whose seats are all covered adds nothing; an overlapping one
 * is kept beside it (BLS cannot subtract a signer), up to {@code maxAggregatesPerKey}.
 *
 * <p>{@link #forBlock} is {@code process_sync_committee_contributions}: the best aggregate of each
 * subcommittee, combined over the whole committee. Bounded: at most {@code maxKeys} keys (the
 * oldest slot goes first) and {@link #prune} drops old slots. Signatures are not checked here:
 * gossip validation and our own signer stand behind what is added. Thread-safe.
 */
public final class SyncCommitteePool {
  /** What the aggregates of one subcommittee are for. */
  public record Key(long slot, Bytes32 blockRoot, int subcommittee) {}

  /** Seats ({@code bits}) and the sum of their signatures, one per set bit. */
  public record Aggregate(SszBits bits, BlsSignature signature) {
    /** The aggregate of one signer holding {@code positions} of a subcommittee of {@code size} seats. */
    public static Aggregate ofSigner(int size, List<Integer> positions, BlsSignature signature) {
      return new Aggregate(SszBits.withSet(size, positions.stream().mapToInt(Integer::intValue).toArray()),
          Bls.aggregate(Collections.nCopies(positions.size(), signature)));
    }
  }

  private final int subcommitteeSize;
  private final int subcommitteeCount;
  private final int maxKeys;
  private final int maxAggregatesPerKey;
  private final Map<Key, List<Aggregate>> byKey = new LinkedHashMap<>();

  public SyncCommitteePool(int syncCommitteeSize, int subcommitteeCount, int maxKeys, int maxAggregatesPerKey) {
    this.subcommitteeSize = syncCommitteeSize / subcommitteeCount;
    this.subcommitteeCount = subcommitteeCount;
    this.maxKeys = maxKeys;
    this.maxAggregatesPerKey = maxAggregatesPerKey;
  }

  /** Room for 64 (slot, root) pairs of every subcommittee and 8 aggregates each. */
  public static SyncCommitteePool create(int syncCommitteeSize, int subcommitteeCount) {
    return new SyncCommitteePool(syncCommitteeSize, subcommitteeCount, 64 * subcommitteeCount, 8);
  }

  public int subcommitteeSize() {
    return subcommitteeSize;
  }

  /** Adds {@code aggregate} under {@code key}; false if it added nothing (covered already, or no room). */
  public synchronized boolean add(Key key, Aggregate aggregate) {
    if (aggregate.bits().length() != subcommitteeSize || key.subcommittee() < 0 || key.subcommittee() >= subcommitteeCount) {
      throw new IllegalArgumentException("an aggregate of subcommittee " + key.subcommittee() + " with " + aggregate.bits().length()
          + " bits does not fit " + subcommitteeCount + " subcommittees of " + subcommitteeSize + " seats");
    }
    if (aggregate.bits().count() == 0) {
      return false;
    }
    List<Aggregate> held = byKey.get(key);
    if (held == null) {
      if (byKey.size() >= maxKeys && !evictOldestBefore(key.slot())) {
        return false;
      }
      held = new ArrayList<>();
      byKey.put(key, held);
    }
    for (int i = 0; i < held.size(); i++) {
      Aggregate existing = held.get(i);
      if (existing.bits().or(aggregate.bits()).equals(existing.bits())) {
        return false;
      }
      if (!existing.bits().intersects(aggregate.bits())) {
        held.set(i, new Aggregate(existing.bits().or(aggregate.bits()),
            Bls.aggregate(List.of(existing.signature(), aggregate.signature()))));
        return true;
      }
    }
    if (held.size() >= maxAggregatesPerKey) {
      return false;
    }
    held.add(aggregate);
    return true;
  }

  /** The aggregate with the most seats held for {@code key}. */
  public synchronized Optional<Aggregate> best(Key key) {
    return byKey.getOrDefault(key, List.of()).stream().max(Comparator.comparingInt(a -> a.bits().count()));
  }

  /**
   * {@code process_sync_committee_contributions}: for a block whose parent is {@code blockRoot} and
   * whose previous slot is {@code slot}, the best aggregate of each subcommittee placed at its seats
   * of the whole committee, their signatures added; empty when no subcommittee has any.
   */
  public synchronized Optional<Aggregate> forBlock(long slot, Bytes32 blockRoot) {
    int[] seats = new int[0];
    List<BlsSignature> signatures = new ArrayList<>();
    for (int s = 0; s < subcommitteeCount; s++) {
      Optional<Aggregate> best = best(new Key(slot, blockRoot, s));
      if (best.isEmpty()) {
        continue;
      }
      int offset = s * subcommitteeSize;
      int[] more = best.get().bits().setBits().map(i -> offset + i).toArray();
      int[] all = new int[seats.length + more.length];
      System.arraycopy(seats, 0, all, 0, seats.length);
      System.arraycopy(more, 0, all, seats.length, more.length);
      seats = all;
      signatures.add(best.get().signature());
    }
    if (signatures.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Aggregate(SszBits.withSet(subcommitteeSize * subcommitteeCount, seats), Bls.aggregate(signatures)));
  }

  /** Drops every key with a slot before {@code oldestSlot}; returns how many went. */
  public synchronized int prune(long oldestSlot) {
    int before = byKey.size();
    byKey.keySet().removeIf(k -> k.slot() < oldestSlot);
    return before - byKey.size();
  }

  public synchronized int keyCount() {
    return byKey.size();
  }

  /** Makes room by dropping a key of the lowest slot, if that slot is older than {@code slot}. */
  private boolean evictOldestBefore(long slot) {
    Key oldest = byKey.keySet().stream().min(Comparator.comparingLong(Key::slot)).orElse(null);
    if (oldest == null || oldest.slot() >= slot) {
      return false;
    }
    byKey.remove(oldest);
    return true;
  }
}
