package io.edvt.node.validator.chaos;

import io.edvt.groups.GroupKeySet;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.validator.Signer;
import io.edvt.node.validator.ValidatorDuties;
import io.edvt.node.validator.duties.MemberAssignment;
import io.edvt.node.validator.duties.MemberAssignments;
import io.edvt.node.validator.group.GroupProposer;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * Testing only ({@code --Xchaos-equivocate}): what a broken member signs besides what the honest
 * code signs, all through a {@link Signer#overridingSlashingProtection() signer that overrides
 * slashing protection} and none of it through the sign-off rule. For a proposal the node's own
 * leader made, a twin: another valid block of the slot (same parent, RANDAO reveal and payload
 * inputs, other graffiti) signed by the same leader key. For every proposal seen, a sign-off by each
 * held member of the group other than its leader. For every attestation of a held member key, a
 * second one with the same source and target and another head vote: a double vote.
 *
 * <p>Only keys that are members of a real group equivocate: the node's plain validators stay
 * honest, so a devnet's slashing scan still speaks for them.
 */
public final class Equivocator {
  private static final System.Logger LOG = System.getLogger(Equivocator.class.getName());

  private final SpecVersions versions;
  private final MultiForkStateTransition transition;
  private final Signer signer;
  private final GroupProposer.LeaderBlocks twinBlocks;
  private final Function<Bytes32, Optional<BeaconState>> blockStates;
  private final Map<Bytes48, BlsPublicKey> held = new HashMap<>();
  private final AtomicLong blocks = new AtomicLong();
  private final AtomicLong signoffs = new AtomicLong();
  private final AtomicLong attestations = new AtomicLong();
  private Map<Long, BlsPublicKey> attesters = Map.of();
  private long attestersEpoch = -1;

  /**
   * @param signer the node's signer; its {@link Signer#overridingSlashingProtection() overriding} twin signs here
   * @param twinBlocks builds a leader's block with graffiti other than the node's (the twin differs only there)
   * @param blockStates the post-state of a block fork choice holds, by root
   */
  public Equivocator(SpecVersions versions, Signer signer, GroupProposer.LeaderBlocks twinBlocks,
      Function<Bytes32, Optional<BeaconState>> blockStates) {
    this.versions = versions;
    this.transition = new MultiForkStateTransition(versions);
    this.signer = signer.overridingSlashingProtection();
    this.twinBlocks = twinBlocks;
    this.blockStates = blockStates;
    signer.publicKeys().forEach(k -> held.put(k.toBytes(), k));
  }

  /** Twin blocks, extra sign-offs and double votes signed so far. */
  public long blocks() {
    return blocks.get();
  }

  public long signoffs() {
    return signoffs.get();
  }

  public long attestations() {
    return attestations.get();
  }

  /** A second proposal for the slot of {@code proposal} (one of ours), by its leader, or empty when it cannot be built. */
  public Optional<GroupBlockProposal> twin(GroupBlockProposal proposal) {
    BeaconBlock block = proposal.block();
    Optional<BeaconState> parent = blockStates.apply(block.parentRoot());
    if (parent.isEmpty()) {
      return Optional.empty();
    }
    BeaconBlockBodyEdvt body = (BeaconBlockBodyEdvt) block.body();
    int leader = body.randaoMemberIndex().intValue();
    BeaconState atSlot = transition.processSlots(parent.get(), block.slot());
    Optional<BlsPublicKey> key = member(atSlot, block.proposerIndex().longValue(), leader);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    Optional<BeaconBlock> twin = twinBlocks.produce(new ValidatorDuties.Head(block.parentRoot(), parent.get()), block.slot(),
        body.randaoReveal(), block.proposerIndex().longValue(), leader, body.executionPayload().feeRecipient());
    if (twin.isEmpty() || twin.get().hashTreeRoot().equals(block.hashTreeRoot())) {
      return Optional.empty();
    }
    Optional<Bytes> signature = signer.block(key.get(), atSlot, twin.get());
    if (signature.isEmpty()) {
      return Optional.empty();
    }
    blocks.incrementAndGet();
    LOG.log(System.Logger.Level.WARNING, "CHAOS: member {0} of group {1} equivocates at slot {2}: twin block {3} of {4}",
        leader, block.proposerIndex(), block.slot(), twin.get().hashTreeRoot(), block.hashTreeRoot());
    return Optional.of(GroupBlockProposal.create(versions.edvt().schemas().groupBlockProposal(), twin.get(), signature.get()));
  }

  /**
   * Sign-offs of {@code proposal} by every held member of its group except its leader, whatever they
   * signed before. Runs where the member topics deliver (a gossip worker in the node), unchecked:
   * a broken node signs what it hears.
   */
  public List<GroupBlockSignoff> signoffs(GroupBlockProposal proposal) {
    BeaconBlock block = proposal.block();
    Optional<BeaconState> parent = blockStates.apply(block.parentRoot());
    if (parent.isEmpty()) {
      return List.of();
    }
    BeaconState atSlot = transition.processSlots(parent.get(), block.slot());
    int leader = ((BeaconBlockBodyEdvt) block.body()).randaoMemberIndex().intValue();
    Optional<GroupKeySet<Bytes48>> keySet = keySet(atSlot, block.proposerIndex().longValue());
    if (keySet.isEmpty()) {
      return List.of();
    }
    List<GroupBlockSignoff> out = new ArrayList<>();
    for (int member = 0; member < keySet.get().size(); member++) {
      BlsPublicKey key = held.get(keySet.get().key(member));
      if (member == leader || key == null) {
        continue;
      }
      Optional<Bytes> signature = signer.block(key, atSlot, block);
      if (signature.isPresent()) {
        out.add(GroupBlockSignoff.create(block.hashTreeRoot(), UInt64.valueOf(member), signature.get()));
        signoffs.incrementAndGet();
      }
    }
    return out;
  }

  /**
   * A conflicting vote for {@code attestation} when a held member key made it: the same source and
   * target, the head vote moved to the target's root (or the source's, when the head vote is the
   * target), signed by the same key. {@code state} gives the domain and the member assignments.
   */
  public Optional<SingleAttestation> twin(SingleAttestation attestation, BeaconState state) {
    BlsPublicKey key = attesters(state).get(attestation.attesterIndex().longValue());
    if (key == null) {
      return Optional.empty();
    }
    AttestationData data = attestation.data();
    Bytes32 other = data.beaconBlockRoot().equals(data.target().root()) ? data.source().root() : data.target().root();
    if (other.equals(data.beaconBlockRoot())) {
      other = Bytes32.fromHexString("0x" + "ee".repeat(32)); // source = target = head (genesis): any other root conflicts
    }
    AttestationData conflicting = AttestationData.create(data.slot(), data.index(), other, data.source(), data.target());
    Optional<Bytes> signature = signer.attestation(key, state, conflicting);
    if (signature.isEmpty()) {
      return Optional.empty();
    }
    attestations.incrementAndGet();
    return Optional.of(SingleAttestation.create(attestation.committeeIndex(), attestation.attesterIndex(), conflicting,
        signature.get()));
  }

  /** Held group-member keys by the virtual index they attest under, recomputed once per epoch of {@code state}. */
  private synchronized Map<Long, BlsPublicKey> attesters(BeaconState state) {
    long epoch = versions.edvt().misc().computeEpochAtSlot(state.slot()).longValue();
    if (epoch != attestersEpoch) {
      MutableBeaconState view = new MutableBeaconState(state);
      Map<Long, BlsPublicKey> found = new HashMap<>();
      for (Map.Entry<Bytes48, BlsPublicKey> k : held.entrySet()) {
        for (MemberAssignment a : MemberAssignments.find(versions, view, k.getKey())) {
          if (a.isGroupMember()) {
            found.put(a.virtualIndex(), k.getValue());
          }
        }
      }
      attesters = Map.copyOf(found);
      attestersEpoch = epoch;
    }
    return attesters;
  }

  private Optional<BlsPublicKey> member(BeaconState state, long proposer, int member) {
    return keySet(state, proposer).filter(k -> member < k.size()).map(k -> held.get(k.key(member)));
  }

  private Optional<GroupKeySet<Bytes48>> keySet(BeaconState state, long proposer) {
    MutableBeaconState view = new MutableBeaconState(state);
    return versions.edvt().registry().getValidatorKeySet(view, proposer, versions.edvt().misc().computeEpochAtSlot(state.slot()));
  }
}
