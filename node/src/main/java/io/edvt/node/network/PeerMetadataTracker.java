package io.edvt.node.network;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.discovery.CustodyGroups;
import io.edvt.networking.discovery.Eth2EnrFields;
import io.edvt.networking.eth2.messages.MetadataMessage;
import io.edvt.networking.eth2.rpc.Eth2Client;
import io.edvt.networking.peers.PeerAction;
import io.edvt.networking.peers.PeerManager;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.networking.transport.crypto.Secp256k1PublicKey;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Knows each ready peer's MetaData (phase0/altair/fulu p2p-interface, Ping and GetMetaData): it
 * asks for it once the Status handshake accepted the peer, pings every peer at the configured
 * interval with our {@code seq_number}, and asks again when a peer's {@code seq_number} (in its
 * answer to our ping, or in its own ping to us) is above the one held. What a peer's MetaData says
 * (its attestation and sync committee subnets, and the custody groups of its node id and count)
 * goes to the peer manager, which keeps peers by the subnets they serve.
 *
 * <p>A failed or late ping or metadata request counts against the peer (a timeout, in the peer
 * manager's scale); the spec allows disconnecting a peer that does not answer pings, which the
 * score does once they add up. At most one metadata request per peer is in flight.
 */
public final class PeerMetadataTracker {
  private static final System.Logger LOG = System.getLogger(PeerMetadataTracker.class.getName());

  private final Eth2Client client;
  private final PeerChainStatuses statuses;
  private final PeerManager peers;
  private final LocalMetadata ours;
  private final PeerUpkeepIntervals intervals;
  private final Map<PeerId, MetadataMessage> held = new ConcurrentHashMap<>();
  private final Set<PeerId> requesting = ConcurrentHashMap.newKeySet();

  public PeerMetadataTracker(Eth2Client client, PeerChainStatuses statuses, PeerManager peers, LocalMetadata ours,
      PeerUpkeepIntervals intervals) {
    this.client = client;
    this.statuses = statuses;
    this.peers = peers;
    this.ours = ours;
    this.intervals = intervals;
  }

  /** Asks newly ready peers for their MetaData from now on, and pings every ready peer on {@code scheduler}. */
  public void start(ScheduledExecutorService scheduler) {
    statuses.subscribe((peer, up) -> {
      if (!up) {
        held.remove(peer.id());
      } else if (!held.containsKey(peer.id())) {
        request(peer.connection());
      }
    });
    long every = intervals.ping().toMillis();
    scheduler.scheduleWithFixedDelay(this::pingAll, every, every, TimeUnit.MILLISECONDS);
  }

  /** The MetaData we hold of {@code peer}. */
  public Optional<MetadataMessage> metadataOf(PeerId peer) {
    return Optional.ofNullable(held.get(peer));
  }

  /** {@code peer} pinged us with {@code seqNumber}. */
  public void onPing(PeerId peer, UInt64 seqNumber) {
    if (newer(peer, seqNumber)) {
      statuses.ready(peer).ifPresent(r -> request(r.connection()));
    }
  }

  private boolean newer(PeerId peer, UInt64 seqNumber) {
    MetadataMessage m = held.get(peer);
    return m == null || seqNumber.isGreaterThan(m.seqNumber());
  }

  private void pingAll() {
    try {
      for (PeerChainStatuses.ReadyPeer r : statuses.ready()) {
        ping(r.connection());
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "pinging peers failed", e);
    }
  }

  private void ping(Connection c) {
    PeerId id = c.remotePeerId();
    client.ping(c, ours.get().seqNumber()).orTimeout(intervals.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((seq, e) -> {
          if (e != null) {
            if (c.isOpen()) {
              peers.report(id, PeerAction.MID_TOLERANCE, "ping failed: " + e);
            }
          } else if (newer(id, seq)) {
            request(c);
          }
        });
  }

  private void request(Connection c) {
    PeerId id = c.remotePeerId();
    if (!requesting.add(id)) {
      return;
    }
    client.metadata(c).orTimeout(intervals.requestTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((m, e) -> {
      requesting.remove(id);
      if (!c.isOpen()) {
        return;
      }
      if (e != null) {
        peers.report(id, PeerAction.MID_TOLERANCE, "metadata request failed: " + e);
        return;
      }
      adopt(c, m);
    });
  }

  private void adopt(Connection c, MetadataMessage m) {
    PeerId id = c.remotePeerId();
    long cgc = m.custodyGroupCount().map(UInt64::longValue).orElse(0L);
    if (cgc < 0 || cgc > Eth2EnrFields.NUMBER_OF_CUSTODY_GROUPS) {
      peers.report(id, PeerAction.LOW_TOLERANCE, "metadata custody_group_count " + Long.toUnsignedString(cgc)
          + " exceeds NUMBER_OF_CUSTODY_GROUPS " + Eth2EnrFields.NUMBER_OF_CUSTODY_GROUPS);
      return;
    }
    MetadataMessage kept = held.merge(id, m, (old, fresh) -> fresh.seqNumber().isLessThan(old.seqNumber()) ? old : fresh);
    if (kept != m) {
      return; // an older answer overtaken by a newer one
    }
    List<Integer> custody = c.remotePublicKey() instanceof Secp256k1PublicKey key
        ? CustodyGroups.of(NodeIds.of(key), (int) cgc, Eth2EnrFields.NUMBER_OF_CUSTODY_GROUPS) : List.of();
    peers.updatePeerMetadata(id, bits(m.attnets().setBits().toArray()), bits(m.syncnets().setBits().toArray()),
        Set.copyOf(custody));
    LOG.log(System.Logger.Level.DEBUG, "peer {0} metadata seq {1}: attnets {2}, syncnets {3}, cgc {4}", id,
        m.seqNumber(), m.attnets(), m.syncnets(), cgc);
  }

  private static BitSet bits(int[] set) {
    BitSet b = new BitSet();
    for (int i : set) {
      b.set(i);
    }
    return b;
  }
}
