package io.edvt.node.validator.group;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.LeaderTurns;
import io.edvt.groups.MemberSlot;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.time.SlotClock;
import io.edvt.node.validator.GroupProposalSeam;
import io.edvt.node.validator.Signer;
import io.edvt.node.validator.ValidatorDuties;
import io.edvt.node.validator.duties.Duties;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import io.edvt.spec.edvt.logic.SpecEdvt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * Leader-promoted block production by a group (validator.md "Leader-promoted proposal by a group")
 * for the member keys this node holds. When {@link ValidatorDuties} hands over a slot of a held
 * member's group ({@link #groupProposalDue}, once per held member), the slot's ranking is read from
 * the state ({@code get_group_member_ranking}) and each held member gets its {@link MemberSlot}
 * (the sign-off rule) and, if its rank may lead, a wake-up at {@code get_leader_start_ms(rank)}
 * ({@link LeaderTurns}):
 *
 * <ol>
 *   <li><b>Leading.</b> If {@link MemberSlot#leadsAt} holds, the member builds the block with its
 *       own RANDAO reveal and {@code randao_member_index}, signs it through slashing protection and
 *       publishes a {@code GroupBlockProposal}; the other held members of the group receive it at
 *       once (gossip does not return a node's own messages).
 *   <li><b>Signing off.</b> For a proposal (from gossip, validated there, or our own), each held
 *       member asks {@link MemberSlot#onProposal} with the time it was received; if any may sign,
 *       the block is checked once ({@link ProposalCheck}: full processing without the block
 *       signature, the engine's verdict, the fee recipient); each member then signs through
 *       slashing protection ({@code checkAndRecordBlock} before the signature exists) and publishes
 *       a {@code GroupBlockSignoff}.
 *   <li><b>Publishing.</b> Whoever holds the proposal collects the leader's signature and the
 *       sign-offs; with {@code m} of them the leader assembles the block at once
 *       ({@code assemble_group_block}: every signature it has, {@code signer_bits} set for them) and
 *       publishes it; another member's node does so {@code turn / 2} later if the block is still
 *       unknown to its chain (the spec's backup publishers).
 *   <li><b>Promotion.</b> The next rank's wake-up at the end of a turn leads only under step 1's
 *       rule: a member that signed a proposal, or is still validating one received in time, does
 *       not.
 * </ol>
 *
 * <p>Bounds as {@code p2p-interface.md} sets them: proposals for a slot whose duties are not known
 * yet wait in a queue of at most {@code MAX_GROUP_SIZE}, sign-offs whose proposal is not known yet
 * at most {@code MAX_GROUP_SIZE} per root for at most 4 roots; both are dropped when their slot is
 * over. Every method runs its work on the {@link Scheduler} (one thread): state is not shared.
 */
public final class GroupProposer implements GroupProposalSeam {
  private static final System.Logger LOG = System.getLogger(GroupProposer.class.getName());
  private static final int EARLY_SIGNOFF_ROOTS = 4;
  private static final int OUTCOMES_KEPT = 256;

  /** Where the group messages and the assembled block go (the member topics and the gossip publisher). */
  public interface MemberTopics {
    void proposal(GroupBlockProposal proposal);

    void signoff(GroupBlockSignoff signoff);

    /** The assembled block: imported, then gossiped (the node's {@code DutyPublisher#block}). */
    void block(SignedBeaconBlock block);
  }

  /** One thread's worth of scheduling: tasks run in order, never two at once. */
  public interface Scheduler {
    void execute(Runnable task);

    void schedule(Runnable task, long delayMs);
  }

  /** Builds a leader's block: {@code EngineBlockProducer#produceGroupBlock}. */
  @FunctionalInterface
  public interface LeaderBlocks {
    Optional<BeaconBlock> produce(ValidatorDuties.Head head, UInt64 slot, Bytes randaoReveal, long proposerIndex,
        int leaderMemberIndex, Bytes groupFeeRecipient);
  }

  /**
   * What happened to one proposal this node took part in, times in ms into the slot.
   *
   * @param leaderRank the rank of the proposal's leader
   * @param ours whether one of our members led it
   * @param signatures the leader's and the sign-offs held when the block was published (or at the end)
   * @param proposalMs when the proposal was made (ours) or received
   * @param thresholdMs when the {@code m}-th signature arrived, or -1
   * @param publishedMs when this node published the assembled block, or -1
   */
  public record Outcome(UInt64 slot, long proposer, Bytes32 root, int leaderRank, int leaderMember, boolean ours,
      int signatures, long proposalMs, long thresholdMs, long publishedMs) {}

  private record SlotKey(long slot, long proposer) {}

  private record Held(BlsPublicKey key, int member, MemberSlot<Bytes32> rule) {}

  private record EarlyProposal(GroupBlockProposal proposal, long receivedAtMillis) {}

  /** One proposal of a slot, as this node knows it. */
  private static final class Proposed {
    final GroupBlockProposal proposal;
    final Bytes32 root;
    final int leader;
    final int leaderRank;
    final boolean ours;
    final long receivedMs;
    final Map<Integer, Bytes> signatures = new TreeMap<>();
    Optional<String> refusal;
    boolean backupScheduled;
    long thresholdMs = -1;
    long publishedMs = -1;

    Proposed(GroupBlockProposal proposal, Bytes32 root, int leader, int leaderRank, boolean ours, long receivedMs) {
      this.proposal = proposal;
      this.root = root;
      this.leader = leader;
      this.leaderRank = leaderRank;
      this.ours = ours;
      this.receivedMs = receivedMs;
    }
  }

  /** A slot of a group whose members we hold. */
  private final class GroupSlot {
    final UInt64 slot;
    final long proposer;
    final BeaconState state;
    final int[] ranking;
    final int threshold;
    final Bytes feeRecipient;
    final Map<Integer, Held> held = new TreeMap<>();
    final Map<Bytes32, Proposed> proposals = new LinkedHashMap<>();

    GroupSlot(UInt64 slot, long proposer, BeaconState state, int[] ranking, int threshold, Bytes feeRecipient) {
      this.slot = slot;
      this.proposer = proposer;
      this.state = state;
      this.ranking = ranking;
      this.threshold = threshold;
      this.feeRecipient = feeRecipient;
    }

    int rankOf(int member) {
      for (int r = 0; r < ranking.length; r++) {
        if (ranking[r] == member) {
          return r;
        }
      }
      throw new IllegalArgumentException("member " + member + " is not in the ranking");
    }

    long nowMs() {
      return clock.nowMillis() - clock.slotStartMillis(slot.longValue());
    }
  }

  private final SpecVersions versions;
  private final SpecEdvt edvt;
  private final MultiForkStateTransition transition;
  private final LeaderTurns turns;
  private final Signer signer;
  private final LeaderBlocks producer;
  private final ProposalCheck check;
  private final MemberTopics topics;
  private final SlotClock clock;
  private final Scheduler scheduler;
  private final Supplier<ValidatorDuties.Head> head;
  private final Predicate<Bytes32> blockKnown;
  private final Optional<Bytes> feeRecipient;
  private final Map<SlotKey, GroupSlot> slots = new HashMap<>();
  private final List<EarlyProposal> earlyProposals = new ArrayList<>();
  private final Map<Bytes32, List<GroupBlockSignoff>> earlySignoffs = new LinkedHashMap<>();
  private final Deque<Outcome> outcomes = new ArrayDeque<>();
  private long prunedAt = -1;

  /**
   * @param head the chain head a leader builds on
   * @param blockKnown whether the chain holds a block (a backup publisher's check)
   * @param feeRecipient the group fee recipient configured by the staker (the same on every member),
   *     or empty for the default: the execution address of the validator's withdrawal credentials
   */
  public GroupProposer(SpecVersions versions, Signer signer, LeaderBlocks producer, ProposalCheck check,
      MemberTopics topics, SlotClock clock, Scheduler scheduler, Supplier<ValidatorDuties.Head> head,
      Predicate<Bytes32> blockKnown, Optional<Bytes> feeRecipient) {
    this.versions = versions;
    this.edvt = versions.edvt();
    this.transition = new MultiForkStateTransition(versions);
    SpecConfigEdvt config = SpecConfigEdvt.of(versions.config());
    this.turns = new LeaderTurns(versions.config().slotDurationMs(), config.groupLeaderTimeoutBps(),
        versions.config().attestationDueBps());
    this.signer = signer;
    this.producer = producer;
    this.check = check;
    this.topics = topics;
    this.clock = clock;
    this.scheduler = scheduler;
    this.head = head;
    this.blockKnown = blockKnown;
    this.feeRecipient = feeRecipient;
  }

  public LeaderTurns turns() {
    return turns;
  }

  @Override
  public void groupProposalDue(Duties.GroupProposer duty, BeaconState headState) {
    scheduler.execute(() -> guard(() -> due(duty, headState)));
  }

  /** A proposal that passed gossip validation, received at {@code receivedAtMillis} (Unix ms). */
  public void onProposal(GroupBlockProposal proposal, long receivedAtMillis) {
    scheduler.execute(() -> guard(() -> proposal(proposal, receivedAtMillis)));
  }

  /** A sign-off that passed gossip validation. */
  public void onSignoff(GroupBlockSignoff signoff) {
    scheduler.execute(() -> guard(() -> signoff(signoff)));
  }

  /** The last proposals this node took part in, oldest first (read on the scheduler's thread or after it is idle). */
  public synchronized List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  // ------------------------------------------------------------------ on the scheduler's thread

  private void due(Duties.GroupProposer duty, BeaconState headState) {
    UInt64 slot = duty.slot();
    prune(slot.longValue());
    long proposer = duty.assignment().validatorIndex();
    GroupSlot gs = slots.get(new SlotKey(slot.longValue(), proposer));
    if (gs == null) {
      BeaconState state = headState.slot().isLessThan(slot) ? transition.processSlots(headState, slot) : headState;
      MutableBeaconState view = new MutableBeaconState(state);
      UInt64 epoch = edvt.misc().computeEpochAtSlot(slot);
      GroupKeySet<Bytes48> keySet = edvt.registry().getValidatorKeySet(view, proposer, epoch).orElseThrow(
          () -> new IllegalStateException("validator " + proposer + " has no key set at epoch " + epoch));
      int[] ranking = edvt.accessors().getGroupMemberRanking(view, proposer, slot);
      Bytes recipient = feeRecipient.orElseGet(
          () -> view.validators().get((int) proposer).withdrawalCredentials().slice(12));
      gs = new GroupSlot(slot, proposer, state, ranking, keySet.threshold(), recipient);
      slots.put(new SlotKey(slot.longValue(), proposer), gs);
      // pre-formatted (no locale digit grouping): the devnet report reads this line and the "Group block" one
      LOG.log(System.Logger.Level.INFO, String.format("Group slot %d group %d: ranking %s threshold %d", slot.longValue(),
          proposer, Arrays.toString(ranking), keySet.threshold()));
    }
    int member = duty.assignment().memberIndex();
    if (gs.held.containsKey(member)) {
      return;
    }
    Held held = new Held(duty.memberKey(), member, new MemberSlot<>(turns, gs.ranking, member, gs.threshold, Optional.empty()));
    gs.held.put(member, held);
    // proposals already known for the slot are this member's too
    for (Proposed p : List.copyOf(gs.proposals.values())) {
      considerFor(gs, p, List.of(held));
    }
    if (held.rule().mayLead()) {
      GroupSlot target = gs;
      long delay = Math.max(0, turns.leaderStartMs(held.rule().rank()) - gs.nowMs());
      scheduler.schedule(() -> guard(() -> tryLead(target, held)), delay);
    }
    // proposals that came before the duties
    for (Iterator<EarlyProposal> it = earlyProposals.iterator(); it.hasNext(); ) {
      EarlyProposal early = it.next();
      BeaconBlock block = early.proposal().block();
      if (block.slot().equals(slot) && block.proposerIndex().longValue() == proposer) {
        it.remove();
        proposal(early.proposal(), early.receivedAtMillis());
      }
    }
  }

  private void tryLead(GroupSlot gs, Held held) {
    long startMs = gs.nowMs();
    if (!held.rule().leadsAt(startMs)) {
      LOG.log(System.Logger.Level.DEBUG, "Slot {0}: member {1} (rank {2}) does not lead at {3} ms (signed {4})", gs.slot,
          held.member(), held.rule().rank(), startMs, held.rule().signedRoot().orElse(null));
      return;
    }
    ValidatorDuties.Head current = head.get();
    if (!current.state().slot().isLessThan(gs.slot)) {
      return; // a block of the slot is already the head
    }
    BeaconState state = transition.processSlots(current.state(), gs.slot);
    Bytes randao = signer.randaoReveal(held.key(), state, edvt.misc().computeEpochAtSlot(gs.slot));
    Optional<BeaconBlock> block = producer.produce(current, gs.slot, randao, gs.proposer, held.member(), gs.feeRecipient);
    if (block.isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "Slot {0}: member {1} of group {2} (rank {3}) built no block", gs.slot,
          held.member(), gs.proposer, held.rule().rank());
      return;
    }
    Bytes32 root = block.get().hashTreeRoot();
    long builtMs = gs.nowMs();
    if (!held.rule().leadsAt(builtMs)) {
      LOG.log(System.Logger.Level.WARNING, "Slot {0}: member {1} (rank {2}) built its block at {3} ms, after its turn; not proposed",
          gs.slot, held.member(), held.rule().rank(), builtMs);
      return;
    }
    held.rule().lead(root, builtMs);
    Optional<Bytes> signature = signer.block(held.key(), state, block.get());
    if (signature.isEmpty()) {
      return; // slashing protection refused (and said why)
    }
    GroupBlockProposal proposal = GroupBlockProposal.create(edvt.schemas().groupBlockProposal(), block.get(), signature.get());
    Proposed p = new Proposed(proposal, root, held.member(), held.rule().rank(), true, builtMs);
    p.signatures.put(held.member(), signature.get());
    gs.proposals.put(root, p);
    LOG.log(System.Logger.Level.INFO, "Group proposal slot {0} group {1} leader member {2} rank {3} root {4} at {5} ms (built in {6} ms)",
        gs.slot, gs.proposer, held.member(), held.rule().rank(), root, builtMs, builtMs - startMs);
    topics.proposal(proposal);
    considerFor(gs, p, List.copyOf(gs.held.values()));
    applyEarlySignoffs(gs, p);
    assembleIfComplete(gs, p);
  }

  private void proposal(GroupBlockProposal proposal, long receivedAtMillis) {
    BeaconBlock block = proposal.block();
    GroupSlot gs = slots.get(new SlotKey(block.slot().longValue(), block.proposerIndex().longValue()));
    if (gs == null) {
      if (block.slot().longValue() >= clock.currentSlot() && earlyProposals.size() < GroupKeySet.MAX_GROUP_SIZE) {
        earlyProposals.add(new EarlyProposal(proposal, receivedAtMillis));
      }
      return;
    }
    Bytes32 root = block.hashTreeRoot();
    if (gs.proposals.containsKey(root)) {
      return;
    }
    int leader = ((BeaconBlockBodyEdvt) block.body()).randaoMemberIndex().intValue();
    long receivedMs = receivedAtMillis - clock.slotStartMillis(gs.slot.longValue());
    Proposed p = new Proposed(proposal, root, leader, gs.rankOf(leader), false, receivedMs);
    p.signatures.put(leader, proposal.leaderSignature());
    gs.proposals.put(root, p);
    considerFor(gs, p, List.copyOf(gs.held.values()));
    applyEarlySignoffs(gs, p);
    assembleIfComplete(gs, p);
  }

  /** Step 2 for {@code members}: the sign-off rule, the block check (once), slashing protection, the sign-off. */
  private void considerFor(GroupSlot gs, Proposed p, List<Held> members) {
    List<Held> allowed = new ArrayList<>();
    for (Held held : members) {
      if (held.member() == p.leader) {
        continue;
      }
      MemberSlot.SignoffVerdict verdict = held.rule().onProposal(p.leader, p.root, p.receivedMs);
      if (verdict == MemberSlot.SignoffVerdict.ALLOWED) {
        allowed.add(held);
      } else if (verdict != MemberSlot.SignoffVerdict.NOT_RANKED_AFTER_THE_LEADER) {
        LOG.log(System.Logger.Level.INFO, "Slot {0}: member {1} does not sign off {2}: {3}", gs.slot, held.member(), p.root, verdict);
      }
    }
    if (allowed.isEmpty()) {
      return;
    }
    if (p.refusal == null) {
      p.refusal = p.ours ? Optional.empty() : check.refusal(p.proposal.block(), gs.feeRecipient);
    }
    if (p.refusal.isPresent()) {
      LOG.log(System.Logger.Level.WARNING, "Slot {0}: refused the proposal {1} of member {2}: {3}", gs.slot, p.root, p.leader,
          p.refusal.get());
      allowed.forEach(h -> h.rule().refused(p.root));
      // a member whose turn it is may lead now that it validates nothing
      for (Held held : gs.held.values()) {
        if (held.rule().leadsAt(gs.nowMs())) {
          tryLead(gs, held);
        }
      }
      return;
    }
    for (Held held : allowed) {
      if (!held.rule().trySign(p.root)) {
        continue;
      }
      Optional<Bytes> signature = signer.block(held.key(), gs.state, p.proposal.block());
      if (signature.isEmpty()) {
        continue; // slashing protection refused: it signed another block of the slot before (a restart)
      }
      GroupBlockSignoff signoff = GroupBlockSignoff.create(p.root, UInt64.valueOf(held.member()), signature.get());
      topics.signoff(signoff);
      addSignature(gs, p, held.member(), signature.get());
    }
  }

  private void signoff(GroupBlockSignoff signoff) {
    for (GroupSlot gs : slots.values()) {
      Proposed p = gs.proposals.get(signoff.blockRoot());
      if (p != null) {
        int member = signoff.memberIndex().intValue();
        if (member < gs.ranking.length && gs.rankOf(member) > p.leaderRank) {
          addSignature(gs, p, member, signoff.signature());
        }
        return;
      }
    }
    List<GroupBlockSignoff> queued = earlySignoffs.get(signoff.blockRoot());
    if (queued == null) {
      if (earlySignoffs.size() >= EARLY_SIGNOFF_ROOTS) {
        return;
      }
      queued = new ArrayList<>();
      earlySignoffs.put(signoff.blockRoot(), queued);
    }
    if (queued.size() < GroupKeySet.MAX_GROUP_SIZE) {
      queued.add(signoff);
    }
  }

  private void applyEarlySignoffs(GroupSlot gs, Proposed p) {
    List<GroupBlockSignoff> queued = earlySignoffs.remove(p.root);
    if (queued != null) {
      for (GroupBlockSignoff s : queued) {
        int member = s.memberIndex().intValue();
        if (member < gs.ranking.length && gs.rankOf(member) > p.leaderRank) {
          p.signatures.putIfAbsent(member, s.signature());
        }
      }
    }
  }

  private void addSignature(GroupSlot gs, Proposed p, int member, Bytes signature) {
    if (p.signatures.putIfAbsent(member, signature) == null) {
      assembleIfComplete(gs, p);
    }
  }

  /** Step 3: the leader publishes as soon as it holds {@code m} signatures; others after half a turn if the block did not come. */
  private void assembleIfComplete(GroupSlot gs, Proposed p) {
    if (p.publishedMs >= 0 || p.signatures.size() < gs.threshold) {
      return;
    }
    if (p.thresholdMs < 0) {
      p.thresholdMs = gs.nowMs();
    }
    if (p.ours) {
      publish(gs, p, "leader");
    } else if (!p.backupScheduled) {
      p.backupScheduled = true;
      scheduler.schedule(() -> guard(() -> {
        if (p.publishedMs < 0 && !blockKnown.test(p.root)) {
          publish(gs, p, "backup");
        }
      }), turns.turnMs() / 2);
    }
  }

  /** {@code assemble_group_block}: every signature held, aggregated, with {@code signer_bits}. */
  private void publish(GroupSlot gs, Proposed p, String as) {
    List<BlsSignature> signatures = new ArrayList<>();
    int[] signers = new int[p.signatures.size()];
    int i = 0;
    for (Map.Entry<Integer, Bytes> e : p.signatures.entrySet()) {
      signers[i++] = e.getKey();
      signatures.add(BlsSignature.fromBytes(e.getValue()));
    }
    SignedBeaconBlock block = SignedBeaconBlockEdvt.create(edvt.schemas().signedBeaconBlock(), p.proposal.block(),
        Bls.aggregate(signatures).toBytes(), SszBits.withSet(edvt.edvtConfig().maxGroupSize(), signers));
    p.publishedMs = gs.nowMs();
    LOG.log(System.Logger.Level.INFO, String.format(
        "Group block slot %d group %d root %s: rank %d led, %d/%d signatures (threshold %d); proposal %d ms, threshold %d ms, published (%s) %d ms",
        gs.slot.longValue(), gs.proposer, p.root, p.leaderRank, p.signatures.size(), gs.ranking.length, gs.threshold,
        p.receivedMs, p.thresholdMs, as, p.publishedMs));
    record(gs, p);
    topics.block(block);
  }

  private synchronized void record(GroupSlot gs, Proposed p) {
    outcomes.addLast(new Outcome(gs.slot, gs.proposer, p.root, p.leaderRank, p.leader, p.ours, p.signatures.size(),
        p.receivedMs, p.thresholdMs, p.publishedMs));
    while (outcomes.size() > OUTCOMES_KEPT) {
      outcomes.removeFirst();
    }
  }

  /** Slots over: their proposals, queued messages and member state dropped. */
  private void prune(long currentSlot) {
    slots.keySet().removeIf(k -> k.slot() + 1 < currentSlot);
    earlyProposals.removeIf(e -> e.proposal().block().slot().longValue() < currentSlot);
    if (currentSlot > prunedAt) {
      earlySignoffs.clear(); // sign-offs wait at most until the end of the slot they came in
      prunedAt = currentSlot;
    }
  }

  private static void guard(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "group proposal duty failed: " + e, e);
    }
  }
}
