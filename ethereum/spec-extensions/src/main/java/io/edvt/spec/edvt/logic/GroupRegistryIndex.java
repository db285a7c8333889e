package io.edvt.spec.edvt.logic;

import io.edvt.groups.GroupKeySets;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.tree.Branch;
import io.edvt.infrastructure.ssz.tree.Node;
import io.edvt.infrastructure.ssz.tree.Trees;
import io.edvt.infrastructure.ssz.tree.ZeroNode;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes48;

/**
 * Derived data of one {@code state.groups} list that the per-epoch sweeps need, so that they do not
 * read every group record every epoch (with 35,000 groups the spec's scans cost more than Fulu's
 * whole epoch transition):
 *
 * <ul>
 *   <li>every stored key (retired, in force and pending key sets), counted: {@code is_group_pubkey}
 *       becomes a map lookup ({@link #containsKey});
 *   <li>per group, its validator and the activation epoch and size of each stored key set, in
 *       ascending validator order ({@link Cursor}), so that a sweep over the registry finds each
 *       group validator's key set in force with sequential reads; and which groups hold more than
 *       one key set ({@link #keySetCount}), the only ones {@code process_group_key_set_pruning} can
 *       change.
 * </ul>
 *
 * <p>An index answers for one list, identified by its tree. It is immutable, lives in the state's
 * caches and follows the registry into descendant states with {@link #update}: the old and new
 * trees are walked side by side, skipping shared subtrees, and only the groups whose node changed
 * are re-read. Keys can be stored more than once (a key change keeps the other members' keys in the
 * new key set), hence counts; changes since the last full build sit in a small overlay map, so an
 * update does not copy the big key map (past {@link #MAX_OVERLAY} entries the index is rebuilt).
 * A group keeps its validator for good (the spec never changes {@code validator_index}); a tree
 * where one did (another fork's registry) is read in full.
 */
public final class GroupRegistryIndex {
  static final int MAX_OVERLAY = 4096;
  private static final int SETS = GroupKeySets.GROUP_KEY_SETS_LIMIT;

  /** Which tree of {@code state.groups} an index answers for. */
  private record ListId(Node root, int depth, int size) {
    static ListId of(SszList<Group> list) {
      return new ListId(list.contentRoot(), list.contentDepth(), list.size());
    }
  }

  /**
   * The stored keys, counted: the counts of the last full build and the changes since then (the
   * overlay is small, so an update copies only it).
   */
  private record KeyCounts(Map<Bytes48, Integer> base, Map<Bytes48, Integer> overlay) {}

  /**
   * Per group, in ascending (validator index, group index) order: its validator, its group index,
   * how many key sets it stores and each one's activation epoch and size ({@code SETS} slots per
   * group); and by group index, its position in that order.
   */
  private record Columns(long[] validators, int[] groups, byte[] setCounts, long[] activations, byte[] setSizes,
      int[] positions) {
    static Columns ofSize(int n) {
      return new Columns(new long[n], new int[n], new byte[n], new long[n * SETS], new byte[n * SETS], new int[n]);
    }

    /** A copy whose per-group entries can be rewritten (the validator order and positions are shared). */
    Columns forRewrite() {
      return new Columns(validators, groups, setCounts.clone(), activations.clone(), setSizes.clone(), positions);
    }
  }

  private final Node root;
  private final int depth;
  private final int size;
  private final Map<Bytes48, Integer> base;
  private final Map<Bytes48, Integer> overlay;
  private final long[] validators;
  private final int[] groups;
  private final byte[] setCounts;
  private final long[] activations;
  private final byte[] setSizes;
  private final int[] positions;

  private GroupRegistryIndex(ListId list, KeyCounts keys, Columns columns) {
    this.root = list.root();
    this.depth = list.depth();
    this.size = list.size();
    this.base = keys.base();
    this.overlay = keys.overlay();
    this.validators = columns.validators();
    this.groups = columns.groups();
    this.setCounts = columns.setCounts();
    this.activations = columns.activations();
    this.setSizes = columns.setSizes();
    this.positions = columns.positions();
  }

  /** The index of {@code list}, read in full. */
  public static GroupRegistryIndex build(SszList<Group> list) {
    int n = list.size();
    Map<Bytes48, Integer> counts = new HashMap<>();
    Group[] records = new Group[n];
    int g = 0;
    for (Group group : list) {
      records[g++] = group;
      count(counts, group, 1);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Long.compareUnsigned(records[a].validatorIndex().longValue(), records[b].validatorIndex().longValue());
      return c != 0 ? c : Integer.compare(a, b);
    });
    GroupRegistryIndex index = new GroupRegistryIndex(ListId.of(list), new KeyCounts(counts, Map.of()), Columns.ofSize(n));
    for (int p = 0; p < n; p++) {
      index.positions[order[p]] = p;
      index.record(p, order[p], records[order[p]]);
    }
    return index;
  }

  /** Whether this index was made for {@code list}. */
  public boolean isFor(SszList<Group> list) {
    return list.contentRoot() == root && list.size() == size && list.contentDepth() == depth;
  }

  /**
   * The index of {@code list}, derived from this one through the groups that changed and the groups
   * appended (this one if nothing did). A list with fewer groups, or where a group's validator
   * changed, is read in full.
   */
  public GroupRegistryIndex update(SszList<Group> list) {
    if (isFor(list)) {
      return this;
    }
    int newDepth = list.contentDepth();
    int newSize = list.size();
    if (newDepth < depth || newSize < size) {
      return build(list);
    }
    Node old = root;
    for (int d = depth; d < newDepth; d++) {
      old = new Branch(old, ZeroNode.of(d));
    }
    GroupRegistryIndex changed = new GroupRegistryIndex(new ListId(list.contentRoot(), newDepth, size),
        new KeyCounts(base, new HashMap<>(overlay)), columns().forRewrite());
    if (!changed.diff(old, list.contentRoot(), newDepth, 0, list)) {
      return build(list);
    }
    GroupRegistryIndex next = newSize == size ? changed : changed.append(list);
    next.overlay.values().removeIf(c -> c == 0);
    if (next.overlay.size() > MAX_OVERLAY) {
      return build(list);
    }
    return next;
  }

  /** This index (for the first {@link #size} groups of {@code list}) with the groups after them merged in. */
  private GroupRegistryIndex append(SszList<Group> list) {
    int n = list.size();
    int added = n - size;
    Group[] records = new Group[added];
    Integer[] order = new Integer[added];
    for (int i = 0; i < added; i++) {
      records[i] = list.get(size + i);
      order[i] = i;
      count(overlay, records[i], 1);
    }
    Arrays.sort(order, (a, b) -> {
      int c = Long.compareUnsigned(records[a].validatorIndex().longValue(), records[b].validatorIndex().longValue());
      return c != 0 ? c : Integer.compare(a, b);
    });
    GroupRegistryIndex next = new GroupRegistryIndex(ListId.of(list), new KeyCounts(base, overlay), Columns.ofSize(n));
    // merge: old entries (ascending) and the new ones (ascending); on equal validators the lower group index first
    int i = 0;
    int j = 0;
    for (int p = 0; p < n; p++) {
      boolean takeOld = j == added
          || (i < size && Long.compareUnsigned(validators[i], records[order[j]].validatorIndex().longValue()) <= 0);
      if (takeOld) {
        next.validators[p] = validators[i];
        next.groups[p] = groups[i];
        next.setCounts[p] = setCounts[i];
        System.arraycopy(activations, i * SETS, next.activations, p * SETS, SETS);
        System.arraycopy(setSizes, i * SETS, next.setSizes, p * SETS, SETS);
        i++;
      } else {
        next.record(p, size + order[j], records[order[j]]);
        j++;
      }
      next.positions[next.groups[p]] = p;
    }
    return next;
  }

  private Columns columns() {
    return new Columns(validators, groups, setCounts, activations, setSizes, positions);
  }

  /** {@code is_group_pubkey} for the list this index was made for. */
  public boolean containsKey(Bytes48 pubkey) {
    return base.getOrDefault(pubkey, 0) + overlay.getOrDefault(pubkey, 0) > 0;
  }

  /** The number of groups. */
  public int size() {
    return size;
  }

  /** How many key sets group {@code g} stores. */
  public int keySetCount(int g) {
    return setCounts[positions[g]];
  }

  /**
   * The groups, ascending, whose second key set has been in force for {@code delay} epochs by
   * {@code epoch} ({@code key_sets[1].activation_epoch + delay <= epoch}): the only ones {@code
   * process_group_key_set_pruning} changes. A sum past {@code 2**64} counts as due, so that the
   * caller's spec arithmetic decides (and fails) as the spec does.
   */
  public int[] groupsDueForPruning(long epoch, long delay) {
    int[] out = new int[8];
    int count = 0;
    for (int p = 0; p < size; p++) {
      if (setCounts[p] < 2) {
        continue;
      }
      long activation = activations[p * SETS + 1];
      boolean overflows = Long.compareUnsigned(activation, -1L - delay) > 0;
      if (overflows || Long.compareUnsigned(activation + delay, epoch) <= 0) {
        if (count == out.length) {
          out = Arrays.copyOf(out, count * 2);
        }
        out[count++] = groups[p];
      }
    }
    int[] due = Arrays.copyOf(out, count);
    Arrays.sort(due);
    return due;
  }

  /** A reader of the groups by validator index, fastest when asked in ascending order. */
  public Cursor cursor() {
    return new Cursor();
  }

  /**
   * Finds the group of a validator as {@code get_group_index} does (the first group naming it) and
   * the size of its key set at an epoch. Validator indices are below {@code 2**40}, so signed
   * comparisons order them. Not thread-safe: one per sweep.
   */
  public final class Cursor {
    private int next;
    /** No group validator lies strictly between these two (-1, or past every validator index, at the ends). */
    private long below = -1;
    private long upcoming = size > 0 ? validators[0] : Long.MAX_VALUE;

    private Cursor() {}

    /** The position of {@code validatorIndex}'s group in validator order, or -1 if it has none. */
    public int find(long validatorIndex) {
      // the common case in a sweep: between the last group validator passed and the next one
      if (validatorIndex > below && validatorIndex < upcoming) {
        return -1;
      }
      return seek(validatorIndex);
    }

    private int seek(long validatorIndex) {
      if (validatorIndex <= below) {
        next = 0; // asked out of order: start again
      }
      while (next < size && validators[next] < validatorIndex) {
        next++;
      }
      below = next > 0 ? validators[next - 1] : -1;
      upcoming = next < size ? validators[next] : Long.MAX_VALUE;
      return next < size && validators[next] == validatorIndex ? next : -1;
    }

    /** The group index ({@code state.groups} position) at position {@code p} of {@link #find}. */
    public int groupIndex(int p) {
      return groups[p];
    }

    /**
     * {@code len(get_group_key_set(group, epoch).pubkeys)} of the group at position {@code p}: the
     * size of the last key set activated at or before {@code epoch}, or -1 if there is none.
     */
    public int keySetSizeAt(int p, long epoch) {
      int result = -1;
      for (int s = 0; s < setCounts[p]; s++) {
        if (Long.compareUnsigned(activations[p * SETS + s], epoch) <= 0) {
          result = setSizes[p * SETS + s];
        }
      }
      return result;
    }
  }

  /** Re-reads the groups whose nodes differ; false if one of them changed its validator. */
  private boolean diff(Node a, Node b, int d, long first, SszList<Group> list) {
    if (a == b || first >= size) {
      return true;
    }
    if (d == 0) {
      int g = (int) first;
      Group before = list.type().elementType().fromNode(a);
      Group after = list.type().elementType().fromNode(b);
      if (!before.validatorIndex().equals(after.validatorIndex())) {
        return false;
      }
      count(overlay, before, -1);
      count(overlay, after, 1);
      record(positions[g], g, after);
      return true;
    }
    long half = 1L << (d - 1);
    return diff(Trees.child(a, d, false), Trees.child(b, d, false), d - 1, first, list)
        && diff(Trees.child(a, d, true), Trees.child(b, d, true), d - 1, first + half, list);
  }

  private void record(int p, int g, Group group) {
    validators[p] = group.validatorIndex().longValue();
    groups[p] = g;
    SszList<GroupKeySet> sets = group.keySets();
    setCounts[p] = (byte) sets.size();
    int s = 0;
    for (GroupKeySet set : sets) {
      activations[p * SETS + s] = set.activationEpoch().longValue();
      setSizes[p * SETS + s] = (byte) set.pubkeys().size();
      s++;
    }
  }

  private static void count(Map<Bytes48, Integer> counts, Group group, int sign) {
    for (GroupKeySet keySet : group.keySets()) {
      for (Bytes48 key : keySet.pubkeys()) {
        counts.merge(key, sign, Integer::sum);
      }
    }
  }
}
