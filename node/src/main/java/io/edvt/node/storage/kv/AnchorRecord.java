package io.edvt.node.storage.kv;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.state.Checkpoint;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The {@code anchor} entry of {@link Column#CHAIN}: the finalized checkpoint, where its state is
 * and its block message. Value: checkpoint (40, SSZ) ‖ state root (32) ‖ state slot (8) ‖ block
 * message (milestone byte ‖ SSZ).
 *
 * @param finalized the finalized checkpoint
 * @param stateRoot the anchor state's root (a key of {@link Column#STATES})
 * @param stateSlot the anchor state's slot (its key in {@link Column#FINALIZED_STATES})
 * @param block the anchor block's message
 */
public record AnchorRecord(Checkpoint finalized, Bytes32 stateRoot, UInt64 stateSlot, BeaconBlock block) {
  private static final int FIXED = 40 + 32 + 8;

  public Bytes32 root() {
    return finalized.root();
  }

  public byte[] value(ValueCodec codec) {
    byte[] message = codec.encodeBlockMessage(block);
    return ByteBuffer.allocate(FIXED + message.length).put(finalized.serialize()).put(stateRoot.toArrayUnsafe())
        .putLong(stateSlot.longValue()).put(message).array();
  }

  public static AnchorRecord decode(byte[] value, ValueCodec codec) {
    if (value.length <= FIXED) {
      throw new StorageFormatException("the anchor entry has " + value.length + " bytes, fewer than " + (FIXED + 1));
    }
    Checkpoint finalized = Checkpoint.TYPE.deserialize(Arrays.copyOfRange(value, 0, 40));
    Bytes32 stateRoot = Bytes32.wrap(value, 40);
    UInt64 stateSlot = UInt64.fromLongBits(ByteBuffer.wrap(value, 72, 8).getLong());
    BeaconBlock block = codec.decodeBlockMessage(Arrays.copyOfRange(value, FIXED, value.length));
    return new AnchorRecord(finalized, stateRoot, stateSlot, block);
  }
}
