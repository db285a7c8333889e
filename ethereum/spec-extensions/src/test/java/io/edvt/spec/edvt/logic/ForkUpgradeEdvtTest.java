package io.edvt.spec.edvt.logic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateElectra;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.schemas.SchemaDefinitionsElectra;
import io.edvt.spec.testing.ChainBuilder;
import java.util.Arrays;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code upgrade_to_edvt} and the upgrades of pooled operations (fork.md). */
class ForkUpgradeEdvtTest {
  private static final SpecConfig CONFIG = EdvtConfig.load("minimal");
  private static final SpecFulu FULU = new SpecFulu(CONFIG);
  private static final SpecEdvt EDVT = new SpecEdvt(CONFIG);
  private static final int SLOTS_PER_EPOCH = CONFIG.slotsPerEpoch();

  private static ChainBuilder chain;

  @BeforeAll
  static void buildChain() {
    chain = ChainBuilder.interop(FULU, 64);
    chain.addBlocksUpTo(UInt64.valueOf(SLOTS_PER_EPOCH + 3L));
  }

  private static int indexOf(BeaconStateEdvt state, org.apache.tuweni.bytes.Bytes48 pubkey) {
    for (int v = 0; v < state.validators().size(); v++) {
      if (state.validators().get(v).pubkey().equals(pubkey)) {
        return v;
      }
    }
    throw new AssertionError("no validator has " + pubkey);
  }

  @Test
  void upgradeCarriesEveryFuluFieldOverAndAddsEmptyLists() {
    BeaconStateFulu pre = BeaconStateFulu.required(chain.headState());
    BeaconStateEdvt post = EDVT.forkUpgrade().upgradeToEdvt(pre);

    assertThat(post.type()).isSameAs(EDVT.schemas().beaconState());
    assertThat(post.type().fieldCount()).isEqualTo(43);
    for (int i = 0; i < BeaconStateFulu.FIELD_COUNT; i++) {
      if (i != BeaconState.FORK) {
        assertThat(post.get(i)).as(pre.type().fieldNames().get(i)).isEqualTo(pre.get(i));
      }
    }
    assertThat(post.fork().previousVersion()).isEqualTo(pre.fork().currentVersion())
        .isEqualTo(Bytes.fromHexString("0x06000001"));
    assertThat(post.fork().currentVersion()).isEqualTo(SpecConfigEdvt.of(CONFIG).edvtForkVersion())
        .isEqualTo(Bytes.fromHexString("0xed000001"));
    assertThat(post.fork().epoch()).isEqualTo(UInt64.ONE);
    assertThat(post.groups().isEmpty()).isTrue();
    assertThat(post.previousEpochMemberParticipation().isEmpty()).isTrue();
    assertThat(post.currentEpochMemberParticipation().isEmpty()).isTrue();
    assertThat(post.groups().type().name()).isEqualTo(EDVT.schemas().groups().name());
    // both sync committees and the proposer lookahead are the Fulu ones
    assertThat(post.currentSyncCommittee()).isSameAs(pre.currentSyncCommittee());
    assertThat(post.nextSyncCommittee()).isSameAs(pre.nextSyncCommittee());
    assertThat(post.proposerLookahead()).isSameAs(pre.proposerLookahead());
    // each seat's signer is the validator whose key the Fulu committee holds (member 0 of itself)
    for (int i = 0; i < CONFIG.syncCommitteeSize(); i++) {
      assertThat(post.currentSyncCommitteeSigners().get(i)).as("current seat " + i)
          .isEqualTo(UInt64.valueOf(indexOf(post, pre.currentSyncCommittee().pubkeys().get(i))));
      assertThat(post.nextSyncCommitteeSigners().get(i)).as("next seat " + i)
          .isEqualTo(UInt64.valueOf(indexOf(post, pre.nextSyncCommittee().pubkeys().get(i))));
    }
    // the upgraded state round-trips as an EDVT state
    assertThat(EDVT.schemas().beaconState().deserialize(post.serialize()).hashTreeRoot())
        .isEqualTo(post.hashTreeRoot());
  }

  @Test
  void upgradeRefusesAnEdvtState() {
    BeaconStateEdvt edvt = EDVT.forkUpgrade().upgradeToEdvt(BeaconStateFulu.required(chain.headState()));
    assertThatThrownBy(() -> EDVT.forkUpgrade().upgradeToEdvt(edvt))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a Fulu state");
  }

  @Test
  void theInheritedFuluUpgradeStillMakesAFuluState() {
    BeaconState head = chain.headState();
    BeaconStateElectra electra = BeaconStateElectra.required(new SchemaDefinitionsElectra(CONFIG).beaconState()
        .create(Arrays.copyOf(head.values(), BeaconState.FIELD_COUNT)));
    BeaconStateFulu viaEdvt = EDVT.forkUpgrade().upgradeToFulu(electra);
    BeaconStateFulu viaFulu = FULU.forkUpgrade().upgradeToFulu(electra);
    assertThat(viaEdvt.type()).isSameAs(FULU.schemas().beaconState());
    assertThat(viaEdvt.hashTreeRoot()).isEqualTo(viaFulu.hashTreeRoot());
    assertThat(BeaconStateEdvt.toVersionEdvt(viaEdvt)).isEmpty();
  }

  @Test
  void pooledOperationsKeepTheirContentAndNameMemberZero() {
    MutableBeaconState view = chain.headView();
    ForkUpgradeEdvt upgrade = EDVT.forkUpgrade();
    SszBits ownKey = upgrade.computeOwnKeySignerBits();
    assertThat(ownKey.length()).isEqualTo(16);
    assertThat(ownKey.setBits().toArray()).containsExactly(0);

    ProposerSlashing proposerSlashing = chain.operations().proposerSlashing(view, 5, view.slot());
    ProposerSlashing upgradedProposerSlashing = upgrade.upgradeProposerSlashing(proposerSlashing);
    assertThat(upgradedProposerSlashing.type()).isSameAs(EDVT.schemas().proposerSlashing());
    for (var pair : List.of(
        List.of(proposerSlashing.signedHeader1(), upgradedProposerSlashing.signedHeader1()),
        List.of(proposerSlashing.signedHeader2(), upgradedProposerSlashing.signedHeader2()))) {
      SignedBeaconBlockHeaderEdvt header = SignedBeaconBlockHeaderEdvt.toVersionEdvt(pair.get(1)).orElseThrow();
      assertThat(header.message()).isEqualTo(pair.get(0).message());
      assertThat(header.signature()).isEqualTo(pair.get(0).signature());
      assertThat(header.signerBits()).isEqualTo(ownKey);
    }

    AttesterSlashing attesterSlashing = chain.operations().attesterSlashing(view, List.of(3, 9, 17));
    AttesterSlashing upgradedAttesterSlashing = upgrade.upgradeAttesterSlashing(attesterSlashing);
    assertThat(upgradedAttesterSlashing.type()).isSameAs(EDVT.schemas().attesterSlashing());
    assertThat(upgradedAttesterSlashing.attestation1().attestingIndices().asList())
        .isEqualTo(attesterSlashing.attestation1().attestingIndices().asList());
    assertThat(upgradedAttesterSlashing.attestation2().data()).isEqualTo(attesterSlashing.attestation2().data());
    assertThat(upgradedAttesterSlashing.attestation2().signature())
        .isEqualTo(attesterSlashing.attestation2().signature());

    Attestation attestation = chain.blocks().getLast().message().body().attestations().get(0);
    Attestation upgradedAttestation = upgrade.upgradeAttestation(attestation);
    assertThat(upgradedAttestation.type()).isSameAs(EDVT.schemas().attestation());
    assertThat(upgradedAttestation.aggregationBits()).isEqualTo(attestation.aggregationBits());
    assertThat(upgradedAttestation.committeeBits()).isEqualTo(attestation.committeeBits());
    assertThat(upgradedAttestation.data()).isEqualTo(attestation.data());
    // the larger bit list limit changes the root, not the encoding
    assertThat(upgradedAttestation.serialize()).isEqualTo(attestation.serialize());
    assertThat(upgradedAttestation.hashTreeRoot()).isNotEqualTo(attestation.hashTreeRoot());

    SignedVoluntaryExit exit = chain.operations().voluntaryExit(view, 11);
    SignedVoluntaryExitEdvt upgradedExit = upgrade.upgradeVoluntaryExit(exit);
    assertThat(upgradedExit.type()).isSameAs(EDVT.schemas().signedVoluntaryExit());
    assertThat(upgradedExit.message()).isEqualTo(exit.message());
    assertThat(upgradedExit.signature()).isEqualTo(exit.signature());
    assertThat(upgradedExit.signerBits()).isEqualTo(ownKey);
    // upgraded operations fit an EDVT block body
    var body = EDVT.schemas().beaconBlockBody().defaultValue()
        .withProposerSlashings(EDVT.schemas().beaconBlockBody().defaultValue().proposerSlashings()
            .append(upgradedProposerSlashing))
        .withVoluntaryExits(EDVT.schemas().beaconBlockBody().defaultValue().voluntaryExits().append(upgradedExit));
    assertThat(body.proposerSlashings().get(0)).isSameAs(upgradedProposerSlashing);
  }
}
