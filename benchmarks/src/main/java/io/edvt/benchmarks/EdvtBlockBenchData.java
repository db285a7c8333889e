package io.edvt.benchmarks;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import io.edvt.spec.testing.ValidatorKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * Writes the input of {@link EdvtBlockBenchmark} (issue 4, block processing): the same full
 * mainnet-preset block as {@link BlockBenchData} (first block at slot 9 of an interop genesis of N
 * validators, every fork at epoch 0; one aggregate per slot 1..8 covering every committee of its
 * slot: 8 attestations, 128 committee aggregates), twice:
 *
 * <ul>
 *   <li>{@code edvt/}: EDVT from genesis with every 64th validator a group of 7 members, threshold 5
 *       (compounding credentials, 224 ETH: 10 % of the stake, as in {@link EdvtBenchStates}); the
 *       committees are expanded, every member signs with its own real key (members' keys are
 *       interop keys from index 1,000,000 on), and the sync committee and proposer lookahead are
 *       computed with the groups. Made by {@link EdvtChainBuilder}.
 *   <li>{@code fulu/}: the same validators and balances on Fulu, without groups.
 * </ul>
 *
 * <p>Each folder holds {@code pre.ssz} (the start state advanced to slot 8), {@code block.ssz} and
 * {@code meta.json} (attestations, committee aggregates, signers). The block is checked with the
 * full {@code state_transition} before it is written.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.edvt.benchmarks.EdvtBlockBenchData 65536 benchmarks/lodestar/out/edvt-block-65536</pre>
 */
public final class EdvtBlockBenchData {
  static final int GROUP_SIZE = 7;
  static final int THRESHOLD = 5;
  /** Every 64th validator has a group: 1/64 of the validators at 7 × 32 ETH is 10 % of the stake. */
  static final int GROUP_STRIDE = 64;
  static final long BLOCK_SLOT = 9;

  private EdvtBlockBenchData() {}

  static SpecConfig config() {
    Map<String, String> forks = new HashMap<>(BlockBenchData.FORKS_AT_ZERO);
    forks.put("EDVT_FORK_EPOCH", "0");
    return EdvtConfig.load("mainnet", forks);
  }

  static BlsSecretKey memberKey(int validator, int member) {
    return BlsSecretKey.interop(1_000_000 + validator * 16 + member);
  }

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 65536;
    Path dir = Path.of(args.length > 1 ? args[1] : "benchmarks/lodestar/out/edvt-block-" + n);
    long t0 = System.nanoTime();
    SpecConfig config = config();
    SpecFulu fulu = new SpecFulu(config);
    SpecEdvt edvt = new SpecEdvt(config);
    BeaconState genesis = new GenesisFulu(fulu).interop(n, UInt64.ZERO, SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);

    // the group validators, funded for 7 members, in both variants
    MutableBeaconState funded = new MutableBeaconState(genesis);
    UInt64 groupBalance = config.minActivationBalance().times(GROUP_SIZE);
    for (int v = 0; v < n; v += GROUP_STRIDE) {
      Validator validator = funded.validators().get(v);
      byte[] credentials = validator.withdrawalCredentials().toArray();
      credentials[0] = SpecConstants.COMPOUNDING_WITHDRAWAL_PREFIX;
      funded.validators().set(v, validator.withWithdrawalCredentials(Bytes32.wrap(credentials))
          .withEffectiveBalance(groupBalance));
      funded.balances().set(v, groupBalance);
    }
    funded.setList(BeaconStateFulu.PROPOSER_LOOKAHEAD, fulu.forkUpgrade().initializeProposerLookahead(funded));
    BeaconState fuluStart = fulu.schemas().beaconState().deserialize(funded.commit().serialize());
    ValidatorKeys keys = ValidatorKeys.interop(n);
    System.err.printf("genesis and keys of %d validators in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    write(fulu, new ChainBuilder(fulu, fuluStart, keys), dir.resolve(SpecMilestone.FULU.forkName()), t0);

    // EDVT: upgraded at genesis, groups registered directly in the state
    SchemaDefinitionsEdvt schemas = edvt.schemas();
    MutableBeaconState state = new MutableBeaconState(edvt.forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(fuluStart)));
    @SuppressWarnings("unchecked")
    ListType<GroupKeySet> keySetsType = (ListType<GroupKeySet>) schemas.group().fields().get(1).type();
    for (int v = 0; v < n; v += GROUP_STRIDE) {
      List<Bytes48> pubkeys = new ArrayList<>();
      for (int j = 0; j < GROUP_SIZE; j++) {
        BlsSecretKey key = memberKey(v, j);
        keys.add(key);
        pubkeys.add(key.publicKey().toBytes());
      }
      GroupKeySet members = GroupKeySet.create(schemas.groupKeySet(), UInt64.valueOf(THRESHOLD),
          schemas.groupPubkeys().of(pubkeys), UInt64.ZERO);
      state.<Group>list(BeaconStateEdvt.GROUPS).append(Group.create(schemas.group(), UInt64.valueOf(v), keySetsType.of(List.of(members))));
      for (int j = 0; j < SpecConfigEdvt.of(config).maxGroupSize(); j++) {
        state.<Integer>list(BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION).append(0);
        state.<Integer>list(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION).append(0);
      }
    }
    edvt.epochProcessor().syncCommittee().seatCommitteesFromScratch(state);
    state.setList(BeaconStateFulu.PROPOSER_LOOKAHEAD, edvt.forkUpgrade().initializeProposerLookahead(state));
    BeaconState edvtStart = schemas.beaconState().deserialize(state.commit().serialize());
    System.err.printf("EDVT start state in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    write(edvt, new EdvtChainBuilder(edvt, edvtStart, keys), dir.resolve(SpecMilestone.EDVT.forkName()), t0);
  }

  private static void write(SpecFulu spec, ChainBuilder chain, Path dir, long t0) throws IOException {
    Files.createDirectories(dir);
    SignedBeaconBlock block = chain.produceBlock(UInt64.valueOf(BLOCK_SLOT), BlockOptions.none());
    MutableBeaconState pre = new MutableBeaconState(chain.headState());
    spec.stateTransition().processSlots(pre, UInt64.valueOf(BLOCK_SLOT - 1));
    BeaconState preState = pre.commit();
    preState.hash();
    BeaconState post = EdvtBlockBenchmark.transition(spec, preState, block);
    if (!post.hashTreeRoot().equals(block.message().stateRoot())) {
      throw new IllegalStateException("post-state root differs from the block's state_root");
    }
    int committees = 0;
    int signers = 0;
    for (Attestation a : block.message().body().attestations()) {
      committees += a.committeeBits().count();
      signers += a.aggregationBits().count();
    }
    Files.write(dir.resolve("pre.ssz"), preState.serialize());
    Files.write(dir.resolve("block.ssz"), block.serialize());
    String meta = String.format("{\"fork\": \"%s\", \"validators\": %d, \"slot\": %d, \"attestations\": %d, "
            + "\"committeeAggregates\": %d, \"attestationSigners\": %d, \"syncSigners\": %d, \"blockRoot\": \"%s\", \"seconds\": %.1f}%n",
        SpecVersions.milestoneOf(preState).forkName(), preState.validators().size(), BLOCK_SLOT,
        block.message().body().attestations().size(), committees, signers,
        block.message().body().syncAggregate().syncCommitteeBits().count(), block.message().hashTreeRoot(),
        (System.nanoTime() - t0) / 1e9);
    Files.writeString(dir.resolve("meta.json"), meta);
    System.out.print(meta);
  }
}
