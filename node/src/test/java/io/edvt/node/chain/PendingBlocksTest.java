package io.edvt.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.node.storage.ForkCrossingChain;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class PendingBlocksTest {
  private static final ForkCrossingChain CHAIN = ForkCrossingChain.get();

  private static Bytes32 root(SignedBeaconBlock b) {
    return b.message().hashTreeRoot();
  }

  private static SignedBeaconBlock at(long slot) {
    return CHAIN.blocks.get(CHAIN.indexAtSlot(slot));
  }

  @Test
  void aFullPoolEvictsTheLowestSlotAndRefusesABlockOlderThanAllItHolds() {
    PendingBlocks pool = new PendingBlocks(3, 100);
    assertThat(pool.add(root(at(5)), at(5), 10)).isTrue();
    assertThat(pool.add(root(at(6)), at(6), 10)).isTrue();
    assertThat(pool.add(root(at(7)), at(7), 10)).isTrue();
    assertThat(pool.add(root(at(3)), at(3), 10)).as("older than everything held").isFalse();
    assertThat(pool.add(root(at(9)), at(9), 10)).isTrue();
    assertThat(pool.size()).isEqualTo(3);
    assertThat(pool.contains(root(at(5)))).as("the lowest slot was evicted").isFalse();
    assertThat(pool.takeChildrenOf(at(6).message().parentRoot())).containsExactly(at(6));
    assertThat(pool.size()).isEqualTo(2);
  }

  @Test
  void blocksPastTheAgeLimitAreRefusedAndPruned() {
    PendingBlocks pool = new PendingBlocks(10, 4);
    assertThat(pool.add(root(at(2)), at(2), 20)).isFalse();
    assertThat(pool.add(root(at(10)), at(10), 12)).isTrue();
    assertThat(pool.add(root(at(11)), at(11), 12)).isTrue();
    assertThat(pool.missingRoots()).containsExactly(at(10).message().parentRoot());
    assertThat(pool.prune(15)).isEqualTo(1);
    assertThat(pool.contains(root(at(10)))).isFalse();
    assertThat(pool.contains(root(at(11)))).isTrue();
  }
}
