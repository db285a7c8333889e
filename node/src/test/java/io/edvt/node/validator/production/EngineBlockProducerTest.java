package io.edvt.node.validator.production;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.chain.AttestationIntake;
import io.edvt.node.chain.AttestationPool;
import io.edvt.node.chain.BlockSource;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainLoader;
import io.edvt.node.chain.ChainOptions;
import io.edvt.node.chain.ImportResult;
import io.edvt.node.chain.OperationPool;
import io.edvt.node.chain.PooledBlockProductionInputs;
import io.edvt.node.execution.embedded.EmbeddedEngine;
import io.edvt.node.storage.Anchor;
import io.edvt.node.storage.ChainStorage;
import io.edvt.node.storage.StorageMode;
import io.edvt.node.storage.StorageOptions;
import io.edvt.node.storage.memory.InMemoryChainStorage;
import io.edvt.node.time.SlotClock;
import io.edvt.node.validator.DutyPublisher;
import io.edvt.node.validator.GroupProposalSeam;
import io.edvt.node.validator.Signer;
import io.edvt.node.validator.ValidatorDuties;
import io.edvt.node.validator.slashing.SlashingProtection;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proposer and attester paths on a real chain, slot by slot with a hand-moved clock: 64
 * interop validators (minimal preset, Fulu at genesis, EDVT from epoch 1), all held by one
 * {@link ValidatorDuties}; blocks built by {@link EngineBlockProducer} on the embedded engine, signed
 * through slashing protection, imported by the chain's importer (full state transition with every
 * signature, the engine's {@code newPayload} verdict); our own single attestations turned into
 * attestations by {@link AttestationIntake}, pooled and given to fork choice, then packed by the
 * next proposer.
 */
class EngineBlockProducerTest {
  private static final Bytes FEE_RECIPIENT = Bytes.fromHexString("0x" + "fe".repeat(20));
  private static final int VALIDATORS = 64;

  @TempDir Path dir;

  /** Imports blocks and takes single attestations in, as the node's publisher does with p2p off. */
  private static final class LocalPublisher implements DutyPublisher {
    final Chain chain;
    final AttestationIntake intake;
    final List<ImportResult> imports = new ArrayList<>();
    final List<Boolean> forkChoiceAnswers = new ArrayList<>();
    BeaconState headState;

    LocalPublisher(Chain chain, AttestationIntake intake) {
      this.chain = chain;
      this.intake = intake;
    }

    @Override
    public void attestation(SingleAttestation attestation, int subnet) {
      intake.onSingleAttestation(attestation, headState).ifPresentOrElse(
          f -> forkChoiceAnswers.add(f.join()), () -> forkChoiceAnswers.add(false));
    }

    @Override
    public void aggregate(SignedAggregateAndProof aggregate) {}

    @Override
    public void syncCommitteeMessage(SyncCommitteeMessage message, int subnet) {}

    @Override
    public void block(SignedBeaconBlock block) {
      imports.add(chain.importer().importBlock(block, BlockSource.RPC).join());
    }
  }

  @Test
  void proposesEverySlotAcrossTheForkPackingOurOwnAttestationsUntilTheChainJustifies() throws Exception {
    SpecVersions versions = new SpecVersions(EdvtConfig.load("minimal", Map.of("EDVT_FORK_EPOCH", "1")));
    BeaconState genesis = new GenesisFulu(versions.fulu()).interop(VALIDATORS, UInt64.ZERO, SpecConstants.ETH1_ADDRESS_WITHDRAWAL_PREFIX);
    long slotMs = versions.config().slotDurationMs();
    AtomicLong now = new AtomicLong();
    SlotClock clock = new SlotClock(0, slotMs, versions.config().slotsPerEpoch(), () -> Instant.ofEpochMilli(now.get()));
    ChainStorage storage = InMemoryChainStorage.create(versions, StorageOptions.defaults(StorageMode.PRUNE, versions.config()),
        Anchor.genesis(versions, genesis));
    EmbeddedEngine engine = new EmbeddedEngine(versions.fulu().schemas(), genesis.latestExecutionPayloadHeader());
    List<BlsSecretKey> keys = new ArrayList<>();
    for (int i = 0; i < VALIDATORS; i++) {
      keys.add(BlsSecretKey.interop(i));
    }
    try (Chain chain = ChainLoader.load(versions, storage, engine, clock, ChainOptions.defaults());
        SlashingProtection protection = SlashingProtection.open(dir, genesis.genesisValidatorsRoot())) {
      AttestationPool pool = AttestationPool.create();
      AttestationIntake intake = new AttestationIntake(versions, pool, chain);
      EngineBlockProducer producer = new EngineBlockProducer(versions, engine,
          new PooledBlockProductionInputs(versions, pool, new OperationPool(versions, 64)), FEE_RECIPIENT, "edvt test");
      LocalPublisher publisher = new LocalPublisher(chain, intake);
      ValidatorDuties duties = new ValidatorDuties(versions, new Signer(versions, protection, keys),
          () -> new ValidatorDuties.Head(chain.head().root(), headState(chain)), publisher,
          (data, committee) -> Optional.empty(), producer, GroupProposalSeam.NONE);

      long lastSlot = 3L * versions.config().slotsPerEpoch() + 1;
      List<SignedBeaconBlock> proposed = new ArrayList<>();
      for (long slot = 1; slot <= lastSlot; slot++) {
        now.set(slot * slotMs);
        chain.onSlot(slot).get(10, TimeUnit.SECONDS);
        SignedBeaconBlock block = duties.propose(UInt64.valueOf(slot)).orElseThrow(() -> new AssertionError("no block"));
        proposed.add(block);
        assertThat(publisher.imports.getLast()).as("slot %d", slot).isInstanceOf(ImportResult.Imported.class);
        assertThat(chain.head().root()).isEqualTo(block.message().hashTreeRoot());
        publisher.headState = headState(chain);
        assertThat(duties.attest(UInt64.valueOf(slot))).as("slot %d: two committees of 4", slot).hasSize(8);
      }

      // every vote went into fork choice (applied at the next tick, as the spec wants)
      assertThat(publisher.forkChoiceAnswers).hasSize(8 * (int) lastSlot).containsOnly(true);
      for (SignedBeaconBlock block : proposed) {
        var body = block.message().body();
        assertThat(body.graffiti()).isEqualTo(EngineBlockProducer.graffiti("edvt test"));
        assertThat(body.executionPayload().feeRecipient()).isEqualTo(FEE_RECIPIENT);
        long slot = block.message().slot().longValue();
        assertThat(SpecVersions.milestoneOf(stateOf(chain, block)))
            .isEqualTo(slot >= versions.config().slotsPerEpoch() ? SpecMilestone.EDVT : SpecMilestone.FULU);
        if (slot > 1) {
          // the previous slot's eight votes: one aggregate per committee (two committees of four), merged by the pool
          List<Attestation> previous = new ArrayList<>();
          body.attestations().forEach(a -> {
            if (a.data().slot().longValue() == slot - 1) {
              previous.add(a);
            }
          });
          assertThat(previous).as("slot %d", slot).hasSize(2);
          assertThat(previous.stream().mapToInt(a -> a.aggregationBits().count()).sum()).as("slot %d", slot).isEqualTo(8);
        }
      }
      BeaconState head = headState(chain);
      assertThat(head.currentJustifiedCheckpoint().epoch().longValue()).as("justified by our own votes").isGreaterThanOrEqualTo(2);
      assertThat(chain.readForkChoice(f -> f.justifiedCheckpoint()).get().epoch().longValue()).isGreaterThanOrEqualTo(2);

      // an attestation for a block fork choice does not know counts for nothing
      AttestationData data = AttestationData.create(UInt64.valueOf(lastSlot), UInt64.ZERO, Bytes32.repeat((byte) 7),
          head.currentJustifiedCheckpoint(), Checkpoint.create(UInt64.valueOf(3), Bytes32.repeat((byte) 7)));
      Attestation unknown = pool.all().getLast();
      Attestation bad = Attestation.create(versions.edvt().schemas().attestation(), unknown.aggregationBits(), data,
          unknown.signature(), unknown.committeeBits());
      now.set((lastSlot + 1) * slotMs);
      chain.onSlot(lastSlot + 1).get(10, TimeUnit.SECONDS);
      assertThat(chain.onAttestation(bad).get(10, TimeUnit.SECONDS)).isFalse();
    }
  }

  private static BeaconState headState(Chain chain) {
    var root = chain.head().root();
    return chain.readForkChoice(f -> f.block(root).state()).orTimeout(10, TimeUnit.SECONDS).join();
  }

  private static BeaconState stateOf(Chain chain, SignedBeaconBlock block) throws Exception {
    var root = block.message().hashTreeRoot();
    return chain.readForkChoice(f -> f.block(root).state()).get(10, TimeUnit.SECONDS);
  }
}
