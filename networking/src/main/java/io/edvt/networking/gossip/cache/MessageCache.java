package io.edvt.networking.gossip.cache;

import io.edvt.networking.gossip.MessageId;
import io.edvt.networking.gossip.codec.Rpc;
import io.edvt.networking.transport.crypto.PeerId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gossipsub message cache ({@code mcache}): the validated messages of the last
 * {@code historyLength} heartbeats, served to IWANT requests; the ids of the last
 * {@code gossipLength} heartbeats are advertised in IHAVE. It also counts, per message and peer, how
 * often we answered an IWANT, so that a peer cannot make us resend a message without end.
 */
public final class MessageCache {
  private final int historyLength;
  private final int gossipLength;
  private final Map<MessageId, Entry> messages = new HashMap<>();
  private final Deque<List<Window>> windows = new ArrayDeque<>();

  private record Window(MessageId id, String topic) {}

  private static final class Entry {
    final Rpc.Message message;
    final Map<PeerId, Integer> iwantCounts = new LinkedHashMap<>();

    Entry(Rpc.Message message) {
      this.message = message;
    }
  }

  public MessageCache(int historyLength, int gossipLength) {
    if (gossipLength < 1 || historyLength < gossipLength) {
      throw new IllegalArgumentException("need 1 <= gossip windows (" + gossipLength + ") <= history windows ("
          + historyLength + ")");
    }
    this.historyLength = historyLength;
    this.gossipLength = gossipLength;
    windows.addFirst(new ArrayList<>());
  }

  /** Adds a validated message to the current window; false if it is cached already. */
  public boolean put(MessageId id, Rpc.Message message) {
    if (messages.putIfAbsent(id, new Entry(message)) != null) {
      return false;
    }
    windows.getFirst().add(new Window(id, message.topic()));
    return true;
  }

  public Rpc.Message get(MessageId id) {
    Entry e = messages.get(id);
    return e == null ? null : e.message;
  }

  /**
   * The message for an IWANT of {@code peer}, or null when we do not have it or have sent it to
   * that peer {@code maxTransmissions} times already.
   */
  public Rpc.Message getForPeer(MessageId id, PeerId peer, int maxTransmissions) {
    Entry e = messages.get(id);
    if (e == null) {
      return null;
    }
    int n = e.iwantCounts.merge(peer, 1, Integer::sum);
    return n > maxTransmissions ? null : e.message;
  }

  /** Ids of the gossip windows for {@code topic}, newest first. */
  public List<MessageId> gossipIds(String topic) {
    List<MessageId> out = new ArrayList<>();
    int k = 0;
    for (List<Window> w : windows) {
      if (k++ >= gossipLength) {
        break;
      }
      for (Window e : w) {
        if (e.topic().equals(topic)) {
          out.add(e.id());
        }
      }
    }
    return out;
  }

  /** Starts a new window (every heartbeat); messages older than the history fall out. */
  public void shift() {
    windows.addFirst(new ArrayList<>());
    while (windows.size() > historyLength) {
      for (Window e : windows.removeLast()) {
        messages.remove(e.id());
      }
    }
  }

  public int size() {
    return messages.size();
  }
}
