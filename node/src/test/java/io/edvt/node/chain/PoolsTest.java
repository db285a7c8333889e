package io.edvt.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.storage.ForkCrossingChain;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.testing.AttestationFactory;
import io.edvt.spec.testing.ChainBuilder;
import io.edvt.spec.testing.OperationFactory;
import io.edvt.spec.testing.ValidatorKeys;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** The attestation and operation pools and block production inputs, on real signed attestations and operations. */
class PoolsTest {
  private static final ForkCrossingChain CHAIN = ForkCrossingChain.get();
  private static final SpecVersions VERSIONS = CHAIN.versions;
  private static final ChainBuilder SIGNING = new ChainBuilder(VERSIONS.fulu(), CHAIN.genesis, ValidatorKeys.interop(64));
  private static final AttestationFactory ATTESTATIONS = new AttestationFactory(VERSIONS.fulu(), SIGNING.signer());
  private static final OperationFactory OPERATIONS = new OperationFactory(VERSIONS.fulu(), SIGNING.signer());

  private static BeaconState postAt(long slot) {
    return CHAIN.posts.get(CHAIN.indexAtSlot(slot));
  }

  /** The aggregate of the validators {@code who} of slot {@code slot}'s committees, for that slot's block. */
  private static Attestation attestation(long slot, IntPredicate who) {
    var root = CHAIN.blocks.get(CHAIN.indexAtSlot(slot)).message().hashTreeRoot();
    return ATTESTATIONS.aggregate(new MutableBeaconState(postAt(slot)), root, who).orElseThrow();
  }

  /** Whether validator {@code v} sits at a position {@code p} with {@code positions.test(p)} in its committee at {@code slot}. */
  private static IntPredicate atPositions(long slot, IntPredicate positions) {
    MutableBeaconState state = new MutableBeaconState(postAt(slot));
    var accessors = VERSIONS.fulu().accessors();
    java.util.Map<Integer, Integer> position = new java.util.HashMap<>();
    int committees = accessors.getCommitteeCountPerSlot(state, VERSIONS.fulu().misc().computeEpochAtSlot(UInt64.valueOf(slot)));
    for (int k = 0; k < committees; k++) {
      int[] members = accessors.getBeaconCommittee(state, UInt64.valueOf(slot), k);
      for (int p = 0; p < members.length; p++) {
        position.put(members[p], p);
      }
    }
    return v -> position.containsKey(v) && positions.test(position.get(v));
  }

  @Test
  void mergesDisjointAggregatesIntoExactlyTheAggregateOfAllTheirSigners() {
    AttestationPool pool = AttestationPool.create();
    assertThat(pool.add(attestation(5, atPositions(5, p -> p % 2 == 0)))).isTrue();
    assertThat(pool.add(attestation(5, atPositions(5, p -> p % 2 == 1)))).isTrue();
    Attestation all = attestation(5, i -> true);
    // BLS aggregation is a sum: merging the halves gives the very aggregate all of them make together
    assertThat(pool.forData(all.data().hashTreeRoot())).containsExactly(all);
  }

  @Test
  void aCoveredAttestationAddsNothingAndAnOverlappingOneIsKeptBeside() {
    AttestationPool pool = AttestationPool.create();
    pool.add(attestation(5, i -> true));
    assertThat(pool.add(attestation(5, atPositions(5, p -> p % 2 == 0)))).isFalse();
    assertThat(pool.all()).hasSize(1);

    AttestationPool overlapping = AttestationPool.create();
    overlapping.add(attestation(5, atPositions(5, p -> p % 2 == 0)));
    assertThat(overlapping.add(attestation(5, atPositions(5, p -> p % 3 == 0)))).isTrue();
    assertThat(overlapping.all()).hasSize(2);
  }

  @Test
  void isBoundedByDataRootsEvictingTheOldestSlotAndPrunedBySlot() {
    AttestationPool pool = new AttestationPool(2, 8);
    pool.add(attestation(3, i -> true));
    pool.add(attestation(4, i -> true));
    assertThat(pool.add(attestation(5, i -> true))).isTrue();
    assertThat(pool.all()).extracting(a -> a.data().slot().longValue()).containsExactly(4L, 5L);
    assertThat(pool.add(attestation(2, i -> true))).as("older than all held").isFalse();
    assertThat(pool.prune(5)).isEqualTo(1);
    assertThat(pool.dataCount()).isEqualTo(1);
  }

  @Test
  void packsTheAttestationAddingTheMostParticipationFirst() {
    AttestationPool pool = AttestationPool.create();
    Attestation few = attestation(5, atPositions(5, p -> p % 4 == 0));
    Attestation many = attestation(5, atPositions(5, p -> p % 4 != 1));
    pool.add(few);
    pool.add(many);
    assertThat(pool.all()).hasSize(2);
    var producer = new PooledBlockProductionInputs(VERSIONS, pool, new OperationPool(VERSIONS, 16));

    List<Attestation> packed = producer.forSlot(postAt(5), 6).attestations();

    assertThat(packed).isNotEmpty();
    assertThat(packed.getFirst()).isEqualTo(many);
    // `few` adds nobody once `many` is in (position p % 4 == 0 is in both)
    assertThat(packed).doesNotContain(few);
  }

  @Test
  void aFuluAttestationPackedIntoAnEdvtBlockIsUpgraded() {
    long lastFuluSlot = ForkCrossingChain.FORK_EPOCH * VERSIONS.config().slotsPerEpoch() - 1L;
    AttestationPool pool = AttestationPool.create();
    Attestation fulu = attestation(lastFuluSlot, i -> true);
    pool.add(fulu);
    var producer = new PooledBlockProductionInputs(VERSIONS, pool, new OperationPool(VERSIONS, 16));

    List<Attestation> packed = producer.forSlot(postAt(lastFuluSlot), lastFuluSlot + 2).attestations();

    assertThat(fulu.type()).isNotSameAs(VERSIONS.edvt().schemas().attestation());
    assertThat(packed).singleElement().satisfies(a -> {
      assertThat(a.type()).isSameAs(VERSIONS.edvt().schemas().attestation());
      assertThat(a.aggregationBits().setBits().toArray()).isEqualTo(fulu.aggregationBits().setBits().toArray());
      assertThat(a.signature()).isEqualTo(fulu.signature());
    });
  }

  @Test
  void operationsAreDeduplicatedBoundedAndFilteredAgainstTheState() {
    MutableBeaconState state = new MutableBeaconState(postAt(5));
    ProposerSlashing three = OPERATIONS.proposerSlashing(state, 3, UInt64.valueOf(2));
    ProposerSlashing four = OPERATIONS.proposerSlashing(state, 4, UInt64.valueOf(2));
    ProposerSlashing five = OPERATIONS.proposerSlashing(state, 5, UInt64.valueOf(2));
    OperationPool pool = new OperationPool(VERSIONS, 2);
    assertThat(pool.addProposerSlashing(three)).isTrue();
    assertThat(pool.addProposerSlashing(three)).as("the same proposer again").isFalse();
    pool.addProposerSlashing(four);
    pool.addProposerSlashing(five);
    assertThat(pool.size()).as("bounded at 2, the oldest gone").isEqualTo(2);

    assertThat(pool.forBlock(state).proposerSlashings()).containsExactly(four, five);
    // once four is slashed on the head state, only five is still worth a block
    MutableBeaconState slashed = new MutableBeaconState(state.commit());
    VERSIONS.fulu().blockProcessor().processProposerSlashing(slashed, four, SignatureVerifier.SIMPLE);
    assertThat(pool.forBlock(slashed).proposerSlashings()).containsExactly(five);
    // in an EDVT block the Fulu slashing is carried in EDVT's form
    MutableBeaconState edvt = new MutableBeaconState(postAt(ForkCrossingChain.LAST_SLOT));
    assertThat(pool.forBlock(edvt).proposerSlashings()).hasSize(2)
        .allSatisfy(p -> assertThat(p.type()).isSameAs(VERSIONS.edvt().schemas().proposerSlashing()));
  }
}
