package io.edvt.reftests.state;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.SkipCase;
import io.edvt.reftests.TestCase;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the state-transition executors share: the case's spec, its {@code pre}/{@code post}
 * states and blocks, its {@code bls_setting}, and a comparison of states that names the fields
 * (and list elements) that differ.
 */
public final class StateCases {
  private StateCases() {}

  /** The logic for the case's preset and fork; cases with their own {@code config.yaml} are skipped. */
  public static SpecFulu spec(TestCase c) {
    if (c.has("config.yaml")) {
      throw new SkipCase("cases with their own config.yaml are not supported by the state-transition executors yet");
    }
    return ReferenceSpecs.spec(c.preset(), c.milestone());
  }

  /** {@code <name>.ssz_snappy} as a state of the case's fork. */
  public static BeaconState state(SpecFulu spec, TestCase c, String name) {
    return spec.schemas().beaconState().deserialize(c.ssz(name));
  }

  /** {@code blocks_<i>.ssz_snappy} for {@code i < meta.yaml blocks_count}. */
  public static List<SignedBeaconBlock> blocks(SpecFulu spec, TestCase c) {
    int count = c.yaml("meta.yaml").path("blocks_count").asInt(-1);
    if (count < 0) {
      throw new IllegalStateException("meta.yaml has no blocks_count");
    }
    List<SignedBeaconBlock> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(spec.schemas().signedBeaconBlock().deserialize(c.ssz("blocks_" + i)));
    }
    return out;
  }

  /** The case's {@code bls_setting} (0 when absent). */
  public static int blsSetting(TestCase c) {
    return c.has("meta.yaml") ? c.yaml("meta.yaml").path("bls_setting").asInt(0) : 0;
  }

  /**
   * The verifier for one block under the case's {@code bls_setting}: 0 or 1 verify (a fresh
   * batch per block), 2 ignores signatures.
   */
  public static SignatureVerifier verifierFor(int blsSetting) {
    return switch (blsSetting) {
      case 0, 1 -> new SignatureVerifier.Batch();
      case 2 -> SignatureVerifier.NONE;
      default -> throw new IllegalStateException("unknown bls_setting " + blsSetting);
    };
  }

  /** Fails unless {@code actual} has {@code expected}'s root, naming up to five differing fields. */
  public static void assertStateEquals(BeaconState expected, BeaconState actual) {
    if (expected.type() == actual.type() && expected.hashTreeRoot().equals(actual.hashTreeRoot())) {
      return;
    }
    throw new AssertionError("post-state differs from the expected one: " + differences(expected, actual));
  }

  /** The fields of two containers of the same layout whose values differ (at most five). */
  static String differences(SszContainer expected, SszContainer actual) {
    ContainerType<?> type = expected.type();
    if (!type.fieldNames().equals(actual.type().fieldNames())) {
      return "different types " + type.fieldNames().size() + " fields vs " + actual.type().fieldNames().size();
    }
    List<String> diffs = new ArrayList<>();
    for (int i = 0; i < type.fieldCount() && diffs.size() < 5; i++) {
      Object e = expected.get(i);
      Object a = actual.get(i);
      if (!Objects.equals(e, a) && !sameRoot(e, a)) {
        diffs.add(type.fieldNames().get(i) + describe(e, a));
      }
    }
    return String.join("; ", diffs);
  }

  private static boolean sameRoot(Object e, Object a) {
    if (e instanceof SszList<?> le && a instanceof SszList<?> la) {
      return java.util.Arrays.equals(le.hash(), la.hash()) && le.size() == la.size();
    }
    return false;
  }

  private static String describe(Object e, Object a) {
    if (e instanceof SszList<?> le && a instanceof SszList<?> la) {
      if (le.size() != la.size()) {
        return " (length " + le.size() + " expected, " + la.size() + " actual)";
      }
      List<?> el = le.asList();
      List<?> al = la.asList();
      StringBuilder sb = new StringBuilder(" (");
      int shown = 0;
      int total = 0;
      for (int i = 0; i < el.size(); i++) {
        if (!Objects.equals(el.get(i), al.get(i))) {
          if (shown < 3) {
            sb.append(shown == 0 ? "" : ", ").append('[').append(i).append("] expected ").append(el.get(i))
                .append(" actual ").append(al.get(i));
            shown++;
          }
          total++;
        }
      }
      return sb.append(total > shown ? ", ... " + total + " elements differ" : "").append(')').toString();
    }
    if (e instanceof SszContainer ce && a instanceof SszContainer ca && ce.type() == ca.type()) {
      return " {" + differences(ce, ca) + "}";
    }
    return ": expected " + e + " actual " + a;
  }
}
