package io.edvt.forkchoice.store;

import static io.edvt.forkchoice.store.ForkChoiceException.Reason.DATA_UNAVAILABLE;
import static io.edvt.forkchoice.store.ForkChoiceException.Reason.FUTURE_SLOT;
import static io.edvt.forkchoice.store.ForkChoiceException.Reason.INVALID_ATTESTATION;
import static io.edvt.forkchoice.store.ForkChoiceException.Reason.INVALID_ATTESTATION_TIMING_OR_TARGET;
import static io.edvt.forkchoice.store.ForkChoiceException.Reason.INVALID_ATTESTER_SLASHING;
import static io.edvt.forkchoice.store.ForkChoiceException.Reason.INVALID_STATE_TRANSITION;
import static io.edvt.forkchoice.store.ForkChoiceException.Reason.NOT_AFTER_FINALIZED_SLOT;
import static io.edvt.forkchoice.store.ForkChoiceException.Reason.NOT_DESCENDANT_OF_FINALIZED;
import static io.edvt.forkchoice.store.ForkChoiceException.Reason.UNKNOWN_PARENT;
import static io.edvt.forkchoice.store.ForkChoiceException.check;

import io.edvt.forkchoice.protoarray.ProtoArray;
import io.edvt.forkchoice.votes.JustifiedState;
import io.edvt.forkchoice.votes.VoteLayer;
import io.edvt.infrastructure.crypto.bls.BlsException;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.infrastructure.unsigned.UInt64OverflowException;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The fork-choice {@code Store} of the spec (phase0 through Fulu) and its handlers
 * {@code on_tick}, {@code on_block}, {@code on_attestation}, {@code on_attester_slashing}, with
 * {@code get_head} computed on a {@link ProtoArray}. The votes live in the milestone's
 * {@link VoteLayer}; the store tells it about attestations and equivocations and asks it for
 * per-node deltas when the head is needed. EDVT's fork choice (threshold GHOST,
 * {@code specs/edvt/fork-choice.md}) changes only what the vote layer does with them: keys
 * instead of indices, and a group's weight where {@code m} of its members meet.
 *
 * <p>A handler that refuses its input throws {@link ForkChoiceException} before it changes
 * anything, so a refused call leaves the store as it was. Not thread-safe: one caller at a time.
 */
public final class ForkChoiceStore {
  private static final long BASIS_POINTS = 10_000;

  // Time and epoch arithmetic and config values are the same in every milestone: read them from
  // Fulu. Everything that depends on a state's layout goes through `versions.forState(state)`.
  private final SpecFulu spec;
  private final SpecVersions versions;
  private final MultiForkStateTransition transitions;
  private final ForkChoiceOptions options;
  private final VoteLayer votes;
  private final TreeWeights weights;
  private final ProtoArray protoArray;
  private final Map<Bytes32, StoredBlock> blocks = new HashMap<>();
  private final Map<Checkpoint, BeaconState> checkpointStates = new HashMap<>();
  private final UInt64 genesisTime;
  private UInt64 time;
  private Checkpoint justifiedCheckpoint;
  private Checkpoint finalizedCheckpoint;
  private Checkpoint unrealizedJustifiedCheckpoint;
  private Checkpoint unrealizedFinalizedCheckpoint;
  private Bytes32 proposerBoostRoot = Bytes32.ZERO;
  private Checkpoint totalActiveBalanceCheckpoint;
  private UInt64 totalActiveBalance;

  private ForkChoiceStore(SpecVersions versions, ForkChoiceOptions options, VoteLayer.Factory votes,
      BeaconState anchorState, BeaconBlock anchorBlock) {
    this.versions = versions;
    this.spec = versions.fulu();
    this.transitions = new MultiForkStateTransition(versions);
    this.options = options;
    this.weights = new TreeWeights(votes, spec.config().slotsPerEpoch());
    this.votes = weights.votes();
    this.protoArray = weights.protoArray();
    Bytes32 anchorRoot = anchorBlock.hashTreeRoot();
    UInt64 anchorEpoch = spec.misc().computeEpochAtSlot(anchorState.slot());
    Checkpoint anchor = Checkpoint.create(anchorEpoch, anchorRoot);
    this.genesisTime = anchorState.genesisTime();
    this.time = genesisTime.plus(UInt64.valueOf(spec.config().slotDurationMs()).times(anchorState.slot()).dividedBy(1000));
    this.justifiedCheckpoint = anchor;
    this.finalizedCheckpoint = anchor;
    this.unrealizedJustifiedCheckpoint = anchor;
    this.unrealizedFinalizedCheckpoint = anchor;
    blocks.put(anchorRoot, new StoredBlock(anchorBlock, anchorState, anchor, true));
    checkpointStates.put(anchor, anchorState);
    protoArray.add(anchorRoot, anchorBlock.parentRoot(), anchorBlock.slot(), anchorEpoch, anchorEpoch);
  }

  /**
   * {@code get_forkchoice_store(anchor_state, anchor_block)}: a store trusting {@code anchorState}
   * (the genesis state for a full client), with the vote layer {@code votes} makes for its
   * proto-array ({@link io.edvt.forkchoice.votes.VoteLayers}). Blocks and states of every
   * milestone of {@code versions} are handled by that milestone's logic: a chain that crosses a
   * scheduled fork is upgraded on the way ({@link MultiForkStateTransition}).
   */
  public static ForkChoiceStore create(SpecVersions versions, BeaconState anchorState, BeaconBlock anchorBlock,
      VoteLayer.Factory votes, ForkChoiceOptions options) {
    if (!anchorBlock.stateRoot().equals(anchorState.hashTreeRoot())) {
      throw new IllegalArgumentException("anchor_block.state_root == hash_tree_root(anchor_state) does not hold");
    }
    return new ForkChoiceStore(versions, options, votes, anchorState, anchorBlock);
  }

  // ------------------------------------------------------------------ store fields

  public UInt64 time() {
    return time;
  }

  public UInt64 genesisTime() {
    return genesisTime;
  }

  public Checkpoint justifiedCheckpoint() {
    return justifiedCheckpoint;
  }

  public Checkpoint finalizedCheckpoint() {
    return finalizedCheckpoint;
  }

  public Checkpoint unrealizedJustifiedCheckpoint() {
    return unrealizedJustifiedCheckpoint;
  }

  public Checkpoint unrealizedFinalizedCheckpoint() {
    return unrealizedFinalizedCheckpoint;
  }

  public Bytes32 proposerBoostRoot() {
    return proposerBoostRoot;
  }

  public boolean containsBlock(Bytes32 root) {
    return blocks.containsKey(root);
  }

  /** The block, post-state, unrealized justification and timeliness of {@code root}, or null. */
  public StoredBlock block(Bytes32 root) {
    return blocks.get(root);
  }

  /** The number of blocks the store holds (pruning removes the finalized-away ones). */
  public int blockCount() {
    return blocks.size();
  }

  /**
   * Whether validator {@code validatorIndex}'s vote is held back by an equivocation
   * ({@code store.equivocating_indices} in Fulu; in EDVT, a key of its key set in the justified
   * state is in {@code store.equivocating_pubkeys}).
   */
  public boolean isEquivocating(int validatorIndex) {
    BeaconState justified = justifiedCheckpointState();
    return votes.isEquivocating(justified, validatorIndex, spec.misc().computeEpochAtSlot(justified.slot()));
  }

  /**
   * {@code is_head_weak}'s test for one validator of the head slot's committees: its key set (in
   * {@code state}, at {@code epoch}) holds an equivocating key and its weight does not already reach
   * {@code headRoot} through the attestation score ({@link VoteLayer#isHeldBackFrom}).
   */
  boolean isHeldBackFrom(BeaconState state, int validatorIndex, UInt64 epoch, Bytes32 headRoot) {
    return votes.isHeldBackFrom(state, validatorIndex, epoch, protoArray.indexOf(headRoot));
  }

  /** The vote layer (read-only use: for inspection and tests). */
  public VoteLayer votes() {
    return votes;
  }

  /** The proto-array, read-only use: for inspection and tests. */
  public ProtoArray protoArray() {
    return protoArray;
  }

  /** The milestones' logic: a state's own ({@link SpecVersions#forState}) for what depends on its layout. */
  SpecVersions versions() {
    return versions;
  }

  // ------------------------------------------------------------------ time

  /** {@code get_current_slot(store)}. */
  public UInt64 currentSlot() {
    return time.minus(genesisTime).times(1000).dividedBy(spec.config().slotDurationMs());
  }

  /** {@code get_current_store_epoch(store)}. */
  public UInt64 currentEpoch() {
    return spec.misc().computeEpochAtSlot(currentSlot());
  }

  /** Milliseconds into the current slot ({@code seconds_to_milliseconds(time - genesis_time) % SLOT_DURATION_MS}). */
  long timeIntoSlotMs() {
    return time.minus(genesisTime).times(1000).mod(spec.config().slotDurationMs()).longValue();
  }

  /** {@code get_slot_component_duration_ms(basis_points)}. */
  long slotComponentMs(int basisPoints) {
    return basisPoints * (long) spec.config().slotDurationMs() / BASIS_POINTS;
  }

  /** {@code on_tick(store, time)}: catches up slot by slot, then sets the time. */
  public void onTick(UInt64 newTime) {
    UInt64 tickSlot = newTime.minus(genesisTime).times(1000).dividedBy(spec.config().slotDurationMs());
    while (currentSlot().isLessThan(tickSlot)) {
      UInt64 previousTime = genesisTime.plus(
          currentSlot().plus(1).times(spec.config().slotDurationMs()).dividedBy(1000));
      onTickPerSlot(previousTime);
    }
    onTickPerSlot(newTime);
    pruneIfDue();
  }

  /** {@code on_tick_per_slot}: a new slot drops the proposer boost; a new epoch pulls up the unrealized checkpoints. */
  private void onTickPerSlot(UInt64 newTime) {
    UInt64 previousSlot = currentSlot();
    time = newTime;
    UInt64 slot = currentSlot();
    if (slot.isGreaterThan(previousSlot)) {
      proposerBoostRoot = Bytes32.ZERO;
      if (slot.mod(spec.config().slotsPerEpoch()).isZero()) {
        updateCheckpoints(unrealizedJustifiedCheckpoint, unrealizedFinalizedCheckpoint);
      }
    }
  }

  // ------------------------------------------------------------------ on_block

  /**
   * {@code on_block(store, signed_block)} (Fulu): checks the block against the store, its data
   * availability and the state transition, then adds it with its post-state, timeliness,
   * proposer boost and (realized and unrealized) checkpoints. A known block is ignored.
   *
   * @throws ForkChoiceException if the block is refused (the store is unchanged)
   */
  public void onBlock(SignedBeaconBlock signedBlock) {
    addBlock(signedBlock, null);
  }

  /**
   * {@code on_block} for a caller that ran {@code state_transition(parent_state, signed_block, True)}
   * itself ({@link #stateTransition}): a node runs it before the execution engine's verdict on the
   * payload is in, and adds the block to the store only once the verdict allows. The store's own
   * checks all run; {@code postState} is taken as the transition's result, after checking that it
   * is the state the block commits to ({@code hash_tree_root(state) == block.state_root}).
   *
   * @throws ForkChoiceException if the block is refused (the store is unchanged)
   */
  public void onBlock(SignedBeaconBlock signedBlock, BeaconState postState) {
    check(postState.hashTreeRoot().equals(signedBlock.message().stateRoot()), INVALID_STATE_TRANSITION,
        "block.state_root == hash_tree_root(state) for the given post-state");
    addBlock(signedBlock, postState);
  }

  private void addBlock(SignedBeaconBlock signedBlock, BeaconState computedState) {
    BeaconBlock block = signedBlock.message();
    Bytes32 blockRoot = block.hashTreeRoot();
    if (blocks.containsKey(blockRoot)) {
      return;
    }
    StoredBlock parent = blocks.get(block.parentRoot());
    check(parent != null, UNKNOWN_PARENT, "block.parent_root in store.block_states (" + block.parentRoot() + ")");
    check(currentSlot().isGreaterThanOrEqualTo(block.slot()), FUTURE_SLOT,
        "get_current_slot(store) >= block.slot (" + currentSlot() + " < " + block.slot() + ")");
    UInt64 finalizedSlot = spec.misc().computeStartSlotAtEpoch(finalizedCheckpoint.epoch());
    check(block.slot().isGreaterThan(finalizedSlot), NOT_AFTER_FINALIZED_SLOT,
        "block.slot > finalized_slot (" + block.slot() + " <= " + finalizedSlot + ")");
    check(checkpointBlock(block.parentRoot(), finalizedCheckpoint.epoch()).equals(finalizedCheckpoint.root()),
        NOT_DESCENDANT_OF_FINALIZED, "store.finalized_checkpoint.root == get_checkpoint_block(store, block.parent_root, finalized epoch)");
    check(options.dataAvailability().isDataAvailable(blockRoot), DATA_UNAVAILABLE, "is_data_available(block_root)");
    BeaconState state = computedState;
    if (state == null) {
      try {
        state = stateTransition(parent.state(), signedBlock, options.blockSignatures().get(), options.executionEngine());
      } catch (StateTransitionException | UInt64OverflowException | BlsException e) {
        // the spec's rejections only (a failed assertion, a uint64 overflow, a BLS input the spec
        // asserts on); anything else, an index error included, is a bug and must not pass as one
        throw new ForkChoiceException(INVALID_STATE_TRANSITION, String.valueOf(e.getMessage()), e);
      }
    }
    // compute_pulled_up_tip's state: the post-state pulled up to the next epoch boundary
    MutableBeaconState pulledUp = new MutableBeaconState(state);
    versions.forState(state).epochProcessor().processJustificationAndFinalization(pulledUp);
    Checkpoint unrealizedJustified = pulledUp.currentJustifiedCheckpoint();
    Checkpoint unrealizedFinalized = pulledUp.finalizedCheckpoint();

    // nothing below can fail: the store changes from here on
    int head = updateHead();
    boolean timely = isTimely(block);
    protoArray.add(blockRoot, block.parentRoot(), block.slot(),
        state.currentJustifiedCheckpoint().epoch(), unrealizedJustified.epoch());
    blocks.put(blockRoot, new StoredBlock(block, state, unrealizedJustified, timely));
    updateProposerBoostRoot(protoArray.root(head), blockRoot, timely);
    updateCheckpoints(state.currentJustifiedCheckpoint(), state.finalizedCheckpoint());
    // compute_pulled_up_tip
    updateUnrealizedCheckpoints(unrealizedJustified, unrealizedFinalized);
    if (spec.misc().computeEpochAtSlot(block.slot()).isLessThan(currentEpoch())) {
      updateCheckpoints(unrealizedJustified, unrealizedFinalized);
    }
    pruneIfDue();
  }

  /**
   * {@code state_transition(parent_state, signed_block, True)} as {@code on_block} runs it: by the
   * milestone in force at the block's slot, or the parent state's when that is later (a chain that
   * runs a fork without scheduling it, as the EDVT vectors do); within one milestone that
   * milestone's transition, otherwise across the scheduled upgrade, which refuses a block of the
   * wrong milestone. Reads nothing of the store, so any thread may call it.
   *
   * @throws StateTransitionException if the block is invalid on {@code parentState}
   */
  public BeaconState stateTransition(BeaconState parentState, SignedBeaconBlock signedBlock, SignatureVerifier verifier,
      ExecutionEngine engine) {
    SpecMilestone parent = SpecVersions.milestoneOf(parentState);
    SpecMilestone scheduled = versions.milestoneAtSlot(signedBlock.message().slot());
    if (parent.isAtLeast(scheduled)) {
      return versions.forMilestone(parent).stateTransition().stateTransition(parentState, signedBlock, true, verifier, engine);
    }
    return transitions.stateTransition(parentState, signedBlock, true, verifier, engine);
  }

  /** {@code record_block_timeliness}: in its own slot and before the attestation deadline. */
  private boolean isTimely(BeaconBlock block) {
    boolean beforeAttestingInterval = timeIntoSlotMs() < slotComponentMs(spec.config().attestationDueBps());
    return currentSlot().equals(block.slot()) && beforeAttestingInterval;
  }

  /** {@code update_proposer_boost_root}. */
  private void updateProposerBoostRoot(Bytes32 head, Bytes32 root, boolean timely) {
    boolean isFirstBlock = proposerBoostRoot.equals(Bytes32.ZERO);
    UInt64 epoch = currentEpoch();
    boolean sameDependentRoot = shufflingDependentRoot(head, epoch).equals(shufflingDependentRoot(root, epoch));
    if (timely && isFirstBlock && sameDependentRoot) {
      proposerBoostRoot = root;
    }
  }

  /** {@code get_shuffling_dependent_root(store, root, epoch)}. */
  private Bytes32 shufflingDependentRoot(Bytes32 root, UInt64 epoch) {
    int lookahead = spec.config().minSeedLookahead();
    if (epoch.isLessThanOrEqualTo(UInt64.valueOf(lookahead))) {
      return Bytes32.ZERO;
    }
    UInt64 dependentSlot = spec.misc().computeStartSlotAtEpoch(epoch.minus(lookahead)).minus(1);
    return protoArray.root(protoArray.ancestorAtSlot(protoArray.indexOf(root), dependentSlot));
  }

  /** {@code get_checkpoint_block(store, root, epoch)}. */
  public Bytes32 checkpointBlock(Bytes32 root, UInt64 epoch) {
    int node = protoArray.indexOf(root);
    return protoArray.root(protoArray.ancestorAtSlot(node, spec.misc().computeStartSlotAtEpoch(epoch)));
  }

  /** {@code update_checkpoints}: each checkpoint only moves to a later epoch. */
  private void updateCheckpoints(Checkpoint justified, Checkpoint finalized) {
    if (justified.epoch().isGreaterThan(justifiedCheckpoint.epoch())) {
      justifiedCheckpoint = justified;
    }
    if (finalized.epoch().isGreaterThan(finalizedCheckpoint.epoch())) {
      finalizedCheckpoint = finalized;
    }
  }

  /** {@code update_unrealized_checkpoints}. */
  private void updateUnrealizedCheckpoints(Checkpoint justified, Checkpoint finalized) {
    if (justified.epoch().isGreaterThan(unrealizedJustifiedCheckpoint.epoch())) {
      unrealizedJustifiedCheckpoint = justified;
    }
    if (finalized.epoch().isGreaterThan(unrealizedFinalizedCheckpoint.epoch())) {
      unrealizedFinalizedCheckpoint = finalized;
    }
  }

  // ------------------------------------------------------------------ attestations and slashings

  /**
   * {@code on_attestation(store, attestation, is_from_block)}: after {@code validate_on_attestation}
   * and the check of the indexed attestation in the target checkpoint state, the attesters'
   * latest messages go to the vote layer.
   *
   * @throws ForkChoiceException if the attestation is refused (the store is unchanged)
   */
  public void onAttestation(Attestation attestation, boolean isFromBlock) {
    validateOnAttestation(attestation.data(), isFromBlock);
    Checkpoint target = attestation.data().target();
    BeaconState targetState = checkpointState(target);
    MutableBeaconState view = new MutableBeaconState(targetState);
    IndexedAttestation indexed;
    try {
      indexed = versions.forState(targetState).accessors().getIndexedAttestation(view, attestation);
    } catch (StateTransitionException | UInt64OverflowException e) {
      throw new ForkChoiceException(INVALID_ATTESTATION, "get_indexed_attestation: " + e.getMessage(), e);
    }
    check(isValidIndexedAttestation(view, indexed), INVALID_ATTESTATION,
        "is_valid_indexed_attestation(target_state, indexed_attestation)");
    checkpointStates.putIfAbsent(target, targetState);
    votes.onAttestation(indexed, targetState, protoArray.indexOf(attestation.data().beaconBlockRoot()));
  }

  /** {@code validate_on_attestation} (with {@code validate_target_epoch_against_current_time}). */
  private void validateOnAttestation(AttestationData data, boolean isFromBlock) {
    Checkpoint target = data.target();
    if (!isFromBlock) {
      UInt64 current = currentEpoch();
      UInt64 previous = current.isZero() ? current : current.minus(1);
      check(target.epoch().equals(current) || target.epoch().equals(previous), INVALID_ATTESTATION_TIMING_OR_TARGET,
          "target.epoch in [current_epoch, previous_epoch] (" + target.epoch() + ", current " + current + ")");
    }
    check(target.epoch().equals(spec.misc().computeEpochAtSlot(data.slot())), INVALID_ATTESTATION_TIMING_OR_TARGET,
        "target.epoch == compute_epoch_at_slot(attestation.data.slot)");
    check(blocks.containsKey(target.root()), INVALID_ATTESTATION_TIMING_OR_TARGET, "target.root in store.blocks");
    StoredBlock attested = blocks.get(data.beaconBlockRoot());
    check(attested != null, INVALID_ATTESTATION_TIMING_OR_TARGET, "attestation.data.beacon_block_root in store.blocks");
    check(attested.block().slot().isLessThanOrEqualTo(data.slot()), INVALID_ATTESTATION_TIMING_OR_TARGET,
        "store.blocks[attestation.data.beacon_block_root].slot <= attestation.data.slot");
    check(target.root().equals(checkpointBlock(data.beaconBlockRoot(), target.epoch())), INVALID_ATTESTATION_TIMING_OR_TARGET,
        "target.root == get_checkpoint_block(store, attestation.data.beacon_block_root, target.epoch)");
    check(currentSlot().isGreaterThanOrEqualTo(data.slot().plus(1)), INVALID_ATTESTATION_TIMING_OR_TARGET,
        "get_current_slot(store) >= attestation.data.slot + 1");
  }

  /**
   * {@code on_attester_slashing}: whoever signed both attestations of a valid slashing (validators
   * in Fulu, keys in EDVT: the vote layer resolves them) becomes equivocating; their votes stop
   * counting.
   *
   * @throws ForkChoiceException if the slashing is refused (the store is unchanged)
   */
  public void onAttesterSlashing(AttesterSlashing slashing) {
    IndexedAttestation a1 = slashing.attestation1();
    IndexedAttestation a2 = slashing.attestation2();
    check(spec.predicates().isSlashableAttestationData(a1.data(), a2.data()), INVALID_ATTESTER_SLASHING,
        "is_slashable_attestation_data(attestation_1.data, attestation_2.data)");
    BeaconState justifiedBlockState = blocks.get(justifiedCheckpoint.root()).state();
    MutableBeaconState state = new MutableBeaconState(justifiedBlockState);
    check(isValidIndexedAttestation(state, a1), INVALID_ATTESTER_SLASHING, "is_valid_indexed_attestation(state, attestation_1)");
    check(isValidIndexedAttestation(state, a2), INVALID_ATTESTER_SLASHING, "is_valid_indexed_attestation(state, attestation_2)");
    votes.onAttesterSlashing(a1, a2, justifiedBlockState);
  }

  private boolean isValidIndexedAttestation(MutableBeaconState state, IndexedAttestation indexed) {
    try {
      return versions.forState(state.commit()).accessors().isValidIndexedAttestation(state, indexed,
          options.attestationSignatures());
    } catch (StateTransitionException | UInt64OverflowException | BlsException e) {
      return false;
    }
  }

  /**
   * {@code store.checkpoint_states[checkpoint]}, computed the way
   * {@code store_target_checkpoint_state} does when not yet known (the block's state advanced
   * to the epoch's start slot).
   */
  public BeaconState checkpointState(Checkpoint checkpoint) {
    BeaconState known = checkpointStates.get(checkpoint);
    if (known != null) {
      return known;
    }
    BeaconState base = blocks.get(checkpoint.root()).state();
    UInt64 startSlot = spec.misc().computeStartSlotAtEpoch(checkpoint.epoch());
    return base.slot().isLessThan(startSlot) ? transitions.processSlots(base, startSlot) : base;
  }

  // ------------------------------------------------------------------ head

  /** {@code get_head(store)}: the root of the head block. */
  public Bytes32 getHead() {
    return protoArray.root(updateHead());
  }

  /**
   * Brings the proto-array's weights up to date (the vote layer's deltas and the change of the
   * proposer boost), recomputes best descendants under the viability filter, and returns the
   * head's node.
   */
  private int updateHead() {
    JustifiedState justified = new JustifiedState(justifiedCheckpoint, justifiedCheckpointState());
    return weights.selectHead(justified, finalizedCheckpoint, currentEpoch(), proposerBoostRoot, this::proposerScore);
  }

  /** {@code store.checkpoint_states[store.justified_checkpoint]}. */
  BeaconState justifiedCheckpointState() {
    BeaconState state = checkpointState(justifiedCheckpoint);
    checkpointStates.putIfAbsent(justifiedCheckpoint, state);
    return state;
  }

  /** {@code get_proposer_score(store)}: {@code compute_proposer_score} of the justified checkpoint state. */
  long proposerScore() {
    return committeeFraction(spec.config().proposerScoreBoost());
  }

  /** {@code calculate_committee_fraction(justified_state, committee_percent)}. */
  long committeeFraction(int percent) {
    return justifiedTotalActiveBalance().dividedBy(spec.config().slotsPerEpoch()).times(percent).dividedBy(100).longValue();
  }

  /**
   * {@code get_total_active_balance} of the justified checkpoint state, kept per checkpoint: it
   * sweeps the validators, which a head computation must not do each time.
   */
  private UInt64 justifiedTotalActiveBalance() {
    if (!justifiedCheckpoint.equals(totalActiveBalanceCheckpoint)) {
      BeaconState justified = justifiedCheckpointState();
      totalActiveBalance = versions.forState(justified).accessors().getTotalActiveBalance(new MutableBeaconState(justified));
      totalActiveBalanceCheckpoint = justifiedCheckpoint;
    }
    return totalActiveBalance;
  }

  /** {@code get_attestation_score(store, node, justified_state)}, as of the last head computation. */
  long attestationScore(Bytes32 root) {
    return weights.attestationScore(root);
  }

  /** Every block of {@code slot} proposed by {@code proposerIndex} (for {@code is_proposer_equivocation}). */
  int countBlocks(UInt64 slot, UInt64 proposerIndex) {
    int n = 0;
    for (StoredBlock b : blocks.values()) {
      if (b.block().slot().equals(slot) && b.block().proposerIndex().equals(proposerIndex)) {
        n++;
      }
    }
    return n;
  }

  // ------------------------------------------------------------------ pruning

  /**
   * Drops everything before the finalized block once it sits at least
   * {@link ForkChoiceOptions#pruneThreshold()} nodes into the proto-array: those nodes can no
   * longer be the head nor the parent of an acceptable block.
   */
  private void pruneIfDue() {
    int finalizedNode = protoArray.indexOf(finalizedCheckpoint.root());
    if (finalizedNode <= 0 || finalizedNode < options.pruneThreshold()) {
      return;
    }
    List<Bytes32> dropped = weights.prune(finalizedNode);
    for (Bytes32 root : dropped) {
      blocks.remove(root);
    }
    checkpointStates.keySet().removeIf(c -> c.epoch().isLessThan(finalizedCheckpoint.epoch()) || !blocks.containsKey(c.root()));
  }
}
