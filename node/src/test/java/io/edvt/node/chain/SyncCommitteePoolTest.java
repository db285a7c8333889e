package io.edvt.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

/**
 * The sync committee pool on real BLS signatures: a committee of 16 seats in 4 subcommittees of 4,
 * seat {@code i} held by key {@code KEYS[i % 12]} (so keys 0..3 hold two seats each, one of them
 * twice in subcommittee 0 when the layout says so).
 */
class SyncCommitteePoolTest {
  private static final Bytes32 ROOT = Bytes32.repeat((byte) 3);
  private static final List<BlsSecretKey> KEYS = new ArrayList<>();

  static {
    for (int i = 0; i < 12; i++) {
      KEYS.add(BlsSecretKey.interop(i));
    }
  }

  private static BlsSignature sign(int key, Bytes32 root) {
    return Bls.sign(KEYS.get(key), root);
  }

  private static SyncCommitteePool pool() {
    return new SyncCommitteePool(16, 4, 8, 2);
  }

  @Test
  void aKeyWithTwoSeatsInASubcommitteeHasItsSignatureInOncePerSeat() {
    SyncCommitteePool pool = pool();
    SyncCommitteePool.Key key = new SyncCommitteePool.Key(10, ROOT, 1);
    assertThat(pool.add(key, SyncCommitteePool.Aggregate.ofSigner(4, List.of(0, 3), sign(7, ROOT)))).isTrue();
    SyncCommitteePool.Aggregate held = pool.best(key).orElseThrow();
    assertThat(held.bits()).isEqualTo(SszBits.withSet(4, 0, 3));
    BlsPublicKey pk = KEYS.get(7).publicKey();
    // eth_fast_aggregate_verify over the seats' keys, the key listed twice
    assertThat(Bls.fastAggregateVerify(List.of(pk, pk), ROOT, held.signature())).isTrue();
    assertThat(Bls.fastAggregateVerify(List.of(pk), ROOT, held.signature())).isFalse();
  }

  @Test
  void disjointMessagesMergeCoveredOnesAddNothingAndOverlappingContributionsAreKeptBeside() {
    SyncCommitteePool pool = pool();
    SyncCommitteePool.Key key = new SyncCommitteePool.Key(10, ROOT, 0);
    assertThat(pool.add(key, SyncCommitteePool.Aggregate.ofSigner(4, List.of(0), sign(0, ROOT)))).isTrue();
    assertThat(pool.add(key, SyncCommitteePool.Aggregate.ofSigner(4, List.of(2), sign(2, ROOT)))).isTrue();
    assertThat(pool.add(key, SyncCommitteePool.Aggregate.ofSigner(4, List.of(0), sign(0, ROOT)))).as("covered").isFalse();
    SyncCommitteePool.Aggregate merged = pool.best(key).orElseThrow();
    assertThat(merged.bits()).isEqualTo(SszBits.withSet(4, 0, 2));
    assertThat(merged.signature().toBytes()).isEqualTo(Bls.aggregate(List.of(sign(0, ROOT), sign(2, ROOT))).toBytes());

    // a contribution of seats 1, 2, 3 overlaps the held one at seat 2: kept beside it, and it is the best
    SyncCommitteePool.Aggregate contribution = new SyncCommitteePool.Aggregate(SszBits.withSet(4, 1, 2, 3),
        Bls.aggregate(List.of(sign(1, ROOT), sign(2, ROOT), sign(3, ROOT))));
    assertThat(pool.add(key, contribution)).isTrue();
    assertThat(pool.best(key).orElseThrow()).isEqualTo(contribution);
    // no room for a third overlapping one (two per key); an empty one adds nothing
    assertThat(pool.add(key, SyncCommitteePool.Aggregate.ofSigner(4, List.of(1, 2), sign(1, ROOT)))).isFalse();
    assertThat(pool.add(key, new SyncCommitteePool.Aggregate(SszBits.zeros(4), sign(1, ROOT)))).isFalse();
    // another root is another key
    assertThat(pool.best(new SyncCommitteePool.Key(10, Bytes32.ZERO, 0))).isEmpty();
  }

  @Test
  void theBlockAggregatePlacesEachSubcommitteesBestAtItsSeatsAndVerifiesOverTheirKeys() {
    SyncCommitteePool pool = pool();
    // subcommittee s, seat p is committee seat 4s + p, held by key (4s + p) % 12
    List<BlsPublicKey> participants = new ArrayList<>();
    int[][] signing = {{0, 1, 2, 3}, {}, {1, 3}, {0}};
    for (int s = 0; s < 4; s++) {
      for (int p : signing[s]) {
        int seat = 4 * s + p;
        pool.add(new SyncCommitteePool.Key(10, ROOT, s), SyncCommitteePool.Aggregate.ofSigner(4, List.of(p), sign(seat % 12, ROOT)));
        participants.add(KEYS.get(seat % 12).publicKey());
      }
    }
    pool.add(new SyncCommitteePool.Key(9, ROOT, 1), SyncCommitteePool.Aggregate.ofSigner(4, List.of(0), sign(4, ROOT)));
    SyncCommitteePool.Aggregate block = pool.forBlock(10, ROOT).orElseThrow();
    assertThat(block.bits()).isEqualTo(SszBits.withSet(16, 0, 1, 2, 3, 9, 11, 12));
    assertThat(Bls.fastAggregateVerify(participants, ROOT, block.signature())).isTrue();
    assertThat(pool.forBlock(10, Bytes32.ZERO)).isEmpty();
    assertThat(pool.forBlock(11, ROOT)).isEmpty();
  }

  @Test
  void itIsBoundedByKeysDroppingTheOldestSlotAndPrunedBySlot() {
    SyncCommitteePool pool = pool();
    for (int slot = 10; slot < 12; slot++) {
      for (int s = 0; s < 4; s++) {
        assertThat(pool.add(new SyncCommitteePool.Key(slot, ROOT, s), SyncCommitteePool.Aggregate.ofSigner(4, List.of(1), sign(1, ROOT))))
            .isTrue();
      }
    }
    assertThat(pool.keyCount()).isEqualTo(8);
    // full: an older slot finds no room, a newer one evicts a key of the oldest slot
    assertThat(pool.add(new SyncCommitteePool.Key(9, ROOT, 0), SyncCommitteePool.Aggregate.ofSigner(4, List.of(1), sign(1, ROOT))))
        .isFalse();
    assertThat(pool.add(new SyncCommitteePool.Key(12, ROOT, 0), SyncCommitteePool.Aggregate.ofSigner(4, List.of(1), sign(1, ROOT))))
        .isTrue();
    assertThat(pool.keyCount()).isEqualTo(8);
    assertThat(pool.prune(11)).isEqualTo(3);
    assertThat(pool.forBlock(10, ROOT)).isEmpty();
    assertThat(pool.forBlock(11, ROOT).orElseThrow().bits().count()).isEqualTo(4);
    assertThatThrownBy(() -> pool.add(new SyncCommitteePool.Key(12, ROOT, 4),
        SyncCommitteePool.Aggregate.ofSigner(4, List.of(1), sign(1, ROOT))))
        .hasMessage("an aggregate of subcommittee 4 with 4 bits does not fit 4 subcommittees of 4 seats");
  }
}
