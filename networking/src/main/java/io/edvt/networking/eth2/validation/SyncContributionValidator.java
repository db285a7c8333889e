package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.SpecTypes;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.validator.ContributionAndProof;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncAggregatorSelectionData;
import io.edvt.spec.datastructures.validator.SyncCommitteeContribution;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * {@code sync_committee_contribution_and_proof}: Altair's
 * {@code validate_sync_committee_contribution_and_proof_gossip}, unchanged through Fulu. EDVT
 * overrides {@link #aggregatorKey} (a virtual index names a member's key) and its wording.
 */
public class SyncContributionValidator extends TopicValidator {
  public SyncContributionValidator(GossipContext ctx) {
    super(ctx);
  }

  public ValidationResult validate(BeaconState state, SignedContributionAndProof signed, long nowMs) {
    SpecFulu spec = spec(state);
    GossipHelpers helpers = helpers(spec);
    ContributionAndProof cap = signed.message();
    SyncCommitteeContribution contribution = cap.contribution();
    if (!ctx.isCurrentSlot(state, contribution.slot(), nowMs)) {
      return ignore("contribution is not for the current slot");
    }
    if (!contribution.subcommitteeIndex().isLessThan(SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT)) {
      return reject("subcommittee index out of range");
    }
    SszBits bits = contribution.aggregationBits();
    if (bits.count() == 0) {
      return reject("contribution has no participants");
    }
    if (!helpers.isSyncCommitteeAggregator(cap.selectionProof())) {
      return reject(notSelectedReason());
    }
    MutableBeaconState view = view(state);
    Optional<Bytes48> aggregatorKey = aggregatorKey(spec, view, cap.aggregatorIndex());
    if (aggregatorKey.isEmpty()) {
      return reject(unknownAggregatorReason());
    }
    List<Bytes48> subcommittee = helpers.getSyncSubcommitteePubkeys(state, contribution.subcommitteeIndex().intValue());
    if (!subcommittee.contains(aggregatorKey.get())) {
      return reject("aggregator not in subcommittee");
    }
    SeenCaches.SlotRootKey dataKey = new SeenCaches.SlotRootKey(contribution.slot().longValue(),
        contribution.beaconBlockRoot(), contribution.subcommitteeIndex().longValue());
    if (SeenCaches.isNonStrictSuperset(ctx.seen().syncContributionData, dataKey, bits)) {
      return ignore("already seen contribution for this data");
    }
    SeenCaches.Triple aggregatorSeen = new SeenCaches.Triple(cap.aggregatorIndex().longValue(),
        contribution.slot().longValue(), contribution.subcommitteeIndex().longValue());
    if (ctx.seen().syncContributionAggregatorSlots.contains(aggregatorSeen)) {
      return ignore("already seen contribution from this aggregator");
    }
    UInt64 epoch = spec.misc().computeEpochAtSlot(contribution.slot());
    SyncAggregatorSelectionData selection = SyncAggregatorSelectionData.create(contribution.slot(),
        contribution.subcommitteeIndex());
    Bytes32 selectionDomain = spec.accessors().getDomain(view, SpecConstants.DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF, epoch);
    if (!GossipContext.verify(aggregatorKey.get(), spec.misc().computeSigningRoot(selection.hashTreeRoot(), selectionDomain),
        cap.selectionProof())) {
      return reject("invalid selection proof signature");
    }
    Bytes32 capDomain = spec.accessors().getDomain(view, SpecConstants.DOMAIN_CONTRIBUTION_AND_PROOF, epoch);
    if (!GossipContext.verify(aggregatorKey.get(), spec.misc().computeSigningRoot(cap.hashTreeRoot(), capDomain),
        signed.signature())) {
      return reject("invalid aggregator signature");
    }
    List<Bytes48> participants = new ArrayList<>();
    for (int i = 0; i < bits.length() && i < subcommittee.size(); i++) {
      if (bits.get(i)) {
        participants.add(subcommittee.get(i));
      }
    }
    Bytes32 domain = spec.accessors().getDomain(view, SpecConstants.DOMAIN_SYNC_COMMITTEE, epoch);
    if (!GossipContext.ethFastAggregateVerify(participants, spec.misc().computeSigningRoot(contribution.beaconBlockRoot(),
        domain), contribution.signature())) {
      return reject("invalid aggregate signature");
    }
    if (!SeenCaches.mark(ctx.seen().syncContributionAggregatorSlots, aggregatorSeen)) {
      return ignore("already seen contribution from this aggregator");
    }
    SeenCaches.addBits(ctx.seen().syncContributionData, dataKey, contribution.slot().longValue(), bits);
    return ValidationResult.ACCEPT;
  }

  /** The aggregator's key (Fulu: the validator's; empty if the index is out of range). */
  protected Optional<Bytes48> aggregatorKey(SpecFulu spec, MutableBeaconState view, UInt64 index) {
    if (!index.isLessThan(view.validators().size())) {
      return Optional.empty();
    }
    return Optional.of(view.validators().get(index.intValue()).pubkey());
  }

  protected String notSelectedReason() {
    return "validator is not selected as aggregator";
  }

  protected String unknownAggregatorReason() {
    return "aggregator index out of range";
  }
}
