package io.edvt.node.validator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.edvt.EdvtGossipValidators;
import io.edvt.networking.eth2.validation.ChainView;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.SeenCaches;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.node.chain.AttestationPool;
import io.edvt.node.chain.OperationPool;
import io.edvt.node.chain.PooledBlockProductionInputs;
import io.edvt.node.chain.SyncCommitteeIntake;
import io.edvt.node.validator.duties.Duties;
import io.edvt.node.validator.slashing.SlashingProtection;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.validator.ContributionAndProof;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeContribution;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.GroupSpec;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.testing.BlockOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync committee duty end to end on a real EDVT chain whose sync committee holds group members'
 * seats (minimal preset, 64 interop validators, validators 0..7 are 3-of-4 groups; blocks with real
 * signatures): every held key signs, its messages pass EDVT's {@code sync_committee_{subnet_id}}
 * validation and enter the pool, the selected aggregators' contributions pass
 * {@code sync_committee_contribution_and_proof} validation, and the next block's sync aggregate
 * has every seat and passes {@code process_sync_aggregate} with its signature checked, paying the
 * groups for their members' seats.
 */
class SyncCommitteeDutiesTest {
  static SpecVersions versions;
  static EdvtChainBuilder chain;
  static final int GROUPS = 8;

  @TempDir Path dir;

  @BeforeAll
  static void buildChain() {
    versions = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "2")));
    EdvtFixtures fixtures = new EdvtFixtures(versions.fulu(), versions.edvt());
    List<GroupSpec> groups = new ArrayList<>();
    for (int i = 0; i < GROUPS; i++) {
      groups.add(new GroupSpec(i, 3, 4));
    }
    chain = EdvtChainBuilder.withGroups(fixtures, 24, groups);
    chain.addBlocksUpTo(UInt64.valueOf(26));
  }

  private static List<BlsSecretKey> allKeys() {
    List<BlsSecretKey> keys = new ArrayList<>();
    for (int i = 0; i < EdvtFixtures.VALIDATORS; i++) {
      keys.add(BlsSecretKey.interop(i));
    }
    for (int g = 0; g < GROUPS; g++) {
      for (int j = 0; j < 4; j++) {
        keys.add(EdvtFixtures.memberKey(g, j));
      }
    }
    return keys;
  }

  /** A chain view for validators that need none of it (the sync committee topics read only the state). */
  private static final ChainView NO_BLOCKS = new ChainView() {
    @Override
    public Checkpoint finalizedCheckpoint() {
      return Checkpoint.create(UInt64.ZERO, Bytes32.ZERO);
    }

    @Override
    public Optional<BlockInfo> block(Bytes32 root) {
      return Optional.empty();
    }

    @Override
    public Optional<BeaconState> blockState(Bytes32 root) {
      return Optional.empty();
    }
  };

  @Test
  void membersSignTheirSeatsAggregatorsContributeAndTheNextBlockCarriesEverySeat() {
    BeaconState head = chain.headState();
    UInt64 slot = head.slot();
    long now = head.genesisTime().longValue() * 1000 + slot.longValue() * versions.config().slotDurationMs() + 100;
    EdvtGossipValidators gossip = new EdvtGossipValidators(new GossipContext(versions, NO_BLOCKS, new SeenCaches()));
    SyncCommitteeIntake intake = SyncCommitteeIntake.create(versions);
    Forwarder publisher = new Forwarder(intake, head);
    try (SlashingProtection protection = SlashingProtection.open(dir, head.genesisValidatorsRoot())) {
      Signer signer = new Signer(versions, protection, allKeys());
      ValidatorDuties duties = new ValidatorDuties(versions, signer, () -> new ValidatorDuties.Head(chain.headRoot(), head),
          publisher, (data, committee) -> Optional.empty(), (h, s, randao, proposer) -> Optional.empty(), GroupProposalSeam.NONE,
          intake::contribution);
      Duties.SyncMember member = duties.dutiesFor(slot).syncMembers().stream()
          .filter(m -> VirtualIndex.validatorIndexOf(m.virtualIndex()) < GROUPS && VirtualIndex.memberIndexOf(m.virtualIndex()) > 0)
          .findFirst().orElseThrow(() -> new AssertionError("no group member holds a seat: the test chain does not test EDVT"));

      duties.attest(slot);
      // one message per held key in the committee, on each subnet of its seats; all accepted by EDVT's rules
      assertThat(publisher.messages).isNotEmpty();
      for (Sent sent : publisher.messages) {
        assertThat(gossip.syncCommitteeMessage.validate(head, sent.message(), sent.subnet(), now)).as("message of %s on subnet %d",
            sent.message().validatorIndex(), sent.subnet()).isEqualTo(ValidationResult.ACCEPT);
      }
      SyncCommitteeMessage memberMessage = publisher.messages.stream()
          .filter(s -> s.message().validatorIndex().longValue() == member.virtualIndex()).findFirst().orElseThrow().message();
      int memberSubnet = member.positions().get(0) / 8;
      // the gossip rules: the same message again, on a subnet of no seat of its signer, badly signed, in another slot
      assertThat(gossip.syncCommitteeMessage.validate(head, memberMessage, memberSubnet, now))
          .isEqualTo(ValidationResult.ignore("already seen message from this signer for this slot and subnet"));
      int foreign = java.util.stream.IntStream.range(0, 4).filter(s -> member.positions().stream().noneMatch(p -> p / 8 == s))
          .findFirst().orElseThrow();
      assertThat(gossip.syncCommitteeMessage.validate(head, memberMessage, foreign, now))
          .isEqualTo(ValidationResult.reject("subnet_id is not valid for the signer"));
      SyncCommitteeMessage forged = SyncCommitteeMessage.create(slot, Bytes32.repeat((byte) 9), memberMessage.validatorIndex(),
          memberMessage.signature());
      // (on a fresh Seen: the signer, slot and subnet were marked by the valid message, which comes first)
      assertThat(new EdvtGossipValidators(new GossipContext(versions, NO_BLOCKS, new SeenCaches())).syncCommitteeMessage
          .validate(head, forged, memberSubnet, now)).isEqualTo(ValidationResult.reject("invalid sync committee message signature"));
      SyncCommitteeMessage stranger = SyncCommitteeMessage.create(slot, memberMessage.beaconBlockRoot(),
          UInt64.valueOf(VirtualIndex.compute(0, 9)), memberMessage.signature());
      assertThat(gossip.syncCommitteeMessage.validate(head, stranger, memberSubnet, now))
          .isEqualTo(ValidationResult.reject("validator index names no signer"));
      assertThat(gossip.syncCommitteeMessage.validate(head, memberMessage, memberSubnet, now + 2 * versions.config().slotDurationMs()))
          .isEqualTo(ValidationResult.ignore("message is not for the current slot"));

      // the minimal preset selects every seat holder as aggregator (modulo 1): one contribution per held key and subnet
      List<SignedContributionAndProof> contributions = duties.contribute(slot);
      long expected = duties.dutiesFor(slot).syncMembers().stream().mapToLong(m -> m.positions().stream().map(p -> p / 8).distinct().count())
          .sum();
      assertThat(contributions).hasSize((int) expected);
      assertThat(publisher.contributions).containsExactlyElementsOf(contributions);
      Set<Integer> full = new HashSet<>();
      for (SignedContributionAndProof c : contributions) {
        SyncCommitteeContribution contribution = c.message().contribution();
        assertThat(contribution.beaconBlockRoot()).isEqualTo(chain.headRoot());
        assertThat(contribution.aggregationBits().count()).as("every seat of subcommittee %s", contribution.subcommitteeIndex())
            .isEqualTo(8);
        full.add(contribution.subcommitteeIndex().intValue());
        ValidationResult r = gossip.syncContribution.validate(head, c, now);
        // the first of a subcommittee is accepted; the others carry the same bits: IGNORE as no better than seen
        assertThat(r).isIn(ValidationResult.ACCEPT, ValidationResult.ignore("already seen contribution for this data"));
      }
      assertThat(full).containsExactlyInAnyOrder(0, 1, 2, 3);
      SignedContributionAndProof mine = contributions.stream()
          .filter(c -> c.message().aggregatorIndex().longValue() == member.virtualIndex()).findFirst().orElseThrow();
      EdvtGossipValidators fresh = new EdvtGossipValidators(new GossipContext(versions, NO_BLOCKS, new SeenCaches()));
      assertThat(fresh.syncContribution.validate(head, mine, now)).as("a member aggregates by its virtual index")
          .isEqualTo(ValidationResult.ACCEPT);
      SyncCommitteeContribution original = mine.message().contribution();
      SyncCommitteeContribution empty = SyncCommitteeContribution.create(versions.edvt().schemas().syncCommitteeContribution(), slot,
          original.beaconBlockRoot(), original.subcommitteeIndex(), SszBits.zeros(8), original.signature());
      assertThat(fresh.syncContribution.validate(head, resigned(signer, member, head, mine, empty), now))
          .isEqualTo(ValidationResult.reject("contribution has no participants"));
      SyncCommitteeContribution missingOne = SyncCommitteeContribution.create(versions.edvt().schemas().syncCommitteeContribution(),
          slot, original.beaconBlockRoot(), original.subcommitteeIndex(), original.aggregationBits().with(7, false),
          original.signature());
      assertThat(new EdvtGossipValidators(new GossipContext(versions, NO_BLOCKS, new SeenCaches())).syncContribution
          .validate(head, resigned(signer, member, head, mine, missingOne), now)).isEqualTo(ValidationResult.reject("invalid aggregate signature"));
      SignedContributionAndProof badlySigned = SignedContributionAndProof.create(versions.edvt().schemas().signedContributionAndProof(),
          mine.message(), memberMessage.signature());
      assertThat(new EdvtGossipValidators(new GossipContext(versions, NO_BLOCKS, new SeenCaches())).syncContribution
          .validate(head, badlySigned, now)).isEqualTo(ValidationResult.reject("invalid aggregator signature"));

      // the next block: every seat, and process_sync_aggregate (signature checked) takes it
      UInt64 next = slot.plus(1);
      PooledBlockProductionInputs packer = new PooledBlockProductionInputs(versions, AttestationPool.create(),
          new OperationPool(versions, 16), intake.pool());
      SyncAggregate aggregate = packer.forSlot(head, next.longValue()).syncAggregate().orElseThrow();
      assertThat(aggregate.syncCommitteeBits().count()).isEqualTo(versions.config().syncCommitteeSize());
      BeaconState atNext = new MultiForkStateTransition(versions).processSlots(head, next);
      MutableBeaconState withAggregate = new MutableBeaconState(atNext);
      versions.edvt().blockProcessor().processSyncAggregate(withAggregate, aggregate, SignatureVerifier.SIMPLE);
      int groupValidator = (int) VirtualIndex.validatorIndexOf(member.virtualIndex());
      long before = atNext.balances().get(groupValidator).longValue();
      long after = withAggregate.balances().get(groupValidator).longValue();
      System.out.printf("sync aggregate of slot %s: %d/%d seats; group %d (member seats %s) balance %+d gwei%n", next,
          aggregate.syncCommitteeBits().count(), versions.config().syncCommitteeSize(), groupValidator, member.positions(), after - before);
      assertThat(after).as("the group is paid for its member's seats").isGreaterThan(before);
    }
  }

  /** {@code template}'s aggregator signing another contribution. */
  private static SignedContributionAndProof resigned(Signer signer, Duties.SyncMember member, BeaconState state,
      SignedContributionAndProof template, SyncCommitteeContribution contribution) {
    ContributionAndProof message = ContributionAndProof.create(versions.edvt().schemas().contributionAndProof(),
        template.message().aggregatorIndex(), contribution, template.message().selectionProof());
    return SignedContributionAndProof.create(versions.edvt().schemas().signedContributionAndProof(), message,
        signer.contributionAndProof(member.key(), state, message));
  }

  record Sent(SyncCommitteeMessage message, int subnet) {}

  /** Records what the duties publish and pools sync committee messages, as the node's publisher does. */
  static final class Forwarder implements DutyPublisher {
    final List<Sent> messages = new CopyOnWriteArrayList<>();
    final List<SignedContributionAndProof> contributions = new CopyOnWriteArrayList<>();
    private final SyncCommitteeIntake intake;
    private final BeaconState head;

    Forwarder(SyncCommitteeIntake intake, BeaconState head) {
      this.intake = intake;
      this.head = head;
    }

    @Override
    public void attestation(SingleAttestation attestation, int subnet) {}

    @Override
    public void aggregate(SignedAggregateAndProof aggregate) {}

    @Override
    public void syncCommitteeMessage(SyncCommitteeMessage message, int subnet) {
      messages.add(new Sent(message, subnet));
      assertThat(intake.onMessage(message, subnet, head)).as("message of %s pooled", message.validatorIndex()).isTrue();
    }

    @Override
    public void contribution(SignedContributionAndProof contribution) {
      contributions.add(contribution);
    }

    @Override
    public void block(SignedBeaconBlock block) {}
  }
}
