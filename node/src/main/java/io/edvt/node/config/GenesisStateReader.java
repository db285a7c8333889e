package io.edvt.node.config;

import io.edvt.infrastructure.io.SnappyFiles;
import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.tuweni.bytes.Bytes;

/**
 * Reads {@code --genesis-state}: an SSZ {@code BeaconState} ({@code .ssz_snappy}: snappy block
 * compressed) of the fork the network has in force at the state's slot.
 *
 * <p>A genesis file carries no type tag, so the fork comes from the schedule: the slot is read
 * from its fixed place in the bytes (after {@code genesis_time} and
 * {@code genesis_validators_root}, the same in every fork), and the state must then decode as
 * that fork's state and carry that fork's version. A devnet with EDVT from genesis gives an EDVT
 * state, one that forks later a Fulu state.
 */
public final class GenesisStateReader {
  /** {@code genesis_time} (8 bytes) and {@code genesis_validators_root} (32) come before {@code slot}. */
  private static final int SLOT_OFFSET = 40;
  /** {@code slot} (8 bytes) and {@code fork.previous_version} (4) come before {@code fork.current_version}. */
  private static final int CURRENT_VERSION_OFFSET = 52;

  private GenesisStateReader() {}

  /** The state of {@code file} on {@code spec}'s network; every problem is a {@link ConfigException} naming the file. */
  public static BeaconState read(Path file, SpecConfig spec) {
    String where = "--genesis-state " + file;
    byte[] bytes = bytes(file, where);
    if (bytes.length < SLOT_OFFSET + 8) {
      throw new ConfigException(where + ": only " + bytes.length + " bytes, too short for a BeaconState");
    }
    UInt64 slot = UInt64.fromLongBits(ByteBuffer.wrap(bytes, SLOT_OFFSET, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
    SpecVersions versions = new SpecVersions(spec);
    SpecMilestone fork = versions.milestoneAtSlot(slot);
    refuseAnotherForksState(bytes, slot, fork, spec, where);
    BeaconState state;
    try {
      state = versions.forMilestone(fork).schemas().beaconState().deserialize(bytes);
    } catch (SszDeserializationException e) {
      throw new ConfigException(where + ": not a " + fork.forkName() + " BeaconState (the fork in force at its slot "
          + slot + "): " + e.getMessage(), e);
    }
    if (!state.fork().currentVersion().equals(fork.forkVersion(spec))) {
      throw new ConfigException(where + ": fork version " + state.fork().currentVersion() + ", but the network's "
          + fork.forkName() + " version is " + fork.forkVersion(spec) + " (" + fork.name()
          + "_FORK_VERSION): a state of another network?");
    }
    return state;
  }

  /**
   * A state of a fork the config does not have in force at its slot, most often an EDVT genesis
   * given with a generator's config.yaml that lacks EDVT's keys: said in those terms, before the
   * bytes fail to decode as the other fork's state with a message about offsets.
   */
  private static void refuseAnotherForksState(byte[] bytes, UInt64 slot, SpecMilestone fork, SpecConfig spec, String where) {
    if (bytes.length < CURRENT_VERSION_OFFSET + 4) {
      return;  // too short for any state: decoding says so
    }
    Bytes written = Bytes.wrap(bytes, CURRENT_VERSION_OFFSET, 4);
    for (SpecMilestone other : SpecMilestone.values()) {
      if (other != fork && written.equals(other.forkVersion(spec))) {
        throw new ConfigException(where + ": its fork version " + written + " is " + other.name()
            + "_FORK_VERSION, but the network config has " + fork.forkName() + " at its slot " + slot
            + " (" + other.name() + "_FORK_EPOCH " + other.forkEpoch(spec) + "): the config lacks or misstates "
            + other.name() + "_FORK_EPOCH");
      }
    }
  }

  private static byte[] bytes(Path file, String where) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(where + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(where + ": cannot read: " + e.getMessage(), e);
    }
    if (!file.getFileName().toString().endsWith(".ssz_snappy")) {
      return raw;
    }
    try {
      return SnappyFiles.decompressBlock(raw, file.toString());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + ": not snappy block-format data (the .ssz_snappy extension says it is)");
    }
  }
}
