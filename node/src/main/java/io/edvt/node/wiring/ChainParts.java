package io.edvt.node.wiring;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainHead;
import io.edvt.node.metrics.BeaconMetricsSource;
import io.edvt.node.storage.ChainStorage;
import io.edvt.spec.datastructures.state.BeaconState;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Reads of the running chain that several parts need: the head state (from fork choice, which
 * keeps every unfinalized block's post-state in memory) and the interop metrics' values.
 */
final class ChainParts implements BeaconMetricsSource {
  private static final long READ_SECONDS = 10;

  private final Chain chain;
  private final ChainStorage storage;
  private final long slotsPerEpoch;
  private final LongSupplier peers;

  ChainParts(Chain chain, ChainStorage storage, long slotsPerEpoch, LongSupplier peers) {
    this.chain = chain;
    this.storage = storage;
    this.slotsPerEpoch = slotsPerEpoch;
    this.peers = peers;
  }

  /** The head block's post-state, read on the chain thread. */
  BeaconState headState() {
    ChainHead head = chain.head();
    try {
      return chain.readForkChoice(store -> store.block(head.root()).state()).get(READ_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the head state", e);
    } catch (Exception e) {
      throw new IllegalStateException("the chain thread did not answer: " + e, e);
    }
  }

  @Override
  public long headSlot() {
    return chain.head().slot();
  }

  @Override
  public long finalizedEpoch() {
    return storage.finalizedCheckpoint().epoch().longValue();
  }

  @Override
  public long currentJustifiedEpoch() {
    return storage.justifiedCheckpoint().epoch().longValue();
  }

  @Override
  public long previousJustifiedEpoch() {
    return headState().previousJustifiedCheckpoint().epoch().longValue();
  }

  @Override
  public long currentActiveValidators() {
    BeaconState state = headState();
    UInt64 epoch = UInt64.valueOf(state.slot().longValue() / slotsPerEpoch);
    long active = 0;
    for (var v : state.validators()) {
      // unsigned comparisons: FAR_FUTURE_EPOCH is 2^64 - 1, negative as a long
      if (!v.activationEpoch().isGreaterThan(epoch) && v.exitEpoch().isGreaterThan(epoch)) {
        active++;
      }
    }
    return active;
  }

  @Override
  public long processedDeposits() {
    return headState().eth1DepositIndex().longValue();
  }

  @Override
  public long peerCount() {
    return peers.getAsLong();
  }
}
