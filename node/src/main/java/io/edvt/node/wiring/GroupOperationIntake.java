package io.edvt.node.wiring;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.edvt.EdvtRules;
import io.edvt.networking.eth2.edvt.GroupExitSignatureValidator;
import io.edvt.networking.eth2.edvt.GroupKeyChangeSignatureValidator;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.SeenCaches;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.networking.gossip.PublishResult;
import io.edvt.node.api.SubmitResult;
import io.edvt.node.network.GossipPublisher;
import io.edvt.node.validator.group.GroupExits;
import io.edvt.node.validator.group.GroupKeyChanges;
import io.edvt.node.validator.group.GroupSignatureCollector;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.tuweni.bytes.Bytes32;

/**
 * One group-signed operation in the beacon node (exits: {@link #exits}; key changes:
 * {@link #keyChanges}): its {@link GroupSignatureCollector} with the outputs wired (our members'
 * signatures onto the operation's signature topic; an assembled operation into the operation pool
 * through the pool's own check, the {@code process_*} rule on the head, and onto the operation's
 * topic), and member signatures submitted through the API checked by networking's rule for the
 * signature topic before they are collected and published.
 *
 * @param <S> the member signature container
 * @param <M> the signed message
 * @param <O> the assembled operation
 */
final class GroupOperationIntake<S extends SszContainer, M extends SszContainer, O> {
  private static final System.Logger LOG = System.getLogger(GroupOperationIntake.class.getName());

  /** How the operation's messages go out on gossip, under the fork of {@code slot}. */
  interface Publishing<S, O> {
    CompletableFuture<PublishResult> signature(GossipPublisher gossip, S signature, UInt64 slot);

    CompletableFuture<PublishResult> operation(GossipPublisher gossip, O operation, UInt64 slot);
  }

  private final String name;
  private final GroupSignatureCollector<S, M, O> collector;
  private final BiFunction<BeaconState, S, ValidationResult> rule;
  private final Supplier<BeaconState> head;
  private final Optional<GossipPublisher> gossip;
  private final Publishing<S, O> publishing;

  private GroupOperationIntake(String name, Supplier<BeaconState> head, Optional<GossipPublisher> gossip,
      BiFunction<BeaconState, S, ValidationResult> rule, Function<O, SubmitResult> pool, Publishing<S, O> publishing,
      Function<GroupSignatureCollector.Outputs<S, O>, GroupSignatureCollector<S, M, O>> collector) {
    this.name = name;
    this.head = head;
    this.gossip = gossip;
    this.rule = rule;
    this.publishing = publishing;
    this.collector = collector.apply(new GroupSignatureCollector.Outputs<>() {
      @Override
      public void signature(S signature) {
        publish(signature);
      }

      @Override
      public void assembled(O operation) {
        if (pool.apply(operation) instanceof SubmitResult.Rejected rejected) {
          LOG.log(System.Logger.Level.WARNING, "An assembled group {0} is not valid on the head: {1}", name, rejected.reason());
          return;
        }
        gossip.ifPresent(g -> publishing.operation(g, operation, head.get().slot()));
      }
    });
  }

  /**
   * Group exits: {@code group_exit_signature} checked by {@code validate_group_exit_signature_gossip},
   * assembled exits into {@code exitPool} and onto {@code voluntary_exit}.
   */
  static GroupOperationIntake<GroupExitSignature, VoluntaryExit, SignedVoluntaryExit> exits(SpecVersions versions,
      Bytes32 genesisValidatorsRoot, Supplier<BeaconState> head, Optional<GossipPublisher> gossip,
      Function<SignedVoluntaryExit, SubmitResult> exitPool) {
    GossipContext context = context(versions);
    GroupExitSignatureValidator validator = new GroupExitSignatureValidator(context, new EdvtRules(context));
    return new GroupOperationIntake<>("exit", head, gossip, validator::validate, exitPool, new Publishing<>() {
      @Override
      public CompletableFuture<PublishResult> signature(GossipPublisher g, GroupExitSignature signature, UInt64 slot) {
        return g.publishGroupExitSignature(signature, slot);
      }

      @Override
      public CompletableFuture<PublishResult> operation(GossipPublisher g, SignedVoluntaryExit exit, UInt64 slot) {
        return g.publishVoluntaryExit(exit, slot);
      }
    }, outputs -> GroupExits.collector(versions, genesisValidatorsRoot, outputs));
  }

  /**
   * Group key changes: {@code group_key_change_signature} checked by
   * {@code validate_group_key_change_signature_gossip}, assembled changes into {@code keyChangePool}
   * and onto {@code group_key_change}.
   */
  static GroupOperationIntake<GroupKeyChangeSignature, GroupKeyChange, SignedGroupKeyChange> keyChanges(
      SpecVersions versions, Bytes32 genesisValidatorsRoot, Supplier<BeaconState> head, Optional<GossipPublisher> gossip,
      Function<SignedGroupKeyChange, SubmitResult> keyChangePool) {
    GossipContext context = context(versions);
    GroupKeyChangeSignatureValidator validator = new GroupKeyChangeSignatureValidator(context, new EdvtRules(context));
    return new GroupOperationIntake<>("key change", head, gossip, validator::validate, keyChangePool, new Publishing<>() {
      @Override
      public CompletableFuture<PublishResult> signature(GossipPublisher g, GroupKeyChangeSignature signature, UInt64 slot) {
        return g.publishGroupKeyChangeSignature(signature, slot);
      }

      @Override
      public CompletableFuture<PublishResult> operation(GossipPublisher g, SignedGroupKeyChange change, UInt64 slot) {
        return g.publishGroupKeyChange(change, slot);
      }
    }, outputs -> GroupKeyChanges.collector(versions, genesisValidatorsRoot, outputs));
  }

  // the signature rules read only the state and their own seen-caches: no store is consulted
  private static GossipContext context(SpecVersions versions) {
    return new GossipContext(versions, StateOnlyChainView.INSTANCE, new SeenCaches());
  }

  GroupSignatureCollector<S, M, O> collector() {
    return collector;
  }

  /** A member signature from the API: checked as gossip would check it, then collected and published. */
  SubmitResult submit(S signature) {
    BeaconState state = head.get();
    switch (rule.apply(state, signature)) {
      case ValidationResult.Reject reject -> {
        return SubmitResult.rejected(reject.reason());
      }
      case ValidationResult.Ignore ignore -> {
        return SubmitResult.rejected(ignore.reason());
      }
      default -> {}
    }
    publish(signature);
    collector.onSignature(signature, state);
    return SubmitResult.accepted();
  }

  private void publish(S signature) {
    gossip.ifPresent(g -> publishing.signature(g, signature, head.get().slot()).whenComplete((r, e) -> {
      if (e != null) {
        LOG.log(System.Logger.Level.DEBUG, "publishing a group {0} signature failed: {1}", name, e.toString());
      }
    }));
  }
}
