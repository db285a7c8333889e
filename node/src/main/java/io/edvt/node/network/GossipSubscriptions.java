package io.edvt.node.network;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.topics.GossipTopics;
import io.edvt.networking.gossip.Gossip;
import io.edvt.networking.gossip.TopicValidator;
import io.edvt.networking.gossip.ValidationResult;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the node's gossip subscriptions equal to {@link GossipTopicSchedule}'s topics for the
 * current epoch: called at start and at every slot, it joins the topics that are due (with their
 * validator: blocks to {@link GossipBlockHandler}, everything else to
 * {@link GossipOperationHandler}; each verdict told to {@link GossipVerdicts}) and leaves those
 * that are over. The work is in the validators;
 * the subscription's own handler has nothing left to do.
 */
public final class GossipSubscriptions {
  private static final System.Logger LOG = System.getLogger(GossipSubscriptions.class.getName());

  private final Gossip gossip;
  private final GossipTopicSchedule schedule;
  private final TopicValidator blocks;
  private final TopicValidator operations;
  private final GossipVerdicts verdicts;
  private final Set<String> subscribed = new LinkedHashSet<>();

  public GossipSubscriptions(Gossip gossip, GossipTopicSchedule schedule, TopicValidator blocks, TopicValidator operations,
      GossipVerdicts verdicts) {
    this.gossip = gossip;
    this.schedule = schedule;
    this.blocks = blocks;
    this.operations = operations;
    this.verdicts = verdicts;
  }

  /** Joins and leaves topics for {@code epoch}; completes when the router has applied every change. */
  public synchronized CompletableFuture<Void> update(UInt64 epoch) {
    Set<String> wanted = schedule.topicsAt(epoch);
    CompletableFuture<?>[] changes = new CompletableFuture<?>[0];
    java.util.List<CompletableFuture<?>> list = new java.util.ArrayList<>();
    for (String topic : wanted) {
      if (subscribed.add(topic)) {
        String name = GossipTopics.parse(topic).map(t -> t.name()).orElse(topic);
        list.add(gossip.setValidator(topic, counted(name, name.equals(GossipTopics.BEACON_BLOCK) ? blocks : operations)));
        list.add(gossip.subscribe(topic, m -> {}));
      }
    }
    for (String topic : Set.copyOf(subscribed)) {
      if (!wanted.contains(topic)) {
        subscribed.remove(topic);
        list.add(gossip.unsubscribe(topic));
        LOG.log(System.Logger.Level.DEBUG, "left {0}", topic);
      }
    }
    return CompletableFuture.allOf(list.toArray(changes));
  }

  /** {@code validator} with each verdict told to {@link #verdicts}; a failed validation is an IGNORE, as the router takes it. */
  private TopicValidator counted(String topicName, TopicValidator validator) {
    return message -> validator.validate(message).whenComplete((result, failure) ->
        verdicts.validated(topicName, failure == null ? result : ValidationResult.IGNORE));
  }

  /** The topics subscribed now. */
  public synchronized Set<String> topics() {
    return Set.copyOf(subscribed);
  }
}
