package io.edvt.node.network;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.discovery.EnrForkId;
import io.edvt.networking.discovery.LocalEnrFields;
import io.edvt.networking.eth2.ForkDigests;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the node tells others about itself, kept in step with its state: the MetaData peers request
 * ({@link LocalMetadata}) and the ENR fields discovery publishes. One place decides both, so the
 * ENR's {@code attnets}/{@code syncnets} always equal MetaData's (phase0 and altair p2p-interface
 * ask for that).
 *
 * <ul>
 *   <li>{@link #onEpoch}: the {@code eth2} field (ENRForkId) and {@code nfd} follow the wall-clock
 *       epoch, so at a fork boundary they switch to the new fork's digest and the fork after it;
 *   <li>{@link #subnets}: the persistent attestation subnets ({@code attnets}) and the sync
 *       committee subnets ({@code syncnets}), in MetaData (its {@code seq_number} raised) and the ENR;
 *   <li>{@link #groupMember}: EDVT's {@code gmember}.
 * </ul>
 *
 * <p>The custody group count is fixed at start. Every change goes to
 * the ENR sink (discovery, which raises the ENR's {@code seq} for each changed entry); without
 * discovery there is no ENR and only MetaData changes. Thread safe: the slot ticker and the
 * validator duties call it.
 */
public final class LocalAdvertisement {
  private static final System.Logger LOG = System.getLogger(LocalAdvertisement.class.getName());

  private final ForkDigests digests;
  private final LocalMetadata metadata;
  private Set<Integer> attestationSubnets;
  private final long custodyGroupCount;
  private Set<Integer> syncSubnets = Set.of();
  private boolean groupMember;
  private UInt64 epoch;
  private LocalEnrFields fields;
  private Consumer<LocalEnrFields> enr = f -> {};

  public LocalAdvertisement(ForkDigests digests, LocalMetadata metadata, Set<Integer> attestationSubnets,
      long custodyGroupCount, UInt64 epoch) {
    this.digests = digests;
    this.metadata = metadata;
    this.attestationSubnets = Set.copyOf(attestationSubnets);
    this.custodyGroupCount = custodyGroupCount;
    this.epoch = epoch;
    this.fields = build();
  }

  /** From now on every change of the ENR fields goes to {@code sink} (discovery's {@code updateLocalFields}). */
  public synchronized void publishTo(Consumer<LocalEnrFields> sink) {
    enr = sink;
  }

  /** The ENR fields now (what discovery starts with). */
  public synchronized LocalEnrFields enrFields() {
    return fields;
  }

  public LocalMetadata metadata() {
    return metadata;
  }

  /** The wall-clock epoch is {@code now}: a new fork (or blob-parameter) digest changes the {@code eth2} and {@code nfd} fields. */
  public synchronized void onEpoch(UInt64 now) {
    if (now.equals(epoch)) {
      return;
    }
    epoch = now;
    LocalEnrFields before = fields;
    publish();
    if (!before.eth2().equals(fields.eth2())) {
      LOG.log(System.Logger.Level.INFO, "epoch {0}: ENR eth2 field is now {1}", now, fields.eth2());
    }
  }

  /**
   * The node's persistent attestation subnets and its sync committee subnets are these now: MetaData
   * (its {@code seq_number} raised when either changed) and the ENR follow.
   */
  public synchronized void subnets(Set<Integer> attestation, Set<Integer> sync) {
    attestationSubnets = Set.copyOf(attestation);
    syncSubnets = Set.copyOf(sync);
    metadata.update(attestationSubnets, syncSubnets, custodyGroupCount);
    publish();
  }

  /** Whether the node runs group member keys (subscribes to the group proposal topics). */
  public synchronized void groupMember(boolean member) {
    groupMember = member;
    publish();
  }

  private void publish() {
    LocalEnrFields next = build();
    if (!sameEncoding(fields, next)) {
      fields = next;
      enr.accept(next);
    }
  }

  private static boolean sameEncoding(LocalEnrFields a, LocalEnrFields b) {
    Map<String, byte[]> x = a.encode();
    Map<String, byte[]> y = b.encode();
    return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> Arrays.equals(x.get(k), y.get(k)));
  }

  private LocalEnrFields build() {
    Optional<ForkDigests.Entry> next = digests.next(epoch);
    byte[] nfd = next.map(e -> e.digest().toArrayUnsafe()).orElse(new byte[4]);
    return LocalEnrFields.of(forkId(digests, epoch)).withAttnets(bits(attestationSubnets)).withSyncnets(bits(syncSubnets))
        .withCustodyGroupCount((int) custodyGroupCount).withNextForkDigest(nfd).withGroupMember(groupMember);
  }

  /**
   * ENRForkId at {@code epoch} (phase0 p2p-interface, and Fulu's changes): this epoch's fork
   * digest; the version of the next scheduled digest change (a blob-parameter-only change keeps
   * the version, so it is then the current one), or the current version when none is scheduled;
   * the epoch of that change, or FAR_FUTURE_EPOCH.
   */
  static EnrForkId forkId(ForkDigests digests, UInt64 epoch) {
    Optional<ForkDigests.Entry> next = digests.next(epoch);
    byte[] current = digests.versions().forEpoch(epoch).misc().computeForkVersion(epoch).toArrayUnsafe();
    return new EnrForkId(digests.digestAt(epoch).toArrayUnsafe(),
        next.map(e -> e.forkVersion().toArrayUnsafe()).orElse(current), next.map(ForkDigests.Entry::epoch)
            .orElse(UInt64.MAX_VALUE));
  }

  private static BitSet bits(Set<Integer> subnets) {
    BitSet b = new BitSet();
    subnets.forEach(b::set);
    return b;
  }
}
