package io.edvt.node.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.node.devnet.genesis.DevnetParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The end of a devnet run: {@code summary.json}, {@code summary.md} and the plots
 * ({@link DevnetPlots}) in the report folder. It holds the finalized and justified epochs, the
 * missed slots (sampled slots whose block no node had), head agreement (at the end and over the
 * run), and per node whether it lived, how many slots' blocks it had when sampled, its head, and
 * its peers (last, min, max).
 */
final class DevnetReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final DevnetRunner.Options options;
  private final List<NodeProcess> nodes;
  private final List<SlotRecord> records;
  private final List<EpochParticipation> participation;
  private final BlockImportDelays importDelays;
  private final ProposalLatency latency;
  private final SigningScan signing;
  private final String stoppedBy;
  private final double seconds;

  /** {@code importDelays} may be null (the run ended before any node was followed). */
  DevnetReport(DevnetRunner.Options options, List<NodeProcess> nodes, List<SlotRecord> records,
      List<EpochParticipation> participation, BlockImportDelays importDelays, ProposalLatency latency,
      SigningScan signing, String stoppedBy, double seconds) {
    this.options = options;
    this.nodes = List.copyOf(nodes);
    this.records = List.copyOf(records);
    this.participation = List.copyOf(participation);
    this.importDelays = importDelays;
    this.latency = latency;
    this.signing = signing;
    this.stoppedBy = stoppedBy;
    this.seconds = seconds;
  }

  long finalizedEpoch() {
    return Math.max(0, records.stream().mapToLong(SlotRecord::maxFinalized).max().orElse(0));
  }

  /** Writes the files into {@code dir}; returns the lines to print about them. */
  List<String> write(Path dir) {
    try {
      Files.createDirectories(dir);
      ObjectNode summary = summary();
      Files.writeString(dir.resolve("summary.json"), JSON.writeValueAsString(summary));
      List<String> lines = new ArrayList<>();
      List<String> plots = new ArrayList<>();
      try {
        plots.addAll(DevnetPlots.write(dir, records, nodes.size(), participation));
      } catch (RuntimeException | Error e) {
        lines.add("plots not written: " + e);
      }
      Files.writeString(dir.resolve("summary.md"), markdown(summary, plots));
      lines.add(0, "report: " + dir.resolve("summary.md") + ", " + dir.resolve("summary.json")
          + (plots.isEmpty() ? "" : ", " + String.join(", ", plots)));
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ObjectNode summary() {
    DevnetParameters p = options.params();
    ObjectNode root = JSON.createObjectNode();
    long finalized = finalizedEpoch();
    root.put("finalized", finalized >= 1);
    root.put("finalized_epoch", finalized);
    root.put("justified_epoch", Math.max(0, records.stream().mapToLong(SlotRecord::maxJustified).max().orElse(0)));
    root.put("stopped_by", stoppedBy);
    root.put("seconds", Math.round(seconds * 10) / 10.0);
    ObjectNode params = root.putObject("parameters");
    params.put("validators", p.validators()).put("nodes", p.nodes()).put("member_nodes", p.memberNodes()).put("groups", p.groups())
        .put("group_size", p.groupSize()).put("threshold", p.threshold()).put("slot_ms", p.slotMs())
        .put("edvt_fork_epoch", p.edvtForkEpoch()).put("epochs", options.epochs()).put("genesis_time", p.genesisTime());
    root.put("slots_sampled", records.size());
    ArrayNode missed = root.putArray("missed_slots");
    new TreeSet<>(DevnetRunner.missedSlots(records)).forEach(missed::add);
    root.put("missed_slot_count", missed.size());
    ObjectNode agreement = root.putObject("head_agreement");
    agreement.put("at_end", records.isEmpty() || records.get(records.size() - 1).headsAgree());
    agreement.put("slots_agreeing", records.stream().filter(SlotRecord::headsAgree).count());
    agreement.put("slots", records.size());
    ArrayNode nodeList = root.putArray("nodes");
    for (NodeProcess n : nodes) {
      ObjectNode o = nodeList.addObject();
      List<NodeSample> mine = records.stream().map(r -> r.nodes().get(n.index)).filter(NodeSample::answered).toList();
      o.put("name", n.name);
      o.put("rest_port", n.restPort);
      o.put("p2p_port", n.p2pPort);
      o.put("pid", n.pid());
      boolean died = n.diedAtSlot() >= 0;
      o.put("died", died);
      if (died) {
        o.put("died_at_slot", n.diedAtSlot());
        n.exitCode().ifPresent(c -> o.put("exit_code", c));
      }
      o.put("slots_answered", mine.size());
      o.put("blocks_seen", records.stream().filter(r -> r.slot() > 0 && r.nodes().get(n.index).blockAtSlot()).count());
      NodeSample last = mine.isEmpty() ? null : mine.get(mine.size() - 1);
      o.put("head_slot", last == null ? -1 : last.headSlot());
      o.put("head_root", last == null ? null : last.headRoot());
      o.put("finalized_epoch", last == null ? -1 : last.finalizedEpoch());
      IntSummaryStatistics peers = mine.stream().mapToInt(NodeSample::peers).summaryStatistics();
      ObjectNode peerInfo = o.putObject("peers");
      peerInfo.put("last", last == null ? -1 : last.peers());
      peerInfo.put("min", mine.isEmpty() ? -1 : peers.getMin());
      peerInfo.put("max", mine.isEmpty() ? -1 : peers.getMax());
      List<Long> delays = delays(n);
      ObjectNode imports = o.putObject("block_import_ms");
      imports.put("blocks", delays.size());
      imports.put("p50", BlockImportDelays.percentile(delays, 50));
      imports.put("p99", BlockImportDelays.percentile(delays, 99));
      imports.put("max", delays.isEmpty() ? -1 : delays.getLast());
      ArrayNode killed = o.putArray("killed_at_slots");
      n.killedAt().forEach(killed::add);
      ArrayNode restarted = o.putArray("restarted_at_slots");
      n.restartedAt().forEach(restarted::add);
      ArrayNode again = o.putArray("answering_again_at_slots");
      n.answeringAgainAt().forEach(again::add);
      o.put("log", n.log().toString());
    }
    ArrayNode kills = root.putArray("kills");
    options.kills().forEach(k -> kills.add(k.text()));
    ArrayNode chaos = root.putArray("chaos");
    options.chaos().forEach(c -> chaos.addObject().put("node", c.node()).put("option", c.text()).put("node_flag", c.nodeFlag()));
    latency.putSummary(root.putObject("block_latency_ms"));
    latency.putSlots(root.putArray("group_proposals"));
    ObjectNode sign = root.putObject("signing");
    sign.put("keys", signing.keys()).put("blocks", signing.blocks()).put("attestations", signing.attestations());
    ArrayNode conflicts = sign.putArray("conflicts");
    signing.conflicts().forEach(conflicts::add);
    ArrayNode unreadable = sign.putArray("unreadable");
    signing.unreadable().forEach(unreadable::add);
    ArrayNode epochs = root.putArray("participation");
    participation.forEach(e -> e.put(epochs.addObject()));
    ArrayNode timeline = root.putArray("timeline");
    for (SlotRecord r : records) {
      ObjectNode o = timeline.addObject();
      o.put("slot", r.slot()).put("justified", r.maxJustified()).put("finalized", r.maxFinalized())
          .put("blocks", r.blocks()).put("heads_agree", r.headsAgree());
      ArrayNode heads = o.putArray("head_slots");
      ArrayNode peers = o.putArray("peers");
      for (NodeSample s : r.nodes()) {
        heads.add(s.answered() ? s.headSlot() : -1);
        peers.add(s.answered() ? s.peers() : -1);
      }
    }
    return root;
  }

  private static List<String> texts(com.fasterxml.jackson.databind.JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(t -> out.add(t.asText()));
    return out;
  }

  /** The kills and the misbehaving nodes, or "none". */
  private static String chaosText(ObjectNode s) {
    List<String> parts = new ArrayList<>();
    s.get("kills").forEach(k -> parts.add("--kill " + k.asText()));
    s.get("chaos").forEach(c -> parts.add(c.get("option").asText()));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private String markdown(ObjectNode s, List<String> plots) {
    StringBuilder md = new StringBuilder("# Devnet report\n\n");
    ObjectNode p = (ObjectNode) s.get("parameters");
    md.append(String.format("%d validators (%d group(s) of %d, threshold %d) on %d nodes, %d ms slots, EDVT from epoch %d,"
            + " %d epoch(s) asked; stopped by %s after %.1f s.%n%n", p.get("validators").asInt(), p.get("groups").asInt(),
        p.get("group_size").asInt(), p.get("threshold").asInt(), p.get("nodes").asInt(), p.get("slot_ms").asInt(),
        p.get("edvt_fork_epoch").asLong(), p.get("epochs").asInt(), stoppedBy, seconds));
    md.append("| | |\n| --- | --- |\n");
    md.append("| finalized | ").append(s.get("finalized").asBoolean() ? "yes, epoch " + s.get("finalized_epoch") : "**no**")
        .append(" |\n");
    md.append("| justified epoch | ").append(s.get("justified_epoch")).append(" |\n");
    md.append("| slots sampled | ").append(s.get("slots_sampled")).append(" |\n");
    md.append("| missed slots | ").append(s.get("missed_slot_count")).append(" |\n");
    md.append("| heads agree at the end | ").append(s.get("head_agreement").get("at_end").asBoolean() ? "yes" : "no")
        .append(" (").append(s.get("head_agreement").get("slots_agreeing")).append(" of ")
        .append(s.get("head_agreement").get("slots")).append(" slots) |\n");
    md.append("| chaos | ").append(chaosText(s)).append(" |\n\n");
    md.append("| node | REST | alive | blocks seen | head slot | finalized | peers last/min/max | block import p50/p99/max ms | log |\n");
    md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    s.get("nodes").forEach(n -> md.append("| ").append(n.get("name").asText()).append(" | ").append(n.get("rest_port"))
        .append(" | ").append(n.get("died").asBoolean() ? "died at slot " + n.get("died_at_slot")
            + (n.has("exit_code") ? " (exit " + n.get("exit_code") + ")" : "") : "yes")
        .append(" | ").append(n.get("blocks_seen")).append(" | ").append(n.get("head_slot"))
        .append(" | ").append(n.get("finalized_epoch")).append(" | ").append(n.get("peers").get("last")).append('/')
        .append(n.get("peers").get("min")).append('/').append(n.get("peers").get("max")).append(" | ")
        .append(n.get("block_import_ms").get("p50")).append('/').append(n.get("block_import_ms").get("p99")).append('/')
        .append(n.get("block_import_ms").get("max")).append(" (").append(n.get("block_import_ms").get("blocks"))
        .append(" blocks) | `")
        .append(n.get("log").asText()).append("` |\n"));
    md.append('\n');
    md.append(participationTable());
    md.append(proposalTable(s));
    for (String plot : plots) {
      String name = Path.of(plot).getFileName().toString();
      md.append("![").append(name).append("](").append(name).append(")\n\n");
    }
    return md.toString();
  }

  /**
   * The participation per epoch as Markdown: plain validators with each flag, and per group the
   * members with each flag out of n, with the threshold reached or not.
   */
  private String participationTable() {
    if (participation.isEmpty()) {
      return "No participation was read (no node answered /edvt/v1/beacon/states/head/participation).\n\n";
    }
    StringBuilder md = new StringBuilder("Participation per epoch (source / target / head flags; a group's members that "
        + "earned each flag out of n, and whether m did). An epoch is complete once its attestations can no longer be "
        + "included.\n\n| epoch | complete | plain validators | ");
    List<EpochParticipation.GroupParticipation> first = participation.getLast().groups();
    first.forEach(g -> md.append("group v").append(g.validatorIndex()).append(" (").append(g.threshold()).append(" of ")
        .append(g.members()).append(") | "));
    md.append("\n| --- | --- | --- | ").append("--- | ".repeat(first.size())).append('\n');
    for (EpochParticipation e : participation) {
      md.append("| ").append(e.epoch()).append(" | ").append(e.complete() ? "yes" : "no").append(" | ")
          .append(e.plain().source()).append(" / ").append(e.plain().target()).append(" / ").append(e.plain().head())
          .append(" of ").append(e.plainActive()).append(" | ");
      for (EpochParticipation.GroupParticipation g : e.groups()) {
        md.append(g.membersWithFlag().source()).append(" / ").append(g.membersWithFlag().target()).append(" / ")
            .append(g.membersWithFlag().head()).append(" of ").append(g.members())
            .append(g.credited().target() == 1 ? ", m reached" : ", **m not reached**").append(" | ");
      }
      md.append('\n');
    }
    return md.append('\n').toString();
  }

  /** Plain against group block latency, then one row per group proposal slot. */
  private String proposalTable(ObjectNode s) {
    StringBuilder md = new StringBuilder("Slot start to published block (earliest block event of any node), ms:\n\n"
        + "| blocks | count | p50 | p99 | max |\n| --- | --- | --- | --- | --- |\n");
    ObjectNode l = (ObjectNode) s.get("block_latency_ms");
    for (String kind : List.of("plain", "group", "group_leader_up", "group_leader_down")) {
      var k = l.get(kind);
      md.append("| ").append(kind.replace('_', ' ')).append(" | ").append(k.get("blocks")).append(" | ").append(k.get("p50"))
          .append(" | ").append(k.get("p99")).append(" | ").append(k.get("max")).append(" |\n");
    }
    md.append("\nExtra latency of group blocks: p50 ").append(l.get("extra_p50")).append(" ms, p99 ")
        .append(l.get("extra_p99")).append(" ms.\n\n");
    if (s.get("group_proposals").isEmpty()) {
      return md.append("No group proposal slot was logged.\n\n").toString();
    }
    md.append("Group proposal slots (ms into the slot on the publishing node; rank 0 is the first leader):\n\n"
        + "| slot | group | ranking | leader's node | produced by rank | signatures | proposal | m sign-offs | published | block event |\n"
        + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (var g : s.get("group_proposals")) {
      md.append("| ").append(g.get("slot")).append(" | v").append(g.get("group")).append(" | ").append(g.get("ranking"))
          .append(" | node-").append(g.get("leader_node")).append(g.get("leader_down").asBoolean() ? " (down)" : "")
          .append(g.get("leader_chaos").isEmpty() ? "" : " (" + String.join(", ", texts(g.get("leader_chaos"))) + ")")
          .append(" | ").append(g.has("rank") ? g.get("rank").asText() : g.get("produced").asBoolean() ? "?" : "**missed**")
          .append(" | ").append(g.has("signatures") ? g.get("signatures") + " of m=" + g.get("threshold") : "-")
          .append(" | ").append(g.has("proposal_ms") ? g.get("proposal_ms") : "-")
          .append(" | ").append(g.has("threshold_ms") ? g.get("threshold_ms") : "-")
          .append(" | ").append(g.has("published_ms") ? g.get("published_ms") + " (" + g.get("published_by").asText() + ")" : "-")
          .append(" | ").append(g.get("block_ms").asLong() < 0 ? "-" : g.get("block_ms")).append(" |\n");
    }
    md.append("\nSigning: ").append(signing.blocks()).append(" block and ").append(signing.attestations())
        .append(" attestation records of ").append(signing.keys()).append(" keys in the nodes' slashing-protection databases; ")
        .append(signing.conflicts().isEmpty() ? "no slashable pair" : "**" + signing.conflicts().size() + " slashable pair(s)**")
        .append(signing.unreadable().isEmpty() ? "" : "; unreadable: " + String.join(", ", signing.unreadable())).append(".\n\n");
    return md.toString();
  }

  /** The summary printed at the end: participation per epoch (target flag) and each node's block import delays. */
  List<String> summaryLines() {
    List<String> out = new ArrayList<>();
    for (EpochParticipation e : participation) {
      out.add(String.format("epoch %d%s: target %s%s", e.epoch(), e.complete() ? "" : " (incomplete)", e.brief(),
          e.full() ? " (full)" : ""));
    }
    out.add(latency.line());
    for (var g : latency.groupSlots()) {
      out.add(String.format("group slot %d v%d: %s%s", g.slot(), g.group(),
          g.logged().published().map(pub -> "rank " + pub.rank() + ", " + pub.signatures() + " signatures, published "
              + pub.publishedMs() + " ms (" + pub.as() + " on node-" + pub.node() + ")").orElse(g.produced() ? "block seen" : "missed"),
          g.leaderDown() ? " (rank 0's node-" + g.leaderNode() + " down)" : "")
          + (g.leaderChaos().isEmpty() ? "" : " (rank 0's node-" + g.leaderNode() + ": " + String.join(", ", g.leaderChaos()) + ")"));
    }
    out.add(String.format("signing: %d block and %d attestation records of %d keys, %s", signing.blocks(),
        signing.attestations(), signing.keys(), signing.conflicts().isEmpty() ? "no slashable pair"
            : signing.conflicts().size() + " slashable pair(s): " + String.join("; ", signing.conflicts())));
    for (NodeProcess n : nodes) {
      List<Long> d = delays(n);
      out.add(d.isEmpty() ? n.name + ": no block import timed"
          : String.format("%s block import: p50 %d ms, p99 %d ms, max %d ms (%d blocks)", n.name,
              BlockImportDelays.percentile(d, 50), BlockImportDelays.percentile(d, 99), d.getLast(), d.size()));
    }
    return out;
  }

  private List<Long> delays(NodeProcess n) {
    return importDelays == null ? List.of() : importDelays.sorted(n.index);
  }

  @Override
  public String toString() {
    return "DevnetReport[" + records.size() + " slots, " + nodes.size() + " nodes, " + Objects.toString(stoppedBy) + "]";
  }
}
