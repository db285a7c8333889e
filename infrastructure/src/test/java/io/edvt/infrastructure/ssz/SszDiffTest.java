package io.edvt.infrastructure.ssz;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.infrastructure.ssz.types.SszTypes.BYTES32;
import static io.edvt.infrastructure.ssz.types.SszTypes.UINT64;
import static io.edvt.infrastructure.ssz.types.SszTypes.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.ssz.SszDiff.Difference;
import io.edvt.infrastructure.ssz.TestContainers.Fixed;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class SszDiffTest {
  /** A state-shaped container: a scalar, a list of containers, a packed list. */
  static final class Outer extends SszContainer {
    static final ListType<Fixed> ITEMS = list(Fixed.TYPE, 100);
    static final ListType<UInt64> BALANCES = list(UINT64, 100);
    static final ContainerType<Outer> TYPE = ContainerType.of("Outer", Outer::new,
        field("slot", UINT64), field("items", ITEMS), field("balances", BALANCES));

    private Outer(ContainerType<Outer> type, Object[] values) {
      super(type, values);
    }
  }

  /** The same container with one more field, as a later fork adds one. */
  static final class Later extends SszContainer {
    static final ContainerType<Later> TYPE = ContainerType.of("Outer", Later::new,
        field("slot", UINT64), field("items", Outer.ITEMS), field("balances", Outer.BALANCES), field("extra", BYTES32));

    private Later(ContainerType<Later> type, Object[] values) {
      super(type, values);
    }
  }

  private static Fixed fixed(long a) {
    return Fixed.TYPE.create(UInt64.valueOf(a), false, Bytes32.ZERO);
  }

  private static Outer outer(long slot, long[] items, long[] balances) {
    List<Fixed> fs = new ArrayList<>();
    for (long a : items) {
      fs.add(fixed(a));
    }
    List<UInt64> bs = new ArrayList<>();
    for (long b : balances) {
      bs.add(UInt64.valueOf(b));
    }
    return Outer.TYPE.create(UInt64.valueOf(slot), Outer.ITEMS.of(fs), Outer.BALANCES.of(bs));
  }

  private static List<String> lines(List<Difference> diffs) {
    return diffs.stream().map(Difference::toString).toList();
  }

  @Test
  void equalValuesHaveNoDifference() {
    assertThat(SszDiff.of(outer(1, new long[] {1, 2}, new long[] {5}), outer(1, new long[] {1, 2}, new long[] {5}), 10))
        .isEmpty();
  }

  @Test
  void namesTheChangedScalarTheNestedFieldOfAListElementAndThePackedElement() {
    Outer a = outer(8, new long[] {1, 2, 3}, new long[] {10, 20, 30});
    Outer b = outer(9, new long[] {1, 7, 3}, new long[] {10, 20, 31});
    assertThat(lines(SszDiff.of(a, b, 10))).containsExactly(
        "slot: 8 -> 9",
        "items[1].a: 2 -> 7",
        "balances[2]: 30 -> 31");
  }

  @Test
  void reportsALengthChangeAndTheAddedElements() {
    Outer a = outer(1, new long[] {1}, new long[] {10});
    Outer b = outer(1, new long[] {1, 2}, new long[] {10});
    assertThat(lines(SszDiff.of(a, b, 10))).containsExactly(
        "items length: 1 -> 2",
        "items[1]: (absent) -> {a: 2, flag: false, root: 0x0000000000000000000000000000000000000000000000000000000000000000}");
  }

  @Test
  void listsAtMostMaxPerListElementsAndCountsTheRest() {
    long[] zeros = new long[20];
    long[] ones = new long[20];
    java.util.Arrays.fill(ones, 1);
    List<String> out = lines(SszDiff.of(outer(0, new long[0], zeros), outer(0, new long[0], ones), 3));
    assertThat(out).containsExactly("balances[0]: 0 -> 1", "balances[1]: 0 -> 1", "balances[2]: 0 -> 1",
        "balances: ... -> 17 more elements differ");
  }

  @Test
  void comparesContainersOfTwoForksByFieldName() {
    Outer a = outer(3, new long[0], new long[0]);
    Later b = Later.TYPE.create(UInt64.valueOf(4), Outer.ITEMS.of(List.of()), Outer.BALANCES.of(List.of()), Bytes32.ZERO);
    assertThat(lines(SszDiff.of(a, b, 10))).containsExactly(
        "slot: 3 -> 4",
        "extra: (absent) -> 0x0000000000000000000000000000000000000000000000000000000000000000");
  }

  @Test
  void describeIsOneLineWithTheFirstDifferencesAndACount() {
    Outer a = outer(8, new long[] {1, 2, 3}, new long[] {10, 20, 30});
    Outer b = outer(9, new long[] {1, 7, 3}, new long[] {10, 20, 31});
    assertThat(SszDiff.describe(a, b, 2)).isEqualTo("slot: 8 -> 9; items[1].a: 2 -> 7; ... (1 more)");
    assertThat(SszDiff.describe(a, a, 2)).isEqualTo("none");
  }
}
