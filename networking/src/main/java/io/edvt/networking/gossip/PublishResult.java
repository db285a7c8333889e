package io.edvt.networking.gossip;

/**
 * What a publish did.
 *
 * @param id the message's id
 * @param recipients peers the message was sent to (0: none subscribed, or all below the publish threshold)
 */
public record PublishResult(MessageId id, int recipients) {}
