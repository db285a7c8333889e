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
    if (size - from > BULK_SCAN) {
      // One pass over the registry tree rather than a root-to-leaf walk per validator, into a
      // map sized for the registry (growing a million-entry map step by step costs twice as much).
      if (from == 0) {
        indices = new ConcurrentHashMap<>(size + size / 3 + 16);
      }
      int k = 0;
      for (Validator v : state.<Validator>listValue(BeaconState.VALIDATORS)) {
        if (k >= from) {
          indices.put(v.pubkey(), k);
        }
        k++;
      }
    } else {
      for (int k = from; k < size; k++) {
        indices.put(validators.get(k).pubkey(), k);
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
}
