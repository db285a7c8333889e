package io.edvt.node.storage.kv;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;

/**
 * Block and state values: one byte naming the milestone the value was written as, then its SSZ.
 * Loading decodes with that milestone's schema, so a Fulu block stays a Fulu block on a network
 * that has since scheduled EDVT, and nothing is guessed from slots or sizes.
 *
 * <p>The milestone byte is fixed per milestone ({@link #code}), not the enum's ordinal: a value
 * written today reads the same after forks are added.
 */
public final class ValueCodec {
  private final SpecVersions versions;

  public ValueCodec(SpecVersions versions) {
    this.versions = versions;
  }

  /** The byte that names {@code milestone} in stored values. */
  public static byte code(SpecMilestone milestone) {
    return switch (milestone) {
      case FULU -> 1;
      case EDVT -> 2;
    };
  }

  /** The milestone {@code code} names. */
  public static SpecMilestone milestone(byte code) {
    for (SpecMilestone milestone : SpecMilestone.values()) {
      if (code(milestone) == code) {
        return milestone;
      }
    }
    throw new StorageFormatException("unknown milestone byte " + (code & 0xff));
  }

  /** The milestone a value was stored as. */
  public static SpecMilestone milestoneOf(byte[] value) {
    if (value.length == 0) {
      throw new StorageFormatException("empty value");
    }
    return milestone(value[0]);
  }

  public byte[] encodeBlock(SignedBeaconBlock block) {
    SpecMilestone milestone = SignedBeaconBlockEdvt.toVersionEdvt(block).isPresent() ? SpecMilestone.EDVT : SpecMilestone.FULU;
    return encode(milestone, block);
  }

  public SignedBeaconBlock decodeBlock(byte[] value) {
    return decode(value, s -> s.signedBeaconBlock());
  }

  /** A block message alone (the anchor's: the genesis block has no signature). */
  public byte[] encodeBlockMessage(BeaconBlock block) {
    SpecMilestone milestone = BeaconBlockBodyEdvt.toVersionEdvt(block.body()).isPresent() ? SpecMilestone.EDVT : SpecMilestone.FULU;
    return encode(milestone, block);
  }

  public BeaconBlock decodeBlockMessage(byte[] value) {
    return decode(value, SchemaDefinitionsFulu::beaconBlock);
  }

  public byte[] encodeState(BeaconState state) {
    return encode(SpecVersions.milestoneOf(state), state);
  }

  public BeaconState decodeState(byte[] value) {
    return decode(value, s -> s.beaconState());
  }

  @SuppressWarnings("unchecked")
  private static byte[] encode(SpecMilestone milestone, SszContainer value) {
    ContainerType<SszContainer> type = (ContainerType<SszContainer>) value.type();
    byte[] out = new byte[1 + type.serializedSize(value)];
    out[0] = code(milestone);
    int end = type.serialize(value, out, 1);
    if (end != out.length) {
      throw new IllegalStateException(type.name() + " wrote " + (end - 1) + " bytes, expected " + (out.length - 1));
    }
    return out;
  }

  private <T extends SszContainer> T decode(byte[] value,
      java.util.function.Function<SchemaDefinitionsFulu, ContainerType<? extends T>> type) {
    SpecMilestone milestone = milestoneOf(value);
    ContainerType<? extends T> schema = type.apply(versions.forMilestone(milestone).schemas());
    try {
      return schema.deserialize(value, 1, value.length - 1);
    } catch (SszDeserializationException e) {
      throw new StorageFormatException("not " + milestone.forkName() + " " + schema.name() + ": " + e.getMessage(), e);
    }
  }
}
