package io.edvt.node.wiring;

import io.edvt.networking.eth2.edvt.EdvtRules;
import io.edvt.networking.eth2.edvt.GroupExitSignatureValidator;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.SeenCaches;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.node.api.SubmitResult;
import io.edvt.node.network.GossipPublisher;
import io.edvt.node.validator.group.GroupExits;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Group exits in the beacon node: the {@link GroupExits} collector with its outputs wired (our
 * members' signatures onto {@code group_exit_signature}; an assembled exit into the operation pool
 * through the pool's own check, {@code process_voluntary_exit} on the head, and onto
 * {@code voluntary_exit}), and member signatures submitted through the API
 * ({@code POST /edvt/v1/beacon/pool/group_exit_signatures}) checked by networking's
 * {@code validate_group_exit_signature_gossip}, the rule gossip applies, before they are
 * collected and published.
 */
final class GroupExitIntake {
  private static final System.Logger LOG = System.getLogger(GroupExitIntake.class.getName());

  private final GroupExits exits;
  private final GroupExitSignatureValidator validator;
  private final Supplier<BeaconState> head;
  private final Optional<GossipPublisher> gossip;

  /**
   * @param pool submits an assembled exit to the voluntary exit pool; the refusal's reason or empty
   */
  GroupExitIntake(SpecVersions versions, Bytes32 genesisValidatorsRoot, Supplier<BeaconState> head,
      Optional<GossipPublisher> gossip, Function<SignedVoluntaryExit, SubmitResult> pool) {
    this.head = head;
    this.gossip = gossip;
    // the rule reads only the state and its own seen-cache: no store is consulted
    GossipContext context = new GossipContext(versions, StateOnlyChainView.INSTANCE, new SeenCaches());
    this.validator = new GroupExitSignatureValidator(context, new EdvtRules(context));
    this.exits = new GroupExits(versions, genesisValidatorsRoot, new GroupExits.Outputs() {
      @Override
      public void signature(GroupExitSignature signature) {
        publish(signature);
      }

      @Override
      public void exit(SignedVoluntaryExit exit) {
        if (pool.apply(exit) instanceof SubmitResult.Rejected rejected) {
          LOG.log(System.Logger.Level.WARNING, "The assembled exit of validator {0} is not valid on the head: {1}",
              exit.message().validatorIndex(), rejected.reason());
          return;
        }
        gossip.ifPresent(g -> g.publishVoluntaryExit(exit, head.get().slot()));
      }
    });
  }

  GroupExits exits() {
    return exits;
  }

  /** A member signature from the API: checked as gossip would check it, then collected and published. */
  SubmitResult submit(GroupExitSignature signature) {
    BeaconState state = head.get();
    ValidationResult r = validator.validate(state, signature);
    switch (r) {
      case ValidationResult.Reject reject -> {
        return SubmitResult.rejected(reject.reason());
      }
      case ValidationResult.Ignore ignore -> {
        return SubmitResult.rejected(ignore.reason());
      }
      default -> {}
    }
    publish(signature);
    exits.onSignature(signature, state);
    return SubmitResult.accepted();
  }

  private void publish(GroupExitSignature signature) {
    gossip.ifPresent(g -> g.publishGroupExitSignature(signature, head.get().slot()).whenComplete((r, e) -> {
      if (e != null) {
        LOG.log(System.Logger.Level.DEBUG, "publishing a group exit signature failed: {0}", e.toString());
      }
    }));
  }
}
