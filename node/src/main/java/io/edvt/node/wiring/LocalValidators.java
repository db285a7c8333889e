package io.edvt.node.wiring;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.chain.AttestationIntake;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainEvents;
import io.edvt.node.chain.OperationPool;
import io.edvt.node.chain.PooledBlockProductionInputs;
import io.edvt.node.chain.SyncCommitteeIntake;
import io.edvt.node.config.ValidatorConfig;
import io.edvt.node.execution.EngineApi;
import io.edvt.node.network.GossipPublisher;
import io.edvt.node.network.GroupMessages;
import io.edvt.node.network.NodeNetwork;
import io.edvt.node.time.SlotClock;
import io.edvt.node.validator.DoppelgangerGuard;
import io.edvt.node.validator.Signer;
import io.edvt.node.validator.ValidatorDuties;
import io.edvt.node.validator.duties.DutyCalculator;
import io.edvt.node.validator.duties.MemberAssignments;
import io.edvt.node.validator.group.GroupExits;
import io.edvt.node.validator.group.GroupProposer;
import io.edvt.node.validator.group.ProposalCheck;
import io.edvt.node.validator.keys.KeySource;
import io.edvt.node.validator.keys.LoadProgress;
import io.edvt.node.validator.keys.LoadedKey;
import io.edvt.node.validator.keys.ValidatorKeyLoader;
import io.edvt.node.validator.production.EngineBlockProducer;
import io.edvt.node.validator.slashing.Interchange;
import io.edvt.node.validator.slashing.SignedAttestationRecord;
import io.edvt.node.validator.slashing.SignedBlockRecord;
import io.edvt.node.validator.slashing.SlashingProtection;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The validator client inside the beacon node ({@code --validator-keys} given): the keys
 * decrypted, slashing protection opened in {@code --data-path}, and {@link ValidatorDuties} run on
 * their own thread ({@code validator-duties}, which may wait for the engine and the chain thread):
 * at each slot after the chain's tick, and at once when the slot's block becomes head. What the
 * duties sign goes out through {@link NodeDutyPublisher}. Slots of a held member's group go to a
 * {@link GroupProposer} on its own thread ({@code group-proposals}); a node holding member keys
 * joins the member topics and hands what they accept to it.
 */
final class LocalValidators implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LocalValidators.class.getName());
  static final String GRAFFITI = "edvt";
  private static final long READ_SECONDS = 10;

  private final SlashingProtection protection;
  private final ScheduledExecutorService executor;
  private final ScheduledExecutorService groupThread;
  private final ValidatorDuties duties;
  private final SlotClock clock;
  private final int keyCount;
  /** With {@code --doppelganger-detection-enabled}: the watch, until it releases the duties. */
  private final Optional<Doppelganger> doppelganger;

  /** The doppelganger watch and what follows it: the activation when it releases, {@code fatal} when it detects. */
  private static final class Doppelganger {
    final DoppelgangerGuard guard;
    final BlockLiveness liveness;
    final Runnable activation;
    final Consumer<String> fatal;
    volatile boolean released;
    volatile boolean detected;
    long lastLoggedEpoch = -1;

    Doppelganger(DoppelgangerGuard guard, BlockLiveness liveness, Runnable activation, Consumer<String> fatal) {
      this.guard = guard;
      this.liveness = liveness;
      this.activation = activation;
      this.fatal = fatal;
    }
  }

  private LocalValidators(SlashingProtection protection, ScheduledExecutorService executor,
      ScheduledExecutorService groupThread, ValidatorDuties duties, SlotClock clock, int keyCount,
      Optional<Doppelganger> doppelganger) {
    this.doppelganger = doppelganger;
    this.protection = protection;
    this.executor = executor;
    this.groupThread = groupThread;
    this.duties = duties;
    this.clock = clock;
    this.keyCount = keyCount;
  }

  /**
   * Loads the keys (a bad keystore or password is a {@link io.edvt.node.validator.keys.KeystoreException}
   * naming the file), opens slashing protection and subscribes to the chain's head events.
   *
   * @param network the node's network, or empty when p2p is off (blocks go straight to the importer)
   * @param fatal told, once, why the node must stop (a doppelganger was detected)
   */
  static LocalValidators start(ValidatorConfig config, Path dataPath, SpecVersions versions, Chain chain, EngineApi engine,
      AttestationIntake intake, SyncCommitteeIntake syncCommittee, OperationPool operations, Optional<NodeNetwork> network,
      SlotClock clock, Bytes32 genesisValidatorsRoot, GroupExits groupExits, Consumer<String> fatal) {
    Optional<GossipPublisher> gossip = network.map(NodeNetwork::publisher);
    List<KeySource> sources = config.keys().stream().map(k -> new KeySource(k.keys(), k.passwords())).toList();
    List<LoadedKey> keys = ValidatorKeyLoader.load(sources, ValidatorKeyLoader.defaultThreads(), LoadProgress.logging(LOG));
    SlashingProtection protection = SlashingProtection.open(dataPath, genesisValidatorsRoot);
    ScheduledExecutorService executor = daemonThread("validator-duties");
    ScheduledExecutorService groupThread = daemonThread("group-proposals");
    try {
      Signer signer = new Signer(versions, protection, keys.stream().map(LoadedKey::secretKey).toList());
      EngineBlockProducer producer = new EngineBlockProducer(versions, engine,
          new PooledBlockProductionInputs(versions, intake.pool(), operations, syncCommittee.pool()), feeRecipient(config), GRAFFITI);
      NodeDutyPublisher publisher = new NodeDutyPublisher(chain, intake, syncCommittee, network, () -> head(chain).state());
      GroupProposer groups = new GroupProposer(versions, signer, producer::produceGroupBlock,
          new ProposalCheck(versions, engine, root -> blockState(chain, root)),
          new GroupTopics(publisher, gossip), clock, scheduler(groupThread), () -> head(chain),
          // groups pay the withdrawal address: the plain validators' default fee recipient is this node's alone,
          // and members on other nodes would refuse a block paying it (no per-group flag yet)
          root -> blockState(chain, root).isPresent(), Optional.empty());
      ValidatorDuties duties = new ValidatorDuties(versions, signer, () -> head(chain), publisher,
          (data, committeeIndex) -> bestAggregate(intake, data, committeeIndex), producer, groups, syncCommittee::contribution);
      Runnable activation = () -> activate(config, versions, chain, clock, signer, keys, network, groups, groupExits);
      Optional<Doppelganger> doppelganger = Optional.empty();
      if (config.doppelgangerDetection()) {
        BlockLiveness liveness = new BlockLiveness(versions, chain);
        chain.events().subscribe(liveness);
        DoppelgangerGuard guard = new DoppelgangerGuard(heldIndices(versions, chain, clock, signer),
            ownLastEpochs(protection, versions.config().slotsPerEpoch()), liveness::liveAt, clock.currentEpoch());
        doppelganger = Optional.of(new Doppelganger(guard, liveness, activation, fatal));
        LOG.log(System.Logger.Level.INFO, "Doppelganger detection: watching {0} keys for being live elsewhere; no duties, and no "
            + "signature, before epoch {1}", keys.size(), guard.releaseEpoch());
      } else {
        activation.run();
      }
      LocalValidators validators = new LocalValidators(protection, executor, groupThread, duties, clock, keys.size(), doppelganger);
      chain.events().subscribe(new ChainEvents() {
        @Override
        public void onHead(HeadChanged event) {
          if (validators.dutiesReleased()) {
            executor.execute(() -> validators.run(() -> duties.onHead(UInt64.valueOf(event.slot()),
                UInt64.valueOf(clock.currentSlot()))));
          }
        }
      });
      LOG.log(System.Logger.Level.INFO, "Validator client: {0} keys, fee recipient {1}, slashing protection in {2}",
          keys.size(), feeRecipient(config), dataPath);
      return validators;
    } catch (RuntimeException e) {
      executor.shutdownNow();
      groupThread.shutdownNow();
      protection.close();
      throw e;
    }
  }

  /**
   * What signs on its own once duties may start: exit co-signing and, for held member keys, the
   * member topics (whose proposals the group proposer signs off).
   */
  private static void activate(ValidatorConfig config, SpecVersions versions, Chain chain, SlotClock clock, Signer signer,
      List<LoadedKey> keys, Optional<NodeNetwork> network, GroupProposer groups, GroupExits groupExits) {
    if (config.cosignGroupExits()) {
      groupExits.cosignWith(keys.stream().map(LoadedKey::secretKey).toList());
    }
    if (holdsMemberKeys(versions, chain, clock, signer)) {
      network.ifPresent(n -> n.joinMemberTopics(new GroupMessages() {
        @Override
        public void proposal(GroupBlockProposal proposal, long receivedAtMillis) {
          groups.onProposal(proposal, receivedAtMillis);
        }

        @Override
        public void signoff(GroupBlockSignoff signoff) {
          groups.onSignoff(signoff);
        }

        @Override
        public void exitSignature(GroupExitSignature signature, BeaconState head) {
          groupExits.onSignature(signature, head);
        }
      }).join());
      LOG.log(System.Logger.Level.INFO, "Group member keys held: joined group_block_proposal, group_block_signoff and "
          + "group_exit_signature{0}", config.cosignGroupExits() ? " (co-signing exits)" : "");
    }
  }

  /** The held keys by the index they sign as in the head state: a plain validator's, each group member's virtual one. */
  private static Map<Long, BlsPublicKey> heldIndices(SpecVersions versions, Chain chain, SlotClock clock, Signer signer) {
    BeaconState state = head(chain).state();
    UInt64 epoch = UInt64.valueOf(clock.epochOf(state.slot().longValue()));
    Map<Long, BlsPublicKey> out = new HashMap<>();
    new DutyCalculator(versions).assignments(state, epoch, signer.publicKeys())
        .forEach((key, assignments) -> assignments.forEach(a -> out.put(a.virtualIndex(), key)));
    return out;
  }

  /** The last epoch each key signed for in this data path's slashing protection: the latest attestation target or block. */
  private static Map<Bytes48, Long> ownLastEpochs(SlashingProtection protection, long slotsPerEpoch) {
    Map<Bytes48, Long> out = new HashMap<>();
    for (Interchange.KeyData k : protection.export(false).data()) {
      long last = -1;
      for (SignedAttestationRecord a : k.signedAttestations()) {
        last = Math.max(last, a.targetEpoch().longValue());
      }
      for (SignedBlockRecord b : k.signedBlocks()) {
        last = Math.max(last, b.slot().longValue() / slotsPerEpoch);
      }
      out.put(k.pubkey(), last);
    }
    return out;
  }

  /** Whether duties may run: no doppelganger watch, or one that released them. */
  boolean dutiesReleased() {
    return doppelganger.map(d -> d.released).orElse(true);
  }

  /**
   * On the duty thread, before a slot's duties: the doppelganger watch's verdict. Released: the
   * activation runs and duties start. Detected: {@code fatal} is told once and nothing ever runs.
   */
  private boolean mayRunDuties(long slot) {
    if (doppelganger.isEmpty() || doppelganger.get().released) {
      return true;
    }
    Doppelganger d = doppelganger.get();
    if (d.detected) {
      return false;
    }
    long epoch = clock.epochOf(slot);
    switch (d.guard.check(epoch)) {
      case DoppelgangerGuard.Released r -> {
        d.released = true;
        d.liveness.stop();
        LOG.log(System.Logger.Level.INFO, "Doppelganger detection: no held key was seen live since epoch {0}; duties start at "
            + "slot {1}", Math.max(0, d.guard.releaseEpoch() - DoppelgangerGuard.EPOCHS - 1), slot);
        d.activation.run();
        return true;
      }
      case DoppelgangerGuard.Watching w -> {
        if (epoch != d.lastLoggedEpoch) {
          d.lastLoggedEpoch = epoch;
          LOG.log(System.Logger.Level.INFO, "Doppelganger detection: watching epoch {0}, no duties before epoch {1}", epoch,
              w.releaseEpoch());
        }
        return false;
      }
      case DoppelgangerGuard.Detected found -> {
        d.detected = true;
        d.liveness.stop();
        LOG.log(System.Logger.Level.ERROR, found.message());
        d.fatal.accept(found.message());
        return false;
      }
    }
  }

  private static ScheduledExecutorService daemonThread(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  private static GroupProposer.Scheduler scheduler(ScheduledExecutorService thread) {
    return new GroupProposer.Scheduler() {
      @Override
      public void execute(Runnable task) {
        thread.execute(task);
      }

      @Override
      public void schedule(Runnable task, long delayMs) {
        thread.schedule(task, delayMs, TimeUnit.MILLISECONDS);
      }
    };
  }

  /**
   * Whether a held key is a group member in the head state (this epoch or the next): then the node
   * joins the member topics. A group registered later is not noticed until a restart.
   */
  private static boolean holdsMemberKeys(SpecVersions versions, Chain chain, SlotClock clock, Signer signer) {
    BeaconState state = head(chain).state();
    MutableBeaconState view = new MutableBeaconState(state);
    UInt64 epoch = UInt64.valueOf(clock.epochOf(state.slot().longValue()));
    return signer.publicKeys().stream().flatMap(k -> MemberAssignments.find(versions, view, k.toBytes()).stream())
        .anyMatch(a -> a.isGroupMember() && epoch.isLessThan(a.endEpoch()));
  }

  /** The post-state of a block fork choice holds (validated), read on the chain thread. */
  private static Optional<BeaconState> blockState(Chain chain, Bytes32 root) {
    try {
      return Optional.ofNullable(chain.readForkChoice(f -> f.block(root) == null ? null : f.block(root).state())
          .get(READ_SECONDS, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** The 20-byte fee recipient of {@code --validators-proposer-default-fee-recipient}; zero (with a warning) when not given. */
  static Bytes feeRecipient(ValidatorConfig config) {
    return config.defaultFeeRecipient().map(Bytes::fromHexString).orElseGet(() -> Bytes.wrap(new byte[20]));
  }

  /**
   * The slot hook: the slot's duties on the duties' thread (the chain's tick, submitted first, runs
   * before any read they make). A slot already over when its turn comes (the ticker catches up on
   * missed slots after a pause) is skipped: a late block would fork the chain, a late vote is
   * worth nothing.
   */
  void onSlot(long slot) {
    executor.execute(() -> {
      if (clock.currentSlot() > slot) {
        LOG.log(System.Logger.Level.WARNING, "Skipped the duties of slot {0}: it is over (now slot {1})", slot,
            clock.currentSlot());
        return;
      }
      if (mayRunDuties(slot)) {
        run(() -> duties.onSlot(UInt64.valueOf(slot), clock, executor));
      }
    });
  }

  int keyCount() {
    return keyCount;
  }

  private void run(Runnable duty) {
    try {
      duty.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "validator duty failed: " + e, e);
    }
  }

  /** The fork-choice head and its post-state, read together on the chain thread. */
  static ValidatorDuties.Head head(Chain chain) {
    try {
      return chain.readForkChoice(f -> {
        Bytes32 root = f.getHead();
        return new ValidatorDuties.Head(root, f.block(root).state());
      }).get(READ_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the head", e);
    } catch (Exception e) {
      throw new IllegalStateException("the chain thread did not answer: " + e, e);
    }
  }

  /** The pooled aggregate of one committee for {@code data} with the most signers. */
  private static Optional<Attestation> bestAggregate(AttestationIntake intake, AttestationData data, int committeeIndex) {
    return intake.pool().forData(data.hashTreeRoot()).stream()
        .filter(a -> a.committeeBits().count() == 1 && a.committeeBits().get(committeeIndex))
        .max(Comparator.comparingInt(a -> a.aggregationBits().count()));
  }

  @Override
  public void close() {
    executor.shutdownNow();
    groupThread.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    protection.close();
  }
}
