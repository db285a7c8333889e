package io.edvt.networking.eth2;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.BlobScheduleEntry;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.edvt.SpecVersions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * The fork digests of one network: {@code compute_fork_digest(genesis_validators_root, epoch)} as
 * Fulu defines it (the fork data root of {@code compute_fork_version(epoch)}, xor-ed with the hash
 * of {@code get_blob_parameters(epoch)}, first 4 bytes), with EDVT's {@code compute_fork_version},
 * and the schedule of digest changes: every regular fork this client runs and every
 * blob-parameter-only (BPO) fork of {@code BLOB_SCHEDULE} from Fulu on.
 *
 * <p>Context bytes of req/resp chunks and gossip topic names use these digests; {@link #lookup}
 * maps a digest back to its fork, so a chunk's type follows its context.
 */
public final class ForkDigests {
  /** One digest and the epochs it covers: {@code [epoch, next entry's epoch)}. */
  public record Entry(UInt64 epoch, SpecMilestone milestone, Bytes forkVersion, Bytes digest) {
    @Override
    public String toString() {
      return "epoch " + epoch + " " + milestone.forkName() + " version " + forkVersion + " digest " + digest;
    }
  }

  private final SpecVersions versions;
  private final Bytes32 genesisValidatorsRoot;
  private final List<Entry> schedule;
  private final Map<Bytes, Entry> byDigest = new LinkedHashMap<>();

  public ForkDigests(SpecVersions versions, Bytes32 genesisValidatorsRoot) {
    this.versions = versions;
    this.genesisValidatorsRoot = genesisValidatorsRoot;
    SpecConfig config = versions.config();
    UInt64 fulu = config.fuluForkEpoch();
    TreeSet<UInt64> boundaries = new TreeSet<>();
    boundaries.add(fulu.equals(UInt64.MAX_VALUE) ? UInt64.ZERO : fulu);
    for (SpecMilestone m : SpecMilestone.values()) {
      UInt64 e = m.forkEpoch(config);
      if (!e.equals(UInt64.MAX_VALUE) && e.isGreaterThan(boundaries.first())) {
        boundaries.add(e);
      }
    }
    for (BlobScheduleEntry b : config.blobSchedule()) {
      if (!b.epoch().equals(UInt64.MAX_VALUE) && b.epoch().isGreaterThan(boundaries.first())) {
        boundaries.add(b.epoch());
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (UInt64 epoch : boundaries) {
      Entry e = new Entry(epoch, versions.milestoneAtEpoch(epoch), versions.forEpoch(epoch).misc().computeForkVersion(epoch),
          digestAt(epoch));
      if (!entries.isEmpty() && entries.getLast().digest().equals(e.digest())) {
        continue; // a schedule entry that changes nothing
      }
      entries.add(e);
      byDigest.putIfAbsent(e.digest(), e);
    }
    this.schedule = List.copyOf(entries);
  }

  public SpecVersions versions() {
    return versions;
  }

  public Bytes32 genesisValidatorsRoot() {
    return genesisValidatorsRoot;
  }

  /** {@code compute_fork_digest(genesis_validators_root, epoch)}. */
  public Bytes digestAt(UInt64 epoch) {
    return versions.forEpoch(epoch).misc().computeForkDigest(genesisValidatorsRoot, epoch);
  }

  /** The digest of the fork in force at {@code slot}. */
  public Bytes digestAtSlot(UInt64 slot) {
    return digestAt(versions.fulu().misc().computeEpochAtSlot(slot));
  }

  /** Every digest this network uses from Fulu on, oldest first, each with the epoch it starts. */
  public List<Entry> schedule() {
    return schedule;
  }

  /** The schedule entry of a digest, if it is one of this network's. */
  public Optional<Entry> lookup(Bytes digest) {
    return Optional.ofNullable(byDigest.get(digest));
  }

  /** The next entry after {@code epoch} (for the ENR's {@code nfd} and {@code next_fork_epoch}). */
  public Optional<Entry> next(UInt64 epoch) {
    return schedule.stream().filter(e -> e.epoch().isGreaterThan(epoch)).findFirst();
  }

  /** A digest as topic names write it: lower-case hex without {@code 0x}. */
  public static String hex(Bytes digest) {
    return HexFormat.of().formatHex(digest.toArrayUnsafe());
  }

  @Override
  public String toString() {
    return "ForkDigests" + schedule;
  }
}
