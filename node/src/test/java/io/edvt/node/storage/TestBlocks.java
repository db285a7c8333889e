package io.edvt.node.storage;

import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import org.apache.tuweni.bytes.Bytes32;

/** Made-up blocks from real ones, for branches storage must tell apart (storage checks no signature). */
public final class TestBlocks {
  private TestBlocks() {}

  /** {@code block} with its message replaced (same signature and, for EDVT, signer bits). */
  @SuppressWarnings("unchecked")
  public static SignedBeaconBlock withMessage(SignedBeaconBlock block, BeaconBlock message) {
    Object[] values = block.values();
    values[0] = message;
    return ((ContainerType<SignedBeaconBlock>) block.type()).create(values);
  }

  /** A block like {@code template} at {@code slot} on {@code parent}: a competing branch. */
  public static SignedBeaconBlock sibling(SignedBeaconBlock template, UInt64 slot, Bytes32 parent) {
    return withMessage(template, template.message().withSlot(slot).withParentRoot(parent));
  }

  public static Bytes32 root(SignedBeaconBlock block) {
    return block.message().hashTreeRoot();
  }
}
