package io.edvt.node.storage;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The chain a database belongs to: its genesis validators root and genesis time, which every state
 * of the chain carries. A database of another network is refused at startup.
 *
 * @param genesisValidatorsRoot {@code genesis_validators_root}
 * @param genesisTime {@code genesis_time}
 */
public record NetworkIdentity(Bytes32 genesisValidatorsRoot, UInt64 genesisTime) {
  /** The network of {@code state} (any state of the chain: genesis, a checkpoint, the head). */
  public static NetworkIdentity of(BeaconState state) {
    return new NetworkIdentity(state.genesisValidatorsRoot(), state.genesisTime());
  }

  @Override
  public String toString() {
    return "genesis validators root " + genesisValidatorsRoot + ", genesis time " + genesisTime;
  }
}
