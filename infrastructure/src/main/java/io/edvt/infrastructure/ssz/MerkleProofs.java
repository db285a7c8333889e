package io.edvt.infrastructure.ssz;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.ssz.tree.Trees;
import io.edvt.infrastructure.ssz.types.ContainerType;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Single-leaf Merkle proofs into containers, addressed by generalized index (the root is {@code 1},
 * the children of {@code g} are {@code 2g} and {@code 2g + 1}). A path may pass through nested
 * containers (for example {@code BeaconState.finalized_checkpoint.root}); it ends at the root of
 * a field, which is what light-client and sidecar inclusion proofs prove.
 *
 * <p>The branch is returned leaf first, the order {@code is_valid_merkle_branch} consumes it.
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /** The node at {@code generalizedIndex} below {@code root}: a field root, or a nested one. */
  public static Bytes32 leaf(SszContainer root, long generalizedIndex) {
    return walk(root, generalizedIndex, null);
  }

  /** The sibling hashes from the node at {@code generalizedIndex} up to {@code root}. */
  public static List<Bytes32> branch(SszContainer root, long generalizedIndex) {
    List<Bytes32> topDown = new ArrayList<>();
    walk(root, generalizedIndex, topDown);
    return topDown.reversed();
  }

  /**
   * {@code get_generalized_index(type, *path)} for a path of field names through nested
   * containers: each field's position in its container's field tree, below the one before it.
   *
   * @throws IllegalArgumentException if a name is not a field, or a path goes below a field that
   *     is not a container
   */
  public static long generalizedIndex(ContainerType<?> type, String... path) {
    long generalizedIndex = 1;
    ContainerType<?> current = type;
    for (int i = 0; i < path.length; i++) {
      if (current == null) {
        throw new IllegalArgumentException("path " + String.join(".", path) + " goes below " + path[i - 1]
            + ", which is not a container");
      }
      int field = current.fieldIndex(path[i]);
      generalizedIndex = (generalizedIndex << Trees.ceilLog2(current.fieldCount())) + field;
      current = current.fields().get(field).type() instanceof ContainerType<?> nested ? nested : null;
    }
    return generalizedIndex;
  }

  /** The depth of a generalized index: the length of its branch. */
  public static int depth(long generalizedIndex) {
    requireValid(generalizedIndex);
    return 63 - Long.numberOfLeadingZeros(generalizedIndex);
  }

  /** The position of a generalized index among the nodes of its depth. */
  public static long indexAtDepth(long generalizedIndex) {
    return generalizedIndex - (1L << depth(generalizedIndex));
  }

  /**
   * Follows the path of {@code generalizedIndex} from the top, one container at a time, adding the
   * siblings met on the way (top-down) to {@code siblings} when it is not null.
   */
  private static Bytes32 walk(SszContainer container, long generalizedIndex, List<Bytes32> siblings) {
    int remaining = depth(generalizedIndex);
    SszContainer current = container;
    while (true) {
      int fieldCount = current.type().fieldCount();
      int fieldDepth = Trees.ceilLog2(fieldCount);
      if (remaining < fieldDepth) {
        throw new IllegalArgumentException("generalized index " + generalizedIndex
            + " ends inside the field tree of " + current.type().name() + ", not at a field root");
      }
      remaining -= fieldDepth;
      int field = (int) ((generalizedIndex >>> remaining) & ((1L << fieldDepth) - 1));
      if (field >= fieldCount) {
        throw new IllegalArgumentException("generalized index " + generalizedIndex
            + " points at padding of " + current.type().name() + " (field " + field + " of " + fieldCount + ")");
      }
      if (siblings != null) {
        addFieldSiblings(current, fieldDepth, field, siblings);
      }
      Object value = current.get(field);
      if (remaining == 0) {
        return Bytes32.wrap(current.type().fieldRoot(field, value));
      }
      if (!(value instanceof SszContainer nested)) {
        throw new IllegalArgumentException("generalized index " + generalizedIndex + " goes below field "
            + current.type().fieldName(field) + " of " + current.type().name() + ", which is not a container");
      }
      current = nested;
    }
  }

  /** The siblings of {@code field}'s leaf in the container's field tree, top-down. */
  private static void addFieldSiblings(SszContainer container, int fieldDepth, int field, List<Bytes32> out) {
    int width = 1 << fieldDepth;
    byte[][] level = new byte[width][];
    for (int i = 0; i < width; i++) {
      level[i] = i < container.type().fieldCount()
          ? container.type().fieldRoot(i, container.get(i))
          : new byte[32];
    }
    Bytes32[] bottomUp = new Bytes32[fieldDepth];
    int position = field;
    for (int d = 0; d < fieldDepth; d++) {
      bottomUp[d] = Bytes32.wrap(level[position ^ 1].clone());
      byte[][] parents = new byte[level.length / 2][];
      for (int i = 0; i < parents.length; i++) {
        parents[i] = Sha256.hash(level[2 * i], level[2 * i + 1]);
      }
      level = parents;
      position >>= 1;
    }
    for (int d = fieldDepth - 1; d >= 0; d--) {
      out.add(bottomUp[d]);
    }
  }

  private static void requireValid(long generalizedIndex) {
    if (generalizedIndex < 1) {
      throw new IllegalArgumentException("generalized index must be at least 1, got " + generalizedIndex);
    }
  }
}
