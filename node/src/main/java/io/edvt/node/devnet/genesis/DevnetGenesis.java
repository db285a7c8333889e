package io.edvt.node.devnet.genesis;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.GroupKeySets;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.validator.group.GroupOperationSigning;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.execution.ExecutionPayloadHeader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The devnet's genesis state: Fulu's interop genesis ({@link GenesisFulu}) of the devnet's
 * validators, plain ones with 32 ETH and {@code 0x01} credentials, group validators with their
 * group balance and {@code 0x02} credentials (a group of two or more members needs them).
 *
 * <p><b>EDVT at genesis.</b> The EDVT spec has no genesis of its own: a pure EDVT network applies
 * {@code upgrade_to_edvt} to the genesis state (fork.md), which leaves {@code groups} empty, and
 * groups are otherwise formed only by {@code process_group_registration}, whose key set takes
 * effect two sync-committee periods later. A devnet that wants groups from slot 0 therefore writes
 * them into the upgraded state directly, as the simulator's and the benchmarks' genesis do: each
 * group holds one key set, its members', in force from epoch 0, as if it had been registered long
 * ago and its own-key set pruned ({@code process_group_key_set_pruning}); member participation
 * has {@code MAX_GROUP_SIZE} entries per group ({@code add_group_to_registry}); both sync
 * committees and their signers are seated from the key sets in force; the proposer lookahead is
 * recomputed; and the latest block header carries the EDVT empty body's root.
 *
 * <p><b>EDVT at a later epoch.</b> The genesis is Fulu's with the group validators funded, and
 * the groups are formed the way a real network forms them: by {@link #registrations} signed by the
 * validators' own keys (and a proof of possession by each member key) under the EDVT fork version,
 * to be included in blocks after the fork.
 */
public final class DevnetGenesis {
  private final SpecVersions versions;
  private final DevnetParameters p;
  private final DevnetKeys keys;
  private final Optional<ExecutionGenesisBlock> execution;

  /** A genesis on the interop execution header (the embedded engine's start). */
  public DevnetGenesis(SpecVersions versions, DevnetParameters p) {
    this(versions, p, Optional.empty());
  }

  /**
   * A genesis whose {@code latest_execution_payload_header} is {@code execution}'s block 0 when
   * given (the nodes then run on that execution client's chain), otherwise the interop header.
   */
  public DevnetGenesis(SpecVersions versions, DevnetParameters p, Optional<ExecutionGenesisBlock> execution) {
    this.versions = versions;
    this.p = p;
    this.keys = new DevnetKeys(p);
    this.execution = execution;
  }

  public DevnetKeys keys() {
    return keys;
  }

  /** The genesis state: EDVT with the groups when EDVT is at genesis, otherwise Fulu. */
  public BeaconState state() {
    SpecConfig config = versions.config();
    List<GenesisFulu.GenesisValidator> validators = new ArrayList<>(p.validators());
    for (int i = 0; i < p.validators(); i++) {
      Bytes48 pubkey = keys.validatorKey(i).publicKey().toBytes();
      boolean group = keys.isGroupValidator(i);
      byte prefix = group ? SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX : SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX;
      UInt64 balance = group ? UInt64.valueOf(p.groupBalanceGwei()) : config.minActivationBalance();
      validators.add(new GenesisFulu.GenesisValidator(pubkey, GenesisFulu.interopWithdrawalCredentials(pubkey, prefix),
          balance));
    }
    GenesisFulu genesis = new GenesisFulu(versions.fulu());
    UInt64 time = UInt64.valueOf(p.genesisTime());
    // an execution genesis's block hash also seeds the RANDAO mixes and eth1_data, as a real genesis's would
    Bytes32 eth1BlockHash = execution.map(ExecutionGenesisBlock::blockHash).orElse(GenesisFulu.INTEROP_ETH1_BLOCK_HASH);
    ExecutionPayloadHeader header = execution.map(e -> e.header(versions.fulu()))
        .orElseGet(() -> genesis.executionPayloadHeader(GenesisFulu.INTEROP_ETH1_BLOCK_HASH, time));
    BeaconStateFulu fulu = genesis.initialize(time, eth1BlockHash, header, validators);
    if (!p.edvtAtGenesis()) {
      return fulu;
    }
    SpecEdvt edvt = versions.edvt();
    SchemaDefinitionsEdvt schemas = edvt.schemas();
    MutableBeaconState state = new MutableBeaconState(edvt.forkUpgrade().upgradeToEdvt(fulu));
    List<Group> groups = new ArrayList<>(p.groups());
    for (int g = 0; g < p.groups(); g++) {
      GroupKeySets<Bytes48> keySets = GroupKeySets.fromStored(
          List.of(new GroupKeySet<>(p.threshold(), memberPubkeys(g), UInt64.ZERO)));
      groups.add(edvt.registry().toGroup(UInt64.valueOf(keys.groupValidator(g)), keySets));
    }
    state.setList(BeaconStateEdvt.GROUPS, schemas.groups().of(groups));
    byte[] zeros = new byte[p.groups() * SpecConfigEdvt.of(config).maxGroupSize()];
    state.setList(BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION,
        schemas.memberParticipation().defaultValue().withBytes(zeros));
    state.setList(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION,
        schemas.memberParticipation().defaultValue().withBytes(zeros));
    edvt.epochProcessor().syncCommittee().seatCommitteesFromScratch(state);
    state.setLatestBlockHeader(BeaconBlockHeader.create(UInt64.ZERO, UInt64.ZERO, Bytes32.ZERO, Bytes32.ZERO,
        schemas.beaconBlockBody().defaultValue().hashTreeRoot()));
    // read back from SSZ: no cache holds data from before the direct edits
    MutableBeaconState edited = new MutableBeaconState(schemas.beaconState().deserialize(state.commit().serialize()));
    edited.setList(BeaconStateFulu.PROPOSER_LOOKAHEAD, edvt.forkUpgrade().initializeProposerLookahead(edited));
    return schemas.beaconState().deserialize(edited.commit().serialize());
  }

  public List<Bytes48> memberPubkeys(int group) {
    List<Bytes48> out = new ArrayList<>(p.groupSize());
    for (int j = 0; j < p.groupSize(); j++) {
      out.add(keys.memberKey(group, j).publicKey().toBytes());
    }
    return out;
  }

  /**
   * One {@code SignedGroupRegistration} per group for a devnet whose EDVT fork comes after genesis:
   * signed by the group validator's own key with {@code DOMAIN_GROUP_REGISTRATION}, each member
   * key's proof of possession with {@code DOMAIN_GROUP_KEY_PROOF}, both under
   * {@code EDVT_FORK_VERSION} and the genesis validators root (the domain of any EDVT block that
   * includes them).
   */
  public List<SignedGroupRegistration> registrations(Bytes32 genesisValidatorsRoot) {
    GroupOperationSigning signing = new GroupOperationSigning(versions.edvt(), genesisValidatorsRoot);
    Bytes forkVersion = SpecConfigEdvt.of(versions.config()).edvtForkVersion();
    List<SignedGroupRegistration> out = new ArrayList<>(p.groups());
    for (int g = 0; g < p.groups(); g++) {
      List<BlsSecretKey> members = new ArrayList<>(p.groupSize());
      for (int j = 0; j < p.groupSize(); j++) {
        members.add(keys.memberKey(g, j));
      }
      out.add(signing.registration(forkVersion, UInt64.valueOf(keys.groupValidator(g)),
          keys.validatorKey(keys.groupValidator(g)), p.threshold(), members));
    }
    return out;
  }

}
