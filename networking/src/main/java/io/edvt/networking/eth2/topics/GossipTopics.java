package io.edvt.networking.eth2.topics;

import io.edvt.infrastructure.ssz.SszType;
import io.edvt.networking.eth2.ForkDigests;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.SpecTypes;
import io.edvt.spec.datastructures.operations.SignedBLSToExecutionChange;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tuweni.bytes.Bytes;

/**
 * Gossip topic names, {@code /eth2/<fork digest in hex>/<name>/ssz_snappy}, and the SSZ type each
 * topic carries per milestone: Fulu's global topics, {@code beacon_attestation_{subnet_id}},
 * {@code sync_committee_{subnet_id}} and {@code data_column_sidecar_{subnet_id}}, and EDVT's
 * (EDVT's p2p-interface.md): the Fulu topics with EDVT's containers, plus
 * {@code group_registration}, {@code group_key_change}, {@code group_block_proposal},
 * {@code group_block_signoff}, {@code group_exit_signature} and
 * {@code group_key_change_signature}.
 */
public final class GossipTopics {
  public static final String BEACON_BLOCK = "beacon_block";
  public static final String BEACON_AGGREGATE_AND_PROOF = "beacon_aggregate_and_proof";
  public static final String VOLUNTARY_EXIT = "voluntary_exit";
  public static final String PROPOSER_SLASHING = "proposer_slashing";
  public static final String ATTESTER_SLASHING = "attester_slashing";
  public static final String SYNC_COMMITTEE_CONTRIBUTION_AND_PROOF = "sync_committee_contribution_and_proof";
  public static final String BLS_TO_EXECUTION_CHANGE = "bls_to_execution_change";
  public static final String LIGHT_CLIENT_FINALITY_UPDATE = "light_client_finality_update";
  public static final String LIGHT_CLIENT_OPTIMISTIC_UPDATE = "light_client_optimistic_update";
  public static final String BEACON_ATTESTATION_PREFIX = "beacon_attestation_";
  public static final String SYNC_COMMITTEE_PREFIX = "sync_committee_";
  public static final String DATA_COLUMN_SIDECAR_PREFIX = "data_column_sidecar_";
  public static final String GROUP_REGISTRATION = "group_registration";
  public static final String GROUP_KEY_CHANGE = "group_key_change";
  public static final String GROUP_BLOCK_PROPOSAL = "group_block_proposal";
  public static final String GROUP_BLOCK_SIGNOFF = "group_block_signoff";
  public static final String GROUP_EXIT_SIGNATURE = "group_exit_signature";
  public static final String GROUP_KEY_CHANGE_SIGNATURE = "group_key_change_signature";

  /** The global topics every Fulu node subscribes to. */
  public static final List<String> FULU_GLOBAL = List.of(BEACON_BLOCK, BEACON_AGGREGATE_AND_PROOF, VOLUNTARY_EXIT,
      PROPOSER_SLASHING, ATTESTER_SLASHING, SYNC_COMMITTEE_CONTRIBUTION_AND_PROOF, BLS_TO_EXECUTION_CHANGE,
      LIGHT_CLIENT_FINALITY_UPDATE, LIGHT_CLIENT_OPTIMISTIC_UPDATE);
  /** EDVT's new topics all nodes subscribe to. */
  public static final List<String> EDVT_GLOBAL = List.of(GROUP_REGISTRATION, GROUP_KEY_CHANGE);
  /** EDVT's new topics for nodes running group member keys (advertised by the {@code gmember} ENR field). */
  public static final List<String> EDVT_MEMBER = List.of(GROUP_BLOCK_PROPOSAL, GROUP_BLOCK_SIGNOFF,
      GROUP_EXIT_SIGNATURE, GROUP_KEY_CHANGE_SIGNATURE);
  /** The ENR key of EDVT's member-topic flag: one byte, {@code 0x01} when subscribed. */
  public static final String GMEMBER_ENR_KEY = "gmember";

  private static final Pattern TOPIC = Pattern.compile("/eth2/([0-9a-f]{8})/([a-z_]+?)(?:_(\\d+))?/ssz_snappy");
  private static final Pattern NAME = Pattern.compile("[a-z_]+(_\\d+)?");

  /** A parsed topic: digest, base name (without subnet) and subnet. */
  public record Topic(Bytes digest, String name, OptionalInt subnet) {
    /** The topic's name as it appears in the topic string ({@code beacon_attestation_5}). */
    public String fullName() {
      return subnet.isPresent() ? name + "_" + subnet.getAsInt() : name;
    }
  }

  private final ForkDigests digests;
  private final SpecConfig config;

  public GossipTopics(ForkDigests digests) {
    this.digests = digests;
    this.config = digests.versions().config();
  }

  /** {@code /eth2/<digest>/<name>/ssz_snappy}. */
  public static String topic(Bytes digest, String name) {
    if (digest.size() != 4 || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad topic parts: " + digest + ", " + name);
    }
    return "/eth2/" + ForkDigests.hex(digest) + "/" + name + "/ssz_snappy";
  }

  /** Parses a topic string; empty if it is not an eth2 ssz_snappy topic. */
  public static Optional<Topic> parse(String topic) {
    Matcher m = TOPIC.matcher(topic);
    if (!m.matches()) {
      return Optional.empty();
    }
    Bytes digest = Bytes.fromHexString(m.group(1));
    String base = m.group(2);
    if (m.group(3) == null) {
      return Optional.of(new Topic(digest, base, OptionalInt.empty()));
    }
    try {
      return Optional.of(new Topic(digest, base, OptionalInt.of(Integer.parseInt(m.group(3)))));
    } catch (NumberFormatException e) {
      return Optional.empty(); // more digits than an int holds
    }
  }

  /** Every topic name (subnets expanded) of {@code milestone}, member topics included. */
  public List<String> names(SpecMilestone milestone) {
    List<String> out = new ArrayList<>(FULU_GLOBAL);
    for (int i = 0; i < config.attestationSubnetCount(); i++) {
      out.add(BEACON_ATTESTATION_PREFIX + i);
    }
    for (int i = 0; i < SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT; i++) {
      out.add(SYNC_COMMITTEE_PREFIX + i);
    }
    for (int i = 0; i < config.dataColumnSidecarSubnetCount(); i++) {
      out.add(DATA_COLUMN_SIDECAR_PREFIX + i);
    }
    switch (milestone) {
      case FULU -> {}
      case EDVT -> {
        out.addAll(EDVT_GLOBAL);
        out.addAll(EDVT_MEMBER);
      }
    }
    return out;
  }

  /** Every topic string of the fork in force at {@code epoch}. */
  public List<String> topicsAt(io.edvt.infrastructure.unsigned.UInt64 epoch) {
    Bytes digest = digests.digestAt(epoch);
    return names(digests.versions().milestoneAtEpoch(epoch)).stream().map(n -> topic(digest, n)).toList();
  }

  /**
   * The SSZ type of a topic's messages under {@code milestone} ({@code name} without subnet, e.g.
   * {@code beacon_attestation}); empty for a topic the milestone does not have.
   */
  public Optional<SszType<?>> messageType(SpecMilestone milestone, String name) {
    SchemaDefinitionsFulu s = digests.versions().forMilestone(milestone).schemas();
    SszType<?> fulu = switch (name) {
      case BEACON_BLOCK -> s.signedBeaconBlock();
      case BEACON_AGGREGATE_AND_PROOF -> s.signedAggregateAndProof();
      case VOLUNTARY_EXIT -> s.signedVoluntaryExit();
      case PROPOSER_SLASHING -> s.proposerSlashing();
      case ATTESTER_SLASHING -> s.attesterSlashing();
      case SYNC_COMMITTEE_CONTRIBUTION_AND_PROOF -> s.signedContributionAndProof();
      case BLS_TO_EXECUTION_CHANGE -> SignedBLSToExecutionChange.TYPE;
      case LIGHT_CLIENT_FINALITY_UPDATE -> s.lightClientFinalityUpdate();
      case LIGHT_CLIENT_OPTIMISTIC_UPDATE -> s.lightClientOptimisticUpdate();
      case "beacon_attestation" -> SingleAttestation.TYPE;
      case "sync_committee" -> SyncCommitteeMessage.TYPE;
      case "data_column_sidecar" -> s.dataColumnSidecar();
      default -> null;
    };
    if (fulu != null) {
      return Optional.of(fulu);
    }
    return switch (milestone) {
      case FULU -> Optional.empty();
      case EDVT -> {
        SchemaDefinitionsEdvt e = ((SpecEdvt) digests.versions().forMilestone(milestone)).schemas();
        yield Optional.ofNullable(switch (name) {
          case GROUP_REGISTRATION -> e.signedGroupRegistration();
          case GROUP_KEY_CHANGE -> e.signedGroupKeyChange();
          case GROUP_BLOCK_PROPOSAL -> e.groupBlockProposal();
          case GROUP_BLOCK_SIGNOFF -> e.groupBlockSignoff();
          case GROUP_EXIT_SIGNATURE -> e.groupExitSignature();
          case GROUP_KEY_CHANGE_SIGNATURE -> e.groupKeyChangeSignature();
          default -> null;
        });
      }
    };
  }
}
