package io.edvt.networking.discovery;

import io.edvt.networking.transport.crypto.Secp256k1PrivateKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt64;
import org.ethereum.beacon.discovery.AddressAccessPolicy;
import org.ethereum.beacon.discovery.DiscoverySystemBuilder;
import org.ethereum.beacon.discovery.MutableDiscoverySystem;
import org.ethereum.beacon.discovery.crypto.DefaultSigner;
import org.ethereum.beacon.discovery.crypto.Signer;
import org.ethereum.beacon.discovery.schema.NodeRecord;
import org.ethereum.beacon.discovery.schema.NodeRecordBuilder;
import org.ethereum.beacon.discovery.util.Functions;

/**
 * discv5 for the node, through Teku's library ({@code io.consensys.protocols:discovery}): our ENR
 * with the eth2 fields ({@link LocalEnrFields}), its sequence number persisted and raised on every
 * change ({@link NodeKeyStore}), bootnodes from ENR text, an address policy for private addresses,
 * and searches that return decoded, usable candidates ({@link DiscoveredPeer}). Records from
 * the network that fail to decode are dropped with a DEBUG line and counted, never thrown at the
 * caller. The library bounds its own work: one session per node, handshake and request timeouts,
 * a k-bucket table of 16 per distance.
 *
 * <p>The library pings the bootnodes once, at start, and a bootnode that did not answer then (not
 * up yet, or too busy) is never contacted again: its session stays stuck (measured: not found
 * within 230 s of coming up). So while no node is live, discv5 is restarted with the same record
 * and port after {@link #RESTART_WHEN_ALONE}, then after twice as long, up to {@link
 * #RESTART_WHEN_ALONE_MAX}: a node whose bootnodes come up late still finds them.
 */
public final class DiscoveryService implements PeerSource, AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.edvt.networking.discovery");

  private final DiscoveryConfig config;
  private final Signer signer;
  private final Secp256k1PrivateKey key;
  private final NodeKeyStore store;
  private final DiscoveryMetrics metrics;
  private final int udpPort;
  private final InetAddress advertisedIp;
  private LocalEnrFields fields;
  private MutableDiscoverySystem system;
  private NodeRecord initialRecord;
  private List<NodeRecord> bootnodes = List.of();
  private long aloneSince;
  private Duration restartWhenAlone = RESTART_WHEN_ALONE;
  private boolean restarting;

  static final Duration RESTART_WHEN_ALONE = Duration.ofSeconds(10);
  static final Duration RESTART_WHEN_ALONE_MAX = Duration.ofMinutes(5);

  /**
   * @param store where the ENR (and its sequence number) persists; null keeps it in memory
   */
  public DiscoveryService(DiscoveryConfig config, Secp256k1PrivateKey key, LocalEnrFields fields, NodeKeyStore store,
      DiscoveryMetrics metrics) {
    this.config = config;
    this.key = key;
    this.signer = new DefaultSigner(Functions.createSecretKey(Bytes32.wrap(key.raw())));
    this.fields = fields;
    this.store = store;
    this.metrics = metrics;
    this.udpPort = config.udpPort() == 0 ? freeUdpPort(config.listenAddress()) : config.udpPort();
    this.advertisedIp = config.advertisedIp().orElseGet(() -> defaultAdvertisedIp(config.listenAddress()));
  }

  /** Starts listening and contacts the bootnodes. */
  public synchronized CompletableFuture<Void> start() {
    List<NodeRecord> boot = new ArrayList<>();
    for (String enr : config.bootnodes()) {
      boot.add(Enrs.decode(enr)); // a bad bootnode flag is a configuration error: fail with the reason
    }
    bootnodes = List.copyOf(boot);
    initialRecord = buildLocalRecord();
    if (store != null) {
      store.saveEnr(initialRecord.asEnr());
    }
    system = build(initialRecord);
    aloneSince = System.nanoTime();
    return system.start();
  }

  private MutableDiscoverySystem build(NodeRecord local) {
    return new DiscoverySystemBuilder()
        .listen(config.listenAddress().getHostAddress(), udpPort)
        .signer(signer)
        .localNodeRecord(local)
        .bootnodes(bootnodes)
        .addressAccessPolicy(addressPolicy())
        .localNodeRecordListener((previous, updated) -> {
          LOG.log(System.Logger.Level.DEBUG, "local ENR is now seq {0}: {1}", updated.getSeq(), updated.asEnr());
          if (store != null) {
            store.saveEnr(updated.asEnr());
          }
        })
        .newAddressHandler((record, observed) -> config.advertisedIp().isPresent() ? Optional.empty()
            : Optional.of(record.withNewAddress(observed, Optional.of(config.tcpPort()),
                quicPort(), signer)))
        .buildMutable();
  }

  /** Restarts discv5 (same record, same port) when no node has been live for a while; see the class comment. */
  private void restartIfAlone(MutableDiscoverySystem s) {
    long now = System.nanoTime();
    Duration waited;
    synchronized (this) {
      if (bootnodes.isEmpty() || restarting || system != s) {
        return;
      }
      if (s.streamLiveNodes().findAny().isPresent()) {
        aloneSince = now;
        restartWhenAlone = RESTART_WHEN_ALONE;
        return;
      }
      if (now - aloneSince < restartWhenAlone.toNanos()) {
        return;
      }
      waited = restartWhenAlone;
      restarting = true;
      Duration next = restartWhenAlone.multipliedBy(2);
      restartWhenAlone = next.compareTo(RESTART_WHEN_ALONE_MAX) > 0 ? RESTART_WHEN_ALONE_MAX : next;
    }
    LOG.log(System.Logger.Level.INFO, "no discovery peer answered for {0} s: restarting discv5 to contact the {1} "
        + "bootnode(s) afresh", waited.toSeconds(), bootnodes.size());
    metrics.restarted();
    CompletableFuture.runAsync(s::stop).thenCompose(v -> {
      synchronized (this) {
        if (system != s) {
          return CompletableFuture.<Void>completedFuture(null); // stopped meanwhile
        }
        system = build(s.getLocalNodeRecord());
        return system.start();
      }
    }).whenComplete((v, e) -> {
      if (e != null) {
        LOG.log(System.Logger.Level.WARNING, "discv5 restart failed: {0}", e.toString());
      }
      synchronized (this) {
        restarting = false;
        aloneSince = System.nanoTime();
      }
    });
  }

  private Optional<Integer> quicPort() {
    return config.quicPort().isPresent() ? Optional.of(config.quicPort().getAsInt()) : Optional.empty();
  }

  /** Our record with the stored sequence number, raised by one if anything differs from the stored record. */
  private NodeRecord buildLocalRecord() {
    long seq = 1;
    NodeRecord previous = null;
    if (store != null) {
      Optional<String> stored = store.loadEnr();
      if (stored.isPresent()) {
        try {
          previous = Enrs.decode(stored.get());
          if (Bytes.wrap(key.publicKey().raw()).equals(previous.get(org.ethereum.beacon.discovery.schema.EnrField.PKEY_SECP256K1))) {
            seq = previous.getSeq().toLong();
          } else {
            previous = null;
          }
        } catch (InvalidEnrException e) {
          LOG.log(System.Logger.Level.WARNING, "ignoring the stored ENR: {0}", e.getMessage());
        }
      }
    }
    NodeRecord r = record(seq);
    if (previous != null && !r.serializeNoSignature().equals(previous.serializeNoSignature())) {
      r = record(seq + 1);
    }
    return r;
  }

  private NodeRecord record(long seq) {
    NodeRecordBuilder b = new NodeRecordBuilder().signer(signer).seq(UInt64.valueOf(seq))
        .address(advertisedIp.getHostAddress(), udpPort, config.tcpPort(), quicPort());
    fields.encode().forEach((k, v) -> b.customField(k, Bytes.wrap(v)));
    return b.build();
  }

  /**
   * Publishes changed fields (subnets, custody, fork); each change raises the ENR sequence number
   * and is persisted. Removing {@code gmember} writes {@code 0x00} (the library cannot delete a key;
   * {@link Enrs#toPeer} reads it as not a member).
   */
  public synchronized void updateLocalFields(LocalEnrFields next) {
    Map<String, byte[]> before = fields.encode();
    Map<String, byte[]> after = new LinkedHashMap<>(next.encode());
    if (before.containsKey(Eth2EnrFields.GMEMBER) && !after.containsKey(Eth2EnrFields.GMEMBER)) {
      after.put(Eth2EnrFields.GMEMBER, new byte[] {0});
    }
    fields = next;
    if (system == null) {
      return;
    }
    after.forEach((k, v) -> {
      if (!java.util.Arrays.equals(before.get(k), v)) {
        system.updateCustomFieldValue(k, Bytes.wrap(v));
      }
    });
  }

  public synchronized LocalEnrFields localFields() {
    return fields;
  }

  public synchronized NodeRecord localRecord() {
    return system != null ? system.getLocalNodeRecord() : initialRecord != null ? initialRecord : buildLocalRecord();
  }

  public String localEnr() {
    return localRecord().asEnr();
  }

  public int udpPort() {
    return udpPort;
  }

  @Override
  public CompletableFuture<List<DiscoveredPeer>> searchForPeers() {
    MutableDiscoverySystem s;
    synchronized (this) {
      s = system;
    }
    if (s == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("discovery is not started"));
    }
    restartIfAlone(s);
    synchronized (this) {
      if (restarting) {
        return CompletableFuture.completedFuture(List.of()); // nothing is live: nothing to return
      }
    }
    metrics.queryStarted();
    return s.searchForNewPeers().handle((found, error) -> {
      if (error != null) {
        LOG.log(System.Logger.Level.DEBUG, "discovery search failed: {0}", error.toString());
      }
      Map<Bytes, NodeRecord> all = new LinkedHashMap<>();
      for (NodeRecord r : found == null ? List.<NodeRecord>of() : found) {
        all.put(r.getNodeId(), r);
      }
      s.streamLiveNodes().forEach(r -> all.putIfAbsent(r.getNodeId(), r));
      List<DiscoveredPeer> peers = usable(all.values());
      metrics.candidatesFound(peers.size());
      return peers;
    });
  }

  @Override
  public List<DiscoveredPeer> knownPeers() {
    MutableDiscoverySystem s;
    synchronized (this) {
      s = system;
    }
    return s == null ? List.of() : usable(s.streamLiveNodes().toList());
  }

  private List<DiscoveredPeer> usable(Collection<NodeRecord> records) {
    List<DiscoveredPeer> out = new ArrayList<>();
    for (NodeRecord r : records) {
      if (r.getNodeId().equals(localRecord().getNodeId())) {
        continue;
      }
      DiscoveredPeer p;
      try {
        p = Enrs.toPeer(r);
      } catch (InvalidEnrException e) {
        LOG.log(System.Logger.Level.DEBUG, "dropping {0}: {1}", r.getNodeId(), e.getMessage());
        metrics.recordRejected(e.getMessage());
        continue;
      }
      if (p.tcp().isEmpty() && p.quic().isEmpty()) {
        continue; // no libp2p address: a discovery-only node
      }
      if (!p.tcp().map(this::allowed).orElse(true) || !p.quic().map(this::allowed).orElse(true)) {
        LOG.log(System.Logger.Level.DEBUG, "dropping {0}: private address and site-local addresses are disabled", p);
        continue;
      }
      out.add(p);
    }
    Collections.shuffle(out);
    return out;
  }

  private AddressAccessPolicy addressPolicy() {
    return this::allowed;
  }

  /** Private addresses (site-local, loopback, link-local, wildcard) only when enabled. */
  boolean allowed(InetSocketAddress a) {
    if (config.siteLocalAddressesEnabled()) {
      return true;
    }
    InetAddress ip = a.getAddress();
    return ip != null && !ip.isSiteLocalAddress() && !ip.isLoopbackAddress() && !ip.isLinkLocalAddress()
        && !ip.isAnyLocalAddress();
  }

  /** Stops discv5 (the library waits up to about 2 s for its schedulers). */
  public void stop() {
    stopAsync().join();
  }

  /** Stops without waiting here: the node stops its other services meanwhile. */
  public CompletableFuture<Void> stopAsync() {
    MutableDiscoverySystem s;
    synchronized (this) {
      s = system;
      system = null;
    }
    return s == null ? CompletableFuture.completedFuture(null) : CompletableFuture.runAsync(s::stop);
  }

  @Override
  public void close() {
    stop();
  }

  private static int freeUdpPort(InetAddress address) {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(address, 0))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free UDP port on " + address, e);
    }
  }

  /** The listen address when concrete, else the first up, non-loopback IPv4 interface address, else 127.0.0.1. */
  static InetAddress defaultAdvertisedIp(InetAddress listen) {
    if (!listen.isAnyLocalAddress()) {
      return listen;
    }
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp() || nif.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
            return a;
          }
        }
      }
    } catch (SocketException e) {
      // fall through
    }
    return InetAddress.getLoopbackAddress();
  }
}
