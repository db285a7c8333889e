package io.edvt.reftests.proofs;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.ssz.MerkleProofs;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.reftests.ReferenceSpecs;
import io.edvt.reftests.SkipCase;
import io.edvt.reftests.TestCase;
import io.edvt.reftests.TestExecutor;
import io.edvt.infrastructure.crypto.Sha256;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code single_merkle_proof} (runners {@code merkle_proof} and {@code light_client}): the suite
 * names the SSZ type of {@code object.ssz_snappy}; {@code proof.yaml} gives a leaf, its
 * generalized index and a branch. The case passes when the leaf is the object's node at that
 * index, our own proof equals the given branch, and the given branch verifies against the
 * object's root the way {@code is_valid_merkle_branch} checks it.
 */
public final class SingleMerkleProofExecutor implements TestExecutor {

  @Override
  public void run(TestCase c) {
    SszType<?> type = ReferenceSpecs.sszTypes(c.preset(), c.milestone()).get(c.suite());
    if (type == null) {
      throw new SkipCase("no SSZ type '" + c.suite() + "' in fork " + c.fork());
    }
    Object value = type.deserialize(c.ssz("object"));
    if (!(value instanceof SszContainer object)) {
      throw new SkipCase("proofs into " + type.name() + " (not a container) are not supported");
    }
    JsonNode proof = c.yaml("proof.yaml");
    Bytes32 leaf = Bytes32.fromHexString(proof.get("leaf").asText());
    long generalizedIndex = proof.get("leaf_index").asLong();
    List<Bytes32> branch = new ArrayList<>();
    proof.get("branch").forEach(node -> branch.add(Bytes32.fromHexString(node.asText())));

    Bytes32 ourLeaf = MerkleProofs.leaf(object, generalizedIndex);
    if (!ourLeaf.equals(leaf)) {
      throw new AssertionError("leaf at " + generalizedIndex + ": expected " + leaf + " got " + ourLeaf);
    }
    List<Bytes32> ourBranch = MerkleProofs.branch(object, generalizedIndex);
    if (!ourBranch.equals(branch)) {
      throw new AssertionError("branch for " + generalizedIndex + " differs: expected " + branch + " got " + ourBranch);
    }
    if (!isValidMerkleBranch(leaf, branch, generalizedIndex, object.hashTreeRoot())) {
      throw new AssertionError("the given branch does not verify against hash_tree_root(object)");
    }
  }

  /** {@code is_valid_merkle_branch(leaf, branch, depth, index, root)} with depth and index from the generalized index. */
  static boolean isValidMerkleBranch(Bytes32 leaf, List<Bytes32> branch, long generalizedIndex, Bytes32 root) {
    int depth = MerkleProofs.depth(generalizedIndex);
    if (branch.size() != depth) {
      return false;
    }
    long index = MerkleProofs.indexAtDepth(generalizedIndex);
    byte[] value = leaf.toArrayUnsafe();
    for (int i = 0; i < depth; i++) {
      byte[] sibling = branch.get(i).toArrayUnsafe();
      value = ((index >>> i) & 1) == 1 ? Sha256.hash(sibling, value) : Sha256.hash(value, sibling);
    }
    return Bytes32.wrap(value).equals(root);
  }
}
