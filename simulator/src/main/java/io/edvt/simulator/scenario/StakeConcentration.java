package io.edvt.simulator.scenario;

import io.edvt.simulator.report.Charts;
import io.edvt.simulator.report.Section;
import io.edvt.simulator.report.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * {@code stake-concentration}: Herfindahl index and Nakamoto coefficient of stake by controlling
 * entity, from a cited snapshot of entity shares, under adoption scenarios. An entity controls a
 * plain validator it runs and a group in which it holds at least {@code m} members; for the
 * Herfindahl index a group's stake is attributed to its members equally.
 */
public final class StakeConcentration implements Scenario {
  public static final String NAME = "stake-concentration";

  /**
   * The snapshot, typed in from a public source read with the project's search tools (it could not
   * be downloaded here): "Decentralization Progresses in Ethereum Staking: Lido's Dominance Drops
   * Below 30%", pulsecryptomkt.com, published 2024-04-04, citing Dune Analytics data of that day:
   * Lido below 30% (taken as 29.9%), Coinbase 14.04%, Binance 3.75%, Kiln 3.5%, unidentified 16.9%,
   * 26 entities in all including Kraken, Bitcoin Suisse, OKX and Upbit (shares not given).
   * Assumptions (stated in the report): Lido's stake is run by 30 node operators in equal parts
   * (Lido's curated set had about 29 to 30 operators; followin.io, "Comparing the staking ratio",
   * 2023); the 21.91% of identified stake not itemised is spread equally over the 22 remaining
   * identified entities; the unidentified 16.9% is solo stakers, 0.01% each.
   */
  static final String SOURCE = "pulsecryptomkt.com, \"Decentralization Progresses in Ethereum Staking: Lido's Dominance "
      + "Drops Below 30%\" (2024-04-04, citing Dune Analytics data of that day)";

  /** An entity with its own (plain) stake in percent. */
  record Entity(String name, double share, boolean operatorPool) {}

  static List<Entity> snapshot(int lidoOperators) {
    List<Entity> out = new ArrayList<>();
    out.add(new Entity("Coinbase", 14.04, true));
    out.add(new Entity("Binance", 3.75, true));
    out.add(new Entity("Kiln", 3.5, true));
    for (int i = 0; i < lidoOperators; i++) {
      out.add(new Entity("Lido operator " + (i + 1), 29.9 / lidoOperators, true));
    }
    double itemised = 29.9 + 14.04 + 3.75 + 3.5 + 16.9;
    for (int i = 0; i < 22; i++) {
      out.add(new Entity("identified entity " + (i + 1), (100 - itemised) / 22, true));
    }
    for (int i = 0; i < 1690; i++) {
      out.add(new Entity("solo " + (i + 1), 0.01, false));
    }
    return out;
  }

  /** Concentration of one configuration. */
  record Measure(double hhi, int nakamotoThird, int nakamotoHalf, double top) {}

  /**
   * Share {@code adoption} of every operator-pool entity's stake is moved into groups of
   * {@code (m, n)} (groups of 32 n ETH) whose members are {@code n} distinct operators of the pool
   * drawn at random; with {@code ownKeys} the entity keeps all members itself (control unchanged).
   */
  static Measure measure(List<Entity> entities, double adoption, int m, int n, boolean ownKeys, long seed) {
    int e = entities.size();
    double[] plain = new double[e];
    double[] attributed = new double[e];
    List<Integer> pool = new ArrayList<>();
    for (int i = 0; i < e; i++) {
      plain[i] = entities.get(i).share() * (entities.get(i).operatorPool() ? 1 - adoption : 1);
      attributed[i] = plain[i];
      if (entities.get(i).operatorPool()) {
        pool.add(i);
      }
    }
    // groups: each 0.001% of stake is one group unit (fine enough for shares in percent)
    double unit = 0.001;
    List<int[]> members = new ArrayList<>();
    List<Double> stakes = new ArrayList<>();
    Random random = new Random(seed);
    for (int i = 0; i < e; i++) {
      if (!entities.get(i).operatorPool() || adoption == 0) {
        continue;
      }
      double moved = entities.get(i).share() * adoption;
      int groups = Math.max(1, (int) Math.round(moved / unit));
      double each = moved / groups;
      for (int g = 0; g < groups; g++) {
        int[] set = new int[n];
        if (ownKeys) {
          Arrays.fill(set, i);
        } else {
          List<Integer> shuffled = new ArrayList<>(pool);
          Collections.shuffle(shuffled, random);
          for (int j = 0; j < n; j++) {
            set[j] = shuffled.get(j);
          }
        }
        members.add(set);
        stakes.add(each);
        for (int j : set) {
          attributed[j] += each / n;
        }
      }
    }
    double total = 0;
    for (double a : attributed) {
      total += a;
    }
    double hhi = 0;
    double top = 0;
    for (double a : attributed) {
      double s = a / total;
      hhi += s * s;
      top = Math.max(top, s);
    }
    // Nakamoto coefficient: entities added greedily by attributed stake until the coalition controls the threshold
    Integer[] order = new Integer[e];
    for (int i = 0; i < e; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(attributed[y], attributed[x]));
    return new Measure(hhi * 10_000, nakamoto(order, plain, members, stakes, m, total, 1.0 / 3),
        nakamoto(order, plain, members, stakes, m, total, 0.5), top);
  }

  private static int nakamoto(Integer[] order, double[] plain, List<int[]> members, List<Double> stakes, int m,
      double total, double threshold) {
    boolean[] in = new boolean[plain.length];
    double controlled = 0;
    int[] held = new int[members.size()];
    boolean[] counted = new boolean[members.size()];
    // index groups by member
    List<List<Integer>> groupsOf = new ArrayList<>();
    for (int i = 0; i < plain.length; i++) {
      groupsOf.add(new ArrayList<>());
    }
    for (int g = 0; g < members.size(); g++) {
      for (int j : members.get(g)) {
        groupsOf.get(j).add(g);
      }
    }
    for (int c = 0; c < order.length; c++) {
      int entity = order[c];
      in[entity] = true;
      controlled += plain[entity];
      for (int g : groupsOf.get(entity)) {
        held[g]++;
        if (!counted[g] && held[g] >= m) {
          counted[g] = true;
          controlled += stakes.get(g);
        }
      }
      if (controlled > threshold * total) {
        return c + 1;
      }
    }
    return order.length;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Section run(ScenarioContext context) {
    Params p = context.params(NAME);
    List<Double> adoption = p.nums("adoption_share");
    List<int[]> pairs = p.pairs("pairs");
    int lidoOperators = p.integer("operators_per_pool");
    List<Entity> entities = snapshot(lidoOperators);
    Section section = new Section(NAME, "Stake concentration by controlling entity");
    section.question = "How do the Herfindahl index and the Nakamoto coefficient of stake by controlling entity change "
        + "under adoption scenarios: large operators putting their stake into groups of their own keys, and stake put "
        + "into groups of independent operators?";
    section.provenance = "**Computation** on a snapshot of entity shares typed in from " + SOURCE + " (it could not be "
        + "downloaded here; it was read with the project's search tools): Lido < 30% (29.9% used), Coinbase 14.04%, "
        + "Binance 3.75%, Kiln 3.5%, unidentified 16.9%. Assumptions: Lido's stake is run by " + lidoOperators
        + " node operators in equal parts (the controlling entities of its keys); the identified stake not itemised "
        + "(21.91%) is spread over 22 further entities equally; the unidentified stake is solo stakers of 0.01% each. "
        + "An entity controls a group when it holds at least m of its members; the Herfindahl index attributes a "
        + "group's stake to its members equally; the Nakamoto coefficient adds entities greedily by attributed stake "
        + "(an upper bound on the minimum). No chain is simulated.";
    section.parameters.putAll(p.asMap());
    Table table = new Table(NAME, "scenario", "(m, n)", "share of operators' stake in groups", "HHI (0-10,000)",
        "Nakamoto coefficient (> 1/3)", "Nakamoto coefficient (> 1/2)", "largest entity share");
    Charts.Lines chart = new Charts.Lines();
    Measure base = measure(entities, 0, 1, 1, true, 0);
    table.row("status quo", "-", 0.0, base.hhi(), base.nakamotoThird(), base.nakamotoHalf(), base.top());
    section.headline.put("hhi_status_quo", base.hhi());
    section.headline.put("nakamoto_third_status_quo", (double) base.nakamotoThird());
    for (int[] mn : pairs) {
      for (double a : adoption) {
        if (a == 0) {
          continue;
        }
        Measure own = measure(entities, a, mn[0], mn[1], true, context.seed());
        table.row("operators' own groups", "(" + mn[0] + ", " + mn[1] + ")", a, own.hhi(), own.nakamotoThird(),
            own.nakamotoHalf(), own.top());
        Measure ind = measure(entities, a, mn[0], mn[1], false, context.seed());
        table.row("groups of independent operators", "(" + mn[0] + ", " + mn[1] + ")", a, ind.hhi(), ind.nakamotoThird(),
            ind.nakamotoHalf(), ind.top());
        chart.add("independent operators (" + mn[0] + ", " + mn[1] + ")", a, ind.nakamotoThird());
        chart.add("own groups (" + mn[0] + ", " + mn[1] + ")", a, own.nakamotoThird());
        section.headline.put("hhi_ind_" + mn[0] + "_" + mn[1] + "_" + a, ind.hhi());
        section.headline.put("nakamoto_third_ind_" + mn[0] + "_" + mn[1] + "_" + a, (double) ind.nakamotoThird());
      }
    }
    chart.add("independent operators (" + pairs.get(0)[0] + ", " + pairs.get(0)[1] + ")", 0, base.nakamotoThird());
    section.table(table);
    Charts.lines(context.out().resolve(NAME + ".png"), "Nakamoto coefficient (> 1/3 of stake) by adoption (computation)",
        "share of operators' stake in groups", "entities needed for > 1/3", chart, false);
    section.plot(NAME + ".png", "Entities needed to control more than a third of the stake, as operators move stake into "
        + "groups of their own keys or of independent operators; computation on the cited snapshot.");
    int[] last = pairs.get(pairs.size() - 1);
    double full = adoption.get(adoption.size() - 1);
    section.sentence(NAME, String.format("On the %s snapshot, the status quo has a Herfindahl index of %.0f and a Nakamoto "
        + "coefficient of %d (entities controlling > 1/3 of stake). Large operators putting their stake into groups of "
        + "their own keys change neither. If a share %.0f%% of operators' stake goes into (%d, %d) groups of independent "
        + "operators, the index falls to %.0f and the coefficient rises to %.0f.", "2024-04-04 (Dune via pulsecryptomkt.com)",
        base.hhi(), base.nakamotoThird(), 100 * full, last[0], last[1],
        section.headline.get("hhi_ind_" + last[0] + "_" + last[1] + "_" + full),
        section.headline.get("nakamoto_third_ind_" + last[0] + "_" + last[1] + "_" + full)));
    section.note("Source of the shares: " + SOURCE + ". Shares not itemised there are assumptions, listed above.");
    return section;
  }
}
