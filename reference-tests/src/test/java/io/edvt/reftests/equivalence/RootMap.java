package io.edvt.reftests.equivalence;

import java.util.HashMap;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Fulu's roots and their EDVT counterparts within one case: every state root (an EDVT state has
 * more fields, so its root differs), block root and body root (an EDVT block has more fields). A
 * Fulu post state's {@code block_roots}, {@code state_roots} and {@code latest_block_header} mapped
 * through it are what EDVT's must hold.
 */
final class RootMap {
  private final Map<Bytes32, Bytes32> fuluToEdvt = new HashMap<>();

  void put(Bytes32 fulu, Bytes32 edvt) {
    Bytes32 known = fuluToEdvt.putIfAbsent(fulu, edvt);
    if (known != null && !known.equals(edvt)) {
      throw new IllegalStateException("Fulu root " + fulu + " has two EDVT counterparts: " + known + " and " + edvt);
    }
  }

  /** The EDVT counterpart of {@code fulu}, or {@code fulu} itself when the case made no such root (zero, or older). */
  Bytes32 map(Bytes32 fulu) {
    return fuluToEdvt.getOrDefault(fulu, fulu);
  }

  boolean isEmpty() {
    return fuluToEdvt.isEmpty();
  }
}
