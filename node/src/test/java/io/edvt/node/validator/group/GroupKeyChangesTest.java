package io.edvt.node.validator.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.devnet.genesis.DevnetGenesis;
import io.edvt.node.devnet.genesis.DevnetKeys;
import io.edvt.node.devnet.genesis.DevnetParameters;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;
import io.edvt.spec.edvt.logic.GroupOperationsEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes48;
import org.junit.jupiter.api.Test;

/**
 * A member node's side of a key change ({@link GroupKeyChanges} in a {@link GroupSignatureCollector}),
 * on a genesis state with one group of 4 members and threshold 3, the node holding members 1 and 2:
 * a valid request signed by member 0 gets the node's two signatures and is assembled into a
 * {@code SignedGroupKeyChange} that {@code process_group_key_change} accepts; requests that the
 * rule would refuse, or that leave an unsafe threshold, get no signature from the node; and
 * without the co-signing policy the node only collects.
 */
class GroupKeyChangesTest {
  private static final int MEMBERS = 4;
  private static final int THRESHOLD = 3;
  private final SpecVersions versions = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "0")));
  private final DevnetParameters parameters = new DevnetParameters(16, 1, 1, MEMBERS, THRESHOLD,
      MEMBERS * 32_000_000_000L, 1000, 0, 0, 16);
  private final DevnetKeys keys = new DevnetKeys(parameters);
  private final BeaconState state = new DevnetGenesis(versions, parameters).state();
  private final GroupOperationSigning signing = new GroupOperationSigning(versions.edvt(), state.genesisValidatorsRoot());
  private final List<GroupKeyChangeSignature> published = new ArrayList<>();
  private final List<SignedGroupKeyChange> assembled = new ArrayList<>();
  private final GroupSignatureCollector<GroupKeyChangeSignature, GroupKeyChange, SignedGroupKeyChange> collector =
      GroupKeyChanges.collector(versions, state.genesisValidatorsRoot(), new GroupSignatureCollector.Outputs<>() {
        @Override
        public void signature(GroupKeyChangeSignature signature) {
          published.add(signature);
        }

        @Override
        public void assembled(SignedGroupKeyChange change) {
          assembled.add(change);
        }
      });

  @Test
  void aValidRequestIsCoSignedAndAssembledIntoAChangeTheStateTransitionAccepts() {
    collector.cosignWith(List.of(keys.memberKey(0, 1), keys.memberKey(0, 2)));
    BlsSecretKey fresh = BlsSecretKey.interop(900);
    GroupKeyChange change = change(3, fresh.publicKey().toBytes(), proof(fresh), THRESHOLD);

    collector.onSignature(signedBy(change, 0), state);

    assertThat(published).extracting(s -> s.memberIndex().intValue()).containsExactly(1, 2);
    assertThat(assembled).hasSize(1);
    SignedGroupKeyChange signed = assembled.get(0);
    assertThat(signed.signerBits().count()).isEqualTo(3);
    assertThat(new GroupOperationsEdvt(versions.edvt().edvtHelpers())
        .validateGroupKeyChange(new MutableBeaconState(state), signed, SignatureVerifier.SIMPLE).isAccepted()).isTrue();
    assertThat(collector.signatures()).hasSize(3);
  }

  @Test
  void aRequestWithAForeignProofOfPossessionGetsNoSignature() {
    collector.cosignWith(List.of(keys.memberKey(0, 1), keys.memberKey(0, 2)));
    BlsSecretKey fresh = BlsSecretKey.interop(900);
    GroupKeyChange change = change(3, fresh.publicKey().toBytes(), proof(BlsSecretKey.interop(901)), THRESHOLD);

    collector.onSignature(signedBy(change, 0), state);

    assertThat(published).isEmpty();
    assertThat(assembled).isEmpty();
    assertThat(collector.signatures()).hasSize(1); // the request itself is held, for members who may sign it
  }

  @Test
  void aRequestLeavingAnUnsafeThresholdOrChangingNothingGetsNoSignature() {
    collector.cosignWith(List.of(keys.memberKey(0, 1), keys.memberKey(0, 2)));
    // remove member 3 with threshold 1 of 3: 2m <= n
    collector.onSignature(signedBy(change(3, Bytes48.wrap(new byte[48]), Bytes.wrap(new byte[96]), 1), 0), state);
    // only the threshold "changes", to the one in force
    collector.onSignature(signedBy(change(MEMBERS, Bytes48.wrap(new byte[48]), Bytes.wrap(new byte[96]), THRESHOLD), 0),
        state);

    assertThat(published).isEmpty();
    assertThat(assembled).isEmpty();
  }

  @Test
  void withoutThePolicyTheNodeOnlyCollects() {
    BlsSecretKey fresh = BlsSecretKey.interop(900);
    GroupKeyChange change = change(3, fresh.publicKey().toBytes(), proof(fresh), THRESHOLD);

    collector.onSignature(signedBy(change, 0), state);
    collector.onSignature(signedBy(change, 1), state);
    assertThat(assembled).isEmpty();
    collector.onSignature(signedBy(change, 3), state);

    assertThat(published).isEmpty();
    assertThat(assembled).hasSize(1);
    assertThat(assembled.get(0).signerBits().count()).isEqualTo(THRESHOLD);
  }

  private GroupKeyChange change(int member, Bytes48 pubkey, Bytes proof, int threshold) {
    return GroupKeyChange.create(UInt64.ZERO, UInt64.ZERO, UInt64.valueOf(member), pubkey, proof, UInt64.valueOf(threshold));
  }

  private Bytes proof(BlsSecretKey key) {
    return signing.keyProof(state.fork().currentVersion(), UInt64.ZERO, key);
  }

  private GroupKeyChangeSignature signedBy(GroupKeyChange change, int member) {
    return signing.keyChangeSignature(change, state.fork().currentVersion(), member, keys.memberKey(0, member));
  }
}
