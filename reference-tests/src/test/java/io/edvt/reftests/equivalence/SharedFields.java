package io.edvt.reftests.equivalence;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.HistoricalSummary;
import io.edvt.spec.datastructures.state.SyncCommittee;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * Compares EDVT's post state with Fulu's on every field both states have, and EDVT's own fields
 * with what the upgrade made them (a state without groups must keep them as they are).
 *
 * <p>Three kinds of fields are compared through a translation, each for a stated reason:
 * <ul>
 *   <li>{@code fork}: the upgrade sets it (EDVT's version over Fulu's), so it must stay what the
 *       upgrade made it, not equal Fulu's.
 *   <li>{@code block_roots}, {@code state_roots}, {@code latest_block_header} and the roots of the
 *       three checkpoints: they hold roots of states and blocks, which have more fields in EDVT. They must equal Fulu's with every root the
 *       case made replaced by its EDVT counterpart ({@link RootMap}). {@code historical_summaries}
 *       entries appended while such roots were written summarise EDVT's roots and cannot be
 *       translated: EDVT must append as many, and every older entry must be Fulu's.
 *   <li>{@code current_sync_committee_signers} and {@code next_sync_committee_signers} (EDVT's own):
 *       they follow the committees, so each seat's signer must be the validator whose key holds it.
 * </ul>
 */
final class SharedFields {
  private final List<String> differences = new ArrayList<>();
  private int summariesByCount;

  /** The differences of {@code edvtPost} from {@code fuluPost}; {@code upgraded} is the EDVT pre state. */
  static SharedFields compare(BeaconState fuluPost, BeaconState edvtPost, BeaconState upgraded, RootMap roots) {
    SharedFields out = new SharedFields();
    out.run(translate(fuluPost, edvtPost, upgraded, roots, out), edvtPost, upgraded);
    return out;
  }

  List<String> differences() {
    return differences;
  }

  /** Historical summaries appended during the case and compared by count only (see the class comment). */
  int summariesComparedByCountOnly() {
    return summariesByCount;
  }

  private static BeaconState translate(BeaconState fuluPost, BeaconState edvtPost, BeaconState upgraded, RootMap roots,
      SharedFields out) {
    if (roots.isEmpty()) {
      return fuluPost;
    }
    BeaconBlockHeader h = fuluPost.latestBlockHeader();
    BeaconState t = fuluPost
        .withBlockRoots(mapped(fuluPost.blockRoots(), roots))
        .withStateRoots(mapped(fuluPost.stateRoots(), roots))
        .withLatestBlockHeader(h.withParentRoot(roots.map(h.parentRoot())).withStateRoot(roots.map(h.stateRoot()))
            .withBodyRoot(roots.map(h.bodyRoot())))
        .withPreviousJustifiedCheckpoint(mapped(fuluPost.previousJustifiedCheckpoint(), roots))
        .withCurrentJustifiedCheckpoint(mapped(fuluPost.currentJustifiedCheckpoint(), roots))
        .withFinalizedCheckpoint(mapped(fuluPost.finalizedCheckpoint(), roots));
    SszList<HistoricalSummary> fuluSummaries = fuluPost.historicalSummaries();
    SszList<HistoricalSummary> edvtSummaries = edvtPost.historicalSummaries();
    int before = upgraded.historicalSummaries().size();
    if (fuluSummaries.size() == edvtSummaries.size() && fuluSummaries.size() > before) {
      SszList<HistoricalSummary> s = fuluSummaries;
      for (int i = before; i < s.size(); i++) {
        s = s.set(i, edvtSummaries.get(i));
        out.summariesByCount++;
      }
      t = t.withHistoricalSummaries(s);
    }
    return t;
  }

  private static Checkpoint mapped(Checkpoint fulu, RootMap roots) {
    return Checkpoint.create(fulu.epoch(), roots.map(fulu.root()));
  }

  private static SszList<Bytes32> mapped(SszList<Bytes32> fulu, RootMap roots) {
    SszList<Bytes32> out = fulu;
    for (int i = 0; i < fulu.size(); i++) {
      Bytes32 r = fulu.get(i);
      Bytes32 m = roots.map(r);
      if (!m.equals(r)) {
        out = out.set(i, m);
      }
    }
    return out;
  }

  private void run(BeaconState expected, BeaconState edvtPost, BeaconState upgraded) {
    List<String> edvtNames = edvtPost.type().fieldNames();
    List<String> fuluNames = expected.type().fieldNames();
    for (int i = 0; i < fuluNames.size(); i++) {
      String name = fuluNames.get(i);
      int j = edvtNames.indexOf(name);
      if (j < 0) {
        differences.add(name + " is missing from the EDVT state");
      } else if (name.equals("fork")) {
        if (!Arrays.equals(fieldBytes(upgraded, j), fieldBytes(edvtPost, j))) {
          differences.add("fork changed after the upgrade: " + edvtPost.fork() + ", upgraded to " + upgraded.fork());
        }
      } else if (!Arrays.equals(fieldBytes(expected, i), fieldBytes(edvtPost, j))) {
        differences.add(name + " differs from Fulu's post" + detail(expected.get(i), edvtPost.get(j)));
      }
    }
    for (int j = 0; j < edvtNames.size(); j++) {
      String name = edvtNames.get(j);
      if (fuluNames.contains(name)) {
        continue;
      }
      if (SIGNERS_OF.containsKey(name)) {
        checkSigners(edvtPost, name, j);
      } else if (!Arrays.equals(fieldBytes(upgraded, j), fieldBytes(edvtPost, j))) {
        differences.add("EDVT field " + name + " changed on a state without groups");
      }
    }
  }

  /**
   * The seat signers change with the sync committees they describe. Without groups, seat {@code
   * i}'s signer is the validator whose key holds the seat (member 0 is the validator's own key, so
   * its virtual index is the validator index): checked against the committee in the EDVT post,
   * which the shared-field comparison above holds equal to Fulu's.
   */
  private void checkSigners(BeaconState edvtPost, String name, int j) {
    Map<Bytes48, Long> indexOfKey = new HashMap<>();
    for (int v = 0; v < edvtPost.validators().size(); v++) {
      indexOfKey.putIfAbsent(edvtPost.validators().get(v).pubkey(), (long) v);
    }
    SyncCommittee committee = (SyncCommittee) edvtPost.get(edvtPost.type().fieldNames().indexOf(SIGNERS_OF.get(name)));
    SszList<?> signers = (SszList<?>) edvtPost.get(j);
    for (int i = 0; i < signers.size(); i++) {
      Long expected = indexOfKey.get(committee.pubkeys().get(i));
      if (expected == null || ((UInt64) signers.get(i)).longValue() != expected) {
        differences.add("EDVT field " + name + "[" + i + "] is " + signers.get(i) + ", the seat's key is validator "
            + expected + "'s");
        return;
      }
    }
  }

  private static final Map<String, String> SIGNERS_OF = Map.of(
      "current_sync_committee_signers", "current_sync_committee",
      "next_sync_committee_signers", "next_sync_committee");

  /** The first differing element of two lists (index and both values), or the two values. */
  private static String detail(Object fulu, Object edvt) {
    if (fulu instanceof SszList<?> f && edvt instanceof SszList<?> e) {
      if (f.size() != e.size()) {
        return " (Fulu " + f.size() + " elements, EDVT " + e.size() + ")";
      }
      for (int i = 0; i < f.size(); i++) {
        if (!f.get(i).equals(e.get(i))) {
          return " (first at [" + i + "]: Fulu " + f.get(i) + ", EDVT " + e.get(i) + ")";
        }
      }
      return "";
    }
    String text = " (Fulu " + fulu + ", EDVT " + edvt + ")";
    return text.length() > 400 ? text.substring(0, 400) + "...)" : text;
  }

  @SuppressWarnings("unchecked")
  private static byte[] fieldBytes(SszContainer container, int index) {
    ContainerType<?> type = container.type();
    return ((SszType<Object>) type.fields().get(index).type()).serialize(container.get(index));
  }
}
