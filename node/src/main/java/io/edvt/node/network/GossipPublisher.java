package io.edvt.node.network;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.networking.eth2.topics.GossipTopics;
import io.edvt.networking.gossip.Gossip;
import io.edvt.networking.gossip.PublishResult;
import io.edvt.node.chain.BlockImporter;
import io.edvt.node.chain.ImportResult;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import java.util.concurrent.CompletableFuture;

/**
 * What the node itself sends on gossip (the validator client's blocks and attestations): each
 * message on the topic of the fork of its slot. A block is imported first and published only if
 * the import took it (our own invalid block must not reach peers).
 */
public final class GossipPublisher {
  private final Gossip gossip;
  private final ForkDigests digests;
  private final BlockImporter importer;

  public GossipPublisher(Gossip gossip, ForkDigests digests, BlockImporter importer) {
    this.gossip = gossip;
    this.digests = digests;
    this.importer = importer;
  }

  /** Imports {@code block}, then publishes it if it was imported (or was already); completes with the import result. */
  public CompletableFuture<ImportResult> publishBlock(SignedBeaconBlock block) {
    return importer.importBlock(block).thenCompose(result -> switch (result) {
      case ImportResult.Imported i -> publish(block.message().slot(), GossipTopics.BEACON_BLOCK, block.serialize())
          .thenApply(p -> result);
      case ImportResult.AlreadyKnown k -> publish(block.message().slot(), GossipTopics.BEACON_BLOCK, block.serialize())
          .thenApply(p -> result);
      default -> CompletableFuture.completedFuture(result);
    });
  }

  /** Publishes an attestation on {@code beacon_attestation_{subnet}}. */
  public CompletableFuture<PublishResult> publishAttestation(SingleAttestation attestation, int subnet) {
    return publish(attestation.data().slot(), GossipTopics.BEACON_ATTESTATION_PREFIX + subnet, attestation.serialize());
  }

  /** Publishes an aggregate on {@code beacon_aggregate_and_proof}. */
  public CompletableFuture<PublishResult> publishAggregate(SignedAggregateAndProof aggregate) {
    return publish(aggregate.message().aggregate().data().slot(), GossipTopics.BEACON_AGGREGATE_AND_PROOF,
        aggregate.serialize());
  }

  private CompletableFuture<PublishResult> publish(UInt64 slot, String name, byte[] ssz) {
    String topic = GossipTopics.topic(digests.digestAtSlot(slot), name);
    return gossip.publish(topic, GossipPayloads.compress(ssz));
  }
}
