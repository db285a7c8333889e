package io.edvt.node.network;

import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.topics.GossipTopics;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.SpecMilestone;
import java.io.IOException;
import java.util.Optional;
import org.xerial.snappy.Snappy;

/**
 * Turning a gossip message into its SSZ value: snappy block decompression (bounded by
 * {@code MAX_PAYLOAD_SIZE}), the milestone from the topic's digest and the type from the topic's
 * name. Also the mapping of the eth2 verdict onto gossipsub's.
 */
public final class GossipPayloads {
  /** A decoded message, or why it could not be decoded (IGNORE for a topic we do not know, REJECT for bad bytes). */
  public record Decoded(SpecMilestone milestone, GossipTopics.Topic topic, byte[] ssz, Object value, ValidationResult failure) {}

  private static final int MAX_PAYLOAD_SIZE = 10 << 20;

  private final ForkDigests digests;
  private final GossipTopics topics;

  public GossipPayloads(ForkDigests digests) {
    this.digests = digests;
    this.topics = new GossipTopics(digests);
  }

  public Decoded decode(String topic, byte[] data) {
    Optional<GossipTopics.Topic> t = GossipTopics.parse(topic);
    if (t.isEmpty()) {
      return failed(ValidationResult.ignore("not an eth2 topic: " + topic));
    }
    Optional<ForkDigests.Entry> fork = digests.lookup(t.get().digest());
    if (fork.isEmpty()) {
      return failed(ValidationResult.ignore("unknown fork digest " + t.get().digest()));
    }
    SpecMilestone milestone = fork.get().milestone();
    Optional<SszType<?>> type = topics.messageType(milestone, t.get().name());
    if (type.isEmpty()) {
      return failed(ValidationResult.ignore("no topic " + t.get().name() + " in " + milestone.forkName()));
    }
    byte[] ssz;
    try {
      int n = Snappy.uncompressedLength(data);
      if (n < 0 || n > MAX_PAYLOAD_SIZE) {
        return failed(ValidationResult.reject("snappy length " + n + " is over MAX_PAYLOAD_SIZE"));
      }
      ssz = Snappy.uncompress(data);
    } catch (IOException e) {
      return failed(ValidationResult.reject("not snappy block data: " + e.getMessage()));
    }
    try {
      return new Decoded(milestone, t.get(), ssz, type.get().deserialize(ssz), null);
    } catch (SszDeserializationException e) {
      return failed(ValidationResult.reject("invalid SSZ: " + e.getMessage()));
    }
  }

  private static Decoded failed(ValidationResult r) {
    return new Decoded(null, null, null, null, r);
  }

  /** Snappy block compression of {@code ssz}, as gossip carries it. */
  public static byte[] compress(byte[] ssz) {
    try {
      return Snappy.compress(ssz);
    } catch (IOException e) {
      throw new IllegalStateException("snappy compression failed", e);
    }
  }

  /** The eth2 verdict as gossipsub's. */
  public static io.edvt.networking.gossip.ValidationResult toGossip(ValidationResult r) {
    return switch (r) {
      case ValidationResult.Accept a -> io.edvt.networking.gossip.ValidationResult.ACCEPT;
      case ValidationResult.Ignore i -> io.edvt.networking.gossip.ValidationResult.IGNORE;
      case ValidationResult.Reject j -> io.edvt.networking.gossip.ValidationResult.REJECT;
    };
  }
}
