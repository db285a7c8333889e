package io.edvt.node.network;

import io.edvt.networking.eth2.GossipValidation;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.networking.gossip.GossipMessage;
import io.edvt.networking.gossip.TopicValidator;
import io.edvt.networking.peers.PeerAction;
import io.edvt.networking.peers.PeerReports;
import io.edvt.node.chain.BlockImporter;
import io.edvt.node.chain.BlockSource;
import io.edvt.node.chain.ImportResult;
import io.edvt.node.time.SlotClock;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code beacon_block} messages: decoded, checked with networking's gossip rules against the head
 * state, then imported; the verdict comes from the import. Imported is ACCEPT; already known,
 * deferred or waiting for its parent is IGNORE; invalid (consensus or execution) is REJECT and the
 * sender is reported. A block whose parent we have not seen skips the gossip rules (they need the
 * parent's state) and goes to the importer's pending pool, and its missing ancestor is handed to
 * {@code unknownParent} (sync fetches it by root); it is not relayed.
 */
public final class GossipBlockHandler implements TopicValidator {
  private static final System.Logger LOG = System.getLogger(GossipBlockHandler.class.getName());

  private final GossipPayloads payloads;
  private final GossipValidation validation;
  private final ForkChoiceChainView view;
  private final BlockImporter importer;
  private final SlotClock clock;
  private final PeerReports reports;
  private final Executor workers;
  private volatile Consumer<Bytes32> unknownParent = root -> {};

  public GossipBlockHandler(GossipPayloads payloads, GossipValidation validation, ForkChoiceChainView view,
      BlockImporter importer, SlotClock clock, PeerReports reports, Executor workers) {
    this.payloads = payloads;
    this.validation = validation;
    this.view = view;
    this.importer = importer;
    this.clock = clock;
    this.reports = reports;
    this.workers = workers;
  }

  /** Where the roots of missing parents go (sync's by-root fetcher). */
  public void onUnknownParent(Consumer<Bytes32> listener) {
    this.unknownParent = listener;
  }

  @Override
  public CompletableFuture<io.edvt.networking.gossip.ValidationResult> validate(GossipMessage message) {
    return CompletableFuture.supplyAsync(() -> check(message), workers)
        .thenCompose(f -> f)
        .thenApply(r -> {
          if (r instanceof ValidationResult.Reject reject) {
            reports.report(message.from(), PeerAction.LOW_TOLERANCE, "gossip block: " + reject.reason());
          }
          LOG.log(System.Logger.Level.DEBUG, "gossip block from {0}: {1}", message.from(), r);
          return GossipPayloads.toGossip(r);
        });
  }

  private CompletableFuture<ValidationResult> check(GossipMessage message) {
    GossipPayloads.Decoded d = payloads.decode(message.topic(), message.data());
    if (d.failure() != null) {
      return CompletableFuture.completedFuture(d.failure());
    }
    SignedBeaconBlock block = (SignedBeaconBlock) d.value();
    if (view.block(block.message().parentRoot()).isEmpty()) {
      return importer.importBlock(block, BlockSource.GOSSIP).thenApply(this::verdict);
    }
    ValidationResult rules = validation.validators(d.milestone()).beaconBlock.validate(view.headState(), block,
        clock.nowMillis());
    if (!(rules instanceof ValidationResult.Accept)) {
      return CompletableFuture.completedFuture(rules);
    }
    return importer.importBlock(block, BlockSource.GOSSIP).thenApply(this::verdict);
  }

  private ValidationResult verdict(ImportResult result) {
    return switch (result) {
      case ImportResult.Imported i -> ValidationResult.ACCEPT;
      case ImportResult.AlreadyKnown k -> ValidationResult.ignore("block already known");
      case ImportResult.UnknownParent u -> {
        unknownParent.accept(u.missingRoot());
        yield ValidationResult.ignore("block's parent has not been seen (fetching " + u.missingRoot() + ")");
      }
      case ImportResult.Invalid i -> ValidationResult.reject(i.rule() + ": " + i.reason());
      case ImportResult.ExecutionInvalid e -> ValidationResult.reject("execution payload invalid: " + e.reason());
      case ImportResult.Deferred d -> ValidationResult.ignore("deferred: " + d.reason());
      // valid, its columns still coming: relayed (block validity does not wait for its data)
      case ImportResult.AwaitingColumns a -> ValidationResult.ACCEPT;
    };
  }
}
