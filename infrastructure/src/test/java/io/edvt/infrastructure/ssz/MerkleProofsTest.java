package io.edvt.infrastructure.ssz;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.infrastructure.ssz.types.SszTypes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class MerkleProofsTest {

  /** Five fields (a depth-3 field tree with padding), one of them a nested container. */
  static final class Outer extends SszContainer {
    static final ContainerType<Outer> TYPE = ContainerType.of("Outer", Outer::new,
        field("n", UINT64), field("inner", TestContainers.Fixed.TYPE), field("v", TestContainers.Var.TYPE),
        field("m", UINT64), field("root", BYTES32));

    private Outer(ContainerType<Outer> type, Object[] values) {
      super(type, values);
    }
  }

  private static Outer outer() {
    TestContainers.Fixed inner = TestContainers.Fixed.TYPE.create(UInt64.valueOf(7), true, Bytes32.repeat((byte) 3));
    TestContainers.Var v = TestContainers.var(9, new long[] {1, 2, 3}, SszBits.of(new byte[] {0b1010}, 5), Bytes.of(1, 2));
    return Outer.TYPE.create(UInt64.valueOf(11), inner, v, UInt64.valueOf(12), Bytes32.repeat((byte) 5));
  }

  /** Recomputes the root from a leaf and its branch, as is_valid_merkle_branch does. */
  private static Bytes32 rootFrom(Bytes32 leaf, List<Bytes32> branch, long generalizedIndex) {
    byte[] value = leaf.toArray();
    long index = MerkleProofs.indexAtDepth(generalizedIndex);
    for (int i = 0; i < branch.size(); i++) {
      byte[] sibling = branch.get(i).toArray();
      value = ((index >>> i) & 1) == 1 ? Sha256.hash(sibling, value) : Sha256.hash(value, sibling);
    }
    return Bytes32.wrap(value);
  }

  @Test
  void everyFieldAndNestedFieldProvesAgainstTheRoot() {
    Outer o = outer();
    // fields at depth 3: gindex 8 + field; the inner container's three fields below gindex 9
    long[] indices = {8, 9, 10, 11, 12, 9 * 4, 9 * 4 + 1, 9 * 4 + 2, 10 * 4 + 1};
    for (long g : indices) {
      List<Bytes32> branch = MerkleProofs.branch(o, g);
      assertThat(branch).hasSize(MerkleProofs.depth(g));
      assertThat(rootFrom(MerkleProofs.leaf(o, g), branch, g)).as("gindex %d", g).isEqualTo(o.hashTreeRoot());
    }
  }

  @Test
  void leavesAreTheFieldRoots() {
    Outer o = outer();
    assertThat(MerkleProofs.leaf(o, 12)).isEqualTo(Bytes32.repeat((byte) 5));
    assertThat(MerkleProofs.leaf(o, 9)).isEqualTo(((SszContainer) o.get(1)).hashTreeRoot());
    assertThat(MerkleProofs.leaf(o, 9 * 4 + 2)).isEqualTo(Bytes32.repeat((byte) 3));
  }

  @Test
  void aChangedSiblingChangesTheBranch() {
    Outer o = outer();
    Outer other = Outer.TYPE.create(UInt64.valueOf(11), o.get(1), o.get(2), UInt64.valueOf(13), o.get(4));
    assertThat(MerkleProofs.branch(other, 12)).isNotEqualTo(MerkleProofs.branch(o, 12));
    assertThat(MerkleProofs.branch(other, 9)).isNotEqualTo(MerkleProofs.branch(o, 9));
  }

  @Test
  void generalizedIndicesOfFieldsAndNestedFieldsAreThePositionsTheProofsUse() {
    assertThat(MerkleProofs.generalizedIndex(Outer.TYPE)).isEqualTo(1);
    assertThat(MerkleProofs.generalizedIndex(Outer.TYPE, "n")).isEqualTo(8);
    assertThat(MerkleProofs.generalizedIndex(Outer.TYPE, "root")).isEqualTo(12);
    assertThat(MerkleProofs.generalizedIndex(Outer.TYPE, "inner", "root")).isEqualTo(9 * 4 + 2);
    Outer o = outer();
    assertThat(MerkleProofs.leaf(o, MerkleProofs.generalizedIndex(Outer.TYPE, "inner", "root")))
        .isEqualTo(Bytes32.repeat((byte) 3));
    assertThatThrownBy(() -> MerkleProofs.generalizedIndex(Outer.TYPE, "missing")).hasMessageContaining("no field 'missing'");
    assertThatThrownBy(() -> MerkleProofs.generalizedIndex(Outer.TYPE, "n", "a")).hasMessageContaining("not a container");
  }

  @Test
  void badIndicesAreRefusedWithTheReason() {
    Outer o = outer();
    assertThatThrownBy(() -> MerkleProofs.branch(o, 0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> MerkleProofs.branch(o, 2)).hasMessageContaining("ends inside the field tree");
    assertThatThrownBy(() -> MerkleProofs.branch(o, 14)).hasMessageContaining("padding");
    assertThatThrownBy(() -> MerkleProofs.branch(o, 8 * 2)).hasMessageContaining("not a container");
  }
}
