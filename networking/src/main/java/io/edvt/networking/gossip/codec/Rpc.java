package io.edvt.networking.gossip.codec;

import java.util.Arrays;
import java.util.List;

/**
 * The gossipsub RPC ({@code rpc.proto} of the libp2p pubsub spec, with the v1.1 PRUNE backoff and
 * peer exchange and the v1.2 IDONTWANT): what one length-prefixed frame carries. Absent optional
 * fields are null; lists are never null. Byte arrays are not copied: do not change them.
 */
public record Rpc(List<SubOpts> subscriptions, List<Message> messages, Control control) {
  public Rpc {
    subscriptions = List.copyOf(subscriptions);
    messages = List.copyOf(messages);
  }

  public static Rpc ofMessages(List<Message> messages) {
    return new Rpc(List.of(), messages, null);
  }

  public static Rpc ofControl(Control control) {
    return new Rpc(List.of(), List.of(), control);
  }

  public boolean isEmpty() {
    return subscriptions.isEmpty() && messages.isEmpty() && (control == null || control.isEmpty());
  }

  /** {@code SubOpts}: subscribe (true) or unsubscribe to a topic. */
  public record SubOpts(boolean subscribe, String topic) {}

  /**
   * {@code Message}. Under StrictNoSign only {@code data} and {@code topic} may be present; the
   * others are kept so that the router can reject messages that carry them.
   */
  public record Message(byte[] from, byte[] data, byte[] seqno, String topic, byte[] signature, byte[] key) {
    /** An unsigned (StrictNoSign) message. */
    public static Message unsigned(String topic, byte[] data) {
      return new Message(null, data, null, topic, null, null);
    }

    /** Whether a field that StrictNoSign forbids is present. */
    public boolean hasAuthorFields() {
      return from != null || seqno != null || signature != null || key != null;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Message m && Arrays.equals(from, m.from) && Arrays.equals(data, m.data)
          && Arrays.equals(seqno, m.seqno) && java.util.Objects.equals(topic, m.topic)
          && Arrays.equals(signature, m.signature) && Arrays.equals(key, m.key);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(Arrays.hashCode(data), topic);
    }

    @Override
    public String toString() {
      return "Message[topic=" + topic + ", data=" + (data == null ? "null" : data.length + " bytes")
          + (hasAuthorFields() ? ", with author fields" : "") + "]";
    }
  }

  /** {@code ControlMessage}. */
  public record Control(List<IHave> ihave, List<IWant> iwant, List<Graft> graft, List<Prune> prune,
      List<IDontWant> idontwant) {
    public Control {
      ihave = List.copyOf(ihave);
      iwant = List.copyOf(iwant);
      graft = List.copyOf(graft);
      prune = List.copyOf(prune);
      idontwant = List.copyOf(idontwant);
    }

    public static final Control EMPTY = new Control(List.of(), List.of(), List.of(), List.of(), List.of());

    public boolean isEmpty() {
      return ihave.isEmpty() && iwant.isEmpty() && graft.isEmpty() && prune.isEmpty() && idontwant.isEmpty();
    }
  }

  /** {@code ControlIHave}: message ids we have in the topic. */
  public record IHave(String topic, List<byte[]> messageIds) {
    public IHave {
      messageIds = List.copyOf(messageIds);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IHave h && java.util.Objects.equals(topic, h.topic) && sameIds(messageIds, h.messageIds);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(topic, messageIds.size());
    }
  }

  /** {@code ControlIWant}: message ids we ask for. */
  public record IWant(List<byte[]> messageIds) {
    public IWant {
      messageIds = List.copyOf(messageIds);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IWant w && sameIds(messageIds, w.messageIds);
    }

    @Override
    public int hashCode() {
      return messageIds.size();
    }
  }

  /** {@code ControlGraft}. */
  public record Graft(String topic) {}

  /** {@code ControlPrune}: with peer exchange ({@code peers}) and a backoff in seconds (null: absent). */
  public record Prune(String topic, List<PeerInfo> peers, Long backoffSeconds) {
    public Prune {
      peers = List.copyOf(peers);
    }
  }

  /** {@code PeerInfo} of peer exchange: a peer id and optionally its signed peer record. */
  public record PeerInfo(byte[] peerId, byte[] signedPeerRecord) {
    @Override
    public boolean equals(Object o) {
      return o instanceof PeerInfo p && Arrays.equals(peerId, p.peerId) && Arrays.equals(signedPeerRecord, p.signedPeerRecord);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(peerId);
    }

    @Override
    public String toString() {
      return "PeerInfo[" + (peerId == null ? "null" : peerId.length + " bytes") + "]";
    }
  }

  /** {@code ControlIDontWant} (meshsub 1.2.0): do not send me these. */
  public record IDontWant(List<byte[]> messageIds) {
    public IDontWant {
      messageIds = List.copyOf(messageIds);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IDontWant w && sameIds(messageIds, w.messageIds);
    }

    @Override
    public int hashCode() {
      return messageIds.size();
    }
  }

  private static boolean sameIds(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
