package io.edvt.node.validator.group;

import io.edvt.node.chain.Chain;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;

/** What the group proposal tests ask of a chain: a group's slots in the proposer lookahead, and a slot's canonical block. */
final class GroupChainQueries {
  private GroupChainQueries() {}

  /** The slots of {@code epoch} (the head state's current or next epoch) whose proposer is validator {@code group}. */
  static List<Long> groupSlots(SpecVersions versions, BeaconState head, long group, long epoch) {
    MutableBeaconState state = new MutableBeaconState(head);
    long current = versions.edvt().misc().computeEpochAtSlot(state.slot()).longValue();
    int offset = (int) ((epoch - current) * versions.config().slotsPerEpoch());
    List<Long> out = new ArrayList<>();
    for (int s = 0; s < versions.config().slotsPerEpoch(); s++) {
      if (state.proposerLookahead().get(offset + s).longValue() == group) {
        out.add(epoch * versions.config().slotsPerEpoch() + s);
      }
    }
    return out;
  }

  /** The canonical block at {@code slot} (fork choice's chain from the head), or null. */
  static BeaconBlock blockAt(Chain chain, long slot) {
    return chain.readForkChoice(f -> {
      Bytes32 root = f.getHead();
      while (true) {
        var b = f.block(root);
        if (b == null || b.block().slot().longValue() < slot) {
          return null;
        }
        if (b.block().slot().longValue() == slot) {
          return b.block();
        }
        root = b.block().parentRoot();
      }
    }).orTimeout(10, TimeUnit.SECONDS).join();
  }
}
