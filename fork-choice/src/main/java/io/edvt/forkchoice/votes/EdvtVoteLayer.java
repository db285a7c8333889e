package io.edvt.forkchoice.votes;

import io.edvt.forkchoice.threshold.GroupVoteLayer;
import io.edvt.forkchoice.tree.BlockTreeView;
import io.edvt.groups.GroupKeySet;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.GroupRegistryEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes48;

/**
 * EDVT's votes (threshold GHOST, {@code specs/edvt/fork-choice.md}): latest messages and
 * equivocations per key, and a validator's weight on a block only when {@code threshold} members
 * of its key set in the justified state support the block.
 *
 * <p>Two layers share the work, and their deltas are summed. A validator whose key set in the
 * justified state is its own key (threshold 1: every validator without a group, and a group whose
 * member key set is not in force yet) is Fulu's case: its own key's latest message is the
 * validator's vote in a {@link FuluVoteTracker}, by validator index, at no extra cost. A validator
 * whose justified key set holds member keys is a group in a {@link GroupVoteLayer}, which keeps a
 * latest message per member key (by a key id this class assigns, one per public key, never reused)
 * and places the group's balance where {@code threshold} of them meet. Its balance in the Fulu
 * tracker is then 0, so every validator counts in exactly one layer.
 *
 * <p><b>Resolution.</b> An attesting index is virtual ({@code j * 2**41 + v}); it names a key
 * through {@code get_virtual_pubkey} at the target state and target epoch, as {@code on_attestation}
 * does. Member 0 of a validator without a group is the validator's own key, found without a
 * lookup; any other index is resolved, and a key that is the validator's own key goes to the Fulu
 * tracker, a member key to the group layer. A key rotated in but not yet in the justified key set
 * keeps its messages in the group layer until its key set is justified.
 *
 * <p>Resolutions are kept per target state and epoch ({@link TargetSigners}): which validators of
 * the state have a group is one bit set, and a group's key set is looked up the first time a member
 * attests with that target; its keys' ids are kept across targets while the key set is the same
 * object ({@link KnownKeySets}). Per plain attester that is a bit test instead of a registry
 * lookup; per member key, array reads instead of state reads and two lookups by public key.
 *
 * <p><b>Key sets from the justified state.</b> When the justified checkpoint changes, every
 * group's key set in force at the justified state's current epoch, its threshold and its
 * balance are read again ({@code get_validator_key_set}, {@code get_attestation_score}'s
 * balance), together with the Fulu tracker's balances: one sweep of the registry, as Fulu's
 * tracker already does, plus one of the groups.
 *
 * <p><b>Equivocations</b> are per key: {@code get_equivocating_pubkeys} resolves both
 * attestations' indices in the justified block's state, each at its own target epoch; a member key
 * loses only its own vote.
 */
public final class EdvtVoteLayer implements VoteLayer {
  private static final long MEMBER_MULTIPLIER = VirtualIndex.MEMBER_INDEX_MULTIPLIER;
  private static final int MEMBER_SHIFT = Long.numberOfTrailingZeros(MEMBER_MULTIPLIER);
  private static final long VALIDATOR_MASK = MEMBER_MULTIPLIER - 1;

  static {
    if (Long.bitCount(MEMBER_MULTIPLIER) != 1) {
      throw new IllegalStateException("MEMBER_INDEX_MULTIPLIER is not a power of two");
    }
  }

  /** Target states whose resolutions are kept (see {@link TargetSigners}). */
  private static final int KEPT_TARGETS = 4;

  private final SpecEdvt spec;
  private final GroupRegistryEdvt registry;
  private final FuluVoteTracker plain;
  private final GroupVoteLayer groups;
  private final Map<Bytes48, Integer> keyIds = new HashMap<>();
  private final Set<Bytes48> equivocatingPubkeys = new HashSet<>();
  private Map<Integer, MemberKeys> justifiedMemberKeys = Map.of();
  // Target states in use: the current and previous epochs' checkpoints, and a branch or two.
  private final ArrayDeque<TargetSigners> targets = new ArrayDeque<>(KEPT_TARGETS);
  private final KnownKeySets knownKeySets = new KnownKeySets(this::keyId);
  private BeaconState lastState;
  private MutableBeaconState lastView;

  /**
   * Whether {@code state} has EDVT's group registry. A store whose chain crosses the fork also
   * holds Fulu states, which have no groups: every validator of one is weighed by its own key,
   * exactly as Fulu's tracker does, so the votes of a Fulu chain carry over into EDVT unchanged.
   */
  static boolean hasGroupRegistry(BeaconState state) {
    return BeaconStateEdvt.toVersionEdvt(state).isPresent();
  }

  public EdvtVoteLayer(SpecEdvt spec, BlockTreeView tree) {
    this.spec = spec;
    this.registry = spec.accessors().registry();
    this.plain = new FuluVoteTracker(spec);
    this.groups = new GroupVoteLayer(tree);
  }

  // ------------------------------------------------------------------ messages

  /**
   * {@code update_latest_messages} (EDVT) with the attesting keys resolved at the target state
   * ({@link TargetSigners}, kept for the last few target states and epochs).
   */
  @Override
  public void onAttestation(IndexedAttestation indexed, BeaconState targetState, int blockNode) {
    UInt64 epoch = indexed.data().target().epoch();
    TargetSigners signers = targetSigners(targetState, epoch);
    long[] indices = indexed.attestingIndices().toLongArray(); // no UInt64 per index
    int[] ownKeys = new int[indices.length];
    int owners = 0;
    for (long virtualIndex : indices) {
      // get_validator_index_of and get_member_index_of, as a mask and a shift (2**41 is a power
      // of two; the unsigned division they do costs more than the rest of a plain vote)
      long validator = virtualIndex & VALIDATOR_MASK;
      long member = virtualIndex >>> MEMBER_SHIFT;
      if (validator >= signers.validatorCount()) {
        continue; // is_valid_indexed_attestation resolved every index; nothing to do for others
      }
      int v = (int) validator;
      if (member == 0 && signers.isPlain(v)) {
        ownKeys[owners++] = v; // member 0 of a validator without a group: its own key
        continue;
      }
      KnownKeySets.Resolved keySet = signers.signersOf(v);
      if (member >= keySet.codes().length) {
        continue; // names no key at this epoch
      }
      int code = keySet.codes()[(int) member];
      if (code == KnownKeySets.OWN_KEY) {
        ownKeys[owners++] = v;
      } else if (equivocatingPubkeys.isEmpty() || !equivocatingPubkeys.contains(keySet.keys()[(int) member])) {
        groups.onKeyVote(code, epoch.longValue(), blockNode);
      }
    }
    if (owners > 0) {
      plain.recordAttestation(Arrays.copyOf(ownKeys, owners), epoch, blockNode);
    }
  }

  /** The signers of {@code state} at {@code epoch}: a kept one, or a new one that replaces the oldest. */
  private TargetSigners targetSigners(BeaconState state, UInt64 epoch) {
    for (TargetSigners kept : targets) {
      if (kept.isFor(state, epoch)) {
        return kept;
      }
    }
    TargetSigners made = new TargetSigners(state, epoch, knownKeySets);
    if (targets.size() == KEPT_TARGETS) {
      targets.removeFirst();
    }
    targets.addLast(made);
    return made;
  }

  /**
   * The key behind {@code virtualIndex} at {@code epoch} in {@code state}: a validator's own key
   * ({@link Signer#ownKeyOf} is the validator) or a member key; null if the index names no key.
   */
  private Signer resolve(MutableBeaconState state, boolean hasGroups, long virtualIndex, UInt64 epoch) {
    long validator = VirtualIndex.validatorIndexOf(virtualIndex);
    if (validator >= state.validators().size()) {
      return null;
    }
    int v = (int) validator;
    if (virtualIndex < MEMBER_MULTIPLIER
        && (!hasGroups || registry.getGroupIndex(state, v).isEmpty())) {
      // the plain key set: member 0 is the validator's own key
      return new Signer(state.validators().get(v).pubkey(), v);
    }
    Optional<Bytes48> pubkey = registry.getVirtualPubkey(state, virtualIndex, epoch);
    if (pubkey.isEmpty()) {
      return null;
    }
    boolean own = pubkey.get().equals(state.validators().get(v).pubkey());
    return new Signer(pubkey.get(), own ? v : -1);
  }

  /** A resolved signer: its key, and the validator whose own key it is (-1 for a member key). */
  private record Signer(Bytes48 pubkey, int ownKeyOf) {}

  private int keyId(Bytes48 pubkey) {
    return keyIds.computeIfAbsent(pubkey, k -> keyIds.size());
  }

  // ------------------------------------------------------------------ equivocations

  /**
   * {@code on_attester_slashing} (EDVT): every key in {@code get_equivocating_pubkeys(state,
   * attestation_1, attestation_2)} is equivocating.
   */
  @Override
  public void onAttesterSlashing(IndexedAttestation attestation1, IndexedAttestation attestation2, BeaconState state) {
    MutableBeaconState view = new MutableBeaconState(state);
    boolean hasGroups = hasGroupRegistry(state);
    Map<Bytes48, Signer> first = signers(view, hasGroups, attestation1);
    for (Map.Entry<Bytes48, Signer> e : signers(view, hasGroups, attestation2).entrySet()) {
      if (first.containsKey(e.getKey()) && equivocatingPubkeys.add(e.getKey())) {
        Signer signer = e.getValue();
        if (signer.ownKeyOf() >= 0) {
          plain.recordEquivocation(signer.ownKeyOf());
        } else {
          groups.onKeyEquivocation(keyId(signer.pubkey()));
        }
      }
    }
  }

  /** The keys of an attestation's indices at its target epoch (indices that name no key left out). */
  private Map<Bytes48, Signer> signers(MutableBeaconState state, boolean hasGroups, IndexedAttestation attestation) {
    UInt64 epoch = attestation.data().target().epoch();
    Map<Bytes48, Signer> out = new HashMap<>();
    for (UInt64 index : attestation.attestingIndices()) {
      Signer signer = resolve(state, hasGroups, index.longValue(), epoch);
      if (signer != null) {
        out.put(signer.pubkey(), signer);
      }
    }
    return out;
  }

  /**
   * {@code is_head_weak} (EDVT): whether any key of the validator's key set at {@code epoch} in
   * {@code state} is in {@code store.equivocating_pubkeys}.
   */
  @Override
  public boolean isEquivocating(BeaconState state, int validatorIndex, UInt64 epoch) {
    if (equivocatingPubkeys.isEmpty()) {
      return false;
    }
    // is_head_weak asks this for every validator of a slot's committees, on one state
    if (state != lastState) {
      lastState = state;
      lastView = new MutableBeaconState(state);
    }
    MutableBeaconState view = lastView;
    if (!hasGroupRegistry(state) || registry.getGroupIndex(view, validatorIndex).isEmpty()) {
      return plain.isEquivocating(validatorIndex); // its key set is its own key, recorded by index
    }
    Optional<GroupKeySet<Bytes48>> keySet = registry.getValidatorKeySet(view, validatorIndex, epoch);
    return keySet.isPresent() && keySet.get().keys().stream().anyMatch(equivocatingPubkeys::contains);
  }

  /**
   * An equivocating member does not hold back a group whose other members still carry its weight
   * to {@code node} ({@code is_head_weak} counts each validator once).
   */
  @Override
  public boolean isHeldBackFrom(BeaconState state, int validatorIndex, UInt64 epoch, int node) {
    return isEquivocating(state, validatorIndex, epoch) && !groups.supports(validatorIndex, node);
  }

  /** Whether {@code pubkey} is in {@code store.equivocating_pubkeys}. */
  public boolean isEquivocatingKey(Bytes48 pubkey) {
    return equivocatingPubkeys.contains(pubkey);
  }

  // ------------------------------------------------------------------ weights

  @Override
  public long[] computeDeltas(BlockTreeView tree, JustifiedState justified) {
    long[] deltas = plain.computeDeltas(tree.size(), justified.checkpoint(), () -> justifiedKeySets(justified.state()));
    groups.computeDeltas(deltas);
    return deltas;
  }

  /**
   * Reads the key sets and balances of a new justified state: each group's key set in force at
   * the state's current epoch goes to the group layer with its balance (a key set that is still
   * the validator's own key leaves the validator to the Fulu tracker); returns the Fulu tracker's
   * balances, 0 for the validators weighed as groups.
   */
  private long[] justifiedKeySets(BeaconState state) {
    long[] balances = plain.justifiedBalances(state);
    MutableBeaconState view = new MutableBeaconState(state);
    UInt64 epoch = spec.accessors().getCurrentEpoch(view);
    SszListEditor<Group> registered = hasGroupRegistry(state) ? registry.groups(view) : null;
    int groupCount = registered == null ? 0 : registered.size();
    Map<Integer, MemberKeys> next = new HashMap<>();
    for (int g = 0; g < groupCount; g++) {
      Group group = registered.get(g);
      int v = Math.toIntExact(group.validatorIndex().longValue());
      Optional<GroupKeySet<Bytes48>> keySet = registry.getGroupKeySet(group, epoch);
      if (keySet.isEmpty()) {
        balances[v] = 0; // no key set in force: no key can speak for it
        continue;
      }
      List<Bytes48> pubkeys = keySet.get().keys();
      if (pubkeys.size() == 1 && pubkeys.get(0).equals(view.validators().get(v).pubkey())) {
        continue; // still its own key: the Fulu tracker weighs it
      }
      int[] ids = new int[pubkeys.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = keyId(pubkeys.get(i));
      }
      next.put(v, new MemberKeys(ids, keySet.get().threshold()));
    }
    // Release the keys of every key set that changed or went first: a key may move to another
    // group between two justified states (of different branches), and a key belongs to one set.
    for (Map.Entry<Integer, MemberKeys> e : justifiedMemberKeys.entrySet()) {
      MemberKeys now = next.get(e.getKey());
      if (now == null || !Arrays.equals(now.ids(), e.getValue().ids())) {
        groups.clearKeySet(e.getKey());
      }
    }
    for (Map.Entry<Integer, MemberKeys> e : next.entrySet()) {
      int v = e.getKey();
      groups.setKeySet(v, e.getValue().ids(), e.getValue().threshold());
      groups.setBalance(v, balances[v]);
      balances[v] = 0;
    }
    justifiedMemberKeys = next;
    return balances;
  }

  /** A member key set as the group layer has it: key ids in member order, and the threshold. */
  private record MemberKeys(int[] ids, int threshold) {}

  @Override
  public void prune(int offset) {
    plain.prune(offset);
    groups.prune(offset);
  }

  // ------------------------------------------------------------------ inspection

  /** The group layer (read-only use: tests and inspection). */
  public GroupVoteLayer groups() {
    return groups;
  }

  /** The layer of the validators weighed as plain validators (read-only use). */
  public FuluVoteTracker plain() {
    return plain;
  }

  /** The key id of {@code pubkey}, or -1 if no message or key set has named it yet. */
  public int keyIdOf(Bytes48 pubkey) {
    return keyIds.getOrDefault(pubkey, -1);
  }
}
