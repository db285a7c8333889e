package io.edvt.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.GroupSpec;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.testing.AttestationFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Packing EDVT attestations signed by group members: a member other than {@code 0} has a virtual
 * index above {@code 2**41}. The packer once asked for Fulu's {@code int} attesting indices, which
 * throw on such an index, and skipped the attestation as not includable, together with every plain
 * validator the pool had merged into it (a devnet of 24 validators with two 2-of-3 groups lost a
 * third of its attesting balance this way and never justified past epoch 1).
 */
class GroupAttestationPackingTest {
  static final int GROUP = 5;
  static SpecVersions versions;
  static SpecEdvt edvt;
  static EdvtFixtures fixtures;
  static EdvtChainBuilder chain;
  static long slot;
  static int committeeIndex;

  @BeforeAll
  static void buildChain() {
    versions = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "2")));
    edvt = versions.edvt();
    fixtures = new EdvtFixtures(versions.fulu(), edvt);
    chain = EdvtChainBuilder.withGroups(fixtures, 24, List.of(new GroupSpec(GROUP, 2, 3)));
    chain.addBlocksUpTo(UInt64.valueOf(32));
    // the slot and committee of epoch 4 that hold the group; the chain's head is that slot's block
    MutableBeaconState view = chain.headView();
    slot = -1;
    int committees = edvt.accessors().getCommitteeCountPerSlot(view, UInt64.valueOf(4));
    for (long s = 32; s < 40; s++) {
      for (int k = 0; k < committees; k++) {
        for (long v : edvt.accessors().getExpandedBeaconCommittee(view, UInt64.valueOf(s), k)) {
          if (VirtualIndex.validatorIndexOf(v) == GROUP) {
            slot = s;
            committeeIndex = k;
          }
        }
      }
    }
    assertThat(slot).as("the group sits in one committee of epoch 4").isGreaterThanOrEqualTo(32);
    chain.addBlocksUpTo(UInt64.valueOf(slot));
  }

  @Test
  void anAggregateWithMembersOtherThanMemberZeroIsPackedAndCreditsTheGroup() {
    MutableBeaconState view = chain.headView();
    AttestationData data = new AttestationFactory(edvt, chain.signer()).attestationData(view, chain.headRoot());
    long[] committee = edvt.accessors().getExpandedBeaconCommittee(view, UInt64.valueOf(slot), committeeIndex);
    long member1 = VirtualIndex.compute(GROUP, 1);
    long member2 = VirtualIndex.compute(GROUP, 2);
    List<Long> plain = new ArrayList<>();
    for (long v : committee) {
      if (VirtualIndex.validatorIndexOf(v) != GROUP) {
        plain.add(v);
      }
    }
    AttestationPool pool = AttestationPool.create();
    // as gossip delivers them: the plain validators' aggregate, then members 1 and 2 (member 0 is offline)
    assertThat(pool.add(attestation(view, data, committee, plain))).isTrue();
    assertThat(pool.add(attestation(view, data, committee, List.of(member1, member2)))).isTrue();
    assertThat(pool.all()).as("disjoint signers: merged into one aggregate").hasSize(1);

    var producer = new PooledBlockProductionInputs(versions, pool, new OperationPool(versions, 16));
    List<Attestation> packed = producer.forSlot(chain.headState(), slot + 1).attestations();

    assertThat(packed).singleElement().satisfies(a -> {
      MutableBeaconState next = new MutableBeaconState(new MultiForkStateTransition(versions).processSlots(chain.headState(),
          UInt64.valueOf(slot + 1)));
      assertThat(edvt.accessors().getVirtualAttestingIndices(next, a)).contains(member1, member2).containsAll(plain);
      // the signature, checked, is the aggregate of all of them; the group reaches its threshold of 2
      edvt.blockProcessor().processAttestation(next, a, SignatureVerifier.SIMPLE);
      assertThat(next.currentEpochParticipation().get(GROUP)).as("the group's flags").isNotZero();
      for (long v : plain) {
        assertThat(next.currentEpochParticipation().get((int) v)).as("plain validator %d's flags", v).isNotZero();
      }
    });
  }

  @Test
  void membersAloneBelowTheThresholdArePackedButDoNotCreditTheGroup() {
    MutableBeaconState view = chain.headView();
    AttestationData data = new AttestationFactory(edvt, chain.signer()).attestationData(view, chain.headRoot());
    long[] committee = edvt.accessors().getExpandedBeaconCommittee(view, UInt64.valueOf(slot), committeeIndex);
    AttestationPool pool = AttestationPool.create();
    pool.add(attestation(view, data, committee, List.of(VirtualIndex.compute(GROUP, 2))));

    var producer = new PooledBlockProductionInputs(versions, pool, new OperationPool(versions, 16));
    List<Attestation> packed = producer.forSlot(chain.headState(), slot + 1).attestations();

    // one member of a 2-of-3 group records its own flags; the block carries it for the others to complete
    assertThat(packed).singleElement().satisfies(a -> {
      MutableBeaconState next = new MutableBeaconState(new MultiForkStateTransition(versions).processSlots(chain.headState(),
          UInt64.valueOf(slot + 1)));
      edvt.blockProcessor().processAttestation(next, a, SignatureVerifier.SIMPLE);
      assertThat(next.currentEpochParticipation().get(GROUP)).isZero();
    });
  }

  /** The attestation of {@code signers} of the group's committee over {@code data}, really signed. */
  private static Attestation attestation(MutableBeaconState view, AttestationData data, long[] committee, List<Long> signers) {
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < committee.length; i++) {
      if (signers.contains(committee[i])) {
        positions.add(i);
      }
    }
    return Attestation.create(edvt.schemas().attestation(),
        SszBits.withSet(committee.length, positions.stream().mapToInt(Integer::intValue).toArray()), data,
        fixtures.signAttestation(view, data, signers), SszBits.withSet(versions.config().maxCommitteesPerSlot(), committeeIndex));
  }
}
