package io.edvt.networking.eth2.rpc;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.messages.StatusMessage;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The handshake rule of phase0's {@code Status}: disconnect a peer whose {@code fork_digest} is not
 * ours (another chain or fork), or whose finalized checkpoint is not in our chain at that epoch
 * (irreparably disjoint chains). Both are {@link GoodbyeReason#IRRELEVANT_NETWORK}.
 */
public final class StatusCheck {
  private StatusCheck() {}

  /** Why to say goodbye to a peer with status {@code theirs}; empty to keep it. */
  public static Optional<String> problem(StatusMessage ours, StatusMessage theirs, ChainDataSource chain) {
    if (!ours.forkDigest().equals(theirs.forkDigest())) {
      return Optional.of("fork digest " + theirs.forkDigest() + " is not ours (" + ours.forkDigest() + ")");
    }
    UInt64 epoch = theirs.finalizedEpoch();
    if (epoch.isGreaterThan(UInt64.ZERO) && !epoch.isGreaterThan(ours.finalizedEpoch())) {
      Optional<Bytes32> root = chain.canonicalRootAtEpoch(epoch);
      if (root.isPresent() && !root.get().equals(theirs.finalizedRoot())) {
        return Optional.of("finalized checkpoint (" + theirs.finalizedRoot() + ", epoch " + epoch
            + ") is not in our chain (we have " + root.get() + ")");
      }
    }
    return Optional.empty();
  }
}
