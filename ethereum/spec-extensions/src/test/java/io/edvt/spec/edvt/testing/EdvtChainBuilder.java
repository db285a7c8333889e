package io.edvt.spec.edvt.testing;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_ATTESTER;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_PROPOSER;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_RANDAO;

import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.testing.AttestationFactory;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import io.edvt.spec.testing.ValidatorKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * Fulu's {@link ChainBuilder} for EDVT chains: the same real signed blocks, with what EDVT changes.
 * A group proposer's block is signed by {@code m} members of its key set in force (the best-ranked
 * ones unless {@link EdvtBlockOptions#signers} says otherwise), with {@code signer_bits} and the
 * leader's RANDAO reveal; group operations ride in the body. Attestations are made over the
 * expanded committees, and each signer (a group member, or a plain validator as member 0) votes as
 * {@link #votes} says: for the head, for another head, for another target, or not at all, so tests
 * can make groups reach their threshold, miss it, or split.
 *
 * <p>Every secret key a signer needs (members' and plain validators') must be in the builder's
 * {@link ValidatorKeys}; {@link #withGroups} sets up a start state and its keys.
 */
public final class EdvtChainBuilder extends ChainBuilder {
  /** What one signer attests to at a slot. */
  public enum Vote {
    /** The head, the epoch's boundary block and the justified checkpoint (all three flags). */
    HEAD,
    /** Another head root, the right target and source (source and target flags only). */
    OTHER_HEAD,
    /** Another target root, the right source (the source flag only). */
    OTHER_TARGET,
    /** Nothing. */
    ABSENT
  }

  /** The vote of member {@code member} of {@code validator} (0 for a plain validator) at {@code slot}. */
  @FunctionalInterface
  public interface Votes {
    Vote of(int validator, int member, UInt64 slot);
  }

  /** A group to set up: validator {@code validator} with {@code n} member keys and threshold {@code m}. */
  public record GroupSpec(int validator, int m, int n) {}

  static final Bytes32 OTHER_HEAD_ROOT = Bytes32.repeat((byte) 0x5a);
  static final Bytes32 OTHER_TARGET_ROOT = Bytes32.repeat((byte) 0x7b);

  private final SpecEdvt edvt;
  private final AttestationFactory attestationData;
  private Votes votes = (validator, member, slot) -> Vote.HEAD;
  private EdvtBlockOptions next = EdvtBlockOptions.none();

  public EdvtChainBuilder(SpecEdvt edvt, BeaconState start, ValidatorKeys keys) {
    super(edvt, start, keys);
    this.edvt = edvt;
    this.attestationData = new AttestationFactory(edvt, signer());
  }

  /**
   * A builder on {@code fixtures}' EDVT state at {@code slot} (the Fulu chain's head upgraded) with
   * {@code groups} in force from epoch 1: each group's validator gets compounding credentials and
   * an effective balance of {@code n * MIN_ACTIVATION_BALANCE} (so its balance keeps the group
   * registered), and the builder holds the interop keys and every member key.
   */
  public static EdvtChainBuilder withGroups(EdvtFixtures fixtures, long slot, List<GroupSpec> groups) {
    return withGroups(fixtures, slot, groups, List.of());
  }

  /**
   * {@link #withGroups(EdvtFixtures, long, List)} where the validators of {@code funded} also get
   * compounding credentials and the balance of {@code n} members, but no group: they can register
   * one in a block.
   */
  public static EdvtChainBuilder withGroups(EdvtFixtures fixtures, long slot, List<GroupSpec> groups,
      List<GroupSpec> funded) {
    MutableBeaconState state = new MutableBeaconState(fixtures.edvtAt(slot));
    ValidatorKeys keys = ValidatorKeys.interop(EdvtFixtures.VALIDATORS);
    for (GroupSpec g : funded) {
      fund(fixtures, state, g);
    }
    for (GroupSpec g : groups) {
      fund(fixtures, state, g);
      fixtures.addGroup(state, g.validator(), g.m(), g.n());
      for (int j = 0; j < g.n(); j++) {
        keys.add(EdvtFixtures.memberKey(g.validator(), j));
      }
    }
    // read back from SSZ: no derived data cached from before the direct edits
    MutableBeaconState edited = new MutableBeaconState(
        fixtures.edvt().schemas().beaconState().deserialize(state.commit().serialize()));
    // the proposers as if the new balances had been in effect when the lookahead was filled, so
    // the groups propose from the first epoch on (as often as their balance says)
    edited.setList(BeaconStateFulu.PROPOSER_LOOKAHEAD, fixtures.edvt().forkUpgrade().initializeProposerLookahead(edited));
    BeaconState start = fixtures.edvt().schemas().beaconState().deserialize(edited.commit().serialize());
    return new EdvtChainBuilder(fixtures.edvt(), start, keys);
  }

  private static void fund(EdvtFixtures fixtures, MutableBeaconState state, GroupSpec g) {
    Validator v = state.validators().get(g.validator());
    byte[] credentials = v.withdrawalCredentials().toArray();
    credentials[0] = SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX;
    state.validators().set(g.validator(), v.withWithdrawalCredentials(Bytes32.wrap(credentials)));
    EdvtFixtures.setEffectiveBalance(state, g.validator(), fixtures.config().minActivationBalance().times(g.n()));
  }

  public SpecEdvt edvt() {
    return edvt;
  }

  /** How each signer votes from now on (everyone votes for the head by default). */
  public EdvtChainBuilder votes(Votes votes) {
    this.votes = votes;
    return this;
  }

  /**
   * Fulu's participation switch in EDVT terms: the validators for which {@code attesting} holds
   * vote for the head with every member, the others not at all (replaces any {@link #votes}).
   */
  @Override
  public EdvtChainBuilder attesting(java.util.function.IntPredicate attesting) {
    return votes((validator, member, slot) -> attesting.test(validator) ? Vote.HEAD : Vote.ABSENT);
  }

  /** Adds a secret key (a new member's) so the builder can sign with it. */
  public EdvtChainBuilder addKey(BlsSecretKey key) {
    signer().keys().add(key);
    return this;
  }

  /** Produces and applies a block at {@code slot} with Fulu's {@code options} and EDVT's {@code group}. */
  public SignedBeaconBlock addBlock(UInt64 slot, BlockOptions options, EdvtBlockOptions group) {
    return applyBlock(produceBlock(slot, options, group));
  }

  /** A signed block at {@code slot} on the head with {@code options} and {@code group}, not applied. */
  public SignedBeaconBlock produceBlock(UInt64 slot, BlockOptions options, EdvtBlockOptions group) {
    next = group;
    try {
      return produceBlock(slot, options);
    } finally {
      next = EdvtBlockOptions.none();
    }
  }

  // ------------------------------------------------------------------ hooks

  /**
   * Up to three aggregates for the slot, one per kind of vote ({@link Vote#HEAD},
   * {@link Vote#OTHER_HEAD}, {@link Vote#OTHER_TARGET}), each over the expanded committees in which
   * someone cast that vote.
   */
  @Override
  protected List<Attestation> attestationsAt(MutableBeaconState stateAtSlot, Bytes32 headRoot) {
    AttestationData head = attestationData.attestationData(stateAtSlot, headRoot);
    List<Attestation> out = new ArrayList<>();
    for (Vote vote : List.of(Vote.HEAD, Vote.OTHER_HEAD, Vote.OTHER_TARGET)) {
      AttestationData data = switch (vote) {
        case HEAD -> head;
        case OTHER_HEAD -> AttestationData.create(head.slot(), head.index(), OTHER_HEAD_ROOT, head.source(), head.target());
        case OTHER_TARGET -> AttestationData.create(head.slot(), head.index(), head.beaconBlockRoot(), head.source(),
            Checkpoint.create(head.target().epoch(), OTHER_TARGET_ROOT));
        case ABSENT -> throw new IllegalStateException();
      };
      aggregate(stateAtSlot, data, vote).ifPresent(out::add);
    }
    return out;
  }

  private Optional<Attestation> aggregate(MutableBeaconState state, AttestationData data, Vote vote) {
    int committees = edvt.accessors().getCommitteeCountPerSlot(state, data.target().epoch());
    List<Integer> committeeIndices = new ArrayList<>();
    List<Integer> bits = new ArrayList<>();
    List<Long> signers = new ArrayList<>();
    int offset = 0;
    for (int k = 0; k < committees; k++) {
      long[] expanded = edvt.accessors().getExpandedBeaconCommittee(state, data.slot(), k);
      int before = bits.size();
      for (int i = 0; i < expanded.length; i++) {
        int validator = (int) VirtualIndex.validatorIndexOf(expanded[i]);
        int member = (int) VirtualIndex.memberIndexOf(expanded[i]);
        if (votes.of(validator, member, data.slot()) == vote) {
          bits.add(offset + i);
          signers.add(expanded[i]);
        }
      }
      if (bits.size() > before) {
        committeeIndices.add(k);
        offset += expanded.length;
      }
    }
    if (signers.isEmpty()) {
      return Optional.empty();
    }
    Bytes32 root = edvt.misc().computeSigningRoot(data.hashTreeRoot(),
        edvt.accessors().getDomain(state, DOMAIN_BEACON_ATTESTER, data.target().epoch()));
    List<BlsSecretKey> keys = new ArrayList<>();
    for (long virtualIndex : signers) {
      keys.add(keyOf(state, virtualIndex, data.target().epoch()));
    }
    return Optional.of(Attestation.create(edvt.schemas().attestation(),
        SszBits.withSet(offset, bits.stream().mapToInt(Integer::intValue).toArray()), data, sign(keys, root),
        SszBits.withSet(edvt.config().maxCommitteesPerSlot(), committeeIndices.stream().mapToInt(Integer::intValue).toArray())));
  }

  /** The EDVT body: Fulu's fields with the leader's RANDAO reveal, then the member index and group operations. */
  @Override
  protected BeaconBlockBody body(MutableBeaconState stateAtSlot, int proposer, BlockOptions options,
      List<Attestation> attestations) {
    int leader = leader(stateAtSlot, proposer, signers(stateAtSlot, proposer));
    UInt64 epoch = edvt.accessors().getCurrentEpoch(stateAtSlot);
    Bytes reveal = sign(List.of(memberKey(stateAtSlot, proposer, leader)),
        edvt.misc().computeSigningRoot(epoch, edvt.accessors().getDomain(stateAtSlot, DOMAIN_RANDAO, null)));
    var bodyType = edvt.schemas().beaconBlockBody();
    return BeaconBlockBodyEdvt.create(bodyType,
        reveal,
        stateAtSlot.eth1Data(),
        options.graffiti(),
        list(bodyType, BeaconBlockBody.PROPOSER_SLASHINGS, options.proposerSlashings()),
        list(bodyType, BeaconBlockBody.ATTESTER_SLASHINGS, options.attesterSlashings()),
        list(bodyType, BeaconBlockBody.ATTESTATIONS, attestations),
        list(bodyType, BeaconBlockBody.DEPOSITS, List.of()),
        list(bodyType, BeaconBlockBody.VOLUNTARY_EXITS, options.voluntaryExits()),
        syncAggregate(stateAtSlot),
        executionPayload(stateAtSlot),
        list(bodyType, BeaconBlockBody.BLS_TO_EXECUTION_CHANGES, options.blsToExecutionChanges()),
        list(bodyType, BeaconBlockBody.BLOB_KZG_COMMITMENTS, options.blobKzgCommitments()),
        executionRequests(options),
        UInt64.valueOf(leader),
        list(bodyType, BeaconBlockBodyEdvt.GROUP_REGISTRATIONS, next.registrations()),
        list(bodyType, BeaconBlockBodyEdvt.GROUP_KEY_CHANGES, next.keyChanges()));
  }

  /** The signers' aggregate over the block root, with {@code signer_bits}. */
  @Override
  protected SignedBeaconBlock sign(MutableBeaconState stateAtSlot, BeaconBlock block) {
    int proposer = block.proposerIndex().intValue();
    int[] signers = signers(stateAtSlot, proposer);
    Bytes32 domain = edvt.accessors().getDomain(stateAtSlot, DOMAIN_BEACON_PROPOSER,
        edvt.misc().computeEpochAtSlot(block.slot()));
    Bytes32 message = next.signsWrongRoot() ? block.parentRoot() : block.hashTreeRoot();
    List<BlsSecretKey> keys = new ArrayList<>();
    for (int member : signers) {
      keys.add(memberKey(stateAtSlot, proposer, member));
    }
    return SignedBeaconBlockEdvt.create(edvt.schemas().signedBeaconBlock(), block,
        sign(keys, edvt.misc().computeSigningRoot(message, domain)),
        SszBits.withSet(edvt.edvtConfig().maxGroupSize(), signers));
  }

  // ------------------------------------------------------------------ signers and keys

  /** The block's signers: the chosen ones, else the best-ranked {@code m} of the key set in force. */
  private int[] signers(MutableBeaconState stateAtSlot, int proposer) {
    int[] chosen = next.signers();
    if (chosen != null) {
      return chosen;
    }
    io.edvt.groups.GroupKeySet<Bytes48> keySet = keySet(stateAtSlot, proposer);
    int[] ranking = edvt.accessors().getGroupMemberRanking(stateAtSlot, proposer, stateAtSlot.slot());
    return Arrays.copyOf(ranking, keySet.threshold());
  }

  /** {@code get_block_leader}: the best-ranked of {@code signers} (the first one if none is ranked). */
  private int leader(MutableBeaconState stateAtSlot, int proposer, int[] signers) {
    SszBits bits = SszBits.withSet(edvt.edvtConfig().maxGroupSize(), signers);
    return edvt.accessors().getBlockLeader(stateAtSlot, proposer, stateAtSlot.slot(), bits)
        .orElse(signers.length > 0 ? signers[0] : 0);
  }

  private io.edvt.groups.GroupKeySet<Bytes48> keySet(MutableBeaconState state, int validator) {
    return edvt.accessors().registry().getValidatorKeySet(state, validator, edvt.accessors().getCurrentEpoch(state))
        .orElseThrow(() -> new IllegalStateException("validator " + validator + " has no key set in force"));
  }

  private BlsSecretKey memberKey(MutableBeaconState state, int validator, int member) {
    return keyOf(state, VirtualIndex.compute(validator, member),
        edvt.accessors().getCurrentEpoch(state));
  }

  /** The secret key of signer {@code virtualIndex} at {@code epoch} ({@code get_virtual_pubkey}). */
  private BlsSecretKey keyOf(MutableBeaconState state, long virtualIndex, UInt64 epoch) {
    Bytes48 pubkey = edvt.accessors().registry().getVirtualPubkey(state, virtualIndex, epoch)
        .orElseThrow(() -> new IllegalStateException("no signer " + virtualIndex + " at epoch " + epoch));
    return signer().keys().get(pubkey);
  }

  private static Bytes sign(List<BlsSecretKey> keys, Bytes32 root) {
    List<BlsSignature> signatures = new ArrayList<>(keys.size());
    for (BlsSecretKey key : keys) {
      signatures.add(Bls.sign(key, root));
    }
    return Bls.aggregate(signatures).toBytes();
  }
}
