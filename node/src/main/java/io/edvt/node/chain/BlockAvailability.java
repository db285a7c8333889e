package io.edvt.node.chain;

import io.edvt.forkchoice.availability.DataAvailability;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Fork choice's {@code is_data_available} as the importer uses it: before {@code on_block} the
 * importer asks which of the block's custody columns are still missing; a block with some missing
 * waits for them ({@link #onStored}) instead of being refused at once.
 */
public interface BlockAvailability extends DataAvailability {
  /** Every block available: for a node that holds no columns (tests, and chains whose blocks carry no blobs). */
  BlockAvailability ALWAYS = new BlockAvailability() {
    @Override
    public boolean isDataAvailable(Bytes32 beaconBlockRoot) {
      return true;
    }

    @Override
    public Set<Long> missingColumns(SignedBeaconBlock block) {
      return Set.of();
    }

    @Override
    public void onStored(Consumer<Bytes32> listener) {}
  };

  /**
   * The indices of {@code block}'s custody columns not held yet: none for a block without blob
   * commitments. Remembers the block for {@link #isDataAvailable}.
   */
  Set<Long> missingColumns(SignedBeaconBlock block);

  /** {@code listener} is told the block root of each column sidecar stored from now on. */
  void onStored(Consumer<Bytes32> listener);
}
