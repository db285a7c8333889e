package io.edvt.simulator.scenario;

import static io.edvt.spec.logic.common.SpecConstants.TIMELY_HEAD_FLAG_INDEX;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_TARGET_FLAG_INDEX;

import io.edvt.groups.ParticipationTally;
import io.edvt.simulator.chain.ChainRun;
import io.edvt.simulator.chain.EpochRewards;
import io.edvt.simulator.chain.FullStackChain;
import io.edvt.simulator.chain.PhaseTimers;
import io.edvt.simulator.chain.Population;
import io.edvt.simulator.chain.SimGenesis;
import io.edvt.simulator.netmodel.NetworkModel;
import io.edvt.simulator.report.Charts;
import io.edvt.simulator.report.Progress;
import io.edvt.simulator.report.Section;
import io.edvt.simulator.report.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code late-block-rewards}: a full-stack chain with groups of each {@code (m, n)} and plain
 * validators of the same balances, blocks arriving late in the calibrated share of slots, every
 * signer voting from its own view. Rewards are read from the real epoch transition's deltas.
 */
public final class LateBlockRewards implements Scenario {
  public static final String NAME = "late-block-rewards";

  /** Per class of validator: summed deltas per flag and the all-or-nothing counterfactual. */
  public static final class Sums {
    long count;
    final long[] flag = new long[3];
    final long[] ideal = new long[3];
    long inactivity;
    long allOrNothing;
    long headMissed;
    long targetMissed;

    public double perEpoch(int f) {
      return count == 0 ? Double.NaN : (double) flag[f] / count;
    }

    double total() {
      return count == 0 ? Double.NaN : (double) (flag[0] + flag[1] + flag[2] + inactivity) / count;
    }

    double idealTotal() {
      return count == 0 ? Double.NaN : (double) (ideal[0] + ideal[1] + ideal[2]) / count;
    }
  }

  /** What a run measured; {@link #run} reports it, tests read it. */
  public record Result(Map<String, Sums> classes, List<int[]> pairs, int slots, int lateSlots, int groupSlots,
      int groupLateSlots, int missedGroupSlots, int reorgs, int boostMismatches, List<Double> divergence,
      FullStackChain.Traffic traffic, NetworkModel net, PhaseTimers timers, double seconds) {}

  @Override
  public String name() {
    return NAME;
  }

  /** The population: plain 32-ETH validators, and per pair groups and plain validators of {@code 32 n} ETH. */
  public static Population population(Params p, List<int[]> pairs) {
    Population pop = new Population().plain("plain-32", p.integer("plain_validators"), 32);
    int perPair = p.integer("groups_per_pair");
    for (int[] mn : pairs) {
      pop.groups(groupLabel(mn), perPair, mn[0], mn[1]);
      pop.plain(plainLabel(mn[1]), perPair, 32 * mn[1]);
    }
    return pop.interleaved(7);
  }

  static String groupLabel(int[] mn) {
    return "group-" + mn[0] + "-" + mn[1];
  }

  static String plainLabel(int n) {
    return "plain-" + (32 * n);
  }

  /** Runs the chain for {@code epochs} epochs; {@code onTime} makes every block timely for everyone. */
  public static Result simulate(Population population, List<int[]> pairs, NetworkModel net, int leaderTimeoutBps,
      int epochs, long seed, boolean onTime, ChainRun.Offline offline, Progress progress) {
    long t0 = System.nanoTime();
    SimGenesis.Start start = SimGenesis.build(population, Map.of());
    PhaseTimers timers = new PhaseTimers();
    FullStackChain chain = new FullStackChain(start, timers);
    ChainRun run = new ChainRun(chain, net, Networks.turns(leaderTimeoutBps), seed, offline, onTime);
    Map<String, Sums> classes = new LinkedHashMap<>();
    int[] counters = new int[5];
    List<Double> divergence = new ArrayList<>();
    long spe = chain.slotsPerEpoch();
    run.run(epochs * spe, List.of(new ChainRun.Observer() {
      @Override
      public void slot(ChainRun.SlotRecord r) {
        counters[0]++;
        counters[1] += r.late() ? 1 : 0;
        if (r.groupProposer()) {
          counters[2]++;
          counters[3] += r.late() ? 1 : 0;
          counters[4] += r.produced() ? 0 : 1;
        }
        divergence.add(r.inTimeShare());
      }

      @Override
      public void rewards(long epoch, EpochRewards rewards) {
        if (epoch < 1) {
          return; // the first epoch starts without a justified history
        }
        for (int v = 0; v < population.size(); v++) {
          Population.Member member = population.validators().get(v);
          Sums s = classes.computeIfAbsent(member.label(), k -> new Sums());
          long eb = rewards.effectiveBalance(v);
          s.count++;
          for (int f = 0; f < 3; f++) {
            s.flag[f] += rewards.flag(v, f);
            s.ideal[f] += rewards.reward(f, eb);
          }
          s.inactivity += rewards.inactivity(v);
          s.headMissed += rewards.flag(v, TIMELY_HEAD_FLAG_INDEX) <= 0 ? 1 : 0;
          s.targetMissed += rewards.flag(v, TIMELY_TARGET_FLAG_INDEX) <= 0 ? 1 : 0;
          int g = start.groupOf(v);
          if (g >= 0) {
            ParticipationTally tally = rewards.memberTally(g, member.n());
            int earned = allOrNothingFlags(tally, member.m());
            long aon = rewards.inactivity(v);
            for (int f = 0; f < 3; f++) {
              boolean has = (earned & (1 << f)) != 0;
              aon += has ? rewards.reward(f, eb) : -rewards.penalty(f, eb);
            }
            s.allOrNothing += aon;
          } else {
            s.allOrNothing += rewards.flag(v, 0) + rewards.flag(v, 1) + rewards.flag(v, 2) + rewards.inactivity(v);
          }
        }
      }
    }), progress);
    return new Result(classes, pairs, counters[0], counters[1], counters[2], counters[3], counters[4], chain.reorgs(),
        chain.boostMismatches(), divergence, chain.traffic(), net, timers, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * The flags a group would hold if it counted only when {@code m} members signed the same
   * attestation: members with the same flags signed the same data (a member's flags follow from
   * its vote), so the group gets the flag set that {@code m} members share exactly, if any.
   */
  static int allOrNothingFlags(ParticipationTally tally, int m) {
    int[] bySet = new int[8];
    for (int j = 0; j < tally.size(); j++) {
      bySet[tally.flags(j) & 7]++;
    }
    for (int set : new int[] {7, 3, 5, 1, 6, 2, 4}) {
      if (bySet[set] >= m) {
        return set;
      }
    }
    return 0;
  }

  @Override
  public Section run(ScenarioContext context) {
    Params p = context.params(NAME);
    List<int[]> pairs = p.pairs("pairs");
    NetworkModel net = Networks.of(context.all(), context.seed());
    Population population = population(p, pairs);
    int epochs = p.integer("epochs");
    Progress progress = context.progress(NAME + " (full stack, " + population.size() + " validators)", epochs * 32L);
    Result r = simulate(population, pairs, net, p.integer("leader_timeout_bps"), epochs, context.seed(), false,
        (v, j, s) -> false, progress);
    progress.finish();

    Section section = new Section(NAME, "Reward lost to late blocks");
    section.question = "What do late blocks and split head votes cost a group, relative to a plain validator of the same "
        + "balance, per flag; and what would all-or-nothing accounting (the group counts only when m members sign the "
        + "same attestation) cost instead of EDVT's per-flag rule?";
    section.provenance = "**Full stack**: " + population.size() + " validators (" + population.memberKeys()
        + " member keys) on the mainnet preset, " + epochs + " epochs, real EDVT state transition and fork choice "
        + "(threshold GHOST, proposer boost and get_proposer_head re-orgs), signatures off. Every signer is its own node: "
        + "it votes at the attestation deadline for the head of its view (with or without the slot's block, by its own "
        + "propagation delay). Group blocks come out of leader promotion among the members. Rewards are the epoch "
        + "transition's deltas (get_flag_index_deltas). The all-or-nothing column is a counterfactual computed from the "
        + "members' recorded flags with the same per-flag amounts.";
    section.parameters.putAll(p.asMap());
    section.parameters.put("network", net.describe());
    double lateShare = (double) r.lateSlots() / r.slots();
    double divergent = r.divergence().stream().filter(x -> x > 0.02 && x < 0.98).count() / (double) r.slots();
    Table table = new Table(NAME, "(m, n)", "class", "validator-epochs", "source (Gwei/epoch)", "target (Gwei/epoch)",
        "head (Gwei/epoch)", "total (Gwei/epoch)", "head vs plain", "target vs plain", "total vs plain",
        "lost vs ideal", "all-or-nothing total vs plain", "head missed (share of epochs)");
    Charts.Bars bars = new Charts.Bars();
    for (int[] mn : pairs) {
      Sums g = r.classes().get(groupLabel(mn));
      Sums c = r.classes().get(plainLabel(mn[1]));
      String pair = "(" + mn[0] + ", " + mn[1] + ")";
      for (Object[] row : List.of(new Object[] {groupLabel(mn), g}, new Object[] {plainLabel(mn[1]), c})) {
        Sums s = (Sums) row[1];
        boolean isGroup = s == g;
        table.row(pair, row[0], s.count, s.perEpoch(0), s.perEpoch(1), s.perEpoch(2), s.total(),
            isGroup ? g.perEpoch(2) / c.perEpoch(2) : 1.0, isGroup ? g.perEpoch(1) / c.perEpoch(1) : 1.0,
            isGroup ? g.total() / c.total() : 1.0, 1 - s.total() / s.idealTotal(),
            isGroup ? ((double) g.allOrNothing / g.count) / c.total() : 1.0, (double) s.headMissed / s.count);
      }
      bars.add("group, per-flag (EDVT)", pair, 100 * (1 - g.total() / g.idealTotal()));
      bars.add("group, all-or-nothing", pair, 100 * (1 - ((double) g.allOrNothing / g.count) / g.idealTotal()));
      bars.add("plain validator, same balance", pair, 100 * (1 - c.total() / c.idealTotal()));
      section.headline.put("total_ratio_" + mn[0] + "_" + mn[1], g.total() / c.total());
      section.headline.put("head_ratio_" + mn[0] + "_" + mn[1], g.perEpoch(2) / c.perEpoch(2));
      section.headline.put("aon_ratio_" + mn[0] + "_" + mn[1], ((double) g.allOrNothing / g.count) / c.total());
      section.headline.put("group_loss_" + mn[0] + "_" + mn[1], 1 - g.total() / g.idealTotal());
      section.headline.put("plain_loss_" + mn[1], 1 - c.total() / c.idealTotal());
    }
    section.table(table);
    Charts.bars(context.out().resolve(NAME + ".png"), "Attestation reward lost vs ideal (full stack, "
        + String.format("%.1f%%", 100 * lateShare) + " late slots)", "(m, n)", "% of ideal attestation reward lost", bars);
    section.plot(NAME + ".png", "Share of the ideal attestation reward lost, groups (per-flag and all-or-nothing) and "
        + "plain validators of the same balance; full stack.");
    Sums plain32 = r.classes().get("plain-32");
    double headShare = plain32.ideal[2] / (double) (plain32.ideal[0] + plain32.ideal[1] + plain32.ideal[2]);
    section.headline.put("late_share", lateShare);
    section.headline.put("divergent_share", divergent);
    section.headline.put("head_share_of_attester_reward", headShare);
    Table slots = new Table(NAME + "-slots", "slots", "late slots (block at the median node after 4 s)",
        "slots with diverging views (2-98% of voters in time)", "group proposer slots", "late group slots",
        "missed group slots", "re-orgs by get_proposer_head", "head share of ideal attester reward");
    slots.row(r.slots(), lateShare, divergent, r.groupSlots(),
        r.groupSlots() == 0 ? Double.NaN : (double) r.groupLateSlots() / r.groupSlots(),
        r.groupSlots() == 0 ? Double.NaN : (double) r.missedGroupSlots() / r.groupSlots(), r.reorgs(), headShare);
    section.table(slots);
    StringBuilder s = new StringBuilder();
    s.append(String.format("In a full-stack simulation with %.1f%% late slots (head vote %.0f%% of the ideal attester reward), "
        + "a group's attestation reward relative to a plain validator of the same balance was ", 100 * lateShare, 100 * headShare));
    List<String> parts = new ArrayList<>();
    for (int[] mn : pairs) {
      parts.add(String.format("%.4f for (%d, %d) (head %.3f; all-or-nothing %.4f)", section.headline.get("total_ratio_" + mn[0] + "_" + mn[1]),
          mn[0], mn[1], section.headline.get("head_ratio_" + mn[0] + "_" + mn[1]),
          section.headline.get("aon_ratio_" + mn[0] + "_" + mn[1])));
    }
    s.append(String.join(", ", parts)).append(". Per-flag accounting keeps source and target when members split on the head; "
        + "all-or-nothing loses them too.");
    s.append(String.format(" Group proposers missed %.1f%% of their slots (leader promotion with GROUP_LEADER_TIMEOUT_BPS %d "
        + "under the same delays); get_proposer_head re-orged %d late blocks.", 100.0 * r.missedGroupSlots() / r.groupSlots(),
        p.integer("leader_timeout_bps"), r.reorgs()));
    section.sentence(NAME, s.toString());
    section.note(String.format("Slots whose re-org-block head was computed without the voters' proposer boost (see FullStackChain): %d.",
        r.boostMismatches()));
    section.note("Source is never lost by honest members here; target only when an epoch's first block is late.");
    return section;
  }
}
