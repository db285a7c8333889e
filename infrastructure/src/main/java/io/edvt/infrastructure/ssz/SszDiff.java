package io.edvt.infrastructure.ssz;

import io.edvt.infrastructure.ssz.types.CollectionType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The field-level differences between two SSZ values: which fields, list elements and nested
 * fields differ, with both values, down to the leaves ({@code validators[3].effective_balance:
 * 32000000000 -> 31000000000}). Subtrees with equal roots are skipped without being walked, so two
 * large states that differ in a few places are compared quickly once hashed.
 *
 * <p>Containers are matched field by field by name, so containers of two forks can be compared
 * (a field only one of them has is reported as {@code (absent)} on the other side). Lists and
 * vectors are compared element by element over their common length; elements beyond it are
 * reported as added or removed. At most {@code maxPerList} differing elements of one list are
 * reported, followed by one line with the count of the rest.
 */
public final class SszDiff {
  /** Shown for the side a field or element is missing from. */
  public static final String ABSENT = "(absent)";

  private static final int MAX_RENDERED = 160;

  /**
   * One difference.
   *
   * @param path where, from the compared value ({@code balances[3]}, {@code fork.epoch}); empty
   *     for the values themselves
   * @param left the value on the left ({@link #ABSENT} if it has none), rendered in the plain form
   * @param right the value on the right, rendered the same way
   */
  public record Difference(String path, String left, String right) {
    @Override
    public String toString() {
      return (path.isEmpty() ? "value" : path) + ": " + left + " -> " + right;
    }
  }

  private final int maxPerList;
  private final List<Difference> out = new ArrayList<>();

  private SszDiff(int maxPerList) {
    this.maxPerList = maxPerList;
  }

  /** The differences of two containers (of one type, or of two forks' types of one container). */
  public static List<Difference> of(SszContainer left, SszContainer right, int maxPerList) {
    SszDiff diff = new SszDiff(maxPerList);
    diff.containers(left, right, "");
    return List.copyOf(diff.out);
  }

  /** The differences of two values of {@code type}. */
  public static <T> List<Difference> of(SszType<T> type, T left, T right, int maxPerList) {
    SszDiff diff = new SszDiff(maxPerList);
    diff.values(type, left, type, right, "");
    return List.copyOf(diff.out);
  }

  /**
   * A one-line summary for failure messages: the first {@code max} differences of
   * {@code expected} and {@code actual} as {@code path: expected -> actual}, separated by
   * {@code ;}, and how many more there are.
   */
  public static String describe(SszContainer expected, SszContainer actual, int max) {
    List<Difference> all = of(expected, actual, max);
    if (all.isEmpty()) {
      return "none";
    }
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < all.size() && i < max; i++) {
      shown.add(all.get(i).toString());
    }
    return String.join("; ", shown) + (all.size() > max ? "; ... (" + (all.size() - max) + " more)" : "");
  }

  private void containers(SszContainer left, SszContainer right, String path) {
    ContainerType<?> lt = left.type();
    ContainerType<?> rt = right.type();
    if (lt == rt && Arrays.equals(left.hash(), right.hash())) {
      return;
    }
    for (int i = 0; i < lt.fieldCount(); i++) {
      String name = lt.fieldName(i);
      String at = join(path, name);
      if (!rt.fieldNames().contains(name)) {
        out.add(new Difference(at, render(lt.fields().get(i).type(), left.get(i)), ABSENT));
        continue;
      }
      int j = rt.fieldIndex(name);
      values(lt.fields().get(i).type(), left.get(i), rt.fields().get(j).type(), right.get(j), at);
    }
    for (int j = 0; j < rt.fieldCount(); j++) {
      String name = rt.fieldName(j);
      if (!lt.fieldNames().contains(name)) {
        out.add(new Difference(join(path, name), ABSENT, render(rt.fields().get(j).type(), right.get(j))));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void values(SszType<?> lt, Object left, SszType<?> rt, Object right, String path) {
    if (lt != rt && !lt.name().equals(rt.name())) {
      out.add(new Difference(path, lt.name() + " " + render(lt, left), rt.name() + " " + render(rt, right)));
      return;
    }
    if (left instanceof SszContainer lc && right instanceof SszContainer rc) {
      containers(lc, rc, path);
    } else if (left instanceof SszList<?> ll && right instanceof SszList<?> rl) {
      lists(ll, rl, path);
    } else if (!Arrays.equals(((SszType<Object>) lt).hashTreeRoot(left), ((SszType<Object>) rt).hashTreeRoot(right))) {
      out.add(new Difference(path, render(lt, left), render(rt, right)));
    }
  }

  private void lists(SszList<?> left, SszList<?> right, String path) {
    if (left.type() == right.type() && left.size() == right.size() && Arrays.equals(left.hash(), right.hash())) {
      return;
    }
    if (left.size() != right.size()) {
      out.add(new Difference(path + " length", Integer.toString(left.size()), Integer.toString(right.size())));
    }
    CollectionType<?> lt = left.type();
    CollectionType<?> rt = right.type();
    int common = Math.min(left.size(), right.size());
    int reported = 0;
    int more = 0;
    Iterator<?> li = left.iterator();
    Iterator<?> ri = right.iterator();
    for (int i = 0; i < common; i++) {
      Object l = li.next();
      Object r = ri.next();
      if (sameElement(lt.elementType(), l, rt.elementType(), r)) {
        continue;
      }
      if (reported < maxPerList) {
        values(lt.elementType(), l, rt.elementType(), r, path + "[" + i + "]");
        reported++;
      } else {
        more++;
      }
    }
    for (int i = common; i < Math.max(left.size(), right.size()); i++) {
      if (reported >= maxPerList) {
        more++;
        continue;
      }
      String at = path + "[" + i + "]";
      if (i < left.size()) {
        out.add(new Difference(at, render(lt.elementType(), li.next()), ABSENT));
      } else {
        out.add(new Difference(at, ABSENT, render(rt.elementType(), ri.next())));
      }
      reported++;
    }
    if (more > 0) {
      out.add(new Difference(path, "...", more + " more elements differ"));
    }
  }

  @SuppressWarnings("unchecked")
  private static boolean sameElement(SszType<?> lt, Object l, SszType<?> rt, Object r) {
    if (lt != rt) {
      return false;
    }
    if (l instanceof SszContainer || l instanceof SszList<?>) {
      return Arrays.equals(((SszType<Object>) lt).hashTreeRoot(l), ((SszType<Object>) rt).hashTreeRoot(r));
    }
    return Objects.equals(l, r);
  }

  /** The value in its plain form on one line, cut to a readable length. */
  @SuppressWarnings("unchecked")
  static String render(SszType<?> type, Object value) {
    StringBuilder sb = new StringBuilder();
    appendPlain(sb, ((SszType<Object>) type).toPlain(value));
    return sb.length() > MAX_RENDERED ? sb.substring(0, MAX_RENDERED) + "..." : sb.toString();
  }

  private static void appendPlain(StringBuilder sb, Object plain) {
    if (sb.length() > MAX_RENDERED) {
      return;
    }
    if (plain instanceof Map<?, ?> m) {
      sb.append('{');
      String sep = "";
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(sep).append(e.getKey()).append(": ");
        appendPlain(sb, e.getValue());
        sep = ", ";
      }
      sb.append('}');
    } else if (plain instanceof List<?> l) {
      sb.append('[');
      String sep = "";
      for (Object e : l) {
        sb.append(sep);
        appendPlain(sb, e);
        sep = ", ";
        if (sb.length() > MAX_RENDERED) {
          break;
        }
      }
      sb.append(']');
    } else if (plain instanceof BigInteger || plain instanceof Boolean || plain instanceof String) {
      sb.append(plain);
    } else {
      sb.append(Objects.toString(plain));
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
