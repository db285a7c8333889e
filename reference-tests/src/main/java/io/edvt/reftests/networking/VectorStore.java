package io.edvt.reftests.networking;

import io.edvt.networking.eth2.validation.ChainView;
import io.edvt.networking.eth2.validation.PayloadStatus;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The "minimal store" of the gossip validation vectors ({@code tests/formats/networking/
 * gossip_validation.md}): the imported blocks ({@code store.blocks}), the post-states of those that
 * did not fail ({@code store.block_states}), their payload statuses, and the finalized checkpoint.
 */
final class VectorStore implements ChainView {
  private final Map<Bytes32, BlockInfo> blocks = new HashMap<>();
  private final Map<Bytes32, BeaconState> states = new HashMap<>();
  private final Map<Bytes32, PayloadStatus> payloads = new HashMap<>();
  private Checkpoint finalized;

  void add(SignedBeaconBlock block, Optional<BeaconState> postState, Optional<PayloadStatus> payload) {
    Bytes32 root = block.message().hashTreeRoot();
    blocks.put(root, new BlockInfo(block.message().slot(), block.message().parentRoot()));
    postState.ifPresent(s -> states.put(root, s));
    payload.ifPresent(p -> payloads.put(root, p));
  }

  void finalized(Checkpoint checkpoint) {
    this.finalized = checkpoint;
  }

  @Override
  public Checkpoint finalizedCheckpoint() {
    return finalized;
  }

  @Override
  public Optional<BlockInfo> block(Bytes32 root) {
    return Optional.ofNullable(blocks.get(root));
  }

  @Override
  public Optional<BeaconState> blockState(Bytes32 root) {
    return Optional.ofNullable(states.get(root));
  }

  @Override
  public PayloadStatus payloadStatus(Bytes32 root) {
    return payloads.getOrDefault(root, PayloadStatus.NOT_VALIDATED);
  }
}
