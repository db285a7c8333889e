package io.edvt.simulator.chain;

import io.edvt.forkchoice.store.ForkChoiceException;
import io.edvt.forkchoice.store.ForkChoiceOptions;
import io.edvt.forkchoice.store.ForkChoiceStore;
import io.edvt.forkchoice.store.ProposerHead;
import io.edvt.forkchoice.store.StoredBlock;
import io.edvt.forkchoice.votes.VoteLayers;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.CollectionType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.SszTypes;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.execution.ExecutionPayload;
import io.edvt.spec.datastructures.execution.ExecutionPayloadHeader;
import io.edvt.spec.datastructures.execution.ExecutionRequests;
import io.edvt.spec.datastructures.execution.Withdrawal;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.MiscHelpersFulu;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * The full-stack simulated chain: real EDVT blocks made and applied by the state transition, and
 * one fork-choice {@link ForkChoiceStore} with EDVT's vote layer (threshold GHOST) standing for the
 * network's view. Signatures are not made and not checked (every verifier is
 * {@link SignatureVerifier#NONE}; signature fields hold the point at infinity); everything else
 * (state roots, attestation and block validity, RANDAO, rewards, fork choice, proposer re-orgs) is
 * the code the reference vectors check.
 *
 * <p><b>Views.</b> Nodes differ only in when they receive each block. At the attestation deadline
 * of slot {@code s} a node either has the slot's block or not; the first see the store's head after
 * the block ({@link #headWithBlock}), the others the head before it ({@link #headAtSlotStart}),
 * which is exact because nothing else reaches the store between the slot's start and the deadline.
 * The store itself receives the block when the next slot's proposer does, so the proposer's
 * re-org decision ({@code get_proposer_head}) sees the timeliness its node recorded. A block that
 * the next proposer receives after the deadline enters the store untimely at the deadline; the
 * head of the nodes that did receive it in time is then computed without their proposer boost,
 * which differs from theirs only if the block has a competing sibling
 * ({@link #boostMismatches} counts such slots).
 *
 * <p>Not thread-safe.
 */
public final class FullStackChain {
  /** What one signer does at the attestation deadline. */
  public enum Vote { WITH_BLOCK, WITHOUT_BLOCK, ABSENT }

  /** Who votes what: validator, member (0 for a plain validator), slot. */
  @FunctionalInterface
  public interface Voters {
    Vote of(int validator, int member, long slot);
  }

  /** Who is online (signs sync committee messages): validator, member, slot. */
  @FunctionalInterface
  public interface Online {
    boolean of(int validator, int member, long slot);
  }

  /** Messages and bytes the chain's signers published, by kind. */
  public static final class Traffic {
    public final Map<String, long[]> byKind = new LinkedHashMap<>();

    public void add(String kind, long count, long bytes) {
      long[] e = byKind.computeIfAbsent(kind, k -> new long[2]);
      e[0] += count;
      e[1] += bytes;
    }
  }

  /** A gossiped aggregate waiting for inclusion and for the store. */
  private record Pooled(long slot, Attestation attestation) {}

  public static final Bytes INFINITY_SIGNATURE = infinity();
  public static final int SINGLE_ATTESTATION_BYTES = 240;
  public static final int SYNC_MESSAGE_BYTES = 144;

  private final SimGenesis.Start start;
  private final SpecEdvt spec;
  private final ForkChoiceStore store;
  private final ProposerHead proposerHead;
  private final PhaseTimers timers;
  private final Traffic traffic = new Traffic();
  private final long slotsPerEpoch;
  private final long secondsPerSlot;
  private final List<Pooled> pool = new ArrayList<>();
  private final List<Attestation> forStore = new ArrayList<>();
  private final Map<Bytes32, SignedBeaconBlock> blocks = new HashMap<>();
  private Bytes32 headAtSlotStart;
  private long currentSlot;
  private int boostMismatches;
  private int reorgs;
  private int proposerHeadFailures;
  private String firstProposerHeadFailure;

  public FullStackChain(SimGenesis.Start start, PhaseTimers timers) {
    this.start = start;
    this.spec = start.spec();
    this.timers = timers;
    ForkChoiceOptions options = new ForkChoiceOptions(() -> SignatureVerifier.NONE, SignatureVerifier.NONE,
        ExecutionEngine.always(true), root -> true, 256);
    this.store = ForkChoiceStore.create(new SpecVersions(spec.config()), start.state(), start.anchor(), VoteLayers.edvt(spec), options);
    this.proposerHead = new ProposerHead(store);
    this.slotsPerEpoch = spec.config().slotsPerEpoch();
    this.secondsPerSlot = spec.config().slotDurationMs() / 1000;
    this.headAtSlotStart = start.anchor().hashTreeRoot();
  }

  public SpecEdvt spec() {
    return spec;
  }

  public SimGenesis.Start start() {
    return start;
  }

  public ForkChoiceStore store() {
    return store;
  }

  public Traffic traffic() {
    return traffic;
  }

  public int boostMismatches() {
    return boostMismatches;
  }

  /** Blocks whose proposer built on the parent of the head ({@code get_proposer_head} re-orgs). */
  public int reorgs() {
    return reorgs;
  }

  /** Slots where get_proposer_head refused (its assertion on the proposer boost) and the proposer built on the head. */
  public int proposerHeadFailures() {
    return proposerHeadFailures;
  }

  public String firstProposerHeadFailure() {
    return firstProposerHeadFailure;
  }

  public long slotsPerEpoch() {
    return slotsPerEpoch;
  }

  // ------------------------------------------------------------------ slot start

  /**
   * The start of slot {@code slot}: the store's clock moves to it, the aggregates of earlier slots
   * reach the store, and the head is computed: the head of every node that has not yet received
   * this slot's block.
   */
  public Bytes32 beginSlot(long slot) {
    currentSlot = slot;
    tick(slot, 0);
    timers.time("fork choice: on_attestation", () -> {
      for (Attestation a : forStore) {
        try {
          store.onAttestation(a, false);
        } catch (ForkChoiceException e) {
          // an aggregate for a block the store pruned or a target it cannot place: ignored, as a node ignores it
        }
      }
    });
    forStore.clear();
    headAtSlotStart = timers.time("fork choice: get_head", store::getHead);
    return headAtSlotStart;
  }

  public Bytes32 headAtSlotStart() {
    return headAtSlotStart;
  }

  /** The proposer of {@code slot} on the chain of {@code parentRoot}. */
  public int proposerOf(long slot, Bytes32 parentRoot) {
    BeaconState parent = store.block(parentRoot).state();
    UInt64 epochStart = spec.misc().computeStartSlotAtEpoch(spec.misc().computeEpochAtSlot(parent.slot()));
    long offset = slot - epochStart.longValue();
    SszList<UInt64> lookahead = BeaconStateFulu.required(parent).proposerLookahead();
    if (offset >= 0 && offset < lookahead.size()) {
      return lookahead.get((int) offset).intValue();
    }
    MutableBeaconState view = new MutableBeaconState(parent);
    spec.stateTransition().processSlots(view, UInt64.valueOf(slot));
    return spec.accessors().getBeaconProposerIndex(view);
  }

  /**
   * The block an honest proposer of {@code slot} builds on: {@code get_proposer_head} of the head
   * at the slot's start (its parent when the head is a late, weak block that can be re-orged).
   */
  public Bytes32 proposalParent(long slot) {
    try {
      Bytes32 parent = timers.time("fork choice: get_proposer_head",
          () -> proposerHead.getProposerHead(headAtSlotStart, UInt64.valueOf(slot)));
      if (!parent.equals(headAtSlotStart)) {
        reorgs++;
      }
      return parent;
    } catch (RuntimeException e) {
      proposerHeadFailures++;
      if (firstProposerHeadFailure == null) {
        firstProposerHeadFailure = e.toString();
      }
      return headAtSlotStart;
    }
  }

  // ------------------------------------------------------------------ blocks

  /**
   * A block of {@code slot} on {@code parentRoot}, led by {@code leader} (member index; 0 for a
   * plain proposer) and signed by {@code signers}: the pooled aggregates its parent's chain has not
   * included, a sync aggregate of the online seats, an acceptable payload and its state root. Not
   * yet in the store.
   */
  public SignedBeaconBlock produceBlock(long slot, Bytes32 parentRoot, int leader, int[] signers, Online online,
      List<AttesterSlashing> slashings) {
    BeaconState parentState = store.block(parentRoot).state();
    MutableBeaconState view = new MutableBeaconState(parentState);
    timers.time("state transition: process_slots (epoch)", () ->
        spec.stateTransition().processSlots(view, UInt64.valueOf(slot)));
    int proposer = spec.accessors().getBeaconProposerIndex(view);
    BeaconBlockBody body = timers.time("block production: body", () -> body(view, slot, proposer, leader,
        parentState.slot().longValue(), online, slashings));
    BeaconBlock unsealed = BeaconBlock.create(spec.schemas().beaconBlock(), UInt64.valueOf(slot),
        UInt64.valueOf(proposer), parentRoot, Bytes32.ZERO, body);
    MutableBeaconState post = new MutableBeaconState(view.commit());
    timers.time("state transition: process_block", () ->
        spec.blockProcessor().processBlock(post, unsealed, SignatureVerifier.NONE, ExecutionEngine.always(true)));
    Bytes32 stateRoot = timers.time("state transition: hash_tree_root", () -> post.commit().hashTreeRoot());
    BeaconBlock block = unsealed.withStateRoot(stateRoot);
    SignedBeaconBlock signed = SignedBeaconBlockEdvt.create(spec.schemas().signedBeaconBlock(), block,
        INFINITY_SIGNATURE, SszBits.withSet(spec.edvtConfig().maxGroupSize(), signers));
    traffic.add("beacon_block", 1, signed.serialize().length);
    return signed;
  }

  /**
   * The block reaches the store {@code ms} into its slot (the next proposer's arrival time, at
   * most the attestation deadline: later arrivals enter untimely at the deadline).
   */
  public void deliverBlock(SignedBeaconBlock block, long ms) {
    long slot = block.message().slot().longValue();
    tick(slot, ms);
    timers.time("fork choice: on_block (state transition)", () -> store.onBlock(block));
    Bytes32 root = block.message().hashTreeRoot();
    blocks.put(root, block);
    warm(store.block(root).state(), slot);
  }

  /**
   * The head of the nodes that received the slot's block before the deadline. Call after
   * {@link #deliverBlock} (or without a block: the head at the slot's start).
   */
  public Bytes32 headWithBlock(SignedBeaconBlock block, boolean storeGotItInTime) {
    Bytes32 head = timers.time("fork choice: get_head", store::getHead);
    if (block != null && !storeGotItInTime) {
      Bytes32 root = block.message().hashTreeRoot();
      if (!head.equals(root) && !block.message().parentRoot().equals(headAtSlotStart)) {
        boostMismatches++;
      }
    }
    return head;
  }

  /** The applied block of {@code root}, if it was produced here. */
  public SignedBeaconBlock block(Bytes32 root) {
    return blocks.get(root);
  }

  // ------------------------------------------------------------------ attestations

  /**
   * The attestations of {@code slot} at its deadline: each signer of the slot's expanded committees
   * votes, per {@code voters}, for {@code withBlock} or {@code withoutBlock} (the heads of the two
   * views); one aggregate per distinct {@code AttestationData}, spanning all committees, goes to
   * the pool and (at the next slot's start) to the store. Returns the aggregates.
   */
  public List<Attestation> attest(long slot, Bytes32 withBlock, Bytes32 withoutBlock, Voters voters) {
    return timers.time("attestations: committees and aggregates", () -> {
      tick(slot, spec.config().attestationDueBps() * spec.config().slotDurationMs() / 10_000);
      Map<Bytes32, List<Long>> byHead = new LinkedHashMap<>();
      AttestationData dataWith = attestationData(slot, withBlock);
      AttestationData dataWithout = withoutBlock.equals(withBlock) ? dataWith : attestationData(slot, withoutBlock);
      // committees from the target checkpoint state of the view without the block (the shuffling
      // of the epoch is the same on both heads unless the block changes the dependent root, which
      // a block of the epoch cannot)
      BeaconState checkpointState = store.checkpointState(dataWithout.target());
      MutableBeaconState committeeState = new MutableBeaconState(checkpointState);
      int committees = spec.accessors().getCommitteeCountPerSlot(committeeState, UInt64.valueOf(slot / slotsPerEpoch));
      long[][] expanded = new long[committees][];
      for (int k = 0; k < committees; k++) {
        expanded[k] = spec.accessors().getExpandedBeaconCommittee(committeeState, UInt64.valueOf(slot), k);
      }
      checkpointState.adoptCaches(committeeState.caches());
      List<int[]> withBits = new ArrayList<>();
      List<int[]> withoutBits = new ArrayList<>();
      long singles = 0;
      for (int k = 0; k < committees; k++) {
        int[] w = new int[expanded[k].length];
        int[] wo = new int[expanded[k].length];
        int nw = 0;
        int nwo = 0;
        for (int i = 0; i < expanded[k].length; i++) {
          long vi = expanded[k][i];
          Vote vote = voters.of((int) VirtualIndex.validatorIndexOf(vi), (int) VirtualIndex.memberIndexOf(vi), slot);
          if (vote == Vote.WITH_BLOCK || (vote == Vote.WITHOUT_BLOCK && dataWithout == dataWith)) {
            w[nw++] = i;
          } else if (vote == Vote.WITHOUT_BLOCK) {
            wo[nwo++] = i;
          }
        }
        singles += nw + nwo;
        withBits.add(java.util.Arrays.copyOf(w, nw));
        withoutBits.add(java.util.Arrays.copyOf(wo, nwo));
      }
      traffic.add("single_attestation", singles, singles * SINGLE_ATTESTATION_BYTES);
      List<Attestation> out = new ArrayList<>(2);
      aggregate(slot, dataWith, expanded, withBits).ifPresent(out::add);
      if (dataWithout != dataWith) {
        aggregate(slot, dataWithout, expanded, withoutBits).ifPresent(out::add);
      }
      for (Attestation a : out) {
        pool.add(new Pooled(slot, a));
        forStore.add(a);
      }
      return out;
    });
  }

  /**
   * {@code AttestationData} of {@code slot} for a node whose head is {@code headRoot}: source the
   * justified checkpoint of the head's state at the slot, target the epoch's boundary block on
   * the head's chain.
   */
  public AttestationData attestationData(long slot, Bytes32 headRoot) {
    StoredBlock head = store.block(headRoot);
    long epoch = slot / slotsPerEpoch;
    UInt64 epochStart = UInt64.valueOf(epoch * slotsPerEpoch);
    long headSlot = head.block().slot().longValue();
    Checkpoint source;
    Bytes32 targetRoot;
    if (headSlot >= epochStart.longValue()) {
      source = head.state().currentJustifiedCheckpoint();
      targetRoot = headSlot == epochStart.longValue() ? headRoot
          : spec.accessors().getBlockRootAtSlot(new MutableBeaconState(head.state()), epochStart);
    } else {
      targetRoot = headRoot;
      source = store.checkpointState(Checkpoint.create(UInt64.valueOf(epoch), headRoot)).currentJustifiedCheckpoint();
    }
    return AttestationData.create(UInt64.valueOf(slot), UInt64.ZERO, headRoot, source,
        Checkpoint.create(UInt64.valueOf(epoch), targetRoot));
  }

  private java.util.Optional<Attestation> aggregate(long slot, AttestationData data, long[][] expanded, List<int[]> bits) {
    List<Integer> committeeIndices = new ArrayList<>();
    List<Integer> set = new ArrayList<>();
    int offset = 0;
    for (int k = 0; k < expanded.length; k++) {
      int[] b = bits.get(k);
      if (b.length == 0) {
        continue;
      }
      committeeIndices.add(k);
      for (int i : b) {
        set.add(offset + i);
      }
      offset += expanded[k].length;
    }
    if (set.isEmpty()) {
      return java.util.Optional.empty();
    }
    // about TARGET_AGGREGATORS_PER_COMMITTEE aggregators publish an aggregate per committee
    traffic.add("aggregate_and_proof", 16L * committeeIndices.size(), 0);
    return java.util.Optional.of(Attestation.create(spec.schemas().attestation(),
        SszBits.withSet(offset, set.stream().mapToInt(Integer::intValue).toArray()), data, INFINITY_SIGNATURE,
        SszBits.withSet(spec.config().maxCommitteesPerSlot(), committeeIndices.stream().mapToInt(Integer::intValue).toArray())));
  }

  // ------------------------------------------------------------------ block body

  private BeaconBlockBody body(MutableBeaconState view, long slot, int proposer, int leader, long parentSlot,
      Online online, List<AttesterSlashing> slashings) {
    var bodyType = spec.schemas().beaconBlockBody();
    UInt64 epoch = spec.accessors().getCurrentEpoch(view);
    int validator = proposer;
    long signer = VirtualIndex.compute(validator, leader);
    return BeaconBlockBodyEdvt.create(bodyType,
        randaoReveal(signer, epoch.longValue()),
        view.eth1Data(),
        Bytes32.ZERO,
        list(bodyType, BeaconBlockBody.PROPOSER_SLASHINGS, List.of()),
        list(bodyType, BeaconBlockBody.ATTESTER_SLASHINGS, slashings),
        list(bodyType, BeaconBlockBody.ATTESTATIONS, includable(view, slot, parentSlot)),
        list(bodyType, BeaconBlockBody.DEPOSITS, List.of()),
        list(bodyType, BeaconBlockBody.VOLUNTARY_EXITS, List.of()),
        syncAggregate(view, slot, online),
        payload(view),
        list(bodyType, BeaconBlockBody.BLS_TO_EXECUTION_CHANGES, List.of()),
        list(bodyType, BeaconBlockBody.BLOB_KZG_COMMITMENTS, List.of()),
        requests(),
        UInt64.valueOf(leader),
        list(bodyType, BeaconBlockBodyEdvt.GROUP_REGISTRATIONS, List.of()),
        list(bodyType, BeaconBlockBodyEdvt.GROUP_KEY_CHANGES, List.of()));
  }

  /**
   * A stand-in RANDAO reveal of signer {@code virtualIndex} for {@code epoch}: deterministic per
   * signer and epoch and unpredictable in advance, as a BLS signature is (96 bytes of SHA-256).
   */
  public static Bytes randaoReveal(long virtualIndex, long epoch) {
    byte[] out = new byte[96];
    for (int part = 0; part < 3; part++) {
      byte[] h = Sha256.hash(java.nio.ByteBuffer.allocate(20).putLong(virtualIndex).putLong(epoch).putInt(part).array());
      System.arraycopy(h, 0, out, 32 * part, 32);
    }
    return Bytes.wrap(out);
  }

  /**
   * The pooled aggregates that a block at {@code slot} on a parent of {@code parentSlot} can carry:
   * from slots at or after the parent's (earlier ones are in the parent's chain already), whose
   * target epoch is the state's current or previous one and whose source is the state's
   * justified checkpoint for it; at most {@code MAX_ATTESTATIONS_ELECTRA}, newest first.
   */
  private List<Attestation> includable(MutableBeaconState state, long slot, long parentSlot) {
    UInt64 current = spec.accessors().getCurrentEpoch(state);
    UInt64 previous = spec.accessors().getPreviousEpoch(state);
    List<Pooled> candidates = new ArrayList<>();
    for (Pooled p : pool) {
      if (p.slot() < parentSlot || p.slot() >= slot || p.slot() + slotsPerEpoch < slot) {
        continue;
      }
      AttestationData data = p.attestation().data();
      UInt64 target = data.target().epoch();
      Checkpoint expected = target.equals(current) ? state.currentJustifiedCheckpoint()
          : target.equals(previous) ? state.previousJustifiedCheckpoint() : null;
      if (expected != null && expected.equals(data.source())) {
        candidates.add(p);
      }
    }
    candidates.sort(Comparator.comparingLong(Pooled::slot).reversed());
    int max = spec.config().maxAttestationsElectra();
    List<Attestation> out = new ArrayList<>(Math.min(max, candidates.size()));
    for (int i = 0; i < candidates.size() && i < max; i++) {
      out.add(candidates.get(i).attestation());
    }
    // forget what can no longer be included anywhere
    pool.removeIf(p -> p.slot() + slotsPerEpoch + 1 < slot);
    return out;
  }

  private SyncAggregate syncAggregate(MutableBeaconState state, long slot, Online online) {
    int size = spec.config().syncCommitteeSize();
    SszList<UInt64> signers = state.<UInt64>listValue(BeaconStateEdvt.CURRENT_SYNC_COMMITTEE_SIGNERS);
    int[] set = new int[size];
    int count = 0;
    for (int i = 0; i < size; i++) {
      long vi = signers.get(i).longValue();
      if (online.of((int) VirtualIndex.validatorIndexOf(vi), (int) VirtualIndex.memberIndexOf(vi), slot - 1)) {
        set[count++] = i;
      }
    }
    traffic.add("sync_committee_message", count, (long) count * SYNC_MESSAGE_BYTES);
    return SyncAggregate.create(spec.schemas().syncAggregate(), SszBits.withSet(size, java.util.Arrays.copyOf(set, count)),
        INFINITY_SIGNATURE);
  }

  private ExecutionPayload payload(MutableBeaconState state) {
    ExecutionPayloadHeader parent = state.latestExecutionPayloadHeader();
    UInt64 slot = state.slot();
    List<Withdrawal> withdrawals = spec.blockProcessor().getExpectedWithdrawals(state).withdrawals();
    Bytes32 blockHash = Bytes32.wrap(Sha256.hash(
        Bytes.concatenate(parent.blockHash(), MiscHelpersFulu.uintToBytes(slot)).toArrayUnsafe()));
    var withdrawalsType = SszTypes.list(Withdrawal.TYPE, spec.config().maxWithdrawalsPerPayload());
    var transactionsType = SszTypes.list(spec.schemas().transaction(), spec.config().maxTransactionsPerPayload());
    return ExecutionPayload.create(spec.schemas().executionPayload(), parent.blockHash(), parent.feeRecipient(),
        parent.stateRoot(), parent.receiptsRoot(), Bytes.wrap(new byte[spec.config().bytesPerLogsBloom()]),
        spec.accessors().getRandaoMix(state, spec.accessors().getCurrentEpoch(state)), parent.blockNumber().plus(1),
        parent.gasLimit(), UInt64.ZERO, spec.misc().computeTimeAtSlot(state.genesisTime(), slot), Bytes.EMPTY,
        parent.baseFeePerGas(), blockHash, transactionsType.of(List.of()), withdrawalsType.of(withdrawals),
        UInt64.ZERO, UInt64.ZERO);
  }

  private ExecutionRequests requests() {
    var type = spec.schemas().executionRequests();
    return ExecutionRequests.create(type, list(type, 0, List.of()), list(type, 1, List.of()), list(type, 2, List.of()));
  }

  /**
   * Computes the committees of {@code slot}'s epoch on a working copy of {@code state} and gives
   * {@code state} the copy's caches: read-only views of a state (fork choice, duties) wrap it in a
   * fresh working copy each time, and without this each of them would shuffle the registry again.
   * The copy changed nothing, so its caches are valid for {@code state}.
   */
  private void warm(BeaconState state, long slot) {
    timers.time("caches: shuffling", () -> {
      MutableBeaconState w = new MutableBeaconState(state);
      UInt64 s = UInt64.valueOf(slot);
      spec.accessors().getBeaconCommittee(w, s, 0);
      spec.accessors().getExpandedBeaconCommittee(w, s, 0);
      state.adoptCaches(w.caches());
    });
  }

  // ------------------------------------------------------------------ time

  /** Moves the store's clock to {@code ms} into {@code slot} (the store keeps whole seconds). */
  public void tick(long slot, long ms) {
    UInt64 time = store.genesisTime().plus(UInt64.valueOf(slot * secondsPerSlot + ms / 1000));
    if (time.isGreaterThan(store.time())) {
      store.onTick(time);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E> SszList<E> list(ContainerType<?> container, int field, List<? extends E> items) {
    return ((CollectionType<E>) container.fields().get(field).type()).of(items);
  }

  private static Bytes infinity() {
    byte[] b = new byte[96];
    b[0] = (byte) 0xc0;
    return Bytes.wrap(b);
  }
}
