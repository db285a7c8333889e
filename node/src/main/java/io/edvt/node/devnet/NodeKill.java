package io.edvt.node.devnet;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --kill=<node>@<slot>[:<restartSlot>]} of {@code edvt devnet}: SIGKILL node {@code node}
 * at the start of {@code slot} and, when given, start it again (same data, ports and keys) at the
 * start of {@code restartSlot}.
 */
public record NodeKill(int node, long slot, OptionalLong restartSlot) {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})@(\\d{1,12})(?::(\\d{1,12}))?");

  /** Parses one value; a malformed one throws with the reason (the caller prefixes the flag). */
  public static NodeKill parse(String value) {
    Matcher m = FORM.matcher(value.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("--kill " + value + ": expected <node>@<slot>[:<restartSlot>], for example 2@12:20");
    }
    OptionalLong restart = m.group(3) == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(m.group(3)));
    return new NodeKill(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), restart);
  }

  /** Whether the node is down (killed and not yet restarted) during {@code s}. */
  public boolean downAt(long s) {
    return s >= slot && (restartSlot.isEmpty() || s < restartSlot.getAsLong());
  }

  /**
   * The problems of a set of kills for a devnet of {@code nodes} nodes running {@code lastSlot}
   * slots, one line each: a node that does not exist, slot 0 (genesis), a restart not after its
   * kill, a slot past the run, two kills of one node that overlap.
   */
  public static List<String> problems(List<NodeKill> kills, int nodes, long lastSlot) {
    List<String> out = new ArrayList<>();
    List<NodeKill> valid = new ArrayList<>();
    for (NodeKill k : kills) {
      String name = "--kill " + k.text();
      int before = out.size();
      if (k.node() >= nodes) {
        out.add(name + ": no node " + k.node() + " (nodes are 0 to " + (nodes - 1) + ")");
      } else if (k.slot() < 1) {
        out.add(name + ": the kill slot must be 1 or later (slot 0 is genesis)");
      } else if (k.slot() > lastSlot) {
        out.add(name + ": slot " + k.slot() + " is after the run's last slot " + lastSlot);
      } else if (k.restartSlot().isPresent() && k.restartSlot().getAsLong() <= k.slot()) {
        out.add(name + ": the restart slot must be after the kill slot");
      } else if (k.restartSlot().isPresent() && k.restartSlot().getAsLong() > lastSlot) {
        out.add(name + ": restart slot " + k.restartSlot().getAsLong() + " is after the run's last slot " + lastSlot);
      }
      if (out.size() == before) {
        valid.add(k);
      }
    }
    for (int i = 0; i < valid.size(); i++) {
      for (int j = i + 1; j < valid.size(); j++) {
        NodeKill a = valid.get(i);
        NodeKill b = valid.get(j);
        if (a.node() == b.node() && (a.downAt(b.slot()) || b.downAt(a.slot()))) {
          out.add("--kill " + a.text() + " and --kill " + b.text() + ": node " + a.node() + " would be killed while down");
        }
      }
    }
    return out;
  }

  String text() {
    return node + "@" + slot + (restartSlot.isPresent() ? ":" + restartSlot.getAsLong() : "");
  }
}
