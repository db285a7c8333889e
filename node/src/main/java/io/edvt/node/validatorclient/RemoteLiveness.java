package io.edvt.node.validatorclient;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.validator.DoppelgangerGuard;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The validator client's view of who was live, for its doppelganger watch: the beacon node's
 * liveness endpoint, which answers only for its head state's current and previous epoch. Each
 * epoch is asked about while it is one of those two (every slot, as the blocks of the epoch and
 * the next bring its attestations in) and the answers are kept, so the guard's look back over the
 * watched epochs reads what was seen. An epoch the node cannot answer yet (its head still in the
 * epoch before) counts as nothing seen so far: it is asked again at the next slot.
 */
final class RemoteLiveness implements DoppelgangerGuard.Liveness {
  private static final System.Logger LOG = System.getLogger(RemoteLiveness.class.getName());

  private final RemoteBeaconNode node;
  private final LongSupplier currentEpoch;
  private final Map<Long, Set<Long>> seen = new ConcurrentHashMap<>();

  RemoteLiveness(RemoteBeaconNode node, LongSupplier currentEpoch) {
    this.node = node;
    this.currentEpoch = currentEpoch;
  }

  @Override
  public Set<Long> liveAt(long epoch, Set<Long> indices) {
    if (epoch + 1 >= currentEpoch.getAsLong() && !indices.isEmpty()) {
      try {
        seen.computeIfAbsent(epoch, e -> ConcurrentHashMap.newKeySet()).addAll(node.liveness(UInt64.valueOf(epoch), indices));
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "liveness of epoch {0} not answered yet: {1}", epoch, e.getMessage());
      }
    }
    Set<Long> live = new HashSet<>(seen.getOrDefault(epoch, Set.of()));
    live.retainAll(indices);
    return live;
  }
}
