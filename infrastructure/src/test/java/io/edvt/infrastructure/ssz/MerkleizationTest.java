package io.edvt.infrastructure.ssz;

import static io.edvt.infrastructure.ssz.types.SszTypes.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.ssz.TestContainers.Fixed;
import io.edvt.infrastructure.ssz.tree.ZeroNode;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class MerkleizationTest {

  private static byte[] h(byte[] a, byte[] b) {
    return Sha256.hashPair(a, b);
  }

  private static byte[] chunkOfLong(long v) {
    byte[] c = new byte[32];
    for (int i = 0; i < 8; i++) {
      c[i] = (byte) (v >>> (8 * i));
    }
    return c;
  }

  @Test
  void listRootFollowsTheSpecDefinitionByHand() {
    // List[uint64, 5]: 5 * 8 bytes -> 2 chunks -> depth 1; [1, 2, 3, 4, 5]
    ListType<UInt64> type = list(UINT64, 5);
    List<UInt64> values = new ArrayList<>();
    for (long i = 1; i <= 5; i++) {
      values.add(UInt64.valueOf(i));
    }
    byte[] c0 = new byte[32];
    byte[] c1 = new byte[32];
    for (int i = 0; i < 4; i++) {
      c0[8 * i] = (byte) (i + 1);
    }
    c1[0] = 5;
    byte[] expected = h(h(c0, c1), chunkOfLong(5));
    assertThat(type.of(values).hash()).isEqualTo(expected);
  }

  @Test
  void emptyListRootIsZeroHashAtLimitDepthMixedWithZero() {
    ListType<Fixed> type = list(Fixed.TYPE, 1L << 40);
    byte[] expected = h(ZeroNode.hashAt(40), new byte[32]);
    assertThat(type.defaultValue().hash()).isEqualTo(expected);
  }

  @Test
  void containerRootMerkleizesFieldRoots() {
    Fixed f = Fixed.TYPE.create(UInt64.valueOf(3), Boolean.TRUE, Bytes32.fromHexString("0x" + "ab".repeat(32)));
    byte[] a = chunkOfLong(3);
    byte[] flag = chunkOfLong(1);
    byte[] root = Bytes32.fromHexString("0x" + "ab".repeat(32)).toArray();
    byte[] expected = h(h(a, flag), h(root, new byte[32]));
    assertThat(f.hash()).isEqualTo(expected);
  }

  @Test
  void incrementalUpdatesGiveTheSameRootAsAFreshBuild() {
    Random random = new Random(42);
    ListType<Fixed> type = list(Fixed.TYPE, 1L << 40);
    List<Fixed> items = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      items.add(Fixed.TYPE.create(UInt64.valueOf(random.nextInt(1 << 20)), random.nextBoolean(), Bytes32.random(random)));
    }
    SszList<Fixed> list = type.of(items);
    list.hash();
    for (int k = 0; k < 50; k++) {
      int i = random.nextInt(items.size());
      Fixed changed = items.get(i).withA(UInt64.valueOf(random.nextInt(1 << 20)));
      items.set(i, changed);
      list = list.set(i, changed);
      assertThat(list.hash()).isEqualTo(type.of(items).hash());
    }
    Fixed extra = Fixed.TYPE.defaultValue().withA(UInt64.valueOf(99));
    items.add(extra);
    list = list.append(extra);
    assertThat(list.hash()).isEqualTo(type.of(items).hash());
    assertThat(type.deserialize(list.serialize())).isEqualTo(list);
  }

  @Test
  void appendGrowsThroughPowersOfTwoWithTheRightRoot() {
    ListType<UInt64> type = list(UINT64, 1L << 40);
    SszList<UInt64> list = type.defaultValue();
    List<UInt64> items = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      list = list.append(UInt64.valueOf(i * 7L));
      items.add(UInt64.valueOf(i * 7L));
      assertThat(list.hash()).isEqualTo(type.of(items).hash());
      assertThat(list.get(i)).isEqualTo(UInt64.valueOf(i * 7L));
    }
    assertThat(type.deserialize(list.serialize()).asList()).isEqualTo(items);
  }

  @Test
  void builderCommitsManyUpdatesLikeSingleSets() {
    Random random = new Random(7);
    ListType<UInt64> type = list(UINT64, 1L << 40);
    List<UInt64> items = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      items.add(UInt64.valueOf(random.nextInt(1000)));
    }
    SszList<UInt64> base = type.of(items);
    base.hash();
    SszListEditor<UInt64> builder = base.edit();
    SszList<UInt64> oneByOne = base;
    for (int k = 0; k < 300; k++) {
      int i = random.nextInt(items.size());
      UInt64 v = UInt64.valueOf(random.nextInt(1000));
      builder.set(i, v);
      oneByOne = oneByOne.set(i, v);
    }
    builder.append(UInt64.valueOf(5));
    oneByOne = oneByOne.append(UInt64.valueOf(5));
    SszList<UInt64> built = builder.commit();
    assertThat(built.hash()).isEqualTo(oneByOne.hash());
    assertThat(built.asList()).isEqualTo(oneByOne.asList());
    assertThat(base.size()).isEqualTo(5000); // the original is untouched
  }

  @Test
  void bulkLongAndByteRewritesMatchElementWrites() {
    ListType<UInt64> longs = list(UINT64, 1L << 40);
    List<UInt64> items = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      items.add(UInt64.valueOf(i * 3L));
    }
    SszList<UInt64> base = longs.of(items);
    long[] values = base.toLongArray();
    assertThat(values[1000]).isEqualTo(3000L);
    values[5] = 77;
    SszList<UInt64> rewritten = base.withLongs(values);
    assertThat(rewritten.hash()).isEqualTo(base.set(5, UInt64.valueOf(77)).hash());
    long[] grown = java.util.Arrays.copyOf(values, 1500);
    assertThat(base.withLongs(grown).size()).isEqualTo(1500);
    assertThat(base.withLongs(grown).hash()).isEqualTo(longs.deserialize(base.withLongs(grown).serialize()).hash());

    ListType<Integer> flags = list(UINT8, 1L << 40);
    List<Integer> fs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      fs.add(i % 8);
    }
    SszList<Integer> f = flags.of(fs);
    byte[] bytes = f.toByteArray();
    bytes[99] = 7;
    assertThat(f.withBytes(bytes).hash()).isEqualTo(f.set(99, 7).hash());
    assertThat(f.withBytes(new byte[3]).hash()).isEqualTo(flags.of(List.of(0, 0, 0)).hash());
  }

  @Test
  void editorReadsItsOwnWritesAndLeavesTheOriginalAlone() {
    ListType<Fixed> type = list(Fixed.TYPE, 1L << 40);
    SszList<Fixed> base = type.of(List.of(Fixed.TYPE.defaultValue(), Fixed.TYPE.defaultValue()));
    SszListEditor<Fixed> editor = base.edit();
    Fixed changed = Fixed.TYPE.defaultValue().withA(UInt64.valueOf(9));
    editor.set(1, changed).append(changed).append(changed);
    assertThat(editor.get(1)).isEqualTo(changed);
    assertThat(editor.size()).isEqualTo(4);
    SszList<Fixed> done = editor.commit();
    assertThat(done.hash()).isEqualTo(type.of(List.of(Fixed.TYPE.defaultValue(), changed, changed, changed)).hash());
    assertThat(base.size()).isEqualTo(2);
    assertThat(base.get(1)).isEqualTo(Fixed.TYPE.defaultValue());
  }

  @Test
  void unchangedSubtreesAreSharedAfterAnUpdate() {
    ListType<UInt64> type = list(UINT64, 1L << 40);
    List<UInt64> items = new ArrayList<>();
    for (int i = 0; i < 4096; i++) {
      items.add(UInt64.valueOf(i));
    }
    SszList<UInt64> a = type.of(items);
    SszList<UInt64> b = a.set(0, UInt64.valueOf(12345));
    var rootA = (io.edvt.infrastructure.ssz.tree.Branch) a.contentRoot();
    var rootB = (io.edvt.infrastructure.ssz.tree.Branch) b.contentRoot();
    assertThat(rootB.right()).isSameAs(rootA.right());
    assertThat(rootB.left()).isNotSameAs(rootA.left());
  }

  @Test
  void vectorDefaultOfCompositeElementsHasTheDefaultRoot() {
    var type = vector(Fixed.TYPE, 5);
    SszList<Fixed> v = type.defaultValue();
    assertThat(v.size()).isEqualTo(5);
    assertThat(v.get(4)).isEqualTo(Fixed.TYPE.defaultValue());
    List<Fixed> same = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      same.add(Fixed.TYPE.create(UInt64.ZERO, Boolean.FALSE, Bytes32.ZERO));
    }
    assertThat(v.hash()).isEqualTo(type.of(same).hash());
  }

  @Test
  void largeListsHashTheSameInParallel() {
    ListType<UInt64> type = list(UINT64, 1L << 40);
    List<UInt64> items = new ArrayList<>();
    for (int i = 0; i < 300_000; i++) {
      items.add(UInt64.valueOf(i ^ 0x5555));
    }
    byte[] parallel = type.of(items).hash();
    // Sequential reference: hash the content tree bottom-up through Node.hash() only.
    SszList<UInt64> again = type.of(items);
    byte[] content = again.contentRoot().hash();
    byte[] sequential = type.rootFromContent(content, again.contentDepth(), again.size());
    assertThat(parallel).isEqualTo(sequential);
  }
}
