package io.edvt.node.devnet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.node.devnet.genesis.DevnetKeys;
import io.edvt.node.devnet.genesis.DevnetParameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Time from slot start to the published block, per slot, for plain and group proposals side by
 * side in one run. A block's time is the earliest of the nodes' block events for its slot: the
 * publishing node imports the block before it gossips it, so its event is the publication (the
 * event stream adds the same small delivery delay to both kinds). A slot is a group's when its
 * block's proposer is a group validator; each group slot also carries what the member nodes logged
 * ({@link GroupProposalLog}): the ranking, the rank that produced the block, the sign-offs held,
 * whether the rank-0 member's node was down and the chaos options it ran with.
 */
final class ProposalLatency {
  /** One group proposal slot as the report shows it. */
  record GroupSlot(long slot, long group, int[] ranking, int threshold, int leaderNode, boolean leaderDown,
      List<String> leaderChaos, GroupProposalLog.Slot logged, OptionalLong blockMs) {
    boolean produced() {
      return logged.published().isPresent() || blockMs.isPresent();
    }
  }

  /** The times of one run's blocks by kind; {@link #warm} holds those from the second epoch on. */
  private static final class Kinds {
    final List<Long> plain = new ArrayList<>();
    final List<Long> group = new ArrayList<>();
    final List<Long> groupLeaderUp = new ArrayList<>();
    final List<Long> groupLeaderDown = new ArrayList<>();

    void sort() {
      plain.sort(null);
      group.sort(null);
      groupLeaderUp.sort(null);
      groupLeaderDown.sort(null);
    }

    void put(ObjectNode o) {
      stats(o.putObject("plain"), plain);
      stats(o.putObject("group"), group);
      stats(o.putObject("group_leader_up"), groupLeaderUp);
      stats(o.putObject("group_leader_down"), groupLeaderDown);
      boolean both = !plain.isEmpty() && !group.isEmpty();
      o.put("extra_p50", both ? BlockImportDelays.percentile(group, 50) - BlockImportDelays.percentile(plain, 50) : -1);
      o.put("extra_p99", both ? BlockImportDelays.percentile(group, 99) - BlockImportDelays.percentile(plain, 99) : -1);
    }
  }

  private final Kinds all = new Kinds();
  /**
   * From the second epoch on: the first epoch's blocks come while the nodes are still connecting
   * and their JIT compiling the code paths (a devnet's first group slot went to rank 1 at 419 ms
   * in a run whose other group blocks took at most 239 ms), a start-up cost, not the protocol's.
   */
  private final Kinds warm = new Kinds();
  private final List<Long> plain = all.plain;
  private final List<Long> group = all.group;
  private final List<GroupSlot> groupSlots = new ArrayList<>();

  ProposalLatency(DevnetParameters p, List<SlotRecord> records, BlockImportDelays delays, GroupProposalLog log,
      List<NodeKill> kills, List<NodeChaos> chaos) {
    DevnetKeys keys = new DevnetKeys(p);
    Map<Long, SlotRecord> bySlot = new TreeMap<>();
    records.forEach(r -> bySlot.put(r.slot(), r));
    for (GroupProposalLog.Slot s : log.slots()) {
      SlotRecord r = bySlot.get(s.slot());
      // a stale node's duty (see GroupProposalLog): the slot's block has another proposer, or, for a
      // slot without a block, another group's entry was logged by more nodes
      if (r != null && r.proposer() >= 0 && r.proposer() != s.group() && s.published().isEmpty()) {
        continue;
      }
      if (s.published().isEmpty() && log.slots().stream().anyMatch(o -> o.slot() == s.slot() && o.group() != s.group()
          && (o.published().isPresent() || o.loggedBy() > s.loggedBy()))) {
        continue;
      }
      int leaderNode = s.ranking().length == 0 ? -1 : keys.nodeOfMember((int) s.group(), s.ranking()[0]);
      boolean down = leaderNode >= 0 && (kills.stream().anyMatch(k -> k.node() == leaderNode && k.downAt(s.slot()))
          || (bySlot.containsKey(s.slot()) && !bySlot.get(s.slot()).nodes().get(leaderNode).answered()));
      OptionalLong ms = earliest(delays, p.nodes(), s.slot());
      // the event's block is the group's only if the slot's block has the group as proposer
      if (r != null && r.proposer() >= 0 && r.proposer() != s.group()) {
        ms = OptionalLong.empty();
      }
      List<String> leaderChaos = chaos.stream().filter(c -> c.node() == leaderNode).map(NodeChaos::text).toList();
      groupSlots.add(new GroupSlot(s.slot(), s.group(), s.ranking(), s.threshold(), leaderNode, down, leaderChaos, s, ms));
    }
    // a slot is a group's when a member node logged its duty (a block that came after the sample
    // has no proposer in the records, and a late block is what the p99 is about)
    for (SlotRecord r : records) {
      if (r.slot() == 0) {
        continue;
      }
      OptionalLong ms = earliest(delays, p.nodes(), r.slot());
      if (ms.isEmpty()) {
        continue;
      }
      boolean groupSlot = r.proposer() >= 0 ? keys.isGroupValidator((int) r.proposer())
          : groupSlots.stream().anyMatch(g -> g.slot() == r.slot());
      boolean down = groupSlot && groupSlots.stream().anyMatch(g -> g.slot() == r.slot() && g.leaderDown());
      for (Kinds k : r.slot() >= DevnetRunner.SLOTS_PER_EPOCH ? List.of(all, warm) : List.of(all)) {
        if (groupSlot) {
          k.group.add(ms.getAsLong());
          (down ? k.groupLeaderDown : k.groupLeaderUp).add(ms.getAsLong());
        } else {
          k.plain.add(ms.getAsLong());
        }
      }
    }
    all.sort();
    warm.sort();
  }

  private static OptionalLong earliest(BlockImportDelays delays, int nodes, long slot) {
    if (delays == null) {
      return OptionalLong.empty();
    }
    OptionalLong best = OptionalLong.empty();
    for (int n = 0; n < nodes; n++) {
      OptionalLong d = delays.delay(n, slot);
      if (d.isPresent() && (best.isEmpty() || d.getAsLong() < best.getAsLong())) {
        best = d;
      }
    }
    return best;
  }

  List<GroupSlot> groupSlots() {
    return List.copyOf(groupSlots);
  }

  List<Long> plain() {
    return List.copyOf(plain);
  }

  List<Long> group() {
    return List.copyOf(group);
  }

  /**
   * {@code block_latency_ms}: p50/p99/max per kind, and the group's extra over plain at p50 and
   * p99, for the whole run and ({@code after_first_epoch}) without the start-up epoch.
   */
  void putSummary(ObjectNode o) {
    all.put(o);
    warm.put(o.putObject("after_first_epoch"));
  }

  private static void stats(ObjectNode o, List<Long> sorted) {
    o.put("blocks", sorted.size());
    o.put("p50", BlockImportDelays.percentile(sorted, 50));
    o.put("p99", BlockImportDelays.percentile(sorted, 99));
    o.put("max", sorted.isEmpty() ? -1 : sorted.getLast());
  }

  /** {@code group_proposals}: one object per group slot. */
  void putSlots(ArrayNode out) {
    for (GroupSlot g : groupSlots) {
      ObjectNode o = out.addObject();
      o.put("slot", g.slot()).put("group", g.group()).put("threshold", g.threshold());
      ArrayNode ranking = o.putArray("ranking");
      Arrays.stream(g.ranking()).forEach(ranking::add);
      o.put("leader_node", g.leaderNode()).put("leader_down", g.leaderDown()).put("produced", g.produced());
      ArrayNode leaderChaos = o.putArray("leader_chaos");
      g.leaderChaos().forEach(leaderChaos::add);
      g.logged().published().ifPresent(pub -> o.put("rank", pub.rank()).put("signatures", pub.signatures())
          .put("proposal_ms", pub.proposalMs()).put("threshold_ms", pub.thresholdMs())
          .put("published_ms", pub.publishedMs()).put("published_by", pub.as() + " on node-" + pub.node()));
      o.put("block_ms", g.blockMs().orElse(-1));
    }
  }

  /** One printed line: p50/p99 of both kinds and the extra. */
  String line() {
    if (plain.isEmpty() || group.isEmpty()) {
      return String.format("slot start to block: %d plain, %d group block(s) timed; no comparison", plain.size(), group.size());
    }
    return String.format("slot start to block: plain p50 %d ms p99 %d ms (%d blocks), group p50 %d ms p99 %d ms (%d blocks);"
            + " extra p50 %+d ms, p99 %+d ms", BlockImportDelays.percentile(plain, 50), BlockImportDelays.percentile(plain, 99),
        plain.size(), BlockImportDelays.percentile(group, 50), BlockImportDelays.percentile(group, 99), group.size(),
        BlockImportDelays.percentile(group, 50) - BlockImportDelays.percentile(plain, 50),
        BlockImportDelays.percentile(group, 99) - BlockImportDelays.percentile(plain, 99));
  }
}
