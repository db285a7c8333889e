package io.edvt.simulator.chain;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.GroupKeySets;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * The start of a simulated chain: a mainnet-preset genesis of {@link Population}'s validators,
 * upgraded to EDVT at epoch 0, with every group registered and its member key set in force from
 * genesis (as if registered long ago), sync committees seated with the key sets in force, and an
 * anchor block whose root the first block's {@code parent_root} names.
 *
 * <p>Plain validators of 32 ETH get 0x01 credentials; larger ones and groups 0x02 (a group of
 * {@code n >= 2} needs them). Keys come from {@link SimKeys}: validator {@code i} has key {@code i},
 * member {@code j} of the {@code g}-th group key {@code V + 16 g + j}.
 */
public final class SimGenesis {
  /** A group of the chain: its validator, threshold and member count. */
  public record GroupInfo(int validator, int m, int n, String label) {}

  /** What a simulated chain starts from. */
  public record Start(SpecEdvt spec, SpecFulu fulu, BeaconState state, BeaconBlock anchor, Population population,
      List<GroupInfo> groups, int[] groupOfValidator) {
    /** The group index of {@code validator}, or -1. */
    public int groupOf(int validator) {
      return groupOfValidator[validator];
    }
  }

  private SimGenesis() {}

  /** The mainnet config with EDVT from genesis and {@code overrides}. */
  public static SpecConfig config(Map<String, String> overrides) {
    Map<String, String> all = new java.util.HashMap<>(overrides);
    all.putIfAbsent("EDVT_FORK_EPOCH", "0");
    return EdvtConfig.load("mainnet", all);
  }

  public static Start build(Population population, Map<String, String> configOverrides) {
    SpecConfig config = config(configOverrides);
    SpecFulu fulu = new SpecFulu(config);
    SpecEdvt edvt = new SpecEdvt(config);
    int v = population.size();
    int groupCount = (int) population.validators().stream().filter(Population.Member::isGroup).count();
    List<Bytes48> keys = SimKeys.first(v + 16 * groupCount);

    List<GenesisFulu.GenesisValidator> genesis = new ArrayList<>(v);
    for (int i = 0; i < v; i++) {
      Population.Member member = population.validators().get(i);
      byte prefix = member.balanceEth() > 32 || member.isGroup()
          ? SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX : SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX;
      genesis.add(new GenesisFulu.GenesisValidator(keys.get(i), GenesisFulu.interopWithdrawalCredentials(keys.get(i), prefix),
          UInt64.valueOf(member.balanceEth() * 1_000_000_000L)));
    }
    GenesisFulu genesisFulu = new GenesisFulu(fulu);
    BeaconStateFulu fuluState = genesisFulu.initialize(UInt64.ZERO, GenesisFulu.INTEROP_ETH1_BLOCK_HASH,
        genesisFulu.executionPayloadHeader(GenesisFulu.INTEROP_ETH1_BLOCK_HASH, UInt64.ZERO), genesis);
    MutableBeaconState state = new MutableBeaconState(edvt.forkUpgrade().upgradeToEdvt(fuluState));

    int maxGroupSize = SpecConfigEdvt.of(config).maxGroupSize();
    List<GroupInfo> groups = new ArrayList<>(groupCount);
    int[] groupOf = new int[v];
    Arrays.fill(groupOf, -1);
    List<Group> records = new ArrayList<>(groupCount);
    for (int i = 0; i < v; i++) {
      Population.Member member = population.validators().get(i);
      if (!member.isGroup()) {
        continue;
      }
      int g = groups.size();
      List<Bytes48> memberKeys = new ArrayList<>(member.n());
      for (int j = 0; j < member.n(); j++) {
        memberKeys.add(keys.get(v + 16 * g + j));
      }
      GroupKeySets<Bytes48> keySets = GroupKeySets.fromStored(
          List.of(new GroupKeySet<>(member.m(), memberKeys, UInt64.ZERO)));
      records.add(edvt.registry().toGroup(UInt64.valueOf(i), keySets));
      groups.add(new GroupInfo(i, member.m(), member.n(), member.label()));
      groupOf[i] = g;
    }
    var schemas = edvt.schemas();
    state.setList(BeaconStateEdvt.GROUPS, schemas.groups().of(records));
    byte[] zeros = new byte[groupCount * maxGroupSize];
    state.setList(BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION, schemas.memberParticipation().defaultValue().withBytes(zeros));
    state.setList(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION, schemas.memberParticipation().defaultValue().withBytes(zeros));
    edvt.epochProcessor().syncCommittee().seatCommitteesFromScratch(state);

    // the anchor: an empty EDVT body at slot 0, whose header the state holds (state root unset)
    BeaconBlockBody body = schemas.beaconBlockBody().defaultValue();
    state.setLatestBlockHeader(BeaconBlockHeader.create(UInt64.ZERO, UInt64.ZERO, Bytes32.ZERO, Bytes32.ZERO,
        body.hashTreeRoot()));
    // read back from SSZ so that no cache holds data from before the direct edits
    BeaconState start = schemas.beaconState().deserialize(state.commit().serialize());
    BeaconBlock anchor = BeaconBlock.create(schemas.beaconBlock(), UInt64.ZERO, UInt64.ZERO, Bytes32.ZERO,
        start.hashTreeRoot(), body);
    return new Start(edvt, fulu, start, anchor, population, List.copyOf(groups), groupOf);
  }
}
