package io.edvt.networking.eth2;

import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.networking.eth2.edvt.EdvtGossipValidators;
import io.edvt.networking.eth2.topics.GossipTopics;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.GossipValidators;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
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
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * What the gossip router calls for each decompressed message: the topic string picks the fork (by
 * its digest), the SSZ type and the validator; the message is decoded (REJECT if it is not valid
 * SSZ of that type) and validated against the head state at {@code nowMs}. Messages of a digest
 * this network does not use are ignored, as are topics without a validator here (the light-client
 * topics). A validator that throws is a bug of ours, not of the sender: the message is ignored and
 * the error logged.
 *
 * <p>Partial data column messages carry their group id and column index outside the topic
 * message; the router calls {@code GossipValidators.partialDataColumnSidecar} for them directly.
 */
public final class GossipValidation {
  private static final System.Logger LOG = System.getLogger(GossipValidation.class.getName());

  private final ForkDigests digests;
  private final GossipTopics topics;
  private final GossipValidators fulu;
  private final EdvtGossipValidators edvt;

  public GossipValidation(ForkDigests digests, GossipContext context) {
    this.digests = digests;
    this.topics = new GossipTopics(digests);
    this.fulu = new GossipValidators(context);
    this.edvt = new EdvtGossipValidators(context);
  }

  public GossipValidators validators(SpecMilestone milestone) {
    return switch (milestone) {
      case FULU -> fulu;
      case EDVT -> edvt;
    };
  }

  /** Validates one message of {@code topic} (its SSZ bytes, after snappy decompression). */
  public ValidationResult validate(String topic, byte[] ssz, BeaconState head, long nowMs) {
    Optional<GossipTopics.Topic> parsed = GossipTopics.parse(topic);
    if (parsed.isEmpty()) {
      return ValidationResult.ignore("not an eth2 ssz_snappy topic: " + topic);
    }
    GossipTopics.Topic t = parsed.get();
    Optional<ForkDigests.Entry> fork = digests.lookup(t.digest());
    if (fork.isEmpty()) {
      return ValidationResult.ignore("unknown fork digest " + t.digest());
    }
    SpecMilestone milestone = fork.get().milestone();
    Optional<SszType<?>> type = topics.messageType(milestone, t.name());
    if (type.isEmpty()) {
      return ValidationResult.ignore("no topic '" + t.name() + "' in " + milestone.forkName());
    }
    Object message;
    try {
      message = type.get().deserialize(ssz);
    } catch (SszDeserializationException e) {
      return ValidationResult.reject("invalid SSZ: " + e.getMessage());
    }
    try {
      return dispatch(validators(milestone), t, message, head, nowMs);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "validating a message of " + topic + " failed", e);
      return ValidationResult.ignore("validation error: " + e);
    }
  }

  private static ValidationResult dispatch(GossipValidators v, GossipTopics.Topic t, Object m, BeaconState head, long now) {
    long subnet = t.subnet().orElse(-1);
    return switch (t.name()) {
      case GossipTopics.BEACON_BLOCK -> v.beaconBlock.validate(head, (SignedBeaconBlock) m, now);
      case GossipTopics.BEACON_AGGREGATE_AND_PROOF -> v.aggregateAndProof.validate(head, (SignedAggregateAndProof) m, now);
      case "beacon_attestation" -> v.attestation.validate(head, (SingleAttestation) m, subnet, now);
      case GossipTopics.VOLUNTARY_EXIT -> v.voluntaryExit.validate(head, (SignedVoluntaryExit) m);
      case GossipTopics.PROPOSER_SLASHING -> v.proposerSlashing.validate(head, (ProposerSlashing) m);
      case GossipTopics.ATTESTER_SLASHING -> v.attesterSlashing.validate(head, (AttesterSlashing) m);
      case GossipTopics.BLS_TO_EXECUTION_CHANGE -> v.blsToExecutionChange.validate(head, (SignedBLSToExecutionChange) m, now);
      case "sync_committee" -> v.syncCommitteeMessage.validate(head, (SyncCommitteeMessage) m, subnet, now);
      case GossipTopics.SYNC_COMMITTEE_CONTRIBUTION_AND_PROOF ->
          v.syncContribution.validate(head, (SignedContributionAndProof) m, now);
      case "data_column_sidecar" -> v.dataColumnSidecar.validate(head, (DataColumnSidecar) m, subnet, now);
      default -> v instanceof EdvtGossipValidators e ? edvt(e, t.name(), m, head, now)
          : ValidationResult.ignore("no validator for topic '" + t.name() + "'");
    };
  }

  private static ValidationResult edvt(EdvtGossipValidators e, String name, Object m, BeaconState head, long now) {
    return switch (name) {
      case GossipTopics.GROUP_REGISTRATION -> e.groupRegistration.validate(head, (SignedGroupRegistration) m);
      case GossipTopics.GROUP_KEY_CHANGE -> e.groupKeyChange.validate(head, (SignedGroupKeyChange) m);
      case GossipTopics.GROUP_BLOCK_PROPOSAL -> e.groupBlockProposal.validate(head, (GroupBlockProposal) m, now);
      case GossipTopics.GROUP_BLOCK_SIGNOFF -> e.groupBlockSignoff.validate(head, (GroupBlockSignoff) m, now);
      case GossipTopics.GROUP_EXIT_SIGNATURE -> e.groupExitSignature.validate(head, (GroupExitSignature) m);
      case GossipTopics.GROUP_KEY_CHANGE_SIGNATURE -> e.groupKeyChangeSignature.validate(head, (GroupKeyChangeSignature) m);
      default -> ValidationResult.ignore("no validator for topic '" + name + "'");
    };
  }
}
