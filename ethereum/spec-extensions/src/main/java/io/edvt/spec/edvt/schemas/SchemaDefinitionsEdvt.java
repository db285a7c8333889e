package io.edvt.spec.edvt.schemas;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.infrastructure.ssz.types.SszTypes.bitvector;
import static io.edvt.infrastructure.ssz.types.SszTypes.list;
import static io.edvt.infrastructure.ssz.types.SszTypes.vector;
import static io.edvt.spec.datastructures.SpecTypes.BLS_PUBKEY;
import static io.edvt.spec.datastructures.SpecTypes.BLS_SIGNATURE;
import static io.edvt.spec.datastructures.SpecTypes.EPOCH;
import static io.edvt.spec.datastructures.SpecTypes.PARTICIPATION_FLAGS;
import static io.edvt.spec.datastructures.SpecTypes.UINT64;
import static io.edvt.spec.datastructures.SpecTypes.VALIDATOR_INDEX;
import static io.edvt.spec.edvt.datastructures.EdvtTypes.GROUP_KEY_SETS_LIMIT;
import static io.edvt.spec.edvt.datastructures.EdvtTypes.MEMBER_INDEX;
import static io.edvt.spec.edvt.datastructures.EdvtTypes.VIRTUAL_INDEX;
import static io.edvt.spec.schemas.ContainerTypes.container;

import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.BitvectorType;
import io.edvt.infrastructure.ssz.types.ContainerType.Field;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.ssz.types.VectorType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyProof;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.datastructures.groups.GroupRegistration;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The SSZ types of the EDVT milestone for one config (beacon-chain.md "Containers" and the four
 * wire types of the validator guide), extending Fulu's the way Fulu extends Electra: only the
 * builders of the types EDVT changes are overridden, and everything built from them follows.
 *
 * <ul>
 *   <li>New: {@code GroupKeySet}, {@code Group}, {@code GroupKeyProof}, {@code GroupRegistration},
 *       {@code SignedGroupRegistration}, {@code GroupKeyChange}, {@code SignedGroupKeyChange},
 *       {@code GroupBlockProposal}, {@code GroupBlockSignoff}, {@code GroupExitSignature},
 *       {@code GroupKeyChangeSignature}.
 *   <li>With {@code signer_bits} appended (a subclass of the Fulu class):
 *       {@code SignedBeaconBlockHeader}, {@code SignedVoluntaryExit}, {@code SignedBeaconBlock}.
 *   <li>With fields appended: {@code BeaconBlockBody} (16 fields), {@code BeaconState} (41).
 *   <li>Larger limits ({@link #attestingIndicesLimit()}: {@code MAX_SIGNERS_PER_SLOT}):
 *       {@code AggregationBits}, {@code AttestingIndices}, hence new types of the Fulu classes
 *       {@code Attestation}, {@code IndexedAttestation}, {@code AttesterSlashing},
 *       {@code AggregateAndProof}, {@code SignedAggregateAndProof}.
 *   <li>New types of Fulu classes through the EDVT header: {@code ProposerSlashing},
 *       {@code DataColumnSidecar}, {@code PartialDataColumnHeader},
 *       {@code PartialDataColumnSidecar}; through the body: {@code BeaconBlock}.
 * </ul>
 *
 * <p>{@code SingleAttestation}, {@code SyncCommitteeMessage}, {@code ContributionAndProof} and the
 * light-client types keep Fulu's layout (their indices now name signers) and are shared with Fulu.
 */
public class SchemaDefinitionsEdvt extends SchemaDefinitionsFulu {
  private final SpecConfigEdvt edvtConfig;

  /**
   * @throws IllegalArgumentException if {@code config} was loaded without EDVT's keys
   */
  public SchemaDefinitionsEdvt(SpecConfig config) {
    super(config);
    this.edvtConfig = SpecConfigEdvt.of(config);
  }

  /** EDVT's config values. */
  public SpecConfigEdvt edvtConfig() {
    return edvtConfig;
  }

  // ------------------------------------------------------------------ getters (modified types)

  // Each getter memoizes under the key Fulu's getter uses, so Fulu's code on these schemas gets the
  // same objects; the builders below return EDVT's types, so no getter casts.

  /** The EDVT state. */
  @Override
  public ContainerType<BeaconStateEdvt> beaconState() {
    return memo("BeaconState", this::buildBeaconState);
  }

  @Override
  public ContainerType<BeaconBlockBodyEdvt> beaconBlockBody() {
    return memo("BeaconBlockBody", this::buildBeaconBlockBody);
  }

  @Override
  public ContainerType<SignedBeaconBlockEdvt> signedBeaconBlock() {
    return memo("SignedBeaconBlock", this::buildSignedBeaconBlock);
  }

  @Override
  public ContainerType<SignedBeaconBlockHeaderEdvt> signedBeaconBlockHeader() {
    return memo("SignedBeaconBlockHeader", this::buildSignedBeaconBlockHeader);
  }

  @Override
  public ContainerType<SignedVoluntaryExitEdvt> signedVoluntaryExit() {
    return memo("SignedVoluntaryExit", this::buildSignedVoluntaryExit);
  }

  // ------------------------------------------------------------------ getters (new types)

  /** {@code SignerBits}: {@code Bitvector[MAX_GROUP_SIZE]}. */
  public BitvectorType signerBits() {
    return memo("SignerBits", () -> bitvector(edvtConfig.maxGroupSize()));
  }

  /** {@code List[Group, GROUP_REGISTRY_LIMIT]}: the type of {@code state.groups}. */
  public ListType<Group> groups() {
    return memo("Groups", () -> list(group(), edvtConfig.groupRegistryLimit().longValue()));
  }

  /**
   * {@code List[ParticipationFlags, GROUP_REGISTRY_LIMIT * MAX_GROUP_SIZE]}: the type of the two
   * member participation lists.
   */
  public ListType<Integer> memberParticipation() {
    return memo("MemberParticipation",
        () -> list(PARTICIPATION_FLAGS, edvtConfig.groupRegistryLimit().longValue() * edvtConfig.maxGroupSize()));
  }

  /** {@code Vector[VirtualIndex, SYNC_COMMITTEE_SIZE]}: the signer of each sync committee seat. */
  public VectorType<UInt64> syncCommitteeSigners() {
    return memo("SyncCommitteeSigners", () -> vector(VIRTUAL_INDEX, config.syncCommitteeSize()));
  }

  /** {@code List[BLSPubkey, MAX_GROUP_SIZE]}: the keys of a key set or registration. */
  public ListType<Bytes48> groupPubkeys() {
    return memo("GroupPubkeys", () -> list(BLS_PUBKEY, edvtConfig.maxGroupSize()));
  }

  public ContainerType<GroupKeySet> groupKeySet() {
    return memo("GroupKeySet", this::buildGroupKeySet);
  }

  /** {@code List[GroupKeySet, GROUP_KEY_SETS_LIMIT]}: the type of {@code Group.key_sets}. */
  public ListType<GroupKeySet> groupKeySets() {
    return memo("GroupKeySets", () -> list(groupKeySet(), GROUP_KEY_SETS_LIMIT));
  }

  public ContainerType<Group> group() {
    return memo("Group", this::buildGroup);
  }

  /** {@code GroupKeyProof}: the same in every preset. */
  public ContainerType<GroupKeyProof> groupKeyProof() {
    return GroupKeyProof.TYPE;
  }

  public ContainerType<GroupRegistration> groupRegistration() {
    return memo("GroupRegistration", this::buildGroupRegistration);
  }

  public ContainerType<SignedGroupRegistration> signedGroupRegistration() {
    return memo("SignedGroupRegistration", this::buildSignedGroupRegistration);
  }

  /** {@code GroupKeyChange}: the same in every preset. */
  public ContainerType<GroupKeyChange> groupKeyChange() {
    return GroupKeyChange.TYPE;
  }

  public ContainerType<SignedGroupKeyChange> signedGroupKeyChange() {
    return memo("SignedGroupKeyChange", this::buildSignedGroupKeyChange);
  }

  public ContainerType<GroupBlockProposal> groupBlockProposal() {
    return memo("GroupBlockProposal", this::buildGroupBlockProposal);
  }

  /** {@code GroupBlockSignoff}: the same in every preset. */
  public ContainerType<GroupBlockSignoff> groupBlockSignoff() {
    return GroupBlockSignoff.TYPE;
  }

  /** {@code GroupExitSignature}: the same in every preset. */
  public ContainerType<GroupExitSignature> groupExitSignature() {
    return GroupExitSignature.TYPE;
  }

  /** {@code GroupKeyChangeSignature}: the same in every preset. */
  public ContainerType<GroupKeyChangeSignature> groupKeyChangeSignature() {
    return GroupKeyChangeSignature.TYPE;
  }

  @Override
  protected void registerTypes(Map<String, SszType<?>> types) {
    super.registerTypes(types); // the modified types come through the overridden getters
    types.put("Group", group());
    types.put("GroupBlockProposal", groupBlockProposal());
    types.put("GroupBlockSignoff", groupBlockSignoff());
    types.put("GroupExitSignature", groupExitSignature());
    types.put("GroupKeyChange", groupKeyChange());
    types.put("GroupKeyChangeSignature", groupKeyChangeSignature());
    types.put("GroupKeyProof", groupKeyProof());
    types.put("GroupKeySet", groupKeySet());
    types.put("GroupRegistration", groupRegistration());
    types.put("SignedGroupKeyChange", signedGroupKeyChange());
    types.put("SignedGroupRegistration", signedGroupRegistration());
  }

  // ------------------------------------------------------------------ limits

  /**
   * {@code MAX_SIGNERS_PER_SLOT}: the limit of EDVT's {@code AggregationBits} and {@code
   * AttestingIndices} (one slot's expanded committees, bounded by the stake; beacon-chain.md
   * "Signers per slot").
   */
  @Override
  protected long attestingIndicesLimit() {
    return edvtConfig.maxSignersPerSlot();
  }

  // ------------------------------------------------------------------ builders (modified types)

  @Override
  protected ContainerType<SignedBeaconBlockHeaderEdvt> buildSignedBeaconBlockHeader() {
    return container(
        "SignedBeaconBlockHeader",
        SignedBeaconBlockHeaderEdvt.FACTORY,
        field("message", BeaconBlockHeader.TYPE),
        field("signature", BLS_SIGNATURE),
        field("signer_bits", signerBits()));
  }

  @Override
  protected ContainerType<ProposerSlashing> buildProposerSlashing() {
    return container(
        "ProposerSlashing",
        ProposerSlashing.FACTORY,
        field("signed_header_1", signedBeaconBlockHeader()),
        field("signed_header_2", signedBeaconBlockHeader()));
  }

  @Override
  protected ContainerType<SignedVoluntaryExitEdvt> buildSignedVoluntaryExit() {
    return container(
        "SignedVoluntaryExit",
        SignedVoluntaryExitEdvt.FACTORY,
        field("message", VoluntaryExit.TYPE),
        field("signature", BLS_SIGNATURE),
        field("signer_bits", signerBits()));
  }

  /** The 16 fields of the EDVT {@code BeaconBlockBody}: Fulu's, then the three new ones. */
  protected List<Field> beaconBlockBodyEdvtFields() {
    return concat(
        beaconBlockBodyFields(),
        field("randao_member_index", MEMBER_INDEX),
        field("group_registrations", list(signedGroupRegistration(), edvtConfig.maxGroupRegistrations())),
        field("group_key_changes", list(signedGroupKeyChange(), edvtConfig.maxGroupKeyChanges())));
  }

  @Override
  protected ContainerType<BeaconBlockBodyEdvt> buildBeaconBlockBody() {
    return container("BeaconBlockBody", BeaconBlockBodyEdvt.FACTORY, beaconBlockBodyEdvtFields());
  }

  @Override
  protected ContainerType<SignedBeaconBlockEdvt> buildSignedBeaconBlock() {
    return container(
        "SignedBeaconBlock",
        SignedBeaconBlockEdvt.FACTORY,
        field("message", beaconBlock()),
        field("signature", BLS_SIGNATURE),
        field("signer_bits", signerBits()));
  }

  /** The 43 fields of the EDVT {@code BeaconState}: Fulu's 38, then the five new ones. */
  protected List<Field> beaconStateEdvtFields() {
    return concat(
        beaconStateFuluFields(),
        field("groups", groups()),
        field("previous_epoch_member_participation", memberParticipation()),
        field("current_epoch_member_participation", memberParticipation()),
        field("current_sync_committee_signers", syncCommitteeSigners()),
        field("next_sync_committee_signers", syncCommitteeSigners()));
  }

  @Override
  protected ContainerType<BeaconStateEdvt> buildBeaconState() {
    return container("BeaconState", BeaconStateEdvt.FACTORY, beaconStateEdvtFields());
  }

  // ------------------------------------------------------------------ builders (new types)

  protected ContainerType<GroupKeySet> buildGroupKeySet() {
    return container(
        "GroupKeySet",
        GroupKeySet.FACTORY,
        field("threshold", UINT64),
        field("pubkeys", groupPubkeys()),
        field("activation_epoch", EPOCH));
  }

  protected ContainerType<Group> buildGroup() {
    return container(
        "Group",
        Group.FACTORY,
        field("validator_index", VALIDATOR_INDEX),
        field("key_sets", groupKeySets()));
  }

  protected ContainerType<GroupRegistration> buildGroupRegistration() {
    return container(
        "GroupRegistration",
        GroupRegistration.FACTORY,
        field("validator_index", VALIDATOR_INDEX),
        field("threshold", UINT64),
        field("pubkeys", groupPubkeys()),
        field("proofs_of_possession", list(BLS_SIGNATURE, edvtConfig.maxGroupSize())));
  }

  protected ContainerType<SignedGroupRegistration> buildSignedGroupRegistration() {
    return container(
        "SignedGroupRegistration",
        SignedGroupRegistration.FACTORY,
        field("message", groupRegistration()),
        field("signature", BLS_SIGNATURE));
  }

  protected ContainerType<SignedGroupKeyChange> buildSignedGroupKeyChange() {
    return container(
        "SignedGroupKeyChange",
        SignedGroupKeyChange.FACTORY,
        field("message", groupKeyChange()),
        field("signature", BLS_SIGNATURE),
        field("signer_bits", signerBits()));
  }

  protected ContainerType<GroupBlockProposal> buildGroupBlockProposal() {
    return container(
        "GroupBlockProposal",
        GroupBlockProposal.FACTORY,
        field("block", beaconBlock()),
        field("leader_signature", BLS_SIGNATURE));
  }
}
