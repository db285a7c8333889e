package io.edvt.reftests.completeness;

import io.edvt.reftests.Selection;
import io.edvt.reftests.TestCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the cases found under the official root with the {@link VectorManifest}: a handler (or
 * a whole runner) that is missing, or fewer cases than the known count, is a {@link Shortfall} of
 * that group, which the runner reports as a failure; a partial tree can no longer pass as complete.
 *
 * <p>What is expected depends on the root: the provided set ({@code ../shared/vectors}) must
 * have every group of {@link VectorManifest#providedCounts()} with at least that many cases; a
 * full download ({@code CONSENSUS_SPEC_TESTS_DIR}) must have every group of the release, and at
 * least the provided counts (the provided set is a subset of the release, generated the same way,
 * so the release has as many cases or more: {@code ssz_static} keeps 30 per suite, not 3).
 */
public final class CompletenessCheck {

  /** Which vectors the official root holds. */
  public enum Expected {
    /** The provided subset, {@code ../shared/vectors}. */
    PROVIDED,
    /** A full download of the release. */
    RELEASE
  }

  /** A group with fewer cases than expected. */
  public record Shortfall(String group, String message) {}

  private final VectorManifest manifest;

  public CompletenessCheck(VectorManifest manifest) {
    this.manifest = manifest;
  }

  /** The shortfalls of {@code cases} (those of the official root) among the groups {@code selection} covers. */
  public List<Shortfall> shortfalls(List<TestCase> cases, Expected expected, Selection selection) {
    Map<String, Integer> found = new TreeMap<>();
    for (TestCase c : cases) {
      found.merge(c.group(), 1, Integer::sum);
    }
    List<String> groups = switch (expected) {
      case PROVIDED -> List.copyOf(manifest.providedCounts().keySet());
      case RELEASE -> List.copyOf(manifest.releaseGroups());
    };
    List<Shortfall> out = new ArrayList<>();
    for (String group : groups) {
      if (!selection.coversGroup(group)) {
        continue;
      }
      int have = found.getOrDefault(group, 0);
      Integer known = manifest.providedCounts().get(group);
      if (have == 0) {
        out.add(new Shortfall(group, missing(group, found, known, expected)));
      } else if (known != null && have < known) {
        out.add(new Shortfall(group, "only " + have + " cases, the " + describe(expected) + " have " + known));
      }
    }
    return out;
  }

  private String missing(String group, Map<String, Integer> found, Integer known, Expected expected) {
    String runner = group.substring(0, group.lastIndexOf('/'));
    boolean runnerMissing = found.keySet().stream().noneMatch(g -> g.startsWith(runner + "/"));
    String what = runnerMissing ? "no case of runner " + runner + " (so none of this handler)" : "no case of this handler";
    return what + ": the " + describe(expected) + " have " + (known == null ? "it" : known + " cases of it");
  }

  private String describe(Expected expected) {
    return switch (expected) {
      case PROVIDED -> "provided vectors (../shared/vectors, " + manifest.release() + ")";
      case RELEASE -> "consensus-spec-tests " + manifest.release() + " vectors";
    };
  }
}
