package io.edvt.simulator.chain;

import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes48;
import supranational.blst.P1;

/**
 * Public keys for simulated signers: key {@code k} is {@code (k + 1) * G1}, computed by one point
 * addition per key, so a hundred thousand valid, distinct BLS keys cost about a second (the
 * interop keys cost a scalar multiplication each). The simulator checks no signatures, but the
 * state transition aggregates the sync committee's keys at every period boundary, which needs
 * keys on the curve. The secret key of key {@code k} is the scalar {@code k + 1}: not secret, and
 * not meant to be.
 */
public final class SimKeys {
  private SimKeys() {}

  /** Keys {@code 0 .. count - 1}. */
  public static List<Bytes48> first(int count) {
    List<Bytes48> out = new ArrayList<>(count);
    P1 generator = P1.generator();
    P1 point = P1.generator();
    for (int k = 0; k < count; k++) {
      out.add(Bytes48.wrap(point.compress()));
      point = point.add(generator);
    }
    return out;
  }
}
