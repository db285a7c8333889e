package io.edvt.node.wiring;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.chain.AttestationIntake;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainEvents;
import io.edvt.node.chain.OperationPool;
import io.edvt.node.chain.PooledBlockProductionInputs;
import io.edvt.node.chain.SyncCommitteeIntake;
import io.edvt.node.config.ChaosConfig;
import io.edvt.node.config.ValidatorConfig;
import io.edvt.node.execution.EngineApi;
import io.edvt.node.network.GossipPublisher;
import io.edvt.node.network.GroupMessages;
import io.edvt.node.network.NodeNetwork;
import io.edvt.node.sync.DutyReadiness;
import io.edvt.node.time.SlotClock;
import io.edvt.node.validator.DoppelgangerGuard;
import io.edvt.node.validator.DoppelgangerWatch;
import io.edvt.node.validator.DutyPublisher;
import io.edvt.node.validator.Signer;
import io.edvt.node.validator.ValidatorDuties;
import io.edvt.node.validator.chaos.ChaosMemberTopics;
import io.edvt.node.validator.chaos.EquivocatingPublisher;
import io.edvt.node.validator.chaos.Equivocator;
import io.edvt.node.validator.duties.DutyCalculator;
import io.edvt.node.validator.duties.MemberAssignments;
import io.edvt.node.validator.group.GroupProposer;
import io.edvt.node.validator.group.GroupSignatureCollector;
import io.edvt.node.validator.group.ProposalCheck;
import io.edvt.node.validator.keys.KeySource;
import io.edvt.node.validator.keys.LoadProgress;
import io.edvt.node.validator.keys.LoadedKey;
import io.edvt.node.validator.keys.ValidatorKeyLoader;
import io.edvt.node.validator.production.EngineBlockProducer;
import io.edvt.node.validator.production.ProducedBlobs;
import io.edvt.node.validator.slashing.SlashingProtection;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.SignedVoluntaryExit;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
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
 * joins the member topics (at start, or when a later head first makes a held key a member) and
 * hands what they accept to it and to the collectors of exit and key change signatures.
 */
final class LocalValidators implements AutoCloseable {
  /** The collectors of member signatures over group exits and key changes that held member keys co-sign. */
  record GroupOperations(
      GroupSignatureCollector<GroupExitSignature, VoluntaryExit, SignedVoluntaryExit> exits,
      GroupSignatureCollector<GroupKeyChangeSignature, GroupKeyChange, SignedGroupKeyChange> keyChanges) {}

  /**
   * The member topics of a node holding keys: joined once a held key is a member of a group key set
   * in force now or later in the head state, at start or on a later head (a group registered, or a
   * key added, while the node runs), and from then on for good; what they accept goes to the group
   * proposer and the signature collectors.
   */
  private static final class MemberTopics {
    private final SpecVersions versions;
    private final Optional<NodeNetwork> network;
    private final Set<Bytes48> held;
    private final GroupMessages sink;
    private final String cosigning;
    private volatile boolean joined;

    /** @param listening what stands between the topics and the proposer (the chaos options' delays and drops) */
    MemberTopics(SpecVersions versions, Optional<NodeNetwork> network, Signer signer, GroupOperations operations,
        GroupProposer groups, ValidatorConfig config, UnaryOperator<GroupMessages> listening) {
      this.versions = versions;
      this.network = network;
      this.held = signer.publicKeys().stream().map(k -> k.toBytes()).collect(Collectors.toUnmodifiableSet());
      this.cosigning = config.cosignGroupExits() && config.cosignGroupKeyChanges() ? " (co-signing exits and key changes)"
          : config.cosignGroupExits() ? " (co-signing exits)"
          : config.cosignGroupKeyChanges() ? " (co-signing key changes)" : "";
      this.sink = listening.apply(new GroupMessages() {
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
          operations.exits().onSignature(signature, head);
        }

        @Override
        public void keyChangeSignature(GroupKeyChangeSignature signature, BeaconState head) {
          operations.keyChanges().onSignature(signature, head);
        }
      });
    }

    boolean joined() {
      return joined;
    }

    /** Joins the member topics if a held key is a member in {@code head} (this epoch or later) and they are not joined yet. */
    synchronized void joinIfMember(BeaconState head) {
      if (joined || network.isEmpty()) {
        return;
      }
      UInt64 epoch = versions.forState(head).accessors().getCurrentEpoch(new MutableBeaconState(head));
      if (!MemberAssignments.anyMember(versions, new MutableBeaconState(head), held, epoch)) {
        return;
      }
      network.get().joinMemberTopics(sink).join();
      joined = true;
      LOG.log(System.Logger.Level.INFO, "Group member keys held (head slot {0}): joined group_block_proposal, "
          + "group_block_signoff, group_exit_signature and group_key_change_signature{1}", head.slot(), cosigning);
    }
  }

  private static final System.Logger LOG = System.getLogger(LocalValidators.class.getName());
  static final String GRAFFITI = "edvt";
  private static final long READ_SECONDS = 10;

  private final SlashingProtection protection;
  private final ScheduledExecutorService executor;
  private final ScheduledExecutorService groupThread;
  private final ValidatorDuties duties;
  private final SlotClock clock;
  private final int keyCount;
  private final Supplier<DutyReadiness.Verdict> readiness;
  /** Whether the last slot's duties were skipped: the log says so when it starts and when it ends, not every slot. */
  private boolean skipping;
  /** With {@code --doppelganger-detection-enabled}: the watch, until it releases the duties. */
  private final Optional<DoppelgangerWatch> doppelganger;

  private LocalValidators(SlashingProtection protection, ScheduledExecutorService executor,
      ScheduledExecutorService groupThread, ValidatorDuties duties, SlotClock clock, int keyCount,
      Supplier<DutyReadiness.Verdict> readiness, Optional<DoppelgangerWatch> doppelganger) {
    this.readiness = readiness;
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
      SlotClock clock, Bytes32 genesisValidatorsRoot, GroupOperations groupOperations,
      Supplier<DutyReadiness.Verdict> readiness, Consumer<String> fatal, ProducedBlobs producedBlobs, BlockPublication blocks) {
    Optional<GossipPublisher> gossip = network.map(NodeNetwork::publisher);
    List<KeySource> sources = config.keys().stream().map(k -> new KeySource(k.keys(), k.passwords())).toList();
    List<LoadedKey> keys = ValidatorKeyLoader.load(sources, ValidatorKeyLoader.defaultThreads(), LoadProgress.logging(LOG));
    SlashingProtection protection = SlashingProtection.open(dataPath, genesisValidatorsRoot);
    ScheduledExecutorService executor = daemonThread("validator-duties");
    ScheduledExecutorService groupThread = daemonThread("group-proposals");
    try {
      Signer signer = new Signer(versions, protection, keys.stream().map(LoadedKey::secretKey).toList());
      EngineBlockProducer producer = new EngineBlockProducer(versions, engine,
          new PooledBlockProductionInputs(versions, intake.pool(), operations, syncCommittee.pool()), feeRecipient(config), GRAFFITI,
          producedBlobs);
      NodeDutyPublisher publisher = new NodeDutyPublisher(intake, syncCommittee, network, () -> head(chain).state(), blocks);
      ChaosConfig chaos = config.chaos();
      Optional<Equivocator> equivocator = chaos.equivocate()
          ? Optional.of(new Equivocator(versions, signer, new EngineBlockProducer(versions, engine,
              new PooledBlockProductionInputs(versions, intake.pool(), operations, syncCommittee.pool()), feeRecipient(config),
              GRAFFITI + " chaos twin")::produceGroupBlock, root -> blockState(chain, root)))
          : Optional.empty();
      // testing only: every --Xchaos-* misbehaviour sits in these wrappers; the proposer and the duties stay honest
      ChaosMemberTopics chaosTopics = new ChaosMemberTopics(new GroupTopics(publisher, gossip), chaos,
          (task, delayMs) -> groupThread.schedule(task, delayMs, TimeUnit.MILLISECONDS), new SplittableRandom(), equivocator);
      DutyPublisher dutyPublisher = equivocator.<DutyPublisher>map(e -> new EquivocatingPublisher(publisher, e,
          () -> head(chain).state())).orElse(publisher);
      if (chaos.active()) {
        LOG.log(System.Logger.Level.WARNING, "CHAOS (testing only): this node misbehaves on purpose: {0}", chaos.describe());
      }
      GroupProposer groups = new GroupProposer(versions, signer, producer::produceGroupBlock,
          new ProposalCheck(versions, engine, root -> blockState(chain, root)),
          chaosTopics, clock, scheduler(groupThread), () -> head(chain),
          // groups pay the withdrawal address: the plain validators' default fee recipient is this node's alone,
          // and members on other nodes would refuse a block paying it (no per-group flag yet)
          root -> blockState(chain, root).isPresent(), Optional.empty());
      ValidatorDuties duties = new ValidatorDuties(versions, signer, () -> head(chain), dutyPublisher,
          (data, committeeIndex) -> bestAggregate(intake, data, committeeIndex), producer, groups, syncCommittee::contribution);
      MemberTopics memberTopics = new MemberTopics(versions, network, signer, groupOperations, groups, config,
          chaosTopics::listening);
      List<BlsSecretKey> secretKeys = keys.stream().map(LoadedKey::secretKey).toList();
      // what signs on its own once duties may start: co-signing group operations, and the member
      // topics (whose proposals the group proposer signs off)
      Runnable activation = () -> {
        if (config.cosignGroupExits()) {
          groupOperations.exits().cosignWith(secretKeys);
        }
        if (config.cosignGroupKeyChanges()) {
          groupOperations.keyChanges().cosignWith(secretKeys);
        }
        memberTopics.joinIfMember(head(chain).state());
      };
      Optional<DoppelgangerWatch> doppelganger = Optional.empty();
      if (config.doppelgangerDetection()) {
        BlockLiveness liveness = new BlockLiveness(versions, chain);
        chain.events().subscribe(liveness);
        DoppelgangerGuard guard = new DoppelgangerGuard(heldIndices(versions, chain, clock, signer),
            DoppelgangerGuard.ownLastEpochs(protection, versions.config().slotsPerEpoch()), liveness::liveAt, clock.currentEpoch());
        doppelganger = Optional.of(new DoppelgangerWatch(guard, activation, liveness::stop, fatal));
        LOG.log(System.Logger.Level.INFO, "Doppelganger detection: watching {0} keys for being live elsewhere; no duties, and no "
            + "signature, before epoch {1}", keys.size(), guard.releaseEpoch());
      } else {
        activation.run();
      }
      LocalValidators validators = new LocalValidators(protection, executor, groupThread, duties, clock, keys.size(),
          readiness, doppelganger);
      chain.events().subscribe(new ChainEvents() {
        @Override
        public void onHead(HeadChanged event) {
          if (!validators.dutiesReleased()) {
            return;
          }
          executor.execute(() -> {
            if (readiness.get().ready()) {
              validators.run(() -> duties.onHead(UInt64.valueOf(event.slot()), UInt64.valueOf(clock.currentSlot())));
            }
          });
          if (!memberTopics.joined()) {
            // a group registered (or a key added) after start: join without a restart
            executor.execute(() -> validators.run(() -> memberTopics.joinIfMember(head(chain).state())));
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

  /** The held keys by the index they sign as in the head state: a plain validator's, each group member's virtual one. */
  private static Map<Long, BlsPublicKey> heldIndices(SpecVersions versions, Chain chain, SlotClock clock, Signer signer) {
    BeaconState state = head(chain).state();
    UInt64 epoch = UInt64.valueOf(clock.epochOf(state.slot().longValue()));
    Map<Long, BlsPublicKey> out = new HashMap<>();
    new DutyCalculator(versions).assignments(state, epoch, signer.publicKeys())
        .forEach((key, assignments) -> assignments.forEach(a -> out.put(a.virtualIndex(), key)));
    return out;
  }

  /** Whether duties may run: no doppelganger watch, or one that released them. */
  boolean dutiesReleased() {
    return doppelganger.map(DoppelgangerWatch::released).orElse(true);
  }

  /**
   * On the duty thread, before a slot's duties: the doppelganger watch's verdict. Released: the
   * activation runs and duties start. Detected: {@code fatal} is told once and nothing ever runs.
   */
  private boolean mayRunDuties(long slot) {
    return doppelganger.map(d -> d.allows(slot, clock.epochOf(slot))).orElse(true);
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
   * worth nothing. So is every slot while the head is not current ({@link DutyReadiness}: catching
   * up after a restart): what we signed on a stale head would fork the chain and get us banned.
   */
  void onSlot(long slot) {
    executor.execute(() -> {
      if (clock.currentSlot() > slot) {
        LOG.log(System.Logger.Level.WARNING, "Skipped the duties of slot {0}: it is over (now slot {1})", slot,
            clock.currentSlot());
        return;
      }
      DutyReadiness.Verdict verdict = readiness.get();
      if (!verdict.ready()) {
        if (!skipping) {
          LOG.log(System.Logger.Level.WARNING, "Not performing validator duties from slot {0}: {1}", slot, verdict.reason());
        }
        skipping = true;
        return;
      }
      if (skipping) {
        LOG.log(System.Logger.Level.INFO, "Performing validator duties again from slot {0}: the head is current", slot);
        skipping = false;
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
