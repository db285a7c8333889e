package io.edvt.node.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The groups' proposal slots as the member nodes logged them: {@code GroupProposer} logs a slot's
 * ranking when a held member's duty comes ({@code Group slot ...}) and each assembled block it
 * publishes ({@code Group block ...}, leader or backup). The nodes keep no history of this the API
 * serves, and a killed node's log survives it, so the devnet reads the logs after the run. A node
 * whose head is stale (one restarting) computes its duties from another state and may log a group
 * slot that is not one; {@link ProposalLatency} drops those against the chain's blocks.
 */
final class GroupProposalLog {
  private static final Pattern SLOT = Pattern.compile("Group slot (\\d+) group (\\d+): ranking \\[([0-9, ]*)] threshold (\\d+)");
  private static final Pattern BLOCK = Pattern.compile("Group block slot (\\d+) group (\\d+) root (0x[0-9a-f]+): rank (\\d+) led, "
      + "(\\d+)/(\\d+) signatures \\(threshold (\\d+)\\); proposal (-?\\d+) ms, threshold (-?\\d+) ms, published \\((\\w+)\\) (-?\\d+) ms");

  record Key(long slot, long group) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return slot != o.slot ? Long.compare(slot, o.slot) : Long.compare(group, o.group);
    }
  }

  /**
   * One block publication: {@code proposalMs}, {@code thresholdMs} and {@code publishedMs} are ms
   * into the slot on the publishing node's clock (proposal: built by the leader or received).
   */
  record Published(int node, String root, int rank, int signatures, long proposalMs, long thresholdMs, String as,
      long publishedMs) {}

  /** A group's proposal slot: its ranking (member indices, rank 0 first) and the first publication, if any. */
  record Slot(long slot, long group, int[] ranking, int threshold, Optional<Published> published, int loggedBy) {}

  private final Map<Key, int[]> rankings = new TreeMap<>();
  private final Map<Key, Integer> thresholds = new TreeMap<>();
  private final Map<Key, java.util.Set<Integer>> loggers = new TreeMap<>();
  private final Map<Key, Published> first = new TreeMap<>();

  /** Reads every node's log ({@code logs.get(i)} is node i's); a missing log counts as empty. */
  static GroupProposalLog read(List<Path> logs) {
    GroupProposalLog log = new GroupProposalLog();
    for (int i = 0; i < logs.size(); i++) {
      if (!Files.isRegularFile(logs.get(i))) {
        continue;
      }
      int node = i;
      try (Stream<String> lines = Files.lines(logs.get(i))) {
        lines.forEach(line -> log.add(node, line));
      } catch (IOException | UncheckedIOException e) {
        // a log that cannot be read adds nothing; the report shows the slots the others logged
      }
    }
    return log;
  }

  void add(int node, String line) {
    if (!line.contains("Group ")) {
      return;
    }
    Matcher s = SLOT.matcher(line);
    if (s.find()) {
      Key k = new Key(Long.parseLong(s.group(1)), Long.parseLong(s.group(2)));
      rankings.putIfAbsent(k, Arrays.stream(s.group(3).split(",\\s*")).filter(x -> !x.isBlank())
          .mapToInt(Integer::parseInt).toArray());
      thresholds.putIfAbsent(k, Integer.parseInt(s.group(4)));
      loggers.computeIfAbsent(k, x -> new java.util.TreeSet<>()).add(node);
      return;
    }
    Matcher b = BLOCK.matcher(line);
    if (b.find()) {
      Key k = new Key(Long.parseLong(b.group(1)), Long.parseLong(b.group(2)));
      Published p = new Published(node, b.group(3), Integer.parseInt(b.group(4)), Integer.parseInt(b.group(5)),
          Long.parseLong(b.group(8)), Long.parseLong(b.group(9)), b.group(10), Long.parseLong(b.group(11)));
      thresholds.putIfAbsent(k, Integer.parseInt(b.group(7)));
      first.merge(k, p, (a, c) -> c.publishedMs() < a.publishedMs() ? c : a);
    }
  }

  /** Every group slot seen, by slot then group. */
  Collection<Slot> slots() {
    Map<Key, Slot> out = new TreeMap<>();
    for (Key k : unionKeys()) {
      out.put(k, new Slot(k.slot(), k.group(), rankings.getOrDefault(k, new int[0]), thresholds.getOrDefault(k, -1),
          Optional.ofNullable(first.get(k)), loggers.getOrDefault(k, java.util.Set.of()).size()));
    }
    return out.values();
  }

  private List<Key> unionKeys() {
    return Stream.concat(rankings.keySet().stream(), first.keySet().stream()).distinct().sorted().toList();
  }
}
