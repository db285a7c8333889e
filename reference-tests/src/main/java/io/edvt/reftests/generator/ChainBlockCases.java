package io.edvt.reftests.generator;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtBlockOptions;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.GroupSpec;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.Vote;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.testing.BlockOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * Multi-block {@code sanity/blocks} chains: group-proposed blocks carrying group attestations
 * over several epochs, a group registration and a key change included in blocks and then in
 * force, a group attester slashing in a block, and chains with an invalid group block. Each case
 * checks the effect it is named after before it is written.
 */
final class ChainBlockCases {
  private final EdvtFixtures f;
  private final SpecEdvt edvt;
  private final BlockSequenceCases out;
  private final int slotsPerEpoch;

  ChainBlockCases(CaseWriter g, EdvtFixtures f) {
    this.f = f;
    this.edvt = f.edvt();
    this.out = new BlockSequenceCases(g, f.edvt());
    this.slotsPerEpoch = f.config().slotsPerEpoch();
  }

  void all() {
    groupProposersAndAttestations();
    registration();
    keyChange();
    attesterSlashing();
    invalidMidChain();
    invalidBelowThreshold();
  }

  private UInt64 slot(long epoch, long offset) {
    return UInt64.valueOf(epoch * slotsPerEpoch + offset);
  }

  /** Two epochs of blocks; groups of every shape: m members for the head, one more for another head. */
  private void groupProposersAndAttestations() {
    EdvtChainBuilder chain = GroupChains.chain(f, GroupChains.mixed());
    int[] thresholds = new int[GroupChains.GROUPS];
    GroupChains.mixed().forEach(g -> thresholds[g.validator()] = g.m());
    chain.votes((v, member, s) -> v >= GroupChains.GROUPS || member < thresholds[v] ? Vote.HEAD
        : member == thresholds[v] ? Vote.OTHER_HEAD : Vote.ABSENT);
    BeaconState pre = chain.headState();
    chain.addBlocksUpTo(slot(GroupChains.START_EPOCH + 2, 1));
    long byGroups = chain.blocks().stream().filter(b -> b.message().proposerIndex().intValue() < GroupChains.GROUPS).count();
    GroupChains.check(byGroups >= 2, "group proposers: at least two group-proposed blocks, got " + byGroups);
    out.valid("sanity", "blocks", "multi_epoch_group_proposers_and_group_attestations", pre, chain.blocks());
  }

  /** One block per epoch until {@code epoch}, then a block in every slot of {@code epoch} and the next one's first. */
  private void sparseUntilThenDense(EdvtChainBuilder chain, long epoch) {
    for (long e = edvt.misc().computeEpochAtSlot(chain.headState().slot()).longValue() + 1; e < epoch; e++) {
      if (!chain.headState().validators().get(chain.proposerOf(slot(e, 1))).slashed()) {
        chain.addBlock(slot(e, 1), BlockOptions.none());
      }
    }
    chain.addBlocksUpTo(slot(epoch + 1, 1));
  }

  /** Whether {@code validator} has the timely-target flag for the previous epoch (a group: m members had it). */
  private static boolean earnedTarget(BeaconState state, int validator) {
    return (state.previousEpochParticipation().get(validator) & (1 << SpecConstants.TIMELY_TARGET_FLAG_INDEX)) != 0;
  }

  private io.edvt.groups.GroupKeySet<Bytes48> keySetInForce(BeaconState state, int validator) {
    MutableBeaconState view = new MutableBeaconState(state);
    return edvt.accessors().registry().getValidatorKeySet(view, validator, edvt.accessors().getCurrentEpoch(view))
        .orElseThrow();
  }

  /** Validator 20 (funded for 3 members) registers 2 of 3 new keys in the first block; they are in force later. */
  private void registration() {
    final int v = 20;
    EdvtChainBuilder chain = EdvtChainBuilder.withGroups(f, (long) GroupChains.START_EPOCH * slotsPerEpoch,
        GroupChains.threeOfFour(), List.of(new GroupSpec(v, 2, 3)));
    BeaconState pre = chain.headState();
    List<BlsSecretKey> members = EdvtFixtures.freshKeys(200, 3);
    members.forEach(chain::addKey);
    var registration = f.registration(chain.headView(), v, 2, members);
    chain.addBlock(slot(GroupChains.START_EPOCH, 1), BlockOptions.none(), EdvtBlockOptions.none().registration(registration));
    long inForce = edvt.accessors().registry().timing().keySetActivationEpoch(UInt64.valueOf(GroupChains.START_EPOCH)).longValue();
    sparseUntilThenDense(chain, inForce);
    io.edvt.groups.GroupKeySet<Bytes48> keySet = keySetInForce(chain.headState(), v);
    GroupChains.check(keySet.size() == 3 && keySet.key(2).equals(members.get(2).publicKey().toBytes()),
        "registration: the new key set is in force at the end");
    GroupChains.check(earnedTarget(chain.headState(), v),
        "registration: the new members (m of them) earned the target flag in the epoch the key set took over");
    out.valid("sanity", "blocks", "group_registration_in_block_then_in_force", pre, chain.blocks());
  }

  /** Group 2 (3 of 4) replaces member 1 in the first block (members 0, 2, 3 sign); the new key is in force later. */
  private void keyChange() {
    final int v = 2;
    EdvtChainBuilder chain = GroupChains.chain(f, GroupChains.threeOfFour());
    BeaconState pre = chain.headState();
    BlsSecretKey newKey = EdvtFixtures.freshKey(210);
    chain.addKey(newKey);
    MutableBeaconState view = chain.headView();
    List<BlsSecretKey> current = new ArrayList<>();
    for (int j = 0; j < 4; j++) {
      current.add(EdvtFixtures.memberKey(v, j));
    }
    GroupKeyChange change = GroupKeyChange.create(UInt64.valueOf(v), keySetInForce(pre, v).activationEpoch(),
        UInt64.ONE, newKey.publicKey().toBytes(), f.proof(view, newKey, v), UInt64.valueOf(3));
    chain.addBlock(slot(GroupChains.START_EPOCH, 1), BlockOptions.none(),
        EdvtBlockOptions.none().keyChange(f.keyChange(view, change, current, 0, 2, 3)));
    long inForce = edvt.accessors().registry().timing().keySetActivationEpoch(UInt64.valueOf(GroupChains.START_EPOCH)).longValue();
    sparseUntilThenDense(chain, inForce);
    io.edvt.groups.GroupKeySet<Bytes48> keySet = keySetInForce(chain.headState(), v);
    GroupChains.check(keySet.key(1).equals(newKey.publicKey().toBytes()),
        "key change: member 1's new key is in force at the end");
    GroupChains.check(earnedTarget(chain.headState(), v),
        "key change: the members with the new key earned the target flag in the epoch it took over");
    out.valid("sanity", "blocks", "group_key_change_in_block_then_in_force", pre, chain.blocks());
  }

  /** Group 5 (3 of 4) double-votes with m members on each side; the slashing rides in the second block. */
  private void attesterSlashing() {
    final int v = 5;
    EdvtChainBuilder chain = GroupChains.chain(f, GroupChains.threeOfFour());
    BeaconState pre = chain.headState();
    chain.addBlock(slot(GroupChains.START_EPOCH, 1), BlockOptions.none());
    MutableBeaconState view = chain.headView();
    UInt64 epoch = UInt64.valueOf(GroupChains.START_EPOCH);
    Checkpoint target = Checkpoint.create(epoch, Bytes32.repeat((byte) 0x33));
    UInt64 at = slot(GroupChains.START_EPOCH, 0);
    AttestationData vote1 = AttestationData.create(at, UInt64.ZERO, Bytes32.repeat((byte) 0x11),
        view.currentJustifiedCheckpoint(), target);
    AttestationData vote2 = AttestationData.create(at, UInt64.ZERO, Bytes32.repeat((byte) 0x22),
        view.currentJustifiedCheckpoint(), target);
    AttesterSlashing slashing = AttesterSlashing.create(edvt.schemas().attesterSlashing(),
        indexed(view, vote1, v, 0, 1, 2), indexed(view, vote2, v, 1, 2, 3));
    UInt64 next = slot(GroupChains.START_EPOCH, 2);
    if (chain.proposerOf(next) == v) {
      next = next.plus(1);
    }
    chain.addBlock(next, BlockOptions.none().attesterSlashing(slashing), EdvtBlockOptions.none());
    chain.addBlocksUpTo(slot(GroupChains.START_EPOCH + 1, 1));
    GroupChains.check(chain.headState().validators().get(v).slashed(), "attester slashing: validator 5 is slashed");
    out.valid("sanity", "blocks", "group_attester_slashing_in_block", pre, chain.blocks());
  }

  private IndexedAttestation indexed(MutableBeaconState state, AttestationData data, int validator, int... members) {
    List<Long> indices = new ArrayList<>();
    for (int j : members) {
      indices.add(f.virtualIndex(validator, j));
    }
    return IndexedAttestation.create(edvt.schemas().indexedAttestation(),
        edvt.schemas().attestingIndices().of(indices.stream().map(UInt64::valueOf).toList()), data,
        f.signAttestation(state, data, indices));
  }

  private record Prefix(BeaconState pre, EdvtChainBuilder chain) {}

  /** Valid blocks (at least two) up to the first slot whose proposer is a group. */
  private Prefix upToGroupProposer() {
    EdvtChainBuilder chain = GroupChains.chain(f, GroupChains.threeOfFour());
    BeaconState pre = chain.headState();
    UInt64 s = slot(GroupChains.START_EPOCH, 1);
    while (chain.blocks().size() < 2 || chain.proposerOf(s) >= GroupChains.GROUPS) {
      chain.addBlock(s, BlockOptions.none());
      s = s.plus(1);
    }
    return new Prefix(pre, chain);
  }

  /** A group block whose m signers signed another message, in the middle: the chain goes on after it. */
  private void invalidMidChain() {
    Prefix p = upToGroupProposer();
    EdvtChainBuilder chain = p.chain();
    int rejected = chain.blocks().size();
    SignedBeaconBlock bad = chain.produceBlock(chain.headState().slot().plus(1), BlockOptions.none(),
        EdvtBlockOptions.none().signatureOverWrongRoot());
    chain.applyBlockWithoutSignatureChecks(bad);
    chain.addBlock();
    chain.addBlock();
    out.invalidSignature("sanity", "blocks", "invalid_group_block_bad_signature_mid_chain", p.pre(), chain.blocks(), rejected,
        "bls.FastAggregateVerify(pubkeys, signing_root, signature)");
  }

  /** A group block signed by m - 1 members after a valid prefix. */
  private void invalidBelowThreshold() {
    Prefix p = upToGroupProposer();
    EdvtChainBuilder chain = p.chain();
    int rejected = chain.blocks().size();
    SignedBeaconBlock bad = chain.produceBlock(chain.headState().slot().plus(1), BlockOptions.none(),
        EdvtBlockOptions.none().signers(0, 1));
    List<SignedBeaconBlock> blocks = new ArrayList<>(chain.blocks());
    blocks.add(bad);
    out.invalidSignature("sanity", "blocks", "invalid_group_block_m_minus_1_signers_after_chain", p.pre(), blocks, rejected,
        "len(signers) >= key_set.threshold");
  }
}
