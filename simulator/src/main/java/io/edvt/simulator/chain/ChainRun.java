package io.edvt.simulator.chain;

import io.edvt.groups.LeaderTurns;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.simulator.agents.GroupSlot;
import io.edvt.simulator.agents.Strategy;
import io.edvt.simulator.netmodel.Dist;
import io.edvt.simulator.netmodel.NetworkModel;
import io.edvt.simulator.report.Progress;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Drives a {@link FullStackChain} slot by slot under a {@link NetworkModel}: every signer (each
 * group member and each plain validator) is its own node with its own delays. Per slot: the
 * proposer builds on {@code get_proposer_head}; a plain proposer publishes at the model's time, a
 * group's block comes out of leader promotion among its members ({@link GroupSlot}, whose leader
 * and signers go into the block); each node receives the block after its own propagation delay and
 * votes at the attestation deadline for the head of its view. Observers see each slot and, at each
 * epoch's start, the rewards of the epoch before the previous one.
 */
public final class ChainRun {
  /** Whether a signer's node is offline (validator, member, slot). */
  @FunctionalInterface
  public interface Offline {
    boolean of(int validator, int member, long slot);
  }

  /** One slot as the network saw it. */
  public record SlotRecord(long slot, int proposer, boolean groupProposer, boolean produced, double publishMs,
      boolean late, double inTimeShare, Map<Integer, int[]> groupVotes, int leaderRank) {}

  public interface Observer {
    default void slot(SlotRecord record) {}

    /** Rewards for epoch {@code epoch} (paid at the end of {@code epoch + 1}). */
    default void rewards(long epoch, EpochRewards rewards) {}
  }

  private final FullStackChain chain;
  private final NetworkModel net;
  private final LeaderTurns turns;
  private final long seed;
  private final Offline offline;
  private final boolean onTime;

  /**
   * @param onTime every block published at the slot's start and received by everyone at once (the
   *     "no late blocks" case)
   */
  public ChainRun(FullStackChain chain, NetworkModel net, LeaderTurns turns, long seed, Offline offline, boolean onTime) {
    this.chain = chain;
    this.net = net;
    this.turns = turns;
    this.seed = seed;
    this.offline = offline;
    this.onTime = onTime;
  }

  public FullStackChain chain() {
    return chain;
  }

  /** Runs slots {@code 1 .. slots}. */
  public void run(long slots, List<Observer> observers, Progress progress) {
    long spe = chain.slotsPerEpoch();
    SimGenesis.Start start = chain.start();
    for (long slot = 1; slot <= slots; slot++) {
      Bytes32 head0 = chain.beginSlot(slot);
      if (slot % spe == 0 && slot >= 2 * spe) {
        EpochRewards rewards = EpochRewards.of(chain.spec(), chain.store().block(head0).state());
        long epoch = slot / spe - 2;
        observers.forEach(o -> o.rewards(epoch, rewards));
      }
      SplittableRandom random = new SplittableRandom(mix(seed, slot, -1));
      Bytes32 parent = chain.proposalParent(slot);
      int proposer = chain.proposerOf(slot, parent);
      int g = start.groupOf(proposer);
      int leader = 0;
      int leaderRank = 0;
      int[] signers = {0};
      boolean produced;
      double publish;
      if (g >= 0) {
        SimGenesis.GroupInfo group = start.groups().get(g);
        int[] ranking = chain.spec().accessors().getGroupMemberRanking(
            new MutableBeaconState(chain.store().block(parent).state()), proposer, UInt64.valueOf(slot));
        boolean[] up = new boolean[group.n()];
        for (int j = 0; j < group.n(); j++) {
          up[j] = !offline.of(proposer, j, slot);
        }
        double[] crash = new double[group.n()];
        java.util.Arrays.fill(crash, Double.POSITIVE_INFINITY);
        // on time: a synchronous network (every proposal and sign-off within a tenth of a turn)
        NetworkModel model = onTime ? new NetworkModel(Dist.fixed(50), Dist.fixed(0), 0, Dist.fixed(50), Dist.fixed(20),
            net.attestationDeadlineMs()) : net;
        GroupSlot.Outcome outcome = GroupSlot.play(Strategy.LEADER_PROMOTION, group.m(), ranking, turns, model,
            new GroupSlot.Failures(up, crash), random);
        produced = outcome.produced();
        publish = onTime ? 0 : outcome.publishMs();
        if (produced) {
          leader = outcome.leaderMember();
          leaderRank = outcome.leaderRank();
          signers = outcome.signers();
          chain.traffic().add("group_block_proposal", outcome.proposals(), 0);
          chain.traffic().add("group_block_signoff", outcome.signoffs(), 136L * outcome.signoffs());
        }
      } else {
        produced = !offline.of(proposer, 0, slot);
        publish = onTime ? 0 : net.publishMs(0, random);
      }
      double deadline = net.attestationDeadlineMs();
      SignedBeaconBlock block = null;
      boolean storeInTime = false;
      if (produced) {
        block = chain.produceBlock(slot, parent, leader, signers, (v, j, s) -> !offline.of(v, j, s), List.of());
        double nextProposerArrival = onTime ? 0 : publish + net.propagationMs(random);
        storeInTime = nextProposerArrival < deadline;
        // the store keeps whole seconds: round up, so a block arriving after the deadline is untimely there too
        chain.deliverBlock(block, (long) Math.ceil(Math.min(nextProposerArrival, deadline)));
      }
      Bytes32 with = produced ? chain.headWithBlock(block, storeInTime) : head0;
      final double published = publish;
      final boolean hasBlock = produced;
      Map<Integer, int[]> groupVotes = new HashMap<>();
      int[] counts = new int[2];
      chain.attest(slot, with, head0, (v, j, s) -> {
        if (offline.of(v, j, s)) {
          return FullStackChain.Vote.ABSENT;
        }
        boolean inTime = hasBlock && (onTime
            || published + net.propagation().sample(new SplittableRandom(mix(seed, s, VirtualIndex.compute(v, j)))) < deadline);
        counts[inTime ? 0 : 1]++;
        if (start.groupOf(v) >= 0) {
          groupVotes.computeIfAbsent(v, k -> new int[2])[inTime ? 0 : 1]++;
        }
        return inTime ? FullStackChain.Vote.WITH_BLOCK : FullStackChain.Vote.WITHOUT_BLOCK;
      });
      double share = counts[0] + counts[1] == 0 ? 0 : (double) counts[0] / (counts[0] + counts[1]);
      boolean late = produced && publish + net.propagation().median() >= deadline;
      SlotRecord record = new SlotRecord(slot, proposer, g >= 0, produced, publish, late, share, groupVotes, leaderRank);
      observers.forEach(o -> o.slot(record));
      if (progress != null) {
        progress.step();
      }
    }
  }

  /** A 64-bit mix of three numbers (SplitMix64's finalizer), for per-node random streams. */
  public static long mix(long a, long b, long c) {
    long z = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + c * 0x165667B19E3779F9L + 0x27D4EB2F165667C5L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
