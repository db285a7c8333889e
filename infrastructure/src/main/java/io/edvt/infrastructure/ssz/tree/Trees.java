package io.edvt.infrastructure.ssz.tree;

import io.edvt.infrastructure.crypto.Sha256;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Operations on persistent binary Merkle trees addressed by (depth, index): a tree of depth
 * {@code d} has {@code 2^d} leaf positions, index 0 leftmost. Updates copy one path and share
 * the rest, so the new tree's hash recomputes only the changed path.
 */
public final class Trees {
  /** Subtrees with at least this many leaves are hashed in parallel when hashed fresh. */
  private static final int PARALLEL_DEPTH = 12;

  private Trees() {}

  /** The left ({@code right == false}) or right child of a node at {@code depth >= 1}. */
  public static Node child(Node node, int depth, boolean right) {
    if (node instanceof Branch b) {
      return right ? b.right() : b.left();
    }
    if (node instanceof ZeroNode) {
      return ZeroNode.of(depth - 1);
    }
    throw new IllegalStateException("a leaf has no children (depth " + depth + ")");
  }

  /** The leaf at {@code index} of a tree of the given depth. */
  public static Node get(Node root, int depth, long index) {
    Node n = root;
    for (int level = depth - 1; level >= 0; level--) {
      if (n instanceof Branch b) {
        n = ((index >>> level) & 1) == 0 ? b.left() : b.right();
      } else if (n instanceof ZeroNode) {
        return ZeroNode.of(0);
      } else {
        throw new IllegalStateException("leaf reached above depth 0");
      }
    }
    return n;
  }

  /** A new tree equal to {@code root} but with {@code leaf} at {@code index}. */
  public static Node set(Node root, int depth, long index, Node leaf) {
    if (depth == 0) {
      return leaf;
    }
    boolean right = ((index >>> (depth - 1)) & 1) == 1;
    Node l = child(root, depth, false);
    Node r = child(root, depth, true);
    return right
        ? new Branch(l, set(r, depth - 1, index, leaf))
        : new Branch(set(l, depth - 1, index, leaf), r);
  }

  /**
   * Applies many leaf updates in one pass: {@code indices} strictly increasing, {@code leaves}
   * in the same order, positions {@code [from, to)} of both arrays used. Every touched inner node
   * is rebuilt once, untouched subtrees are shared.
   */
  public static Node setAll(Node root, int depth, long[] indices, Node[] leaves, int from, int to) {
    return setAll(root, depth, 0, indices, leaves, from, to);
  }

  private static Node setAll(
      Node node, int depth, long base, long[] indices, Node[] leaves, int from, int to) {
    if (from >= to) {
      return node;
    }
    if (depth == 0) {
      return leaves[to - 1];
    }
    long mid = base + (1L << (depth - 1));
    int split = from;
    while (split < to && indices[split] < mid) {
      split++;
    }
    Node l = child(node, depth, false);
    Node r = child(node, depth, true);
    return new Branch(
        setAll(l, depth - 1, base, indices, leaves, from, split),
        setAll(r, depth - 1, mid, indices, leaves, split, to));
  }

  /**
   * Builds a tree of the given depth whose first {@code count} leaves are {@code leaves[0..count)}
   * and whose other leaves are zero chunks. Zero regions are shared {@link ZeroNode}s.
   */
  public static Node build(Node[] leaves, int count, int depth) {
    if (count > (1L << depth) && depth < 63) {
      throw new IllegalArgumentException(count + " leaves do not fit a tree of depth " + depth);
    }
    if (count == 0) {
      return ZeroNode.of(depth);
    }
    Node[] level = leaves;
    int n = count;
    for (int d = 0; d < depth; d++) {
      int parents = (n + 1) / 2;
      Node[] next = new Node[parents];
      for (int i = 0; i < parents; i++) {
        Node l = level[2 * i];
        Node r = 2 * i + 1 < n ? level[2 * i + 1] : ZeroNode.of(d);
        next[i] = new Branch(l, r);
      }
      level = next;
      n = parents;
    }
    return level[0];
  }

  /**
   * Builds the tree of the given depth with leaves {@code leaves[0..count)} (zero after), reusing
   * every subtree of {@code old} (same depth) whose leaves are the identical objects. Unchanged
   * regions therefore keep their cached hashes: after a bulk rewrite only changed paths rehash.
   */
  public static Node buildReusing(Node old, Node[] leaves, int count, int depth) {
    return rebuild(old, leaves, count, depth, 0);
  }

  private static Node rebuild(Node old, Node[] leaves, int count, int depth, long base) {
    if (base >= count) {
      return ZeroNode.of(depth);
    }
    if (depth == 0) {
      return leaves[(int) base];
    }
    long mid = base + (1L << (depth - 1));
    Node oldL = child(old, depth, false);
    Node oldR = child(old, depth, true);
    Node l = rebuild(oldL, leaves, count, depth - 1, base);
    Node r = rebuild(oldR, leaves, count, depth - 1, mid);
    return l == oldL && r == oldR ? old : new Branch(l, r);
  }

  /** Calls {@code visitor} for the first {@code count} leaves of the tree, left to right. */
  public static void forEachLeaf(Node root, int depth, long count, LeafVisitor visitor) {
    if (count > 0) {
      walk(root, depth, 0, count, visitor);
    }
  }

  private static void walk(Node node, int depth, long base, long count, LeafVisitor visitor) {
    if (depth == 0) {
      visitor.visit(base, node);
      return;
    }
    long half = 1L << (depth - 1);
    walk(child(node, depth, false), depth - 1, base, count, visitor);
    if (base + half < count) {
      walk(child(node, depth, true), depth - 1, base + half, count, visitor);
    }
  }

  /** Receives leaves in order from {@link #forEachLeaf}. */
  @FunctionalInterface
  public interface LeafVisitor {
    void visit(long index, Node leaf);
  }

  /**
   * Hashes a tree whose inner nodes may not be hashed yet, using the fork-join pool for the
   * large subtrees. Gives the same result as {@code root.hash()}.
   */
  public static byte[] hashParallel(Node root, int depth) {
    if (depth < PARALLEL_DEPTH + 2 || !(root instanceof Branch b) || b.isHashed()) {
      return root.hash();
    }
    // An update of a few elements leaves one unhashed path with hashed siblings: hashing it on
    // this thread is far cheaper than handing it to the pool (a thread wake-up costs more than
    // the few dozen hashes). Only when both halves need work is there parallelism to gain.
    if (!needsHashing(b.left()) || !needsHashing(b.right())) {
      return root.hash();
    }
    ForkJoinPool.commonPool().invoke(new HashTask(root, depth));
    return root.hash();
  }

  private static boolean needsHashing(Node n) {
    return n instanceof Branch br && !br.isHashed();
  }

  private static final class HashTask extends RecursiveAction {
    private final Node node;
    private final int depth;

    HashTask(Node node, int depth) {
      this.node = node;
      this.depth = depth;
    }

    @Override
    protected void compute() {
      if (depth <= PARALLEL_DEPTH || !(node instanceof Branch b) || b.isHashed()) {
        node.hash();
        return;
      }
      invokeAll(new HashTask(b.left(), depth - 1), new HashTask(b.right(), depth - 1));
      node.hash();
    }
  }

  /** {@code ceil(log2(n))} for {@code n >= 1}; 0 for {@code n <= 1}. */
  public static int ceilLog2(long n) {
    if (n <= 1) {
      return 0;
    }
    return 64 - Long.numberOfLeadingZeros(n - 1);
  }

  /**
   * The spec's {@code merkleize(chunks, limit)} without building a tree: {@code data} holds
   * {@code length} bytes that are split into 32-byte chunks (the last zero padded), and the
   * result is the root of a tree of the given depth. Used for small values (byte vectors,
   * bitfields, container field roots) where a persistent tree would be wasted.
   */
  public static byte[] merkleize(byte[] data, int length, int depth) {
    int chunks = (length + 31) / 32;
    if (chunks == 0) {
      return ZeroNode.hashAt(depth);
    }
    byte[] layer = new byte[Math.max(32, ((chunks + 1) & ~1) * 32)];
    System.arraycopy(data, 0, layer, 0, length);
    merkleizeInPlace(layer, chunks, depth);
    return java.util.Arrays.copyOf(layer, 32);
  }

  /**
   * Merkleises {@code chunks} 32-byte chunks held at the start of {@code buffer} up to a tree of
   * the given depth, leaving the root in {@code buffer[0..32)}. The buffer is overwritten and
   * must hold at least {@code 32 * (chunks rounded up to even)} bytes.
   */
  public static void merkleizeInPlace(byte[] buffer, int chunks, int depth) {
    if (chunks == 0) {
      System.arraycopy(ZeroNode.hashAt(depth), 0, buffer, 0, 32);
      return;
    }
    int n = chunks;
    for (int d = 0; d < depth; d++) {
      int pairs = n / 2;
      for (int i = 0; i < pairs; i++) {
        Sha256.hash64(buffer, 64 * i, buffer, 32 * i);
      }
      if ((n & 1) == 1) {
        Sha256.hashWith(buffer, 64 * pairs, ZeroNode.hashAt(d), buffer, 32 * pairs);
      }
      n = (n + 1) / 2;
    }
  }

  /** {@code mix_in_length(root, length)}: hash of the root and the length as a uint256 chunk. */
  public static byte[] mixInLength(byte[] root, long length) {
    byte[] len = new byte[32];
    for (int i = 0; i < 8; i++) {
      len[i] = (byte) (length >>> (8 * i));
    }
    return Sha256.hashPair(root, len);
  }

  /** Extends the root of a depth-{@code from} tree at index 0 to a depth-{@code to} tree. */
  public static byte[] extendWithZeros(byte[] root, int from, int to) {
    byte[] h = root;
    for (int d = from; d < to; d++) {
      h = Sha256.hashPair(h, ZeroNode.hashAt(d));
    }
    return h;
  }
}
