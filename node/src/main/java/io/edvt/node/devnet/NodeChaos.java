package io.edvt.node.devnet;

import io.edvt.node.devnet.genesis.DevnetKeys;
import io.edvt.node.devnet.genesis.DevnetParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One misbehaviour {@code edvt devnet} gives a node for the whole run, passed on as the beacon
 * node's testing-only {@code --Xchaos-*} flag: {@code --delay=<node>:<ms>} (its proposals and
 * sign-offs on the member topics go out late), {@code --drop=<node>:<rate>} (that share of them is
 * not sent), {@code --withhold=<node>} (its leading members never publish their proposal),
 * {@code --equivocate=<node>} (its member keys sign conflicting blocks, sign-offs and attestations).
 *
 * @param value the ms of a delay, the rate of a drop; 0 for the others
 */
public record NodeChaos(Kind kind, int node, double value) {
  public enum Kind {
    DELAY("--delay", "<node>:<ms>", "--Xchaos-member-delay-ms"),
    DROP("--drop", "<node>:<rate>", "--Xchaos-member-drop-rate"),
    WITHHOLD("--withhold", "<node>", "--Xchaos-withhold-proposals"),
    EQUIVOCATE("--equivocate", "<node>", "--Xchaos-equivocate");

    final String flag;
    final String form;
    final String nodeFlag;

    Kind(String flag, String form, String nodeFlag) {
      this.flag = flag;
      this.form = form;
      this.nodeFlag = nodeFlag;
    }
  }

  public static final long MAX_DELAY_MS = 60_000; // the node's own bound (ChaosConfig)
  private static final Pattern NODE = Pattern.compile("\\d{1,9}");
  private static final Pattern NODE_VALUE = Pattern.compile("(\\d{1,9}):([0-9.]{1,12})");

  /** Parses one value of {@code kind}'s flag; a malformed one throws with a one-line reason naming the flag. */
  public static NodeChaos parse(Kind kind, String value) {
    String v = value.strip();
    String bad = kind.flag + " " + value + ": expected " + kind.form;
    if (kind == Kind.WITHHOLD || kind == Kind.EQUIVOCATE) {
      if (!NODE.matcher(v).matches()) {
        throw new IllegalArgumentException(bad + ", for example 1");
      }
      return new NodeChaos(kind, Integer.parseInt(v), 0);
    }
    Matcher m = NODE_VALUE.matcher(v);
    if (!m.matches()) {
      throw new IllegalArgumentException(bad + (kind == Kind.DELAY ? ", for example 1:400" : ", for example 1:0.3"));
    }
    double amount;
    try {
      amount = Double.parseDouble(m.group(2));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(bad + (kind == Kind.DELAY ? ", for example 1:400" : ", for example 1:0.3"));
    }
    if (kind == Kind.DELAY && (amount != Math.rint(amount) || amount < 1 || amount > MAX_DELAY_MS)) {
      throw new IllegalArgumentException(kind.flag + " " + value + ": the delay must be a whole number of ms from 1 to " + MAX_DELAY_MS);
    }
    if (kind == Kind.DROP && (amount <= 0 || amount > 1)) {
      throw new IllegalArgumentException(kind.flag + " " + value + ": the rate must be more than 0 and at most 1");
    }
    return new NodeChaos(kind, Integer.parseInt(m.group(1)), amount);
  }

  /**
   * The problems of a set of misbehaviours for {@code nodes} nodes, one line each: a node that does
   * not exist, one kind given twice for a node.
   */
  public static List<String> problems(List<NodeChaos> chaos, int nodes) {
    List<String> out = new ArrayList<>();
    Map<String, NodeChaos> seen = new LinkedHashMap<>();
    for (NodeChaos c : chaos) {
      if (c.node() >= nodes) {
        out.add(c.text() + ": no node " + c.node() + " (nodes are 0 to " + (nodes - 1) + ")");
        continue;
      }
      NodeChaos before = seen.putIfAbsent(c.kind() + "/" + c.node(), c);
      if (before != null) {
        out.add(before.text() + " and " + c.text() + ": node " + c.node() + " is given " + c.kind().flag + " twice");
      }
    }
    return out;
  }

  /**
   * One line per group that {@code --equivocate} can get slashed: {@code validator.md}'s bound, a
   * group with {@code c} members on equivocating nodes is safe only while {@code c < 2m - n}.
   */
  public static List<String> warnings(List<NodeChaos> chaos, DevnetParameters p) {
    List<String> out = new ArrayList<>();
    DevnetKeys keys = new DevnetKeys(p);
    List<Integer> equivocating = chaos.stream().filter(c -> c.kind() == Kind.EQUIVOCATE).map(NodeChaos::node).toList();
    if (equivocating.isEmpty()) {
      return out;
    }
    int bound = 2 * p.threshold() - p.groupSize();
    for (int g = 0; g < p.groups(); g++) {
      int c = 0;
      for (int j = 0; j < p.groupSize(); j++) {
        if (equivocating.contains(keys.nodeOfMember(g, j))) {
          c++;
        }
      }
      if (c > 0 && c >= bound) {
        out.add("--equivocate: group " + g + " has " + c + " member(s) on equivocating nodes, not fewer than 2m - n = " + bound
            + ": honest members cannot keep it from being slashable");
      }
    }
    return out;
  }

  /** The beacon-node flag this becomes. */
  public String nodeFlag() {
    return switch (kind) {
      case DELAY -> kind.nodeFlag + "=" + (long) value;
      case DROP -> kind.nodeFlag + "=" + value;
      case WITHHOLD, EQUIVOCATE -> kind.nodeFlag + "=true";
    };
  }

  /** As given on the devnet command line, normalised. */
  public String text() {
    return switch (kind) {
      case DELAY -> kind.flag + " " + node + ":" + (long) value;
      case DROP -> kind.flag + " " + node + ":" + value;
      case WITHHOLD, EQUIVOCATE -> kind.flag + " " + node;
    };
  }
}
