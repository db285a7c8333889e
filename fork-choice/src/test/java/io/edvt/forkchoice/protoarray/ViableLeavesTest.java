package io.edvt.forkchoice.protoarray;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.function.IntPredicate;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class ViableLeavesTest {
  private static final int SLOTS_PER_EPOCH = 8;

  private static Bytes32 root(int n) {
    return Bytes32.fromHexString(String.format("0x%064x", n));
  }

  private static UInt64 u(long v) {
    return UInt64.valueOf(v);
  }

  @Test
  void aBlockFromAnEarlierEpochVotesWithItsPulledUpJustification() {
    ProtoArray a = new ProtoArray();
    a.add(root(1), root(0), u(0), u(0), u(0));
    // slot 17 (epoch 2): realized justification epoch 0, unrealized epoch 1
    a.add(root(2), root(1), u(17), u(0), u(1));
    // store justified at epoch 1, finalized at genesis
    IntPredicate inEpoch2 = ViableLeaves.of(a, SLOTS_PER_EPOCH, u(2), u(1), u(0), root(1));
    // in its own epoch the realized source counts: 0 + 2 >= 2 still passes
    assertThat(inEpoch2.test(1)).isTrue();
    IntPredicate inEpoch4 = ViableLeaves.of(a, SLOTS_PER_EPOCH, u(4), u(1), u(0), root(1));
    // a later epoch: the unrealized source (1) equals the store's justified epoch
    assertThat(inEpoch4.test(1)).isTrue();
    IntPredicate justifiedAt3 = ViableLeaves.of(a, SLOTS_PER_EPOCH, u(4), u(3), u(0), root(1));
    // source 1, store justified 3, current 4: 1 + 2 < 4
    assertThat(justifiedAt3.test(1)).isFalse();
    IntPredicate justifiedAt3InEpoch3 = ViableLeaves.of(a, SLOTS_PER_EPOCH, u(3), u(3), u(0), root(1));
    assertThat(justifiedAt3InEpoch3.test(1)).isTrue();
  }

  @Test
  void aLeafMustHaveTheFinalizedBlockAsItsCheckpointBlock() {
    ProtoArray a = new ProtoArray();
    a.add(root(1), root(0), u(0), u(1), u(1));
    a.add(root(2), root(1), u(5), u(1), u(1));   // the finalized block, checkpoint of epoch 1
    a.add(root(3), root(2), u(12), u(1), u(1));  // descends from it
    a.add(root(4), root(1), u(12), u(1), u(1));  // a fork from before it
    a.add(root(5), root(2), u(7), u(1), u(1));   // descends, but is itself at or before the epoch start
    IntPredicate viable = ViableLeaves.of(a, SLOTS_PER_EPOCH, u(1), u(1), u(1), root(2));
    // node i holds root(i + 1)
    assertThat(viable.test(1)).isTrue();
    assertThat(viable.test(2)).isTrue();
    assertThat(viable.test(3)).isFalse();
    assertThat(viable.test(4)).isFalse();
    // finalized at genesis: every leaf qualifies
    IntPredicate genesis = ViableLeaves.of(a, SLOTS_PER_EPOCH, u(1), u(1), u(0), root(1));
    assertThat(genesis.test(3)).isTrue();
    assertThat(genesis.test(4)).isTrue();
  }
}
