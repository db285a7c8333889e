package io.edvt.spec.testing;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_ATTESTER;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BEACON_PROPOSER;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_BLS_TO_EXECUTION_CHANGE;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_DEPOSIT;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_RANDAO;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_SYNC_COMMITTEE;
import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_VOLUNTARY_EXIT;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.BLSToExecutionChange;
import io.edvt.spec.datastructures.operations.DepositMessage;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * Signs what validators sign, with the domains the Fulu spec verifies them under (the
 * counterpart of the {@code get_domain}/{@code compute_signing_root} calls in block processing).
 */
public final class Signer {
  private final SpecFulu spec;
  private final ValidatorKeys keys;

  public Signer(SpecFulu spec, ValidatorKeys keys) {
    this.spec = spec;
    this.keys = keys;
  }

  public ValidatorKeys keys() {
    return keys;
  }

  /** The secret key of validator {@code index} of {@code state}. */
  public BlsSecretKey keyOf(MutableBeaconState state, int index) {
    return keys.get(state.validators().get(index).pubkey());
  }

  /** {@code randao_reveal}: the proposer's signature of the current epoch ({@code DOMAIN_RANDAO}). */
  public Bytes randaoReveal(MutableBeaconState state, int proposer) {
    UInt64 epoch = spec.accessors().getCurrentEpoch(state);
    return sign(keyOf(state, proposer), spec.misc().computeSigningRoot(epoch, spec.accessors().getDomain(state, DOMAIN_RANDAO, epoch)));
  }

  /** The proposer's signature of a block ({@code DOMAIN_BEACON_PROPOSER} at the block's epoch). */
  public Bytes block(MutableBeaconState state, BeaconBlock block) {
    return sign(keyOf(state, block.proposerIndex().intValue()), proposerSigningRoot(state, block.hashTreeRoot(), block.slot()));
  }

  /** The proposer's signature of a block header (proposer slashings). */
  public Bytes blockHeader(MutableBeaconState state, BeaconBlockHeader header) {
    return sign(keyOf(state, header.proposerIndex().intValue()), proposerSigningRoot(state, header.hashTreeRoot(), header.slot()));
  }

  private Bytes32 proposerSigningRoot(MutableBeaconState state, Bytes32 root, UInt64 slot) {
    Bytes32 domain = spec.accessors().getDomain(state, DOMAIN_BEACON_PROPOSER, spec.misc().computeEpochAtSlot(slot));
    return spec.misc().computeSigningRoot(root, domain);
  }

  /** The aggregate signature of {@code attesters} over {@code data} ({@code DOMAIN_BEACON_ATTESTER} at the target epoch). */
  public Bytes attestation(MutableBeaconState state, AttestationData data, Iterable<Integer> attesters) {
    Bytes32 domain = spec.accessors().getDomain(state, DOMAIN_BEACON_ATTESTER, data.target().epoch());
    Bytes32 root = spec.misc().computeSigningRoot(data.hashTreeRoot(), domain);
    List<BlsSignature> signatures = new ArrayList<>();
    for (int index : attesters) {
      signatures.add(Bls.sign(keyOf(state, index), root));
    }
    return Bls.aggregate(signatures).toBytes();
  }

  /**
   * The sync committee signature of {@code signers} over the block root of {@code previousSlot}
   * ({@code DOMAIN_SYNC_COMMITTEE} at that slot's epoch); the point at infinity for no signers.
   */
  public Bytes syncCommittee(MutableBeaconState state, Bytes32 blockRoot, UInt64 previousSlot, List<BlsSecretKey> signers) {
    if (signers.isEmpty()) {
      return SpecConstants.G2_POINT_AT_INFINITY;
    }
    Bytes32 domain = spec.accessors().getDomain(state, DOMAIN_SYNC_COMMITTEE, spec.misc().computeEpochAtSlot(previousSlot));
    Bytes32 root = spec.misc().computeSigningRoot(blockRoot, domain);
    List<BlsSignature> signatures = new ArrayList<>(signers.size());
    for (BlsSecretKey key : signers) {
      signatures.add(Bls.sign(key, root));
    }
    return Bls.aggregate(signatures).toBytes();
  }

  /** A voluntary exit's signature (EIP-7044: {@code DOMAIN_VOLUNTARY_EXIT} with {@code CAPELLA_FORK_VERSION}). */
  public Bytes voluntaryExit(MutableBeaconState state, VoluntaryExit exit) {
    Bytes32 domain = spec.misc().computeDomain(DOMAIN_VOLUNTARY_EXIT, spec.config().capellaForkVersion(), state.genesisValidatorsRoot());
    return sign(keyOf(state, exit.validatorIndex().intValue()), spec.misc().computeSigningRoot(exit.hashTreeRoot(), domain));
  }

  /** A BLS-to-execution change, signed by the withdrawal key ({@code DOMAIN_BLS_TO_EXECUTION_CHANGE}, genesis fork version). */
  public Bytes blsToExecutionChange(MutableBeaconState state, BLSToExecutionChange change) {
    Bytes32 domain = spec.misc().computeDomain(DOMAIN_BLS_TO_EXECUTION_CHANGE, spec.config().genesisForkVersion(), state.genesisValidatorsRoot());
    return sign(keys.get(change.fromBlsPubkey()), spec.misc().computeSigningRoot(change.hashTreeRoot(), domain));
  }

  /** A deposit's proof of possession ({@code DOMAIN_DEPOSIT}, genesis fork version, zero root). */
  public Bytes deposit(DepositMessage message) {
    Bytes32 domain = spec.misc().computeDomain(DOMAIN_DEPOSIT, spec.config().genesisForkVersion(), Bytes32.ZERO);
    return sign(keys.get(message.pubkey()), spec.misc().computeSigningRoot(message.hashTreeRoot(), domain));
  }

  private static Bytes sign(BlsSecretKey key, Bytes32 signingRoot) {
    return Bls.sign(key, signingRoot).toBytes();
  }
}
