package io.edvt.spec.edvt.logic;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * {@code assemble_group_block} (EDVT validator guide): the signed block that any node holding a
 * group's proposal and enough sign-offs publishes. Every node that assembles the same signers gets
 * the same bytes, since the signatures are aggregated in member order; the block, and so its data
 * column sidecars, exists only from this point on.
 */
public final class GroupBlockAssemblyEdvt {
  private final SchemaDefinitionsEdvt schemas;

  public GroupBlockAssemblyEdvt(SchemaDefinitionsEdvt schemas) {
    this.schemas = schemas;
  }

  /**
   * {@code assemble_group_block}: the proposal's block, signed by the aggregate of the leader's
   * signature and the sign-offs' (in member order), with {@code signer_bits} naming them. The
   * sign-offs must have been validated for the proposal (distinct members ranked after the
   * leader); this checks only what the spec asserts.
   *
   * @throws IllegalArgumentException if a sign-off is for another block, a member index is not
   *     below {@code MAX_GROUP_SIZE}, or the proposal's block has no EDVT body
   */
  public SignedBeaconBlockEdvt assembleGroupBlock(GroupBlockProposal proposal, List<GroupBlockSignoff> signoffs) {
    BeaconBlock block = proposal.block();
    BeaconBlockBodyEdvt body = BeaconBlockBodyEdvt.toVersionEdvt(block.body()).orElseThrow(() ->
        new IllegalArgumentException("proposal.block has no randao_member_index (not an EDVT block)"));
    Bytes32 blockRoot = block.hashTreeRoot();
    TreeMap<Integer, Bytes> signatures = new TreeMap<>();
    signatures.put(memberIndex(body.randaoMemberIndex(), "block.body.randao_member_index"), proposal.leaderSignature());
    for (GroupBlockSignoff signoff : signoffs) {
      if (!signoff.blockRoot().equals(blockRoot)) {
        throw new IllegalArgumentException("assertion failed: signoff.block_root == hash_tree_root(block) (member "
            + signoff.memberIndex() + " signed off " + signoff.blockRoot() + ", the block is " + blockRoot + ")");
      }
      signatures.put(memberIndex(signoff.memberIndex(), "signoff.member_index"), signoff.signature());
    }
    List<BlsSignature> ordered = new ArrayList<>(signatures.size());
    for (Bytes signature : signatures.values()) {
      ordered.add(BlsSignature.fromBytes(signature));
    }
    SszBits signerBits = SszBits.withSet(schemas.signerBits().length(),
        signatures.keySet().stream().mapToInt(Integer::intValue).toArray());
    return SignedBeaconBlockEdvt.create(schemas.signedBeaconBlock(), block, Bls.aggregate(ordered).toBytes(), signerBits);
  }

  private int memberIndex(UInt64 index, String what) {
    int maxGroupSize = schemas.signerBits().length();
    if (!index.isLessThan(maxGroupSize)) {
      throw new IllegalArgumentException(what + " " + index + " is not below MAX_GROUP_SIZE = " + maxGroupSize);
    }
    return index.intValue();
  }
}
