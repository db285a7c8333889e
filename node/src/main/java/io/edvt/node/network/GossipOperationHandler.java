package io.edvt.node.network;

import io.edvt.networking.eth2.GossipValidation;
import io.edvt.networking.eth2.topics.GossipTopics;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.networking.gossip.GossipMessage;
import io.edvt.networking.gossip.TopicValidator;
import io.edvt.networking.peers.PeerAction;
import io.edvt.networking.peers.PeerReports;
import io.edvt.node.chain.AttestationIntake;
import io.edvt.node.chain.OperationPool;
import io.edvt.node.chain.SyncCommitteeIntake;
import io.edvt.node.storage.DataColumnStore;
import io.edvt.node.time.SlotClock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Every topic but the block's: the message goes through networking's {@link GossipValidation}
 * against the head state; an accepted one goes where it belongs: aggregates and single
 * attestations to the {@link AttestationIntake} (the attestation pool and fork choice; a single one
 * turned into an attestation of its committee first), exits, slashings, BLS changes and EDVT's
 * group registrations and key changes to the operation pool, sync committee messages and
 * contributions to the {@link SyncCommitteeIntake} (the sync committee pool), group proposals,
 * sign-offs and member signatures over exits and key changes to the {@link GroupMessages} sink (the node's group proposer). Data column sidecars go to the
 * {@link DataColumnStore}. A REJECT is reported against the sender.
 */
public final class GossipOperationHandler implements TopicValidator {
  private final GossipPayloads payloads;
  private final GossipValidation validation;
  private final ForkChoiceChainView view;
  private final AttestationIntake attestations;
  private final OperationPool operations;
  private final SyncCommitteeIntake syncCommittee;
  private final SlotClock clock;
  private final PeerReports reports;
  private final Executor workers;
  private final DataColumnStore dataColumns;
  private volatile GroupMessages groupMessages = GroupMessages.NONE;

  public GossipOperationHandler(GossipPayloads payloads, GossipValidation validation, ForkChoiceChainView view, AttestationIntake attestations,
      OperationPool operations, SyncCommitteeIntake syncCommittee, SlotClock clock, PeerReports reports, Executor workers,
      DataColumnStore dataColumns) {
    this.dataColumns = dataColumns;
    this.payloads = payloads;
    this.syncCommittee = syncCommittee;
    this.validation = validation;
    this.view = view;
    this.attestations = attestations;
    this.operations = operations;
    this.clock = clock;
    this.reports = reports;
    this.workers = workers;
  }

  /** Accepted group proposals and sign-offs go to {@code sink} from now on. */
  public void onGroupMessages(GroupMessages sink) {
    this.groupMessages = sink;
  }

  @Override
  public CompletableFuture<io.edvt.networking.gossip.ValidationResult> validate(GossipMessage message) {
    return CompletableFuture.supplyAsync(() -> check(message), workers).thenApply(r -> {
      if (r instanceof ValidationResult.Reject reject) {
        reports.report(message.from(), PeerAction.LOW_TOLERANCE, message.topic() + ": " + reject.reason());
      }
      return GossipPayloads.toGossip(r);
    });
  }

  private ValidationResult check(GossipMessage message) {
    GossipPayloads.Decoded d = payloads.decode(message.topic(), message.data());
    if (d.failure() != null) {
      return d.failure();
    }
    BeaconState head = view.headState();
    long now = clock.nowMillis();
    ValidationResult r = validation.validate(message.topic(), d.ssz(), head, now);
    if (r instanceof ValidationResult.Accept) {
      pool(d.topic(), d.value(), head, now);
    }
    return r;
  }

  private void pool(GossipTopics.Topic topic, Object m, BeaconState head, long receivedAtMillis) {
    String name = topic.name();
    if (m instanceof SingleAttestation single) {
      attestations.onSingleAttestation(single, head);
      return;
    }
    if (m instanceof DataColumnSidecar sidecar) {
      dataColumns.put(sidecar);
      return;
    }
    if (m instanceof SyncCommitteeMessage message) {
      syncCommittee.onMessage(message, (int) topic.subnet().orElseThrow(), head);
      return;
    }
    switch (name) {
      case GossipTopics.BEACON_AGGREGATE_AND_PROOF -> attestations.onAttestation(((SignedAggregateAndProof) m).message().aggregate());
      case GossipTopics.VOLUNTARY_EXIT -> operations.addVoluntaryExit((SignedVoluntaryExit) m);
      case GossipTopics.PROPOSER_SLASHING -> operations.addProposerSlashing((ProposerSlashing) m);
      case GossipTopics.ATTESTER_SLASHING -> operations.addAttesterSlashing((AttesterSlashing) m);
      case GossipTopics.BLS_TO_EXECUTION_CHANGE -> operations.addBlsToExecutionChange((SignedBLSToExecutionChange) m);
      case GossipTopics.SYNC_COMMITTEE_CONTRIBUTION_AND_PROOF ->
          syncCommittee.onContribution(((SignedContributionAndProof) m).message().contribution());
      case GossipTopics.GROUP_REGISTRATION -> operations.addGroupRegistration((SignedGroupRegistration) m);
      case GossipTopics.GROUP_KEY_CHANGE -> operations.addGroupKeyChange((SignedGroupKeyChange) m);
      case GossipTopics.GROUP_BLOCK_PROPOSAL -> groupMessages.proposal((GroupBlockProposal) m, receivedAtMillis);
      case GossipTopics.GROUP_BLOCK_SIGNOFF -> groupMessages.signoff((GroupBlockSignoff) m);
      case GossipTopics.GROUP_EXIT_SIGNATURE -> groupMessages.exitSignature((GroupExitSignature) m, head);
      case GossipTopics.GROUP_KEY_CHANGE_SIGNATURE -> groupMessages.keyChangeSignature((GroupKeyChangeSignature) m, head);
      default -> {}
    }
  }
}
