package io.edvt.node.api;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.edvt.SpecVersions;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Resolves a {@code block_id} ({@code head}, {@code genesis}, {@code finalized}, {@code justified},
 * a slot, or a {@code 0x} block root) against the chain: 400 for an id that is none of these, 404
 * for a well-formed id of no known block.
 */
public final class BlockIds {
  private final ChainReader chain;
  private final SpecVersions versions;

  public BlockIds(ChainReader chain, SpecVersions versions) {
    this.chain = chain;
    this.versions = versions;
  }

  /** The block {@code blockId} names. */
  public Resolved<SignedBeaconBlock> resolve(String blockId) {
    Bytes32 root = root(blockId);
    SignedBeaconBlock block = chain.block(root).orElseThrow(() -> ApiException.notFound("block " + blockId
        + (blockId.equals(root.toHexString()) ? "" : " (" + root + ")") + " not found"));
    return new Resolved<>(block, root, chain.isOptimistic(root), isFinalized(block.message().slot(), root));
  }

  /** The root of the block {@code blockId} names (not checked to be known when given as a root). */
  public Bytes32 root(String blockId) {
    return switch (blockId) {
      case "head" -> chain.head().root();
      case "genesis" -> chain.genesisBlockRoot().orElseThrow(() -> ApiException.notFound(
          "block genesis not found: this node started from a checkpoint (finalized epoch " + chain.finalizedCheckpoint().epoch()
              + ") and does not hold the genesis block"));
      case "finalized" -> chain.finalizedCheckpoint().root();
      case "justified" -> chain.justifiedCheckpoint().root();
      default -> {
        if (Params.isHex(blockId)) {
          yield Params.root("block_id", blockId);
        }
        if (Params.isDecimal(blockId)) {
          UInt64 slot = Params.uint64("block_id", blockId);
          yield chain.canonicalRoot(slot).orElseThrow(() -> ApiException.notFound("no canonical block at slot " + slot));
        }
        throw ApiException.badRequest("block_id '" + blockId
            + "' is not head, genesis, finalized, justified, a slot or a 0x-prefixed block root");
      }
    };
  }

  /** A block is finalized when it is canonical at or before the finalized checkpoint's epoch start. */
  boolean isFinalized(UInt64 slot, Bytes32 root) {
    UInt64 finalizedSlot = versions.fulu().misc().computeStartSlotAtEpoch(chain.finalizedCheckpoint().epoch());
    return !slot.isGreaterThan(finalizedSlot) && chain.canonicalRoot(slot).map(root::equals).orElse(false);
  }
}
