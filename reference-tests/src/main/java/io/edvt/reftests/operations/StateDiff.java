package io.edvt.reftests.operations;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Names the top-level fields in which two containers (states) differ, for failure messages. */
public final class StateDiff {
  private static final int MAX_LISTED = 8;

  private StateDiff() {}

  /**
   * The differing fields of {@code expected} and {@code actual} (same type), each with a hint:
   * both values for a scalar, sizes and the first differing index for a list.
   */
  public static String describe(SszContainer expected, SszContainer actual) {
    ContainerType<?> type = expected.type();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < type.fields().size(); i++) {
      ContainerType.Field field = type.fields().get(i);
      Object e = expected.get(i);
      Object a = actual.get(i);
      if (!Arrays.equals(root(field.type(), e), root(field.type(), a))) {
        out.add(field.name() + " (" + hint(e, a) + ")");
      }
    }
    return out.isEmpty() ? "none (the containers' types differ?)" : String.join(", ", out);
  }

  @SuppressWarnings("unchecked")
  private static byte[] root(SszType<?> type, Object value) {
    return ((SszType<Object>) type).hashTreeRoot(value);
  }

  private static String hint(Object expected, Object actual) {
    if (expected instanceof SszList<?> e && actual instanceof SszList<?> a) {
      if (e.size() != a.size()) {
        return "size " + a.size() + ", expected " + e.size();
      }
      List<Integer> indices = new ArrayList<>();
      for (int i = 0; i < e.size() && indices.size() < MAX_LISTED; i++) {
        if (!Objects.equals(e.get(i), a.get(i))) {
          indices.add(i);
        }
      }
      if (indices.size() == 1) {
        int i = indices.get(0);
        return "index " + i + ": " + a.get(i) + ", expected " + e.get(i);
      }
      return "indices " + indices + (indices.size() == MAX_LISTED ? "..." : "");
    }
    return actual + ", expected " + expected;
  }
}
