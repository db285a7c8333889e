package io.edvt.reftests.generator;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.SpecConstants;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code operations/attester_slashing}, {@code proposer_slashing} and {@code voluntary_exit} on a
 * state where validator 5 is a 3-of-4 group and 9 and 12 are plain: evidence and exits signed by
 * {@code m} members or more, by fewer, and by the wrong keys.
 */
final class SlashingAndExitCases {
  private final OperationCases ops;
  private final EdvtStates states;
  private final EdvtFixtures f;
  private final SpecEdvt edvt;
  private final SpecConfig config;
  private final int slotsPerEpoch;

  SlashingAndExitCases(OperationCases ops, EdvtStates states) {
    this.ops = ops;
    this.states = states;
    this.f = states.fixtures();
    this.edvt = states.edvt();
    this.config = states.config();
    this.slotsPerEpoch = states.slotsPerEpoch();
  }

  void all() {
    attesterSlashings();
    proposerSlashings();
    voluntaryExits();
  }

  private static final int SL_GROUP = 5;
  private static final int SL_PLAIN = 9;
  private static final int SL_OTHER_PLAIN = 12;

  /** Every validator of {@code slashed} is slashed by the operation. */
  private static Outcome slashes(int... slashed) {
    return Outcome.accepted("validators " + java.util.Arrays.toString(slashed) + " slashed", (pre, post) ->
        java.util.Arrays.stream(slashed).allMatch(v -> !GroupEffects.slashed(pre, v) && GroupEffects.slashed(post, v)));
  }

  /** {@code slashed} is slashed, {@code spared} (below its threshold in one attestation) is not. */
  private static Outcome slashesOnly(int slashed, int spared) {
    return Outcome.accepted("validator " + slashed + " slashed, group " + spared + " (m - 1 members in one vote) not",
        (pre, post) -> GroupEffects.slashed(post, slashed) && !GroupEffects.slashed(post, spared));
  }

  private static Outcome exits(int validator) {
    return Outcome.accepted("validator " + validator + " initiates its exit", GroupEffects.exits(validator));
  }

  /** The head's EDVT successor with a 3-of-4 group for validator 5. */
  private MutableBeaconState slashingState() {
    MutableBeaconState state = new MutableBeaconState(f.edvtAt(2L * slotsPerEpoch + 3));
    f.addGroup(state, SL_GROUP, 3, 4);
    return new MutableBeaconState(states.fresh(state.commit()));
  }

  private List<Long> signers(List<Integer> plain, int... members) {
    List<Long> out = new ArrayList<>();
    plain.forEach(v -> out.add((long) v));
    for (int j : members) {
      out.add(f.virtualIndex(SL_GROUP, j));
    }
    return out;
  }

  private IndexedAttestation indexed(MutableBeaconState state, AttestationData data, List<Long> virtualIndices) {
    List<Long> sorted = virtualIndices.stream().sorted().toList();
    return IndexedAttestation.create(edvt.schemas().indexedAttestation(),
        edvt.schemas().attestingIndices().of(sorted.stream().map(UInt64::valueOf).toList()), data,
        f.signAttestation(state, data, sorted));
  }

  private SignedBeaconBlockHeaderEdvt header(MutableBeaconState state, int proposer, byte bodyByte,
      List<BlsSecretKey> keys, SszBits bits) {
    BeaconBlockHeader header = BeaconBlockHeader.create(state.slot(), UInt64.valueOf(proposer), Bytes32.ZERO,
        Bytes32.ZERO, Bytes32.repeat(bodyByte));
    Bytes32 domain = edvt.accessors().getDomain(state, SpecConstants.DOMAIN_BEACON_PROPOSER,
        edvt.misc().computeEpochAtSlot(header.slot()));
    return SignedBeaconBlockHeaderEdvt.create(edvt.schemas().signedBeaconBlockHeader(), header,
        GroupSigning.sign(keys, edvt.misc().computeSigningRoot(header.hashTreeRoot(), domain)), bits);
  }

  private SignedVoluntaryExitEdvt exit(MutableBeaconState state, int validator, List<BlsSecretKey> keys, SszBits bits) {
    VoluntaryExit exit = VoluntaryExit.create(UInt64.ZERO, UInt64.valueOf(validator));
    Bytes32 domain = edvt.misc().computeDomain(SpecConstants.DOMAIN_VOLUNTARY_EXIT, config.capellaForkVersion(),
        state.genesisValidatorsRoot());
    return SignedVoluntaryExitEdvt.create(edvt.schemas().signedVoluntaryExit(), exit,
        GroupSigning.sign(keys, edvt.misc().computeSigningRoot(exit.hashTreeRoot(), domain)), bits);
  }

  /** Double votes in the current epoch, by m members or more on each side, and by fewer. */
  private void attesterSlashings() {
    MutableBeaconState base = slashingState();
    UInt64 epoch = edvt.accessors().getCurrentEpoch(base);
    Checkpoint source = base.currentJustifiedCheckpoint();
    Checkpoint target = Checkpoint.create(epoch, Bytes32.repeat((byte) 0x33));
    UInt64 slot = edvt.misc().computeStartSlotAtEpoch(epoch);
    AttestationData vote1 = AttestationData.create(slot, UInt64.ZERO, Bytes32.repeat((byte) 0x11), source, target);
    AttestationData vote2 = AttestationData.create(slot, UInt64.ZERO, Bytes32.repeat((byte) 0x22), source, target);
    record DoubleVote(String name, Outcome expected, List<Long> first, List<Long> second) {}
    List<DoubleVote> doubleVotes = List.of(
        new DoubleVote("valid_group_threshold_in_each", slashes(SL_GROUP),
            signers(List.of(), 0, 1, 2), signers(List.of(), 1, 2, 3)),
        new DoubleVote("valid_group_all_members_in_each", slashes(SL_GROUP),
            signers(List.of(), 0, 1, 2, 3), signers(List.of(), 0, 1, 2, 3)),
        new DoubleVote("valid_plain_beside_group_below_threshold", slashesOnly(SL_PLAIN, SL_GROUP),
            signers(List.of(SL_PLAIN, SL_OTHER_PLAIN), 0, 1, 2), signers(List.of(SL_PLAIN), 0)),
        new DoubleVote("valid_group_and_plain", slashes(SL_GROUP, SL_PLAIN),
            signers(List.of(SL_PLAIN), 0, 1, 2), signers(List.of(SL_PLAIN), 1, 2, 3)),
        new DoubleVote("invalid_group_m_minus_1_in_one", Outcome.rejectedBy("slashed_any"),
            signers(List.of(), 0, 1, 2), signers(List.of(), 0, 1)),
        new DoubleVote("invalid_single_member_double_vote", Outcome.rejectedBy("slashed_any"),
            signers(List.of(), 2), signers(List.of(), 2)));
    for (DoubleVote d : doubleVotes) {
      MutableBeaconState s = slashingState();
      AttesterSlashing op = AttesterSlashing.create(edvt.schemas().attesterSlashing(),
          indexed(s, vote1, d.first()), indexed(s, vote2, d.second()));
      ops.write("attester_slashing", "attester_slashing", d.name(), s, op.serialize(),
          w -> edvt.blockProcessor().processAttesterSlashing(w, op, SignatureVerifier.SIMPLE), d.expected());
    }
    {
      MutableBeaconState s = slashingState();
      AttesterSlashing honest = AttesterSlashing.create(edvt.schemas().attesterSlashing(),
          indexed(s, vote1, signers(List.of(), 0, 1, 2)), indexed(s, vote2, signers(List.of(), 1, 2, 3)));
      IndexedAttestation claimed = IndexedAttestation.create(edvt.schemas().indexedAttestation(),
          edvt.schemas().attestingIndices().of(signers(List.of(), 0, 1, 2, 3).stream().map(UInt64::valueOf).toList()),
          vote2, honest.attestation2().signature());
      AttesterSlashing op = AttesterSlashing.create(edvt.schemas().attesterSlashing(), honest.attestation1(), claimed);
      ops.write("attester_slashing", "attester_slashing", "invalid_forged_member_signature", s, op.serialize(),
          w -> edvt.blockProcessor().processAttesterSlashing(w, op, SignatureVerifier.SIMPLE),
          Outcome.rejectedBy("is_valid_indexed_attestation(state, attestation_2)"));
    }
  }

  /** Two headers for one slot, each signed by the members its signer bits name. */
  private void proposerSlashings() {
    record Headers(String name, Outcome expected, int[] first, int[] firstBits, int[] second, int[] secondBits) {}
    List<Headers> headers = List.of(
        new Headers("valid_group_threshold_signers", slashes(SL_GROUP),
            new int[] {0, 1, 2}, new int[] {0, 1, 2}, new int[] {1, 2, 3}, new int[] {1, 2, 3}),
        new Headers("valid_group_all_signers", slashes(SL_GROUP),
            new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3}, new int[] {0, 2, 3}, new int[] {0, 2, 3}),
        new Headers("invalid_m_minus_1_signers", Outcome.rejectedBy("len(signers) >= key_set.threshold"),
            new int[] {0, 1, 2}, new int[] {0, 1, 2}, new int[] {3, 1}, new int[] {1, 3}),
        new Headers("invalid_signer_bits_name_non_signer", Outcome.rejectedBy("bls.FastAggregateVerify(pubkeys, signing_root, signature)"),
            
            new int[] {0, 1, 2}, new int[] {0, 1, 3}, new int[] {1, 2, 3}, new int[] {1, 2, 3}));
    for (Headers h : headers) {
      MutableBeaconState s = slashingState();
      ProposerSlashing op = ProposerSlashing.create(edvt.schemas().proposerSlashing(),
          header(s, SL_GROUP, (byte) 1, GroupSigning.memberKeys(SL_GROUP, h.first()), GroupSigning.signerBits(config, h.firstBits())),
          header(s, SL_GROUP, (byte) 2, GroupSigning.memberKeys(SL_GROUP, h.second()), GroupSigning.signerBits(config, h.secondBits())));
      ops.write("proposer_slashing", "proposer_slashing", h.name(), s, op.serialize(),
          w -> edvt.blockProcessor().processProposerSlashing(w, op, SignatureVerifier.SIMPLE), h.expected());
    }
    {
      MutableBeaconState s = slashingState();
      BlsSecretKey own = f.chain().signer().keyOf(s, SL_PLAIN);
      ProposerSlashing op = ProposerSlashing.create(edvt.schemas().proposerSlashing(),
          header(s, SL_PLAIN, (byte) 1, List.of(own), GroupSigning.signerBits(config, 0)),
          header(s, SL_PLAIN, (byte) 2, List.of(own), GroupSigning.signerBits(config, 0)));
      ops.write("proposer_slashing", "proposer_slashing", "valid_plain_validator", s, op.serialize(),
          w -> edvt.blockProcessor().processProposerSlashing(w, op, SignatureVerifier.SIMPLE), slashes(SL_PLAIN));
    }
  }

  /** Exits, once genesis validators have served SHARD_COMMITTEE_PERIOD. */
  private void voluntaryExits() {
    record Exit(String name, Outcome expected, int validator, boolean own, int[] members, int[] bits) {}
    List<Exit> exits = List.of(
        new Exit("valid_group_threshold_signers", exits(SL_GROUP),
            SL_GROUP, false, new int[] {0, 2, 3}, new int[] {0, 2, 3}),
        new Exit("valid_group_all_signers", exits(SL_GROUP),
            SL_GROUP, false, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3}),
        new Exit("invalid_group_m_minus_1_signers", Outcome.rejectedBy("len(signers) >= key_set.threshold"),
            SL_GROUP, false, new int[] {0, 2}, new int[] {0, 2}),
        new Exit("invalid_group_own_key_only", Outcome.rejectedBy("len(signers) >= key_set.threshold"),
            SL_GROUP, true, new int[] {0}, new int[] {0}),
        new Exit("valid_plain_own_key", exits(SL_PLAIN), SL_PLAIN, true, new int[] {0}, new int[] {0}),
        new Exit("invalid_plain_member_beyond_own_key", Outcome.rejectedBy("member_index < len(key_set.pubkeys)"),
            SL_PLAIN, true, new int[] {0}, new int[] {1}));
    for (Exit x : exits) {
      MutableBeaconState s = slashingState();
      s.setSlot(UInt64.valueOf((config.shardCommitteePeriod() + 2L) * slotsPerEpoch));
      List<BlsSecretKey> keys = x.own() ? List.of(f.chain().signer().keyOf(s, x.validator()))
          : GroupSigning.memberKeys(x.validator(), x.members());
      SignedVoluntaryExitEdvt op = exit(s, x.validator(), keys, GroupSigning.signerBits(config, x.bits()));
      ops.write("voluntary_exit", "voluntary_exit", x.name(), s, op.serialize(),
          w -> edvt.blockProcessor().processVoluntaryExit(w, op, SignatureVerifier.SIMPLE), x.expected());
    }
  }
}
