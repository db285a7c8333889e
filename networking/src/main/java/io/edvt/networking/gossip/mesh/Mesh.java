package io.edvt.networking.gossip.mesh;

import io.edvt.networking.transport.crypto.PeerId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The overlay state of gossipsub: for each topic we subscribe to, its mesh peers; for each topic
 * we publish to without subscribing, its fanout peers and the time of the last publish.
 * Not thread safe (router thread only).
 */
public final class Mesh {
  private final Map<String, Set<PeerId>> mesh = new HashMap<>();
  private final Map<String, Set<PeerId>> fanout = new HashMap<>();
  private final Map<String, Long> lastPublished = new HashMap<>();

  /** Whether we have joined {@code topic} (subscribed). */
  public boolean joined(String topic) {
    return mesh.containsKey(topic);
  }

  /** Creates the mesh of {@code topic}, starting from its fanout peers if there are any (they are removed from fanout). */
  public Set<PeerId> join(String topic) {
    Set<PeerId> peers = mesh.computeIfAbsent(topic, t -> new LinkedHashSet<>());
    Set<PeerId> f = fanout.remove(topic);
    lastPublished.remove(topic);
    if (f != null) {
      peers.addAll(f);
    }
    return peers;
  }

  /** Removes the mesh of {@code topic}; returns its former peers. */
  public Set<PeerId> leave(String topic) {
    Set<PeerId> peers = mesh.remove(topic);
    return peers == null ? Set.of() : peers;
  }

  /** The mesh peers of a joined topic (live set), or an empty set. */
  public Set<PeerId> meshPeers(String topic) {
    Set<PeerId> s = mesh.get(topic);
    return s == null ? Set.of() : s;
  }

  public boolean inMesh(String topic, PeerId peer) {
    Set<PeerId> s = mesh.get(topic);
    return s != null && s.contains(peer);
  }

  public Set<String> meshTopics() {
    return mesh.keySet();
  }

  /** The fanout peers of {@code topic} (live set), created when absent. */
  public Set<PeerId> fanout(String topic) {
    return fanout.computeIfAbsent(topic, t -> new LinkedHashSet<>());
  }

  public Set<PeerId> fanoutPeersOrEmpty(String topic) {
    Set<PeerId> s = fanout.get(topic);
    return s == null ? Set.of() : s;
  }

  public Set<String> fanoutTopics() {
    return fanout.keySet();
  }

  public void published(String topic, long now) {
    lastPublished.put(topic, now);
  }

  /** Drops the fanout state of topics not published to since {@code ttl} before {@code now}. */
  public void expireFanout(long now, long ttl) {
    for (Iterator<Map.Entry<String, Long>> it = lastPublished.entrySet().iterator(); it.hasNext();) {
      Map.Entry<String, Long> e = it.next();
      if (e.getValue() + ttl < now) {
        fanout.remove(e.getKey());
        it.remove();
      }
    }
  }

  /** Removes {@code peer} from every mesh and fanout. */
  public void removePeer(PeerId peer) {
    mesh.values().forEach(s -> s.remove(peer));
    fanout.values().forEach(s -> s.remove(peer));
  }
}
