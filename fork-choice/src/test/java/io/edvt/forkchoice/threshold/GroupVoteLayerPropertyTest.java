package io.edvt.forkchoice.threshold;

import static io.edvt.forkchoice.tree.BlockTreeView.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sequences of blocks, votes, equivocations, balance changes, key rotations and threshold
 * changes (first in the "target" key sets that sign, then justified), and prunings, checked after
 * every settling against a direct transcription of EDVT's {@code get_attestation_score} with
 * {@code get_group_vote_node}: for each group, the blocks that its justified keys' counting
 * latest messages give at least the threshold, the deepest of them on one chain with all the
 * others (the vote node), and the group's balance at every ancestor-or-self of that block.
 *
 * <p>The reference ({@link SpecModel}) shares nothing with the layer: it names blocks by a
 * permanent id, keeps latest messages and equivocations per key as the spec's store does, and
 * decides ancestry by walking its own parent map. It only learns which blocks were pruned (a
 * message for a pruned block no longer counts, as for a block the store dropped at finality).
 */
class GroupVoteLayerPropertyTest {

  private static final int OPERATIONS = 1500;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void accumulatedWeightsMatchTheSpecScoreOfEveryNode(long seed) {
    new Run(new Random(seed)).go();
  }

  /** The spec's view: blocks by id, latest messages and equivocations by key. */
  private static final class SpecModel {
    final Map<Integer, Integer> parentOfBlock = new HashMap<>(); // block id -> parent id or -1
    final Map<Integer, long[]> latestMessage = new HashMap<>(); // key -> {epoch, block id}
    final Set<Integer> equivocatingKeys = new HashSet<>();
    final List<int[]> keysOfGroup = new ArrayList<>(); // group -> justified key set
    final List<Integer> thresholdOfGroup = new ArrayList<>(); // group -> justified threshold
    final List<Long> balanceOfGroup = new ArrayList<>();
    final Set<Integer> prunedBlocks = new HashSet<>();

    void onAttestation(int key, long epoch, int block) {
      if (equivocatingKeys.contains(key)) {
        return;
      }
      long[] latest = latestMessage.get(key);
      if (latest == null || epoch > latest[0]) {
        latestMessage.put(key, new long[] {epoch, block});
      }
    }

    boolean isAncestor(int ancestor, int block) {
      for (int b = block; b != -1; b = parentOfBlock.get(b)) {
        if (b == ancestor) {
          return true;
        }
      }
      return false;
    }

    /** get_attestation_score over the groups, for the block with id {@code block}, given every group's vote node. */
    long attestationScore(int block, int[] voteNodes) {
      long score = 0;
      for (int g = 0; g < voteNodes.length; g++) {
        if (voteNodes[g] != -1 && isAncestor(block, voteNodes[g])) {
          score += balanceOfGroup.get(g);
        }
      }
      return score;
    }

    int[] voteNodes() {
      int[] out = new int[keysOfGroup.size()];
      for (int g = 0; g < out.length; g++) {
        out[g] = voteNode(g);
      }
      return out;
    }

    /** get_group_vote_node of group {@code g}, or -1. */
    int voteNode(int g) {
      List<Integer> messages = new ArrayList<>();
      for (int key : keysOfGroup.get(g)) {
        long[] latest = latestMessage.get(key);
        if (latest != null && !equivocatingKeys.contains(key) && !prunedBlocks.contains((int) latest[1])) {
          messages.add((int) latest[1]);
        }
      }
      List<Integer> supported = new ArrayList<>();
      for (int block : parentOfBlock.keySet()) {
        if (prunedBlocks.contains(block)) {
          continue;
        }
        int support = 0;
        for (int message : messages) {
          if (isAncestor(block, message)) {
            support++;
          }
        }
        if (support >= thresholdOfGroup.get(g)) {
          supported.add(block);
        }
      }
      int voteNode = -1;
      for (int block : supported) {
        boolean comparable = supported.stream().allMatch(other -> isAncestor(block, other) || isAncestor(other, block));
        if (comparable && (voteNode == -1 || isAncestor(voteNode, block))) {
          voteNode = block;
        }
      }
      return voteNode;
    }
  }

  private static final class Run {
    final Random random;
    final ArrayTree tree = new ArrayTree();
    final GroupVoteLayer layer = new GroupVoteLayer(tree);
    final SpecModel spec = new SpecModel();
    // Block ids of the tree's nodes, in node order (the prefix drops out on pruning), and the
    // node of a block id (gone once pruned).
    final List<Integer> blockOfNode = new ArrayList<>();
    final Map<Integer, Integer> nodeOfBlock = new HashMap<>();
    int blocks;
    int keys;
    int groups;
    long epoch = 1;
    int checks;
    // The key sets that sign now (a rotation or threshold change shows here first, and reaches
    // the spec model's justified key sets, and the layer, only on a later "justify").
    final List<int[]> signingKeys = new ArrayList<>();
    final List<Integer> signingThreshold = new ArrayList<>();

    Run(Random random) {
      this.random = random;
    }

    void go() {
      addBlock(NONE);
      int groupCount = 1 + random.nextInt(12);
      for (int g = 0; g < groupCount; g++) {
        addGroup();
      }
      for (int op = 0; op < OPERATIONS; op++) {
        int dice = random.nextInt(100);
        if (dice < 15 && tree.size() < 100) {
          addBlock(random.nextInt(tree.size()));
        } else if (dice < 70) {
          vote();
        } else if (dice < 74) {
          equivocate();
        } else if (dice < 79) {
          changeBalance();
        } else if (dice < 81) {
          changeThreshold();
        } else if (dice < 83) {
          replaceKey();
        } else if (dice < 85) {
          justify();
        } else if (dice < 87 && tree.size() > 2) {
          prune();
        } else if (dice < 88) {
          addGroup();
        } else {
          settleAndCheck();
        }
        if (random.nextInt(8) == 0) {
          epoch++;
        }
      }
      settleAndCheck();
      assertThat(checks).isGreaterThan(50);
    }

    void addBlock(int parentNode) {
      int id = blocks++;
      int node = tree.add(parentNode);
      spec.parentOfBlock.put(id, parentNode == NONE ? -1 : blockOfNode.get(parentNode));
      blockOfNode.add(id);
      nodeOfBlock.put(id, node);
    }

    void addGroup() {
      int n = 1 + random.nextInt(16);
      int m = 1 + random.nextInt(n);
      long balance = n * 32_000_000_000L - random.nextInt(3) * 1_000_000_000L;
      int[] memberKeys = new int[n];
      for (int i = 0; i < n; i++) {
        memberKeys[i] = keys++;
      }
      signingKeys.add(memberKeys.clone());
      signingThreshold.add(m);
      spec.keysOfGroup.add(memberKeys);
      spec.thresholdOfGroup.add(m);
      spec.balanceOfGroup.add(balance);
      layer.setKeySet(validatorOf(groups), memberKeys.clone(), m);
      layer.setBalance(validatorOf(groups), balance);
      groups++;
    }

    /** Validator indices of groups are sparse, as groups are among many plain validators. */
    static int validatorOf(int group) {
      return group * 37 + 5;
    }

    /** A key that signs now: mostly from the signing key set, sometimes a justified one. */
    int someKey(int g) {
      int[] set = random.nextInt(4) == 0 ? spec.keysOfGroup.get(g) : signingKeys.get(g);
      return set[random.nextInt(set.length)];
    }

    void vote() {
      int key = someKey(random.nextInt(groups));
      long target = Math.max(0, epoch - 2 + random.nextInt(4));
      // Mostly a block in the tree, sometimes one pruned away (the store knows it, the tree not).
      int block = random.nextInt(10) == 0 ? random.nextInt(blocks) : blockOfNode.get(random.nextInt(tree.size()));
      spec.onAttestation(key, target, block);
      layer.onKeyVote(key, target, nodeOfBlock.getOrDefault(block, NONE));
    }

    void equivocate() {
      int key = someKey(random.nextInt(groups));
      spec.equivocatingKeys.add(key);
      layer.onKeyEquivocation(key);
    }

    void changeBalance() {
      int g = random.nextInt(groups);
      long balance = random.nextInt(5) == 0 ? 0 : (1 + random.nextInt(16)) * 32_000_000_000L;
      spec.balanceOfGroup.set(g, balance);
      layer.setBalance(validatorOf(g), balance);
    }

    void changeThreshold() {
      int g = random.nextInt(groups);
      signingThreshold.set(g, 1 + random.nextInt(signingKeys.get(g).length));
    }

    /** A new key replaces a member (sometimes the group also grows or shrinks by one). */
    void replaceKey() {
      int g = random.nextInt(groups);
      int[] set = signingKeys.get(g);
      int resize = random.nextInt(6);
      if (resize == 0 && set.length < 16) {
        set = Arrays.copyOf(set, set.length + 1);
        set[set.length - 1] = keys++;
      } else if (resize == 1 && set.length > 1) {
        set = Arrays.copyOf(set, set.length - 1);
      } else {
        set = set.clone();
        set[random.nextInt(set.length)] = keys++;
      }
      signingKeys.set(g, set);
      signingThreshold.set(g, Math.min(signingThreshold.get(g), set.length));
    }

    /** A new justified state: some groups' key sets catch up with the signing ones. */
    void justify() {
      for (int g = 0; g < groups; g++) {
        if (random.nextBoolean()) {
          spec.keysOfGroup.set(g, signingKeys.get(g).clone());
          spec.thresholdOfGroup.set(g, signingThreshold.get(g));
          layer.setKeySet(validatorOf(g), signingKeys.get(g).clone(), signingThreshold.get(g));
        }
      }
    }

    void prune() {
      int offset = 1 + random.nextInt(tree.size() / 2);
      for (int i = 0; i < offset; i++) {
        nodeOfBlock.remove(blockOfNode.get(i));
        spec.prunedBlocks.add(blockOfNode.get(i));
      }
      blockOfNode.subList(0, offset).clear();
      nodeOfBlock.replaceAll((block, node) -> node - offset);
      tree.prune(offset);
      layer.prune(offset);
    }

    void settleAndCheck() {
      long[] deltas = new long[tree.size()];
      layer.computeDeltas(deltas);
      tree.apply(deltas);
      long[] weights = tree.subtreeWeights();
      int[] voteNodes = spec.voteNodes();
      for (int node = 0; node < tree.size(); node++) {
        int block = blockOfNode.get(node);
        assertThat(weights[node])
            .as("weight of node %d (block %d) after %d checks", node, block, checks)
            .isEqualTo(spec.attestationScore(block, voteNodes));
      }
      checks++;
    }
  }
}
