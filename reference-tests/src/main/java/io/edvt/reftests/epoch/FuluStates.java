package io.edvt.reftests.epoch;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.SkipCase;
import io.edvt.reftests.TestCase;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the state-based executors share: one {@link SpecFulu} per preset, reading the case's
 * states, the case's BLS setting, and a readable difference between two states.
 */
final class FuluStates {

  private FuluStates() {}

  /** The spec of the case's preset and fork (Fulu or EDVT); other forks are skipped with the reason. */
  static SpecFulu spec(TestCase c) {
    return ReferenceSpecs.spec(c.preset(), c.milestone());
  }

  /** {@code <name>.ssz_snappy} of the case as a Fulu {@code BeaconState}. */
  static BeaconState read(SpecFulu spec, TestCase c, String name) {
    return spec.schemas().beaconState().deserialize(c.ssz(name));
  }

  /**
   * The verifier the case's {@code meta.yaml} asks for: {@code bls_setting} 2 switches
   * signatures off (the spec then accepts every signature); 0 (optional) and 1 (required) verify.
   */
  static SignatureVerifier verifier(TestCase c) {
    if (c.has("meta.yaml") && c.yaml("meta.yaml").path("bls_setting").asInt(0) == 2) {
      return SignatureVerifier.NONE;
    }
    return SignatureVerifier.SIMPLE;
  }

  /** Null when the states have the same root, otherwise the differing top-level fields. */
  static String difference(BeaconState expected, BeaconState actual) {
    if (Arrays.equals(expected.hash(), actual.hash())) {
      return null;
    }
    ContainerType<?> type = expected.type();
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < type.fieldCount(); i++) {
      @SuppressWarnings("unchecked")
      SszType<Object> fieldType = (SszType<Object>) type.fields().get(i).type();
      Object e = expected.get(i);
      Object a = actual.get(i);
      if (!Arrays.equals(fieldType.hashTreeRoot(e), fieldType.hashTreeRoot(a))) {
        fields.add(type.fields().get(i).name() + describe(e, a));
      }
    }
    return "state root differs in " + String.join("; ", fields);
  }

  private static String describe(Object expected, Object actual) {
    if (expected instanceof SszList<?> e && actual instanceof SszList<?> a) {
      if (e.size() != a.size()) {
        return " (size: expected " + e.size() + ", got " + a.size() + ")";
      }
      List<?> el = e.asList();
      List<?> al = a.asList();
      int shown = 0;
      int differing = 0;
      StringBuilder sb = new StringBuilder(" (");
      for (int i = 0; i < el.size(); i++) {
        if (!el.get(i).equals(al.get(i))) {
          differing++;
          if (shown < 3) {
            sb.append(shown == 0 ? "" : ", ").append('[').append(i).append("] expected ").append(el.get(i))
                .append(" got ").append(al.get(i));
            shown++;
          }
        }
      }
      return sb.append(differing > shown ? ", ... " + differing + " elements differ" : "").append(')').toString();
    }
    return " (expected " + expected + ", got " + actual + ")";
  }
}
