package io.edvt.node.validatorclient;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Fork;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * The states a separate validator client hands the {@link io.edvt.node.validator.Signer}: the
 * signer reads from a state only its fork and {@code genesis_validators_root} (the signing domain)
 * and its layout (the milestone). A client without the chain builds, per milestone, the empty state
 * of that milestone carrying the fork the network config schedules and the genesis validators
 * root the beacon node reported. Any message of an epoch at or after the milestone's fork epoch is
 * signed with the milestone's current version, as with the chain's own state.
 */
final class SigningStates {
  private final SpecVersions versions;
  private final Bytes32 genesisValidatorsRoot;
  private final Map<SpecMilestone, BeaconState> states = new ConcurrentHashMap<>();

  SigningStates(SpecVersions versions, Bytes32 genesisValidatorsRoot) {
    this.versions = versions;
    this.genesisValidatorsRoot = genesisValidatorsRoot;
  }

  /** The state to sign messages of {@code epoch} with. */
  BeaconState atEpoch(UInt64 epoch) {
    return states.computeIfAbsent(versions.milestoneAtEpoch(epoch), this::build);
  }

  private BeaconState build(SpecMilestone milestone) {
    var config = versions.config();
    Bytes current = milestone.forkVersion(config);
    Bytes previous = milestone.previous().map(p -> p.forkVersion(config)).orElse(config.electraForkVersion());
    UInt64 forkEpoch = milestone.forkEpoch(config);
    MutableBeaconState state = new MutableBeaconState(versions.forMilestone(milestone).schemas().beaconState().defaultValue());
    state.setField(BeaconState.GENESIS_VALIDATORS_ROOT, genesisValidatorsRoot);
    state.setFork(Fork.create(previous, current, forkEpoch));
    state.setSlot(versions.forMilestone(milestone).misc().computeStartSlotAtEpoch(forkEpoch));
    return state.commit();
  }
}
