package io.edvt.simulator.scenario;

import io.edvt.simulator.chain.FullStackChain;
import io.edvt.simulator.report.Charts;
import io.edvt.simulator.report.Section;
import io.edvt.simulator.report.Table;
import java.util.List;

/**
 * {@code gossip-load}: messages, bytes and signature verifications per slot for Fulu (all stake in
 * 32-ETH validators), consolidated validators, and EDVT adoption scenarios.
 */
public final class GossipLoad implements Scenario {
  public static final String NAME = "gossip-load";
  static final int COMMITTEES = 64;
  static final int AGGREGATORS = 16;
  static final int SUBNETS = 64;
  static final int SUBNETS_PER_NODE = 2;
  static final int SIGNOFF_BYTES = 136;

  /** One network: how many signers it has and which share of slots a group proposes. */
  public record Network(String name, String mn, double share, double signers, double groupSlotShare, int n) {}

  /** Per-slot load of a network. */
  public record Load(double singles, double singleBytes, double aggregates, double aggregateBytes, double memberBytes,
      double publishedBytes, double nodeBytes, double nodeVerifications, double memberNodeVerifications) {}

  public static double signersPerSlot(double signersPerEpoch) {
    return signersPerEpoch / 32;
  }

  public static Load load(Network net, int blockBytes) {
    double singles = signersPerSlot(net.signers());
    double committeeSize = singles / COMMITTEES;
    double aggregates = (double) COMMITTEES * AGGREGATORS;
    // SignedAggregateAndProof: index 8, attestation (bits, data 128, signature 96, committee bits 8), selection proof 96, signature 96, offsets
    double aggregateBytes = 8 + (Math.ceil((committeeSize + 1) / 8) + 128 + 96 + 8 + 4) + 96 + 96 + 8;
    double memberBytes = net.groupSlotShare() * (blockBytes + 96 + (net.n() - 1) * (double) SIGNOFF_BYTES);
    double published = singles * FullStackChain.SINGLE_ATTESTATION_BYTES + aggregates * aggregateBytes + blockBytes
        + memberBytes;
    double nodeBytes = singles * SUBNETS_PER_NODE / SUBNETS * FullStackChain.SINGLE_ATTESTATION_BYTES
        + aggregates * aggregateBytes + blockBytes;
    double nodeVerifications = singles * SUBNETS_PER_NODE / SUBNETS + aggregates * 3 + 1;
    double memberVerifications = nodeVerifications + net.groupSlotShare() * (1 + (net.n() - 1));
    return new Load(singles, singles * FullStackChain.SINGLE_ATTESTATION_BYTES, aggregates, aggregates * aggregateBytes,
        memberBytes, published, nodeBytes, nodeVerifications, memberVerifications);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Section run(ScenarioContext context) {
    Params p = context.params(NAME);
    double stake = p.num("validators_stake_eth");
    List<Double> adoption = p.nums("adoption");
    List<int[]> pairs = p.pairs("pairs");
    int blockBytes = p.integer("block_bytes");
    Section section = new Section(NAME, "Gossip load");
    section.question = "How many signatures are verified and bytes gossiped per slot under EDVT adoption, compared with "
        + "Fulu (all stake in 32-ETH validators) and with consolidated validators?";
    section.provenance = "**Model**: one single attestation (240 bytes) per signer per epoch, 16 aggregators per committee "
        + "(64 committees) each publishing a SignedAggregateAndProof whose bits cover the expanded committee, one block per "
        + "slot, and for group slots one proposal of a block's size and n - 1 sign-offs of 136 bytes on the member topics. "
        + "A node subscribes to 2 of the 64 attestation subnets and verifies every message it receives once (3 signatures "
        + "per aggregate). Bytes are counted once per message; gossip multiplies what a node receives by roughly its mesh "
        + "degree (8). Checked against the full stack by `GossipModelTest`: the full-stack chain publishes exactly the "
        + "model's single attestations per slot (one per signer per epoch, every member of every group).";
    section.parameters.putAll(p.asMap());
    Table table = new Table(NAME, "network", "(m, n)", "share of stake in groups", "signers", "single attestations per slot",
        "bytes published per slot", "bytes a node receives per slot", "signature checks per node per slot",
        "signature checks per member node per slot", "vs Fulu (bytes published)", "vs consolidated (bytes published)");
    double fuluSigners = stake / 32;
    Load fulu = load(new Network("Fulu", "-", 0, fuluSigners, 0, 1), blockBytes);
    table.row("Fulu, all 32 ETH", "-", 0.0, fuluSigners, fulu.singles(), fulu.publishedBytes(), fulu.nodeBytes(),
        fulu.nodeVerifications(), fulu.nodeVerifications(), 1.0, Double.NaN);
    Charts.Bars bars = new Charts.Bars();
    for (double g : adoption) {
      if (g == 0) {
        continue;
      }
      String pct = (int) Math.round(100 * g) + "%";
      // consolidated: the share g in 2048 ETH validators, the rest 32 ETH
      double consSigners = stake * (1 - g) / 32 + stake * g / 2048;
      Load cons = load(new Network("consolidated", "-", g, consSigners, 0, 1), blockBytes);
      table.row("consolidated: " + pct + " of stake in 2048-ETH validators", "-", g, consSigners, cons.singles(),
          cons.publishedBytes(), cons.nodeBytes(), cons.nodeVerifications(), cons.nodeVerifications(),
          cons.publishedBytes() / fulu.publishedBytes(), 1.0);
      bars.add("Fulu", pct, fulu.publishedBytes() / 1e6);
      bars.add("consolidated (2048 ETH)", pct, cons.publishedBytes() / 1e6);
      for (int[] mn : pairs) {
        String pair = "(" + mn[0] + ", " + mn[1] + ")";
        // EDVT: the same share in 2048-ETH groups of n members, the rest 32 ETH
        double signers = stake * (1 - g) / 32 + stake * g * mn[1] / 2048;
        Load l = load(new Network("EDVT", pair, g, signers, g, mn[1]), blockBytes);
        table.row("EDVT: " + pct + " in 2048-ETH groups", pair, g, signers, l.singles(), l.publishedBytes(), l.nodeBytes(),
            l.nodeVerifications(), l.memberNodeVerifications(), l.publishedBytes() / fulu.publishedBytes(),
            l.publishedBytes() / cons.publishedBytes());
        // EDVT at the minimum balance: n signers per 32 n ETH, as Fulu
        Load min = load(new Network("EDVT", pair, g, fuluSigners, g, mn[1]), blockBytes);
        table.row("EDVT: " + pct + " in groups of 32 n ETH", pair, g, fuluSigners, min.singles(), min.publishedBytes(),
            min.nodeBytes(), min.nodeVerifications(), min.memberNodeVerifications(),
            min.publishedBytes() / fulu.publishedBytes(), min.publishedBytes() / cons.publishedBytes());
        bars.add("EDVT " + pair + " 2048-ETH groups", pct, l.publishedBytes() / 1e6);
        section.headline.put("vs_cons_" + mn[0] + "_" + mn[1] + "_" + g, l.publishedBytes() / cons.publishedBytes());
        section.headline.put("vs_fulu_" + mn[0] + "_" + mn[1] + "_" + g, l.publishedBytes() / fulu.publishedBytes());
        section.headline.put("vs_fulu_min_" + mn[0] + "_" + mn[1] + "_" + g, min.publishedBytes() / fulu.publishedBytes());
      }
    }
    section.table(table);
    Charts.bars(context.out().resolve(NAME + ".png"), "Bytes published per slot (model)", "share of stake in 2048-ETH validators", "MB per slot", bars);
    section.plot(NAME + ".png", "Bytes published per slot (each message counted once) for Fulu, consolidated validators "
        + "and EDVT adoption with (5, 7) groups of consolidated size; model.");
    section.headline.put("fulu_bytes", fulu.publishedBytes());
    double g = adoption.get(adoption.size() - 1);
    section.sentence(NAME, String.format("Groups at the minimum balance of 32 n ETH publish exactly as many attestations as "
        + "the same stake in 32-ETH validators (%.0f single attestations per slot for %.0f M ETH staked), so they add only "
        + "the member topics (%.3fx Fulu's bytes per slot with %.0f%% of stake in (5, 7) groups). With %.0f%% of stake in "
        + "2048-ETH validators, making them (5, 7) groups multiplies the bytes published per slot by %.2f against the same "
        + "validators consolidated without groups (%.2f of Fulu); (11, 16) groups by %.2f (%.2f of Fulu). A member node "
        + "verifies one proposal and up to n - 1 sign-offs more per slot of its group.", fulu.singles(), stake / 1e6,
        section.headline.get("vs_fulu_min_5_7_" + g), 100 * g, 100 * g, section.headline.get("vs_cons_5_7_" + g),
        section.headline.get("vs_fulu_5_7_" + g), section.headline.get("vs_cons_11_16_" + g),
        section.headline.get("vs_fulu_11_16_" + g)));
    return section;
  }
}
