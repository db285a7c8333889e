package io.edvt.node.chain;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.datastructures.operations.Attestation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Attestations waiting for a block, grouped by {@code hash_tree_root(AttestationData)}. Within a
 * data root, an attestation whose committees ({@code committee_bits}) match an aggregate's and
 * whose signers do not overlap it is merged in: the bits OR-ed, the BLS signatures aggregated
 * (the result is exactly what the signers together would have signed). One whose signers are all
 * in an aggregate already adds nothing and is dropped; an overlapping one is kept beside it (BLS
 * cannot subtract a signer), up to {@code maxAggregatesPerData}. The bits are over the committees
 * of the attestation's own milestone (EDVT: the expanded committees), so a Fulu and an EDVT
 * attestation never merge: they differ in type and are kept apart.
 *
 * <p>Bounded: at most {@code maxDataRoots} data roots (the oldest slot goes first), and
 * {@link #prune} drops data whose slot can no longer be included. Signatures are not checked here:
 * gossip and the API check them before adding. Thread-safe (gossip threads add, the producer reads).
 */
public final class AttestationPool {
  private final int maxDataRoots;
  private final int maxAggregatesPerData;
  private final Map<Bytes32, List<Attestation>> byData = new LinkedHashMap<>();

  public AttestationPool(int maxDataRoots, int maxAggregatesPerData) {
    this.maxDataRoots = maxDataRoots;
    this.maxAggregatesPerData = maxAggregatesPerData;
  }

  /** Room for 8,192 attestation data (a mainnet epoch has 2,048 committees) and 8 aggregates each. */
  public static AttestationPool create() {
    return new AttestationPool(8192, 8);
  }

  /** Adds {@code attestation}; false if it added nothing (covered already, or no room). */
  public synchronized boolean add(Attestation attestation) {
    Bytes32 dataRoot = attestation.data().hashTreeRoot();
    List<Attestation> aggregates = byData.get(dataRoot);
    if (aggregates == null) {
      if (byData.size() >= maxDataRoots && !evictOldestBefore(attestation.data().slot().longValue())) {
        return false;
      }
      aggregates = new ArrayList<>();
      byData.put(dataRoot, aggregates);
    }
    SszBits bits = attestation.aggregationBits();
    for (int i = 0; i < aggregates.size(); i++) {
      Attestation existing = aggregates.get(i);
      if (!sameShape(existing, attestation)) {
        continue;
      }
      if (existing.aggregationBits().or(bits).equals(existing.aggregationBits())) {
        return false;
      }
      if (!existing.aggregationBits().intersects(bits)) {
        aggregates.set(i, merge(existing, attestation));
        return true;
      }
    }
    if (aggregates.size() >= maxAggregatesPerData) {
      return false;
    }
    aggregates.add(attestation);
    return true;
  }

  /** Every aggregate held, oldest data first. */
  public synchronized List<Attestation> all() {
    List<Attestation> out = new ArrayList<>();
    byData.values().forEach(out::addAll);
    return out;
  }

  /** The aggregates for one attestation data root. */
  public synchronized List<Attestation> forData(Bytes32 dataRoot) {
    return List.copyOf(byData.getOrDefault(dataRoot, List.of()));
  }

  /** Drops data with a slot before {@code oldestIncludableSlot}; returns how many data roots went. */
  public synchronized int prune(long oldestIncludableSlot) {
    int before = byData.size();
    byData.values().removeIf(list -> list.getFirst().data().slot().longValue() < oldestIncludableSlot);
    return before - byData.size();
  }

  public synchronized int dataCount() {
    return byData.size();
  }

  private static boolean sameShape(Attestation a, Attestation b) {
    return a.type() == b.type() && a.committeeBits().equals(b.committeeBits())
        && a.aggregationBits().length() == b.aggregationBits().length();
  }

  @SuppressWarnings("unchecked")
  private static Attestation merge(Attestation a, Attestation b) {
    BlsSignature signature = Bls.aggregate(List.of(BlsSignature.fromBytes(a.signature()), BlsSignature.fromBytes(b.signature())));
    return Attestation.create((ContainerType<Attestation>) a.type(), a.aggregationBits().or(b.aggregationBits()), a.data(), signature.toBytes(),
        a.committeeBits());
  }

  /** Makes room by dropping the data with the lowest slot, if it is older than {@code slot}. */
  private boolean evictOldestBefore(long slot) {
    Bytes32 oldest = null;
    long oldestSlot = Long.MAX_VALUE;
    for (Iterator<Map.Entry<Bytes32, List<Attestation>>> it = byData.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Bytes32, List<Attestation>> e = it.next();
      long s = e.getValue().getFirst().data().slot().longValue();
      if (s < oldestSlot) {
        oldestSlot = s;
        oldest = e.getKey();
      }
    }
    if (oldest == null || oldestSlot >= slot) {
      return false;
    }
    byData.remove(oldest);
    return true;
  }
}
