package io.edvt.spec.logic.common;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.infrastructure.ssz.SszListEditor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.tuweni.bytes.Bytes48;

/**
 * Public key to validator index, and decompressed keys, shared by a state and all states derived
 * from it (validators are only ever appended, and an index's key never changes). A lookup is
 * always checked against the state at hand, so a stale entry from another fork is never
 * trusted: it falls back to a scan and corrects the map.
 */
public final class PubkeyIndex {
  private Map<Bytes48, Integer> indices = new ConcurrentHashMap<>();
  private final Map<Bytes48, BlsPublicKey> keys = new ConcurrentHashMap<>();
  private volatile int scanned;
  /** Above this many unscanned validators the scan iterates the whole list once. */
  private static final int BULK_SCAN = 1024;

  /** The shared index of a state (kept in its caches). */
  public static PubkeyIndex of(MutableBeaconState state) {
    return state.caches().get(PubkeyIndex.class, PubkeyIndex::new);
  }

  /** The index of the validator with {@code pubkey} in {@code state}, if any. */
  public synchronized Optional<Integer> indexOf(MutableBeaconState state, Bytes48 pubkey) {
    SszListEditor<Validator> validators = state.validators();
    int size = validators.size();
    Integer i = indices.get(pubkey);
    if (i != null && i < size && validators.get(i).pubkey().equals(pubkey)) {
      return Optional.of(i);
    }
    if (i != null) {
      // an entry from another fork or a longer registry: rebuild from this state
      indices.clear();
      scanned = 0;
    }
    int from = Math.min(scanned, size);
    // First index wins, as the spec's validator_pubkeys.index(pubkey) does for a key that
    // appears twice (only possible in a crafted genesis registry).
    if (size - from > BULK_SCAN) {
      // One pass over the registry tree rather than a root-to-leaf walk per validator, into a
      // map sized for the registry (growing a million-entry map step by step costs twice as much).
      if (from == 0) {
        indices = new ConcurrentHashMap<>(size + size / 3 + 16);
      }
      int k = 0;
      for (Validator v : state.<Validator>listValue(BeaconState.VALIDATORS)) {
        if (k >= from) {
          indices.putIfAbsent(v.pubkey(), k);
        }
        k++;
      }
    } else {
      for (int k = from; k < size; k++) {
        indices.putIfAbsent(validators.get(k).pubkey(), k);
      }
    }
    scanned = size;
    Integer found = indices.get(pubkey);
    return found != null && found < size && validators.get(found).pubkey().equals(pubkey)
        ? Optional.of(found)
        : Optional.empty();
  }

  /** The decompressed key for {@code pubkey} (decompressed and checked once, then cached). */
  public BlsPublicKey publicKey(Bytes48 pubkey) {
    return keys.computeIfAbsent(pubkey, BlsPublicKey::fromBytes);
  }

  /**
   * Decompresses and KeyValidates every registry key of {@code state} ahead of need, in
   * {@code parts} tasks of consecutive validators on {@code executor}, and remembers each by its
   * validator index, as {@link #publicKey(int, Bytes48)} would on first use. A node calls it right
   * after loading a state (a restart), so that its first blocks find their attesters' keys ready:
   * without it the first full block decompresses and subgroup-checks every attester's key on the
   * block's own thread (about 1 s for the 16,384 attesters of a full mainnet block). Blocks
   * processed while it runs share its results (a key done by both is done twice, harmlessly); an
   * invalid key is cached as invalid, exactly as a lookup in a block would cache it.
   *
   * @return completes when every key of the registry as it was at the call is cached; completes
   *     exceptionally when a task's thread is interrupted (an executor shut down with
   *     {@code shutdownNow}), which stops that task at its next key
   */
  public java.util.concurrent.CompletableFuture<Void> warmUp(MutableBeaconState state, java.util.concurrent.Executor executor, int parts) {
    int size = state.validators().size();
    Bytes48[] pubkeys = new Bytes48[size];
    int k = 0;
    for (Validator v : state.<Validator>listValue(BeaconState.VALIDATORS)) {
      pubkeys[k++] = v.pubkey();
    }
    Bytes48 syncAggregate = state.currentSyncCommittee().aggregatePubkey();
    ensureCapacity(size);
    int n = Math.max(1, parts);
    java.util.concurrent.CompletableFuture<?>[] tasks = new java.util.concurrent.CompletableFuture<?>[n];
    for (int p = 0; p < n; p++) {
      int from = (int) ((long) size * p / n);
      int to = (int) ((long) size * (p + 1) / n);
      tasks[p] = java.util.concurrent.CompletableFuture.runAsync(() -> {
        if (from == 0) {
          publicKey(syncAggregate).isValid(); // a full sync aggregate is checked against it
        }
        for (int i = from; i < to; i++) {
          if (Thread.currentThread().isInterrupted()) {
            // the owner is shutting down: stop early; the keys done so far stay cached
            throw new java.util.concurrent.CancellationException("public key warm-up stopped at validator " + i);
          }
          publicKey(i, pubkeys[i]).isValid();
        }
      }, executor);
    }
    return java.util.concurrent.CompletableFuture.allOf(tasks);
  }

  /** A key remembered for a validator index, with the pubkey bytes it was remembered for. */
  private record IndexedKey(Bytes48 pubkey, BlsPublicKey key) {}

  private volatile IndexedKey[] byIndex = new IndexedKey[0];

  /**
   * The decompressed key of validator {@code validatorIndex}, whose registry pubkey is
   * {@code pubkey}: the same key as {@link #publicKey(Bytes48)}, found by index. Attestation
   * processing asks for tens of thousands of keys per block, and a lookup by index avoids
   * hashing 48-byte keys in a map of the whole registry. The remembered entry is only used
   * when it was made for the same pubkey bytes (usually the very same object, since a
   * validator's pubkey is never rewritten), so a state of another fork with a different
   * validator at that index still gets its own key.
   */
  public BlsPublicKey publicKey(int validatorIndex, Bytes48 pubkey) {
    IndexedKey[] remembered = byIndex;
    if (validatorIndex < remembered.length) {
      IndexedKey e = remembered[validatorIndex];
      if (e != null && (e.pubkey() == pubkey || e.pubkey().equals(pubkey))) {
        return e.key();
      }
    }
    BlsPublicKey key = publicKey(pubkey);
    remember(validatorIndex, new IndexedKey(pubkey, key));
    return key;
  }

  /**
   * Whether a decompressed key is remembered for validator {@code validatorIndex}, so that
   * {@link #publicKey(int, Bytes48)} answers it without decompressing (for a key of the registry
   * that filled this index).
   */
  public boolean remembers(int validatorIndex) {
    IndexedKey[] remembered = byIndex;
    return validatorIndex >= 0 && validatorIndex < remembered.length && remembered[validatorIndex] != null;
  }

  private synchronized void ensureCapacity(int size) {
    if (byIndex.length < size) {
      byIndex = java.util.Arrays.copyOf(byIndex, size);
    }
  }

  private synchronized void remember(int validatorIndex, IndexedKey entry) {
    IndexedKey[] remembered = byIndex;
    if (validatorIndex >= remembered.length) {
      remembered = java.util.Arrays.copyOf(remembered, Math.max(validatorIndex + 1, remembered.length * 2));
      byIndex = remembered;
    }
    // a racing reader may miss this entry and look the key up by bytes: harmless
    remembered[validatorIndex] = entry;
  }
}
