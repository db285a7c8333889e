package io.edvt.node.storage;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.cli.Vectors;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.execution.ExecutionEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A chain from a consensus-spec-tests case with blocks ({@code sanity/blocks}, {@code finality}):
 * its pre-state, its blocks and each block's post-state (computed with the state transition,
 * signatures not checked again; the last one is the case's {@code post.ssz_snappy}). The Fulu
 * cases come from the official vectors, the EDVT ones from this repository's.
 *
 * @param name the case's path below {@code <preset>/<fork>}
 * @param milestone the fork of the case
 * @param versions the case's network (minimal; EDVT from epoch 0 for an EDVT case)
 * @param pre the pre-state
 * @param blocks the blocks, in order
 * @param posts each block's post-state
 */
public record VectorChain(String name, SpecMilestone milestone, SpecVersions versions, BeaconState pre,
    List<SignedBeaconBlock> blocks, List<BeaconState> posts) {
  private static final Map<String, VectorChain> CACHE = new ConcurrentHashMap<>();

  /** The network both vector sets decode with: minimal, EDVT scheduled from epoch 0 (schemas do not depend on the schedule). */
  public static SpecVersions minimalWithEdvt() {
    return Networks.MINIMAL_EDVT;
  }

  /** A case of the official Fulu vectors, e.g. {@code finality/finality/pyspec_tests/finality_rule_1}. */
  public static VectorChain fulu(String relative) {
    return CACHE.computeIfAbsent("fulu/" + relative, k -> load(relative, SpecMilestone.FULU, Vectors.fulu("minimal").resolve(relative),
        Networks.MINIMAL));
  }

  /** A case of this repository's EDVT vectors. */
  public static VectorChain edvt(String relative) {
    return CACHE.computeIfAbsent("edvt/" + relative, k -> load(relative, SpecMilestone.EDVT,
        Vectors.of(Vectors.edvt("minimal"), relative), Networks.MINIMAL_EDVT));
  }

  private static VectorChain load(String name, SpecMilestone milestone, Path dir, SpecVersions versions) {
    BeaconState pre = versions.forMilestone(milestone).schemas().beaconState().deserialize(Vectors.ssz(dir.resolve("pre.ssz_snappy")));
    MultiForkStateTransition transition = new MultiForkStateTransition(versions);
    List<SignedBeaconBlock> blocks = new ArrayList<>();
    List<BeaconState> posts = new ArrayList<>();
    BeaconState state = pre;
    for (Path file : Vectors.blocks(dir)) {
      SignedBeaconBlock block = versions.forMilestone(milestone).schemas().signedBeaconBlock().deserialize(Vectors.ssz(file));
      state = transition.stateTransition(state, block, true, SignatureVerifier.NONE, ExecutionEngine.always(true));
      blocks.add(block);
      posts.add(state);
    }
    return new VectorChain(name, milestone, versions, pre, List.copyOf(blocks), List.copyOf(posts));
  }

  public Bytes32 root(int i) {
    return blocks.get(i).message().hashTreeRoot();
  }

  public UInt64 slot(int i) {
    return blocks.get(i).message().slot();
  }

  /** An anchor on block {@code i} and its post-state, finalized and justified at its epoch (a checkpoint-sync start). */
  public Anchor anchorAt(int i) {
    Checkpoint checkpoint = Checkpoint.create(versions.fulu().misc().computeEpochAtSlot(slot(i)), root(i));
    return new Anchor(checkpoint, checkpoint, blocks.get(i).message(), posts.get(i));
  }

  /** The index of the block with root {@code root}, or -1. */
  public int indexOf(Bytes32 root) {
    for (int i = 0; i < blocks.size(); i++) {
      if (root(i).equals(root)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return milestone.forkName() + "/" + name;
  }

  /** The networks the vectors are of. */
  private static final class Networks {
    static final SpecVersions MINIMAL = new SpecVersions(EdvtConfig.load("minimal"));
    static final SpecVersions MINIMAL_EDVT = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "0")));
  }
}
