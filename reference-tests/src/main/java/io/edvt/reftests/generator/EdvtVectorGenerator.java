package io.edvt.reftests.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.io.SnappyFiles;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.reftests.epoch.RewardsExecutor.DeltasContainer;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.SpecTypes;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.operations.ProposerSlashing;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.BeaconStateFulu;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockHeaderEdvt;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.operations.SignedVoluntaryExitEdvt;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.EpochProcessorEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.logic.versions.fulu.EpochProcessorFulu;
import io.edvt.spec.logic.versions.fulu.RewardsAndPenaltiesFulu.Deltas;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import io.edvt.spec.testing.AttestationFactory;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.RandomValues;
import io.edvt.spec.testing.Signer;
import io.edvt.spec.testing.ValidatorKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * Writes the EDVT reference vectors in the consensus-spec-tests layout,
 * {@code <tests>/<preset>/edvt/<runner>/<handler>/<suite>/<case>/}: snappy-compressed SSZ and
 * YAML, from fixed seeds and fixed keys, in a fixed order, so two runs give the same bytes.
 *
 * <p>The expected outputs are computed by this client's EDVT implementation (the vectors pin its
 * behaviour; they are not an independent oracle). Usage: {@code ./edvt generate-vectors [tests-dir]}
 * (default {@code reference-tests/vectors/tests}); the {@code <preset>/edvt} folders are replaced.
 *
 * <p>The chain-based categories live in their own classes: {@link FinalityCases},
 * {@link ChainBlockCases} (multi-block {@code sanity/blocks}) and {@link GroupRewardsCases}
 * ({@code rewards/leak}, {@code rewards/random}), writing through {@link BlockSequenceCases}, and
 * {@link ForkChoiceCases} ({@code fork_choice/get_head}: threshold GHOST, replayed on the store).
 */
public final class EdvtVectorGenerator {
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .build());

  private final Path tests;
  private final Map<String, Integer> counts = new TreeMap<>();

  private EdvtVectorGenerator(Path tests) {
    this.tests = tests;
  }

  public static void main(String[] args) {
    Path out = Path.of(args.length > 0 ? args[0] : "reference-tests/vectors/tests");
    Map<String, Integer> counts = generate(out);
    int total = 0;
    for (var e : counts.entrySet()) {
      System.out.println(e.getKey() + ": " + e.getValue());
      total += e.getValue();
    }
    System.out.println("total: " + total + " cases under " + out.toAbsolutePath().normalize());
  }

  /** Writes every case under {@code tests} (replacing its {@code <preset>/edvt} folders); returns counts per handler. */
  public static Map<String, Integer> generate(Path tests) {
    EdvtVectorGenerator g = new EdvtVectorGenerator(tests);
    for (String preset : List.of("minimal", "mainnet")) {
      deleteRecursively(tests.resolve(preset).resolve("edvt"));
    }
    SpecConfig minimal = EdvtConfig.load("minimal");
    SpecConfig mainnet = EdvtConfig.load("mainnet");
    g.sszStatic("minimal", minimal, 3, false);
    g.sszStatic("mainnet", mainnet, 1, true);
    EdvtFixtures f = new EdvtFixtures(new SpecFulu(minimal), new SpecEdvt(minimal));
    new StateCases(g, f).all();
    // chain-based cases, each category in its own class
    new FinalityCases(g, f).all();
    new ChainBlockCases(g, f).all();
    new GroupRewardsCases(g, f).all();
    new ForkChoiceCases(g, f).all();
    g.mainnetFork(mainnet);
    return g.counts;
  }

  // ------------------------------------------------------------------ ssz_static

  /**
   * {@code ssz_static} for every EDVT type that is new or differs from Fulu's ({@code onlyNew}:
   * the new group types only), {@code perType} random cases each.
   */
  private void sszStatic(String preset, SpecConfig config, int perType, boolean onlyNew) {
    Map<String, SszType<?>> fulu = new SchemaDefinitionsFulu(config).typesByName();
    Map<String, SszType<?>> edvt = new SchemaDefinitionsEdvt(config).typesByName();
    for (String name : new java.util.TreeSet<>(edvt.keySet())) {
      SszType<?> type = edvt.get(name);
      boolean isNew = !fulu.containsKey(name);
      if (onlyNew ? !isNew : !(isNew || differs(type, fulu.get(name), name))) {
        continue;
      }
      for (int i = 0; i < perType; i++) {
        RandomValues random = new RandomValues(seed(preset + "/" + name + "/" + i));
        Path dir = caseDir(preset, "ssz_static", name, "ssz_random", "case_" + i);
        writeStatic(dir, type, random);
      }
    }
  }

  private static long seed(String s) {
    long h = 1125899906842597L;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + s.charAt(i);
    }
    return h;
  }

  /** Whether a random EDVT value of {@code name} reads differently (or not at all) as Fulu's type. */
  private static boolean differs(SszType<?> edvt, SszType<?> fulu, String name) {
    for (int i = 0; i < 3; i++) {
      byte[] bytes = serialize(edvt, new RandomValues(seed("differs/" + name + "/" + i)));
      try {
        if (!Arrays.equals(rootOf(fulu, bytes), rootOf(edvt, bytes))) {
          return true;
        }
      } catch (RuntimeException e) {
        return true;
      }
    }
    return false;
  }

  private static <T> byte[] serialize(SszType<T> type, RandomValues random) {
    return type.serialize(random.of(type));
  }

  private static <T> byte[] rootOf(SszType<T> type, byte[] bytes) {
    return type.hashTreeRoot(type.deserialize(bytes));
  }

  private <T> void writeStatic(Path dir, SszType<T> type, RandomValues random) {
    T value = random.of(type);
    ssz(dir, "serialized", type.serialize(value));
    yaml(dir, "roots.yaml", Map.of("root", Bytes.wrap(type.hashTreeRoot(value)).toHexString()));
    yaml(dir, "value.yaml", type.toPlain(value));
  }

  /** {@code fork} on the mainnet preset: the 64-validator interop genesis and its first block, upgraded. */
  private void mainnetFork(SpecConfig mainnet) {
    SpecFulu fulu = new SpecFulu(mainnet);
    SpecEdvt edvt = new SpecEdvt(mainnet);
    io.edvt.spec.testing.ChainBuilder chain = io.edvt.spec.testing.ChainBuilder.interop(fulu, EdvtFixtures.VALIDATORS);
    BeaconStateFulu genesis = BeaconStateFulu.required(chain.headState());
    chain.addBlock();
    BeaconStateFulu first = BeaconStateFulu.required(chain.headState());
    int i = 0;
    for (BeaconStateFulu pre : List.of(genesis, first)) {
      Path dir = caseDir("mainnet", "fork", "fork", "pyspec_tests", "fork_fulu_state_" + i++ + "_slot_" + pre.slot());
      meta(dir, Map.of("fork", "edvt"));
      state(dir, "pre", pre);
      state(dir, "post", edvt.forkUpgrade().upgradeToEdvt(pre));
    }
  }

  // ------------------------------------------------------------------ writing

  Path caseDir(String preset, String runner, String handler, String suite, String name) {
    Path dir = tests.resolve(preset).resolve("edvt").resolve(runner).resolve(handler).resolve(suite).resolve(name);
    if (Files.exists(dir)) {
      throw new IllegalStateException("case written twice: " + dir);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    counts.merge(preset + "/edvt/" + runner + "/" + handler, 1, Integer::sum);
    return dir;
  }

  void ssz(Path dir, String name, byte[] raw) {
    write(dir.resolve(name + ".ssz_snappy"), SnappyFiles.compressBlock(raw));
  }

  void state(Path dir, String name, BeaconState state) {
    ssz(dir, name, state.serialize());
  }

  void yaml(Path dir, String name, Object value) {
    try {
      write(dir.resolve(name), YAML.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void meta(Path dir, Map<String, Object> entries) {
    yaml(dir, "meta.yaml", new TreeMap<>(entries));
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------ state-based runners

  /** The cases over EDVT states: fork, operations, epoch_processing, rewards, sanity/slots. */
  private static final class StateCases {
    private static final String P = "minimal";
    private final EdvtVectorGenerator g;
    private final EdvtFixtures f;
    private final SpecEdvt edvt;
    private final SpecConfig config;
    private final int slotsPerEpoch;

    StateCases(EdvtVectorGenerator g, EdvtFixtures f) {
      this.g = g;
      this.f = f;
      this.edvt = f.edvt();
      this.config = f.config();
      this.slotsPerEpoch = config.slotsPerEpoch();
    }

    void all() {
      fork();
      groupRegistration();
      groupKeyChange();
      attestations();
      slashingsAndExits();
      syncAggregates();
      blocks();
      epochProcessing();
      rewards();
      sanitySlots();
    }

    // ---- fork

    private void fork() {
      BeaconStateFulu head = f.fuluHead();
      List<Long> slots = List.of(head.slot().longValue(), head.slot().longValue() + 1, 3L * slotsPerEpoch,
          3L * slotsPerEpoch + 5);
      int i = 0;
      for (long slot : slots) {
        BeaconStateFulu pre = BeaconStateFulu.required(slot == head.slot().longValue() ? head
            : f.fulu().stateTransition().processSlots(head, UInt64.valueOf(slot)));
        Path dir = g.caseDir(P, "fork", "fork", "pyspec_tests", String.format("fork_fulu_state_%d_slot_%d", i++, slot));
        g.meta(dir, Map.of("fork", "edvt"));
        g.state(dir, "pre", pre);
        g.state(dir, "post", edvt.forkUpgrade().upgradeToEdvt(pre));
      }
    }

    // ---- operations

    /** The EDVT state of the operation cases: epoch 2, slot 3 of it, no groups yet. */
    private MutableBeaconState opState() {
      return new MutableBeaconState(f.edvtAt(2L * slotsPerEpoch + 3));
    }

    private MutableBeaconState withBalance(int validator, int members) {
      MutableBeaconState state = opState();
      EdvtFixtures.setEffectiveBalance(state, validator, config.minActivationBalance().times(members));
      return state;
    }

    /**
     * {@code state} read back from its SSZ bytes: a state as a case's reader gets it, without the
     * derived data (total active balance, ...) cached before the generator edited fields directly.
     */
    private BeaconState fresh(BeaconState state) {
      return edvt.schemas().beaconState().deserialize(state.serialize());
    }

    private void registrationCase(String name, MutableBeaconState state, SignedGroupRegistration op) {
      operationCase("group_registration", "group_registration", name, state, op.serialize(),
          work -> edvt.blockProcessor().processGroupRegistration(work, op, SignatureVerifier.SIMPLE));
    }

    /** A case named {@code valid_*} must be accepted and one named {@code invalid_*} rejected. */
    private static void expectOutcome(String name, boolean valid) {
      if (name.startsWith("valid_") != valid) {
        throw new IllegalStateException("case " + name + " was " + (valid ? "accepted" : "rejected"));
      }
    }

    private void groupRegistration() {
      final int v = 5;
      MutableBeaconState s;
      s = withBalance(v, 3);
      registrationCase("valid_2_of_3", s, f.registration(s, v, 2, EdvtFixtures.freshKeys(0, 3)));
      s = withBalance(v, 2);
      registrationCase("valid_2_of_2", s, f.registration(s, v, 2, EdvtFixtures.freshKeys(0, 2)));
      s = withBalance(v, 1);
      registrationCase("valid_1_of_1", s, f.registration(s, v, 1, EdvtFixtures.freshKeys(3, 1)));
      s = withBalance(v, 16);
      registrationCase("valid_11_of_16", s, f.registration(s, v, 11, EdvtFixtures.freshKeys(0, 16)));
      s = withBalance(v, 4);
      registrationCase("valid_1_of_4_surplus_balance", s, f.registration(s, v, 1, EdvtFixtures.freshKeys(4, 4)));
      s = withBalance(v, 2);
      registrationCase("invalid_threshold_zero", s, f.registration(s, v, 0, EdvtFixtures.freshKeys(0, 2)));
      s = withBalance(v, 2);
      registrationCase("invalid_threshold_above_size", s, f.registration(s, v, 3, EdvtFixtures.freshKeys(0, 2)));
      s = withBalance(v, 3);
      registrationCase("invalid_duplicate_key", s, f.registration(s, v, 2,
          List.of(EdvtFixtures.freshKey(0), EdvtFixtures.freshKey(1), EdvtFixtures.freshKey(0))));
      s = withBalance(v, 2);
      registrationCase("invalid_key_of_another_validator", s, f.registration(s, v, 2,
          List.of(EdvtFixtures.freshKey(0), EdvtFixtures.ownKey(9))));
      s = withBalance(v, 2);
      EdvtFixtures.setEffectiveBalance(s, 6, config.minActivationBalance().times(2));
      edvt.blockProcessor().processGroupRegistration(s, f.registration(s, 6, 1, EdvtFixtures.freshKeys(0, 2)),
          SignatureVerifier.SIMPLE);
      registrationCase("invalid_key_in_another_group", s, f.registration(s, v, 1,
          List.of(EdvtFixtures.freshKey(1), EdvtFixtures.freshKey(5))));
      {
        MutableBeaconState st = withBalance(v, 2);
        List<BlsSecretKey> members = EdvtFixtures.freshKeys(0, 2);
        List<Bytes48> pubkeys = members.stream().map(k -> k.publicKey().toBytes()).toList();
        registrationCase("invalid_wrong_proof_of_possession", st, f.registration(st, v, 2, pubkeys,
            List.of(f.proof(st, members.get(0), v), f.proof(st, members.get(0), v)), EdvtFixtures.ownKey(v)));
        st = withBalance(v, 2);
        registrationCase("invalid_proof_bound_to_another_validator", st, f.registration(st, v, 2, pubkeys,
            List.of(f.proof(st, members.get(0), v), f.proof(st, members.get(1), v + 1)), EdvtFixtures.ownKey(v)));
        st = withBalance(v, 2);
        List<Bytes> proofs = List.of(f.proof(st, members.get(0), v), f.proof(st, members.get(1), v));
        registrationCase("invalid_not_signed_by_own_key", st, f.registration(st, v, 2, pubkeys, proofs, members.get(0)));
      }
      s = withBalance(v, 2);
      registrationCase("invalid_insufficient_balance", s, f.registration(s, v, 2, EdvtFixtures.freshKeys(0, 3)));
      s = withBalance(v, 2);
      s.validators().set(v, s.validators().get(v).withActivationEpoch(UInt64.valueOf(1000)));
      registrationCase("invalid_validator_not_active", s, f.registration(s, v, 2, EdvtFixtures.freshKeys(0, 2)));
      s = withBalance(v, 2);
      s.validators().set(v, s.validators().get(v).withSlashed(true));
      registrationCase("invalid_validator_slashed", s, f.registration(s, v, 2, EdvtFixtures.freshKeys(0, 2)));
      s = withBalance(v, 2);
      s.validators().set(v, s.validators().get(v).withExitEpoch(UInt64.valueOf(100)));
      registrationCase("invalid_validator_exiting", s, f.registration(s, v, 2, EdvtFixtures.freshKeys(0, 2)));
      s = opState();
      registrationCase("invalid_unknown_validator", s, f.registration(s, 64, 1,
          List.of(EdvtFixtures.freshKey(0).publicKey().toBytes()), List.of(f.proof(s, EdvtFixtures.freshKey(0), 64)),
          EdvtFixtures.freshKey(50)));
      s = withBalance(v, 4);
      edvt.blockProcessor().processGroupRegistration(s, f.registration(s, v, 1, EdvtFixtures.freshKeys(0, 2)),
          SignatureVerifier.SIMPLE);
      registrationCase("invalid_already_in_group", s, f.registration(s, v, 1, EdvtFixtures.freshKeys(10, 2)));
    }

    private static final int KC_V = 3;
    private static final List<BlsSecretKey> KC_MEMBERS = EdvtFixtures.freshKeys(20, 3);

    /** Validator 3 registered (2 of 3) at epoch 2; the state moved to the epoch its members take over. */
    private MutableBeaconState groupInForce(long inForce) {
      MutableBeaconState state = withBalance(KC_V, 4);
      edvt.blockProcessor().processGroupRegistration(state, f.registration(state, KC_V, 2, KC_MEMBERS),
          SignatureVerifier.SIMPLE);
      state.setSlot(UInt64.valueOf(inForce * slotsPerEpoch));
      return state;
    }

    private long inForceEpoch() {
      MutableBeaconState state = groupInForce(0);
      BeaconStateEdvt s = (BeaconStateEdvt) state.commit();
      var keySets = s.groups().get(0).keySets();
      return keySets.get(keySets.size() - 1).activationEpoch().longValue();
    }

    private GroupKeyChange replace(MutableBeaconState state, long epoch, int member, BlsSecretKey key, int threshold) {
      return GroupKeyChange.create(UInt64.valueOf(KC_V), UInt64.valueOf(epoch), UInt64.valueOf(member),
          key.publicKey().toBytes(), f.proof(state, key, KC_V), UInt64.valueOf(threshold));
    }

    private GroupKeyChange withoutKey(long epoch, int member, int threshold) {
      return GroupKeyChange.create(UInt64.valueOf(KC_V), UInt64.valueOf(epoch), UInt64.valueOf(member),
          Bytes48.ZERO, Bytes.wrap(new byte[96]), UInt64.valueOf(threshold));
    }

    private void keyChangeCase(String name, MutableBeaconState state, SignedGroupKeyChange op) {
      operationCase("group_key_change", "group_key_change", name, state, op.serialize(),
          work -> edvt.blockProcessor().processGroupKeyChange(work, op, SignatureVerifier.SIMPLE));
    }

    private void groupKeyChange() {
      long e = inForceEpoch();
      MutableBeaconState s;
      s = groupInForce(e);
      keyChangeCase("valid_replace_member_threshold_signers", s,
          f.keyChange(s, replace(s, e, 1, EdvtFixtures.freshKey(30), 2), KC_MEMBERS, 0, 2));
      s = groupInForce(e);
      keyChangeCase("valid_all_members_sign", s,
          f.keyChange(s, replace(s, e, 0, EdvtFixtures.freshKey(31), 2), KC_MEMBERS, 0, 1, 2));
      s = groupInForce(e);
      keyChangeCase("valid_remove_member", s, f.keyChange(s, withoutKey(e, 0, 2), KC_MEMBERS, 1, 2));
      s = groupInForce(e);
      keyChangeCase("valid_threshold_only", s, f.keyChange(s, withoutKey(e, 3, 3), KC_MEMBERS, 0, 2));
      s = groupInForce(e);
      keyChangeCase("invalid_m_minus_1_signers", s,
          f.keyChange(s, replace(s, e, 1, EdvtFixtures.freshKey(30), 2), KC_MEMBERS, 2));
      s = groupInForce(e);
      keyChangeCase("invalid_wrong_keys", s,
          f.keyChange(s, replace(s, e, 1, EdvtFixtures.freshKey(30), 2), EdvtFixtures.freshKeys(40, 3), 0, 1));
      s = groupInForce(e);
      edvt.blockProcessor().processGroupKeyChange(s,
          f.keyChange(s, replace(s, e, 1, EdvtFixtures.freshKey(30), 2), KC_MEMBERS, 0, 1), SignatureVerifier.SIMPLE);
      keyChangeCase("invalid_second_change_while_pending", s, f.keyChange(s, withoutKey(e, 3, 3), KC_MEMBERS, 0, 1));
      s = groupInForce(e);
      keyChangeCase("invalid_stale_key_set_epoch", s,
          f.keyChange(s, replace(s, 0, 1, EdvtFixtures.freshKey(30), 2), KC_MEMBERS, 0, 1));
      s = groupInForce(e);
      keyChangeCase("invalid_changes_nothing", s, f.keyChange(s, withoutKey(e, 3, 2), KC_MEMBERS, 0, 2));
      s = groupInForce(e);
      keyChangeCase("valid_add_member", s,
          f.keyChange(s, replace(s, e, 3, EdvtFixtures.freshKey(31), 2), KC_MEMBERS, 0, 1));
      s = groupInForce(e);
      EdvtFixtures.setEffectiveBalance(s, KC_V, config.minActivationBalance().times(3));
      keyChangeCase("invalid_add_member_without_balance", s,
          f.keyChange(s, replace(s, e, 3, EdvtFixtures.freshKey(31), 2), KC_MEMBERS, 0, 1));
      s = groupInForce(e);
      keyChangeCase("invalid_new_key_in_use", s, f.keyChange(s, replace(s, e, 1, KC_MEMBERS.get(2), 2), KC_MEMBERS, 0, 1));
      s = groupInForce(e);
      keyChangeCase("invalid_threshold_zero", s, f.keyChange(s, withoutKey(e, 3, 0), KC_MEMBERS, 0, 1));
    }

    // ---- attestation

    /** The head's EDVT successor (slot {@code 2 * SLOTS_PER_EPOCH + 3}) with a 3-of-4 group for committee 0's first validator. */
    private MutableBeaconState attestationState() {
      MutableBeaconState state = new MutableBeaconState(f.edvtAt(2L * slotsPerEpoch + 3));
      int validator = attestationGroupValidator(state);
      EdvtFixtures.setEffectiveBalance(state, validator, config.minActivationBalance().times(4));
      f.addGroup(state, validator, 3, 4);
      return new MutableBeaconState(fresh(state.commit()));
    }

    private int attestationGroupValidator(MutableBeaconState state) {
      return edvt.accessors().getBeaconCommittee(state, f.fuluHead().slot(), 0)[0];
    }

    private AttestationData headData() {
      return new AttestationFactory(f.fulu(), f.chain().signer()).attestationData(f.chain().headView(), f.chain().headRoot());
    }

    /** An attestation of {@code data}, committee 0, signed by {@code attesters} (virtual indices). */
    private Attestation attestation(MutableBeaconState state, AttestationData data, long... attesters) {
      long[] committee = edvt.accessors().getExpandedBeaconCommittee(state, data.slot(), 0);
      List<Long> signers = new ArrayList<>();
      int[] bits = new int[attesters.length];
      for (int k = 0; k < attesters.length; k++) {
        int position = -1;
        for (int i = 0; i < committee.length; i++) {
          if (committee[i] == attesters[k]) {
            position = i;
          }
        }
        if (position < 0) {
          throw new IllegalStateException("attester " + attesters[k] + " is not in the expanded committee");
        }
        bits[k] = position;
        signers.add(attesters[k]);
      }
      return Attestation.create(edvt.schemas().attestation(), SszBits.withSet(committee.length, bits), data,
          f.signAttestation(state, data, signers), SszBits.withSet(config.maxCommitteesPerSlot(), 0));
    }

    private void attestationCase(String name, MutableBeaconState state, Attestation op) {
      operationCase("attestation", "attestation", name, state, op.serialize(),
          work -> edvt.blockProcessor().processAttestation(work, op, SignatureVerifier.SIMPLE));
    }

    private void attestations() {
      AttestationData data = headData();
      MutableBeaconState s = attestationState();
      int v = attestationGroupValidator(s);
      long m0 = f.virtualIndex(v, 0);
      long m1 = f.virtualIndex(v, 1);
      long m2 = f.virtualIndex(v, 2);
      long m3 = f.virtualIndex(v, 3);
      attestationCase("valid_group_reaching_threshold", s, attestation(s, data, m0, m1, m2));
      s = attestationState();
      attestationCase("valid_group_all_members", s, attestation(s, data, m0, m1, m2, m3));
      s = attestationState();
      attestationCase("valid_group_m_minus_1_members_no_flags", s, attestation(s, data, m0, m2));
      s = attestationState();
      edvt.blockProcessor().processAttestation(s, attestation(s, data, m0, m2), SignatureVerifier.SIMPLE);
      attestationCase("valid_third_member_completes_threshold", s, attestation(s, data, m1));
      s = attestationState();
      edvt.blockProcessor().processAttestation(s, attestation(s, data, m0, m1, m2), SignatureVerifier.SIMPLE);
      attestationCase("valid_member_after_threshold", s, attestation(s, data, m3));
      s = attestationState();
      AttestationData wrongHead = AttestationData.create(data.slot(), data.index(), Bytes32.repeat((byte) 0x5a),
          data.source(), data.target());
      edvt.blockProcessor().processAttestation(s, attestation(s, data, m0, m1), SignatureVerifier.SIMPLE);
      attestationCase("valid_split_head_vote", s, attestation(s, wrongHead, m2, m3));
      s = attestationState();
      int plain = edvt.accessors().getBeaconCommittee(s, data.slot(), 0)[1];
      attestationCase("valid_group_and_plain_validator", s, attestation(s, data, m0, m1, m3, plain));
      s = attestationState();
      attestationCase("valid_plain_validator_only", s, attestation(s, data, plain));
      s = attestationState();
      Attestation honest = attestation(s, data, m0, m1);
      attestationCase("invalid_member_signature_missing", s, Attestation.create(edvt.schemas().attestation(),
          SszBits.withSet(honest.aggregationBits().length(), 0, 1, 2), data, honest.signature(), honest.committeeBits()));
      s = attestationState();
      int committeeSize = edvt.accessors().getBeaconCommittee(s, data.slot(), 0).length;
      attestationCase("invalid_unexpanded_aggregation_bits", s, Attestation.create(edvt.schemas().attestation(),
          SszBits.withSet(committeeSize, 0), data, f.signAttestation(s, data, List.of(m0)),
          SszBits.withSet(config.maxCommitteesPerSlot(), 0)));
      s = attestationState();
      Attestation wrongSigners = attestation(s, data, m0, m1);
      attestationCase("invalid_signed_by_other_members", s, Attestation.create(edvt.schemas().attestation(),
          wrongSigners.aggregationBits(), data, f.signAttestation(s, data, List.of(m2, m3)), wrongSigners.committeeBits()));
      s = attestationState();
      edvt.stateTransition().processSlots(s, UInt64.valueOf(3L * slotsPerEpoch + 1));
      attestationCase("valid_previous_epoch_group", s, attestation(s, data, m0, m1, m2));
    }

    // ---- attester_slashing, proposer_slashing, voluntary_exit

    private static final int SL_GROUP = 5;
    private static final int SL_PLAIN = 9;
    private static final int SL_OTHER_PLAIN = 12;

    @FunctionalInterface
    private interface Apply {
      void apply(MutableBeaconState state);
    }

    /** One operations case: {@code apply} on a copy of {@code state} decides valid (post written) or invalid. */
    private void operationCase(String handler, String inputName, String name, MutableBeaconState state, byte[] input,
        Apply apply) {
      BeaconState pre = fresh(state.commit());
      MutableBeaconState work = new MutableBeaconState(pre);
      boolean valid;
      try {
        apply.apply(work);
        valid = true;
      } catch (StateTransitionException | ArithmeticException e) {
        valid = false;
      }
      expectOutcome(name, valid);
      Path dir = g.caseDir(P, "operations", handler, "pyspec_tests", name);
      g.meta(dir, Map.of("bls_setting", 1));
      g.state(dir, "pre", pre);
      g.ssz(dir, inputName, input);
      if (valid) {
        g.state(dir, "post", work.commit());
      }
    }

    /** The head's EDVT successor with a 3-of-4 group for validator 5. */
    private MutableBeaconState slashingState() {
      MutableBeaconState state = new MutableBeaconState(f.edvtAt(2L * slotsPerEpoch + 3));
      f.addGroup(state, SL_GROUP, 3, 4);
      return new MutableBeaconState(fresh(state.commit()));
    }

    private List<Long> signers(List<Integer> plain, int... members) {
      List<Long> out = new ArrayList<>();
      plain.forEach(v -> out.add((long) v));
      for (int j : members) {
        out.add(f.virtualIndex(SL_GROUP, j));
      }
      return out;
    }

    private IndexedAttestation indexed(MutableBeaconState state, AttestationData data, List<Long> virtualIndices) {
      List<Long> sorted = virtualIndices.stream().sorted().toList();
      return IndexedAttestation.create(edvt.schemas().indexedAttestation(),
          edvt.schemas().attestingIndices().of(sorted.stream().map(UInt64::valueOf).toList()), data,
          f.signAttestation(state, data, sorted));
    }

    private static Bytes sign(List<BlsSecretKey> keys, Bytes32 root) {
      List<BlsSignature> signatures = new ArrayList<>();
      for (BlsSecretKey key : keys) {
        signatures.add(Bls.sign(key, root));
      }
      return Bls.aggregate(signatures).toBytes();
    }

    private static List<BlsSecretKey> memberKeys(int validator, int... members) {
      List<BlsSecretKey> keys = new ArrayList<>();
      for (int j : members) {
        keys.add(EdvtFixtures.memberKey(validator, j));
      }
      return keys;
    }

    private SszBits signerBits(int... members) {
      return SszBits.withSet(SpecConfigEdvt.of(config).maxGroupSize(), members);
    }

    private SignedBeaconBlockHeaderEdvt header(MutableBeaconState state, int proposer, byte bodyByte,
        List<BlsSecretKey> keys, SszBits bits) {
      BeaconBlockHeader header = BeaconBlockHeader.create(state.slot(), UInt64.valueOf(proposer), Bytes32.ZERO,
          Bytes32.ZERO, Bytes32.repeat(bodyByte));
      Bytes32 domain = edvt.accessors().getDomain(state, SpecConstants.DOMAIN_BEACON_PROPOSER,
          edvt.misc().computeEpochAtSlot(header.slot()));
      return SignedBeaconBlockHeaderEdvt.create(edvt.schemas().signedBeaconBlockHeader(), header,
          sign(keys, edvt.misc().computeSigningRoot(header.hashTreeRoot(), domain)), bits);
    }

    private SignedVoluntaryExitEdvt exit(MutableBeaconState state, int validator, List<BlsSecretKey> keys, SszBits bits) {
      VoluntaryExit exit = VoluntaryExit.create(UInt64.ZERO, UInt64.valueOf(validator));
      Bytes32 domain = edvt.misc().computeDomain(SpecConstants.DOMAIN_VOLUNTARY_EXIT, config.capellaForkVersion(),
          state.genesisValidatorsRoot());
      return SignedVoluntaryExitEdvt.create(edvt.schemas().signedVoluntaryExit(), exit,
          sign(keys, edvt.misc().computeSigningRoot(exit.hashTreeRoot(), domain)), bits);
    }

    private void slashingsAndExits() {
      // attester slashings: a double vote in the current epoch
      MutableBeaconState base = slashingState();
      UInt64 epoch = edvt.accessors().getCurrentEpoch(base);
      Checkpoint source = base.currentJustifiedCheckpoint();
      Checkpoint target = Checkpoint.create(epoch, Bytes32.repeat((byte) 0x33));
      UInt64 slot = edvt.misc().computeStartSlotAtEpoch(epoch);
      AttestationData vote1 = AttestationData.create(slot, UInt64.ZERO, Bytes32.repeat((byte) 0x11), source, target);
      AttestationData vote2 = AttestationData.create(slot, UInt64.ZERO, Bytes32.repeat((byte) 0x22), source, target);
      Map<String, List<List<Long>>> doubleVotes = new LinkedHashMap<>();
      doubleVotes.put("valid_group_threshold_in_each", List.of(signers(List.of(), 0, 1, 2), signers(List.of(), 1, 2, 3)));
      doubleVotes.put("valid_group_all_members_in_each", List.of(signers(List.of(), 0, 1, 2, 3), signers(List.of(), 0, 1, 2, 3)));
      doubleVotes.put("valid_plain_beside_group_below_threshold",
          List.of(signers(List.of(SL_PLAIN, SL_OTHER_PLAIN), 0, 1, 2), signers(List.of(SL_PLAIN), 0)));
      doubleVotes.put("valid_group_and_plain", List.of(signers(List.of(SL_PLAIN), 0, 1, 2), signers(List.of(SL_PLAIN), 1, 2, 3)));
      doubleVotes.put("invalid_group_m_minus_1_in_one", List.of(signers(List.of(), 0, 1, 2), signers(List.of(), 0, 1)));
      doubleVotes.put("invalid_single_member_double_vote", List.of(signers(List.of(), 2), signers(List.of(), 2)));
      for (var e : doubleVotes.entrySet()) {
        MutableBeaconState s = slashingState();
        AttesterSlashing op = AttesterSlashing.create(edvt.schemas().attesterSlashing(),
            indexed(s, vote1, e.getValue().get(0)), indexed(s, vote2, e.getValue().get(1)));
        operationCase("attester_slashing", "attester_slashing", e.getKey(), s, op.serialize(),
            w -> edvt.blockProcessor().processAttesterSlashing(w, op, SignatureVerifier.SIMPLE));
      }
      {
        MutableBeaconState s = slashingState();
        AttesterSlashing honest = AttesterSlashing.create(edvt.schemas().attesterSlashing(),
            indexed(s, vote1, signers(List.of(), 0, 1, 2)), indexed(s, vote2, signers(List.of(), 1, 2, 3)));
        IndexedAttestation claimed = IndexedAttestation.create(edvt.schemas().indexedAttestation(),
            edvt.schemas().attestingIndices().of(signers(List.of(), 0, 1, 2, 3).stream().map(UInt64::valueOf).toList()),
            vote2, honest.attestation2().signature());
        AttesterSlashing op = AttesterSlashing.create(edvt.schemas().attesterSlashing(), honest.attestation1(), claimed);
        operationCase("attester_slashing", "attester_slashing", "invalid_forged_member_signature", s, op.serialize(),
            w -> edvt.blockProcessor().processAttesterSlashing(w, op, SignatureVerifier.SIMPLE));
      }

      // proposer slashings
      record Headers(String name, int[] first, int[] firstBits, int[] second, int[] secondBits) {}
      List<Headers> headers = List.of(
          new Headers("valid_group_threshold_signers", new int[] {0, 1, 2}, new int[] {0, 1, 2}, new int[] {1, 2, 3}, new int[] {1, 2, 3}),
          new Headers("valid_group_all_signers", new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3}, new int[] {0, 2, 3}, new int[] {0, 2, 3}),
          new Headers("invalid_m_minus_1_signers", new int[] {0, 1, 2}, new int[] {0, 1, 2}, new int[] {3, 1}, new int[] {1, 3}),
          new Headers("invalid_signer_bits_name_non_signer", new int[] {0, 1, 2}, new int[] {0, 1, 3}, new int[] {1, 2, 3}, new int[] {1, 2, 3}));
      for (Headers h : headers) {
        MutableBeaconState s = slashingState();
        ProposerSlashing op = ProposerSlashing.create(edvt.schemas().proposerSlashing(),
            header(s, SL_GROUP, (byte) 1, memberKeys(SL_GROUP, h.first()), signerBits(h.firstBits())),
            header(s, SL_GROUP, (byte) 2, memberKeys(SL_GROUP, h.second()), signerBits(h.secondBits())));
        operationCase("proposer_slashing", "proposer_slashing", h.name(), s, op.serialize(),
            w -> edvt.blockProcessor().processProposerSlashing(w, op, SignatureVerifier.SIMPLE));
      }
      {
        MutableBeaconState s = slashingState();
        BlsSecretKey own = f.chain().signer().keyOf(s, SL_PLAIN);
        ProposerSlashing op = ProposerSlashing.create(edvt.schemas().proposerSlashing(),
            header(s, SL_PLAIN, (byte) 1, List.of(own), signerBits(0)),
            header(s, SL_PLAIN, (byte) 2, List.of(own), signerBits(0)));
        operationCase("proposer_slashing", "proposer_slashing", "valid_plain_validator", s, op.serialize(),
            w -> edvt.blockProcessor().processProposerSlashing(w, op, SignatureVerifier.SIMPLE));
      }

      // voluntary exits, once genesis validators have served SHARD_COMMITTEE_PERIOD
      record Exit(String name, int validator, boolean own, int[] members, int[] bits) {}
      List<Exit> exits = List.of(
          new Exit("valid_group_threshold_signers", SL_GROUP, false, new int[] {0, 2, 3}, new int[] {0, 2, 3}),
          new Exit("valid_group_all_signers", SL_GROUP, false, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3}),
          new Exit("invalid_group_m_minus_1_signers", SL_GROUP, false, new int[] {0, 2}, new int[] {0, 2}),
          new Exit("invalid_group_own_key_only", SL_GROUP, true, new int[] {0}, new int[] {0}),
          new Exit("valid_plain_own_key", SL_PLAIN, true, new int[] {0}, new int[] {0}),
          new Exit("invalid_plain_member_beyond_own_key", SL_PLAIN, true, new int[] {0}, new int[] {1}));
      for (Exit x : exits) {
        MutableBeaconState s = slashingState();
        s.setSlot(UInt64.valueOf((config.shardCommitteePeriod() + 2L) * slotsPerEpoch));
        List<BlsSecretKey> keys = x.own() ? List.of(f.chain().signer().keyOf(s, x.validator()))
            : memberKeys(x.validator(), x.members());
        SignedVoluntaryExitEdvt op = exit(s, x.validator(), keys, signerBits(x.bits()));
        operationCase("voluntary_exit", "voluntary_exit", x.name(), s, op.serialize(),
            w -> edvt.blockProcessor().processVoluntaryExit(w, op, SignatureVerifier.SIMPLE));
      }
    }

    // ---- sync_aggregate

    private static final int SYNC_GROUPS = 8;
    private static final int SYNC_N = 4;
    private static final int SYNC_M = 3;

    /** Validators 0..7 in 3-of-4 groups; the sync committees seat their members (as at a period boundary). */
    private MutableBeaconState syncState() {
      MutableBeaconState state = new MutableBeaconState(f.edvtAt(2L * slotsPerEpoch + 3));
      for (int v = 0; v < SYNC_GROUPS; v++) {
        EdvtFixtures.setEffectiveBalance(state, v, config.maxEffectiveBalanceElectra());
        f.addGroup(state, v, SYNC_M, SYNC_N);
      }
      return new MutableBeaconState(fresh(state.commit()));
    }

    /**
     * The committee bits where each group's block of seats gets {@code ceil(m * s / n)} bits when
     * {@code atThreshold.test(validator)}, one fewer otherwise; plain seats are all set.
     */
    private boolean[] seatBits(MutableBeaconState state, java.util.function.IntPredicate atThreshold) {
      long[] seats = edvt.epochProcessor().syncCommittee().getCurrentSyncCommitteeIndices(state);
      boolean[] bits = new boolean[seats.length];
      int seat = 0;
      while (seat < seats.length) {
        int validator = (int) io.edvt.groups.VirtualIndex.validatorIndexOf(seats[seat]);
        boolean group = validator < SYNC_GROUPS;
        int size = group ? Math.min(SYNC_N, seats.length - seat) : 1;
        int threshold = group ? (SYNC_M * size + SYNC_N - 1) / SYNC_N : 1;
        int set = !group || atThreshold.test(validator) ? threshold : threshold - 1;
        for (int i = 0; i < set; i++) {
          bits[seat + i] = true;
        }
        seat += size;
      }
      return bits;
    }

    private SyncAggregate syncAggregate(MutableBeaconState state, boolean[] bits, boolean[] signed) {
      ValidatorKeys keys = ValidatorKeys.interop(EdvtFixtures.VALIDATORS);
      for (int v = 0; v < SYNC_GROUPS; v++) {
        for (int j = 0; j < SYNC_N; j++) {
          keys.add(EdvtFixtures.memberKey(v, j));
        }
      }
      List<BlsSecretKey> signers = new ArrayList<>();
      SszBits committeeBits = SszBits.zeros(bits.length);
      for (int i = 0; i < bits.length; i++) {
        committeeBits = committeeBits.with(i, bits[i]);
        if (signed[i]) {
          signers.add(keys.get(state.currentSyncCommittee().pubkeys().get(i)));
        }
      }
      UInt64 previousSlot = state.slot().minus(1);
      Bytes32 blockRoot = edvt.accessors().getBlockRootAtSlot(state, previousSlot);
      Bytes signature = new Signer(edvt, keys).syncCommittee(state, blockRoot, previousSlot, signers);
      return SyncAggregate.create(edvt.schemas().syncAggregate(), committeeBits, signature);
    }

    private void syncAggregates() {
      Map<String, java.util.function.IntPredicate> rules = new LinkedHashMap<>();
      rules.put("valid_groups_at_threshold", v -> true);
      rules.put("valid_groups_below_threshold", v -> false);
      rules.put("valid_even_groups_at_threshold_odd_below", v -> v % 2 == 0);
      for (var e : rules.entrySet()) {
        MutableBeaconState s = syncState();
        boolean[] bits = seatBits(s, e.getValue());
        SyncAggregate op = syncAggregate(s, bits, bits);
        operationCase("sync_aggregate", "sync_aggregate", e.getKey(), s, op.serialize(),
            w -> edvt.blockProcessor().processSyncAggregate(w, op, SignatureVerifier.SIMPLE));
      }
      {
        MutableBeaconState s = syncState();
        boolean[] all = new boolean[config.syncCommitteeSize()];
        Arrays.fill(all, true);
        SyncAggregate op = syncAggregate(s, all, all);
        operationCase("sync_aggregate", "sync_aggregate", "valid_all_seats", s, op.serialize(),
            w -> edvt.blockProcessor().processSyncAggregate(w, op, SignatureVerifier.SIMPLE));
      }
      {
        MutableBeaconState s = syncState();
        boolean[] bits = seatBits(s, v -> true);
        boolean[] signed = bits.clone();
        for (int i = 0; i < signed.length; i++) {
          if (signed[i]) {
            signed[i] = false; // the first set bit's seat did not sign
            break;
          }
        }
        SyncAggregate op = syncAggregate(s, bits, signed);
        operationCase("sync_aggregate", "sync_aggregate", "invalid_seat_bit_without_signature", s, op.serialize(),
            w -> edvt.blockProcessor().processSyncAggregate(w, op, SignatureVerifier.SIMPLE));
      }
    }

    // ---- sanity/blocks and operations/block_header

    /** What the block cases share: the pre state (slot after the head, groups for the proposer of the next slot and an attester). */
    private final class BlockSetup {
      final MutableBeaconState pre;
      final UInt64 slot;
      final int proposer;
      final int[] ranking;

      BlockSetup() {
        BeaconState upgraded = f.edvtAt(f.fuluHead().slot().longValue() + 1);
        this.slot = upgraded.slot().plus(1);
        MutableBeaconState atSlot = new MutableBeaconState(edvt.stateTransition().processSlots(upgraded, slot));
        this.proposer = edvt.accessors().getBeaconProposerIndex(atSlot);
        MutableBeaconState state = new MutableBeaconState(upgraded);
        EdvtFixtures.setEffectiveBalance(state, proposer, config.minActivationBalance().times(3));
        f.addGroup(state, proposer, 2, 3);
        int[] committee = edvt.accessors().getBeaconCommittee(state, f.fuluHead().slot(), 0);
        int attestingGroup = committee[0] != proposer ? committee[0] : committee[1];
        EdvtFixtures.setEffectiveBalance(state, attestingGroup, config.minActivationBalance().times(4));
        f.addGroup(state, attestingGroup, 3, 4);
        this.pre = new MutableBeaconState(fresh(state.commit()));
        MutableBeaconState advanced = new MutableBeaconState(edvt.stateTransition().processSlots(pre.commit(), slot));
        this.ranking = edvt.accessors().getGroupMemberRanking(advanced, proposer, slot);
      }

      MutableBeaconState advanced() {
        return new MutableBeaconState(edvt.stateTransition().processSlots(pre.commit(), slot));
      }

      /** Every signer of every expanded committee at the head slot attests to the head. */
      Attestation fullAttestation(MutableBeaconState state) {
        AttestationData data = headData();
        int committees = edvt.accessors().getCommitteeCountPerSlot(state, data.target().epoch());
        List<Long> signers = new ArrayList<>();
        int[] committeeIndices = new int[committees];
        for (int k = 0; k < committees; k++) {
          committeeIndices[k] = k;
          for (long index : edvt.accessors().getExpandedBeaconCommittee(state, data.slot(), k)) {
            signers.add(index);
          }
        }
        int[] bits = new int[signers.size()];
        for (int i = 0; i < bits.length; i++) {
          bits[i] = i;
        }
        return Attestation.create(edvt.schemas().attestation(), SszBits.withSet(signers.size(), bits), data,
            f.signAttestation(state, data, signers), SszBits.withSet(config.maxCommitteesPerSlot(), committeeIndices));
      }

      /** The chain's Fulu block for {@code slot} as an EDVT block of the group proposer, state root sealed. */
      BeaconBlock unsealed(int randaoMember, boolean withAttestation) {
        MutableBeaconState state = advanced();
        BeaconBlock fuluBlock = f.chain().produceBlock(slot, BlockOptions.none()).message();
        if (fuluBlock.proposerIndex().intValue() != proposer) {
          throw new IllegalStateException("the Fulu chain's proposer differs from EDVT's");
        }
        BeaconBlockBody fuluBody = fuluBlock.body();
        UInt64 epoch = edvt.accessors().getCurrentEpoch(state);
        Bytes reveal = sign(List.of(EdvtFixtures.memberKey(proposer, randaoMember)),
            edvt.misc().computeSigningRoot(epoch, edvt.accessors().getDomain(state, SpecConstants.DOMAIN_RANDAO, null)));
        ContainerType<BeaconBlockBodyEdvt> bodyType = edvt.schemas().beaconBlockBody();
        SyncAggregate noSyncSignatures = SyncAggregate.create(edvt.schemas().syncAggregate(),
            SszBits.zeros(config.syncCommitteeSize()), SpecConstants.G2_POINT_AT_INFINITY);
        BeaconBlockBodyEdvt body = BeaconBlockBodyEdvt.create(bodyType,
            reveal,
            fuluBody.eth1Data(),
            fuluBody.graffiti(),
            field(bodyType, BeaconBlockBody.PROPOSER_SLASHINGS, List.of()),
            field(bodyType, BeaconBlockBody.ATTESTER_SLASHINGS, List.of()),
            field(bodyType, BeaconBlockBody.ATTESTATIONS, withAttestation ? List.of(fullAttestation(state)) : List.of()),
            field(bodyType, BeaconBlockBody.DEPOSITS, List.of()),
            field(bodyType, BeaconBlockBody.VOLUNTARY_EXITS, List.of()),
            noSyncSignatures,
            fuluBody.executionPayload(),
            field(bodyType, BeaconBlockBody.BLS_TO_EXECUTION_CHANGES, List.of()),
            fuluBody.blobKzgCommitments(),
            fuluBody.executionRequests(),
            UInt64.valueOf(randaoMember),
            field(bodyType, BeaconBlockBodyEdvt.GROUP_REGISTRATIONS, List.of()),
            field(bodyType, BeaconBlockBodyEdvt.GROUP_KEY_CHANGES, List.of()));
        BeaconBlock unsealed = BeaconBlock.create(edvt.schemas().beaconBlock(), slot, UInt64.valueOf(proposer),
            fuluBlock.parentRoot(), Bytes32.ZERO, body);
        MutableBeaconState post = advanced();
        edvt.blockProcessor().processBlock(post, unsealed, SignatureVerifier.NONE, ExecutionEngine.always(true));
        return unsealed.withStateRoot(post.commit().hashTreeRoot());
      }

      SignedBeaconBlockEdvt signed(BeaconBlock block, int... members) {
        Bytes32 domain = edvt.accessors().getDomain(advanced(), SpecConstants.DOMAIN_BEACON_PROPOSER,
            edvt.misc().computeEpochAtSlot(slot));
        return SignedBeaconBlockEdvt.create(edvt.schemas().signedBeaconBlock(), block,
            sign(memberKeys(proposer, members), edvt.misc().computeSigningRoot(block.hashTreeRoot(), domain)),
            signerBits(members));
      }
    }

    @SuppressWarnings("unchecked")
    private static <E> SszList<E> field(ContainerType<?> type, int field, List<? extends E> elements) {
      return ((ListType<E>) type.fields().get(field).type()).of(elements);
    }

    private void blockCase(String name, BlockSetup b, SignedBeaconBlockEdvt block) {
      BeaconState pre = fresh(b.pre.commit());
      BeaconState post;
      try {
        post = edvt.stateTransition().stateTransition(pre, block, true, SignatureVerifier.SIMPLE,
            ExecutionEngine.always(true));
      } catch (StateTransitionException | ArithmeticException e) {
        post = null;
      }
      expectOutcome(name, post != null);
      Path dir = g.caseDir(P, "sanity", "blocks", "pyspec_tests", name);
      g.meta(dir, Map.of("bls_setting", 1, "blocks_count", 1));
      g.state(dir, "pre", pre);
      g.ssz(dir, "blocks_0", block.serialize());
      if (post != null) {
        g.state(dir, "post", post);
      }
    }

    private void blocks() {
      BlockSetup b = new BlockSetup();
      int[] r = b.ranking;
      BeaconBlock leader = b.unsealed(r[0], true);
      blockCase("valid_group_proposer_threshold_signers", b, b.signed(leader, r[0], r[2]));
      blockCase("valid_group_proposer_all_signers", b, b.signed(leader, r[0], r[1], r[2]));
      blockCase("invalid_group_proposer_one_signer", b, b.signed(leader, r[0]));
      blockCase("invalid_signers_without_leader", b, b.signed(leader, r[1], r[2]));
      BeaconBlock empty = b.unsealed(r[0], false);
      blockCase("valid_group_proposer_no_operations", b, b.signed(empty, r[0], r[1]));
      BeaconBlock wrongReveal = b.unsealed(r[2], true);
      blockCase("invalid_reveal_not_from_leader", b, b.signed(wrongReveal, r[0], r[2]));

      // block_header: process_block_header on the state advanced to the block's slot
      MutableBeaconState advanced = b.advanced();
      Map<String, BeaconBlock> headers = new LinkedHashMap<>();
      headers.put("valid_group_block", leader);
      headers.put("invalid_proposer_index", BeaconBlock.create(edvt.schemas().beaconBlock(), leader.slot(),
          UInt64.valueOf((b.proposer + 1) % EdvtFixtures.VALIDATORS), leader.parentRoot(), leader.stateRoot(), leader.body()));
      headers.put("invalid_parent_root", BeaconBlock.create(edvt.schemas().beaconBlock(), leader.slot(),
          leader.proposerIndex(), Bytes32.repeat((byte) 0x44), leader.stateRoot(), leader.body()));
      headers.put("invalid_slot", BeaconBlock.create(edvt.schemas().beaconBlock(), leader.slot().plus(1),
          leader.proposerIndex(), leader.parentRoot(), leader.stateRoot(), leader.body()));
      for (var e : headers.entrySet()) {
        BeaconBlock block = e.getValue();
        operationCase("block_header", "block", e.getKey(), advanced, block.serialize(),
            w -> edvt.blockProcessor().processBlockHeader(w, block));
      }
    }

    // ---- epoch processing

    /** The EDVT state at the last slot of epoch {@code epoch} with groups (3: 2 of 3, 10: 3 of 4), some member flags set. */
    private BeaconStateEdvt grouped(long lastSlot, boolean groups) {
      MutableBeaconState state = new MutableBeaconState(f.edvtAt(2L * slotsPerEpoch + 3));
      if (groups) {
        EdvtFixtures.setEffectiveBalance(state, 3, config.minActivationBalance().times(3));
        EdvtFixtures.setEffectiveBalance(state, 10, config.minActivationBalance().times(4));
        f.addGroup(state, 3, 2, 3);
        f.addGroup(state, 10, 3, 4);
        for (int i = 0; i < 2 * SpecConfigEdvt.of(config).maxGroupSize(); i += 3) {
          state.<Integer>list(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION).set(i, 7);
          state.<Integer>list(BeaconStateEdvt.PREVIOUS_EPOCH_MEMBER_PARTICIPATION).set(i, 3);
        }
      }
      BeaconState s = fresh(state.commit());
      return (BeaconStateEdvt) fresh(edvt.stateTransition().processSlots(s, UInt64.valueOf(lastSlot)));
    }

    private interface Step {
      void run(EpochProcessorEdvt p, MutableBeaconState s);
    }

    private Map<String, Step> steps() {
      Map<String, Step> steps = new LinkedHashMap<>();
      steps.put("justification_and_finalization", (p, s) -> p.processJustificationAndFinalization(s));
      steps.put("inactivity_updates", (p, s) -> p.processInactivityUpdates(s));
      steps.put("rewards_and_penalties", (p, s) -> p.processRewardsAndPenalties(s));
      steps.put("registry_updates", (p, s) -> p.processRegistryUpdates(s));
      steps.put("slashings", (p, s) -> p.processSlashings(s));
      steps.put("eth1_data_reset", (p, s) -> p.processEth1DataReset(s));
      steps.put("pending_deposits", (p, s) -> p.processPendingDeposits(s, SignatureVerifier.SIMPLE));
      steps.put("pending_consolidations", (p, s) -> p.processPendingConsolidations(s));
      steps.put("effective_balance_updates", (p, s) -> p.processEffectiveBalanceUpdates(s));
      steps.put("slashings_reset", (p, s) -> p.processSlashingsReset(s));
      steps.put("randao_mixes_reset", (p, s) -> p.processRandaoMixesReset(s));
      steps.put("historical_summaries_update", (p, s) -> p.processHistoricalSummariesUpdate(s));
      steps.put("participation_flag_updates", (p, s) -> p.processParticipationFlagUpdates(s));
      steps.put("sync_committee_updates", (p, s) -> p.processSyncCommitteeUpdates(s));
      steps.put("proposer_lookahead", (p, s) -> p.processProposerLookahead(s));
      steps.put("group_key_set_pruning", (p, s) -> p.processGroupKeySetPruning(s));
      return steps;
    }

    private void epochCase(String handler, String name, BeaconState pre, Consumer<MutableBeaconState> edit) {
      Step step = steps().get(handler);
      MutableBeaconState edited = new MutableBeaconState(pre);
      edit.accept(edited);
      BeaconState start = fresh(edited.commit());
      MutableBeaconState work = new MutableBeaconState(start);
      BeaconState post;
      try {
        step.run(edvt.epochProcessor(), work);
        post = work.commit();
      } catch (StateTransitionException | ArithmeticException e) {
        post = null;
      }
      Path dir = g.caseDir(P, "epoch_processing", handler, "pyspec_tests", name);
      g.state(dir, "pre", start);
      if (post != null) {
        g.state(dir, "post", post);
      }
    }

    private void epochProcessing() {
      BeaconStateEdvt withGroups = grouped(3L * slotsPerEpoch - 1, true);
      BeaconStateEdvt noGroups = grouped(3L * slotsPerEpoch - 1, false);
      for (String handler : steps().keySet()) {
        epochCase(handler, "edvt_state_with_groups", withGroups, s -> {});
        epochCase(handler, "edvt_state_without_groups", noGroups, s -> {});
      }
      // sync committee period boundary: the groups' members take seats
      long periodEnd = (long) config.epochsPerSyncCommitteePeriod() * slotsPerEpoch - 1;
      BeaconStateEdvt atPeriodEnd = grouped(periodEnd, true);
      epochCase("sync_committee_updates", "period_boundary_with_groups", atPeriodEnd, s -> {});
      epochCase("sync_committee_updates", "period_boundary_without_groups", grouped(periodEnd, false), s -> {});
      epochCase("participation_flag_updates", "period_boundary_with_groups", atPeriodEnd, s -> {});
      // key set pruning: the own key set goes once its successor has been in force long enough
      long delay = config.minValidatorWithdrawabilityDelay();
      for (long epoch : List.of(delay - 1, delay, delay + 1)) {
        epochCase("group_key_set_pruning", "epoch_" + epoch, withGroups,
            s -> s.setSlot(UInt64.valueOf(epoch * slotsPerEpoch + slotsPerEpoch - 1)));
      }
      // scaled ejection: group validators with low effective balances
      for (long eth : List.of(10L, 16L, 20L, 40L, 50L)) {
        epochCase("registry_updates", "group_effective_balance_" + eth + "_eth", withGroups,
            s -> {
              EdvtFixtures.setEffectiveBalance(s, 3, UInt64.valueOf(eth * 1_000_000_000L));
              EdvtFixtures.setEffectiveBalance(s, 10, UInt64.valueOf(eth * 1_000_000_000L));
            });
      }
      epochCase("effective_balance_updates", "group_balance_drop", withGroups,
          s -> s.balances().set(3, UInt64.valueOf(20_000_000_000L)));
      epochCase("slashings", "slashed_group_validator", withGroups, s -> {
        s.validators().set(10, s.validators().get(10).withSlashed(true)
            .withWithdrawableEpoch(UInt64.valueOf(2L + config.epochsPerSlashingsVector() / 2)));
        s.slashings().set(0, UInt64.valueOf(64_000_000_000L));
      });
    }

    // ---- rewards

    private void rewards() {
      ContainerType<DeltasContainer> deltasType = DeltasContainer.type(config.validatorRegistryLimit().longValue());
      ListType<UInt64> gweis = new ListType<>(SpecTypes.GWEI, config.validatorRegistryLimit().longValue());
      Map<String, BeaconState> states = new LinkedHashMap<>();
      states.put("edvt_state_with_groups", grouped(3L * slotsPerEpoch - 1, true));
      states.put("edvt_state_without_groups", grouped(3L * slotsPerEpoch - 1, false));
      states.put("edvt_state_with_groups_later", grouped(4L * slotsPerEpoch - 1, true));
      for (var e : states.entrySet()) {
        Path dir = g.caseDir(P, "rewards", "basic", "pyspec_tests", e.getKey());
        g.state(dir, "pre", e.getValue());
        MutableBeaconState state = new MutableBeaconState(e.getValue());
        EpochProcessorFulu p = edvt.epochProcessor();
        Map<String, Deltas> deltas = new LinkedHashMap<>();
        deltas.put("source_deltas", p.getFlagIndexDeltas(state, SpecConstants.TIMELY_SOURCE_FLAG_INDEX));
        deltas.put("target_deltas", p.getFlagIndexDeltas(state, SpecConstants.TIMELY_TARGET_FLAG_INDEX));
        deltas.put("head_deltas", p.getFlagIndexDeltas(state, SpecConstants.TIMELY_HEAD_FLAG_INDEX));
        deltas.put("inactivity_penalty_deltas", p.getInactivityPenaltyDeltas(state));
        for (var d : deltas.entrySet()) {
          DeltasContainer c = deltasType.create(new Object[] {list(gweis, d.getValue().rewards()),
              list(gweis, d.getValue().penalties())});
          g.ssz(dir, d.getKey(), deltasType.serialize(c));
        }
      }
    }

    private static SszList<UInt64> list(ListType<UInt64> type, long[] values) {
      List<UInt64> out = new ArrayList<>();
      for (long v : values) {
        out.add(UInt64.fromLongBits(v));
      }
      return type.of(out);
    }

    // ---- sanity/slots

    private void sanitySlots() {
      BeaconStateEdvt withGroups = grouped(3L * slotsPerEpoch - 1, true);
      BeaconStateEdvt noGroups = grouped(3L * slotsPerEpoch - 1, false);
      for (long n : List.of(1L, 2L, (long) slotsPerEpoch, slotsPerEpoch + 1L)) {
        slots("groups_across_epoch_boundary_" + n + "_slots", withGroups, n);
      }
      slots("no_groups_across_epoch_boundary_1_slot", noGroups, 1);
      slots("groups_two_epochs", withGroups, 2L * slotsPerEpoch);
    }

    private void slots(String name, BeaconState pre, long n) {
      Path dir = g.caseDir(P, "sanity", "slots", "pyspec_tests", name);
      g.state(dir, "pre", pre);
      g.yaml(dir, "slots.yaml", n);
      g.state(dir, "post", edvt.stateTransition().processSlots(pre, pre.slot().plus(n)));
    }
  }
}
