package io.edvt.reftests.generator;

import io.edvt.forkchoice.store.ForkChoiceOptions;
import io.edvt.forkchoice.store.ForkChoiceStore;
import io.edvt.forkchoice.store.ProposerHead;
import io.edvt.forkchoice.votes.VoteLayers;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.reftests.ReferenceSpecs;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockBody;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.AttesterSlashing;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtBlockOptions;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.GroupSpec;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.Vote;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.execution.ExecutionEngine;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ValidatorKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * {@code fork_choice/get_head}: threshold GHOST on small forks of real signed EDVT blocks. The
 * anchor is an EDVT state at the first slot of epoch 3 (groups in force since epoch 1) with an
 * empty-bodied anchor block; blocks carry no attestations unless a case says so, and the votes
 * arrive as {@code attestation} steps, one aggregate per committee, signed by exactly the member
 * keys the case names. The attesters are picked from the committees of the late slots of epoch 3,
 * so they can vote for any of the fork blocks (at slots 25 to 28).
 *
 * <p>Each case states its designed head in terms of balances, and the generator runs the steps
 * through this client's store (signatures verified) and fails unless the head at every
 * {@code checks} step is the designed one, before anything is written.
 */
final class ForkChoiceCases {
  private static final String PRESET = "minimal";
  private static final String HANDLER = "get_head";
  private static final long ANCHOR_SLOT = 3L * 8;

  private final CaseWriter g;
  private final EdvtFixtures f;
  private final SpecEdvt edvt;
  private final SpecVersions versions;
  private final long secondsPerSlot;
  private final int slotsPerEpoch;

  // epoch 3's committees, the same on every branch and whatever the groups (shuffling ignores balances)
  private final Map<Integer, long[]> duty = new TreeMap<>(); // validator -> {slot, committee index}
  private final Map<Long, List<Integer>> bySlot = new TreeMap<>();

  ForkChoiceCases(CaseWriter g, EdvtFixtures f) {
    this.g = g;
    this.f = f;
    this.edvt = f.edvt();
    this.versions = ReferenceSpecs.versions(PRESET);
    this.secondsPerSlot = edvt.config().slotDurationMs() / 1000;
    this.slotsPerEpoch = edvt.config().slotsPerEpoch();
    if (ANCHOR_SLOT != 3L * slotsPerEpoch) {
      throw new IllegalStateException("the fork-choice cases are laid out for 8 slots per epoch");
    }
    MutableBeaconState plain = new MutableBeaconState(f.edvtAt(ANCHOR_SLOT));
    for (long slot = ANCHOR_SLOT; slot < ANCHOR_SLOT + slotsPerEpoch; slot++) {
      int committees = edvt.accessors().getCommitteeCountPerSlot(plain, UInt64.valueOf(3));
      for (int c = 0; c < committees; c++) {
        for (int v : edvt.accessors().getBeaconCommittee(plain, UInt64.valueOf(slot), c)) {
          duty.put(v, new long[] {slot, c});
          bySlot.computeIfAbsent(slot, s -> new ArrayList<>()).add(v);
        }
      }
    }
    for (List<Integer> validators : bySlot.values()) {
      validators.sort(Integer::compare);
    }
  }

  // ------------------------------------------------------------------ the layout of the simple cases

  /** Group validators: two attesting at slot 29, two at slot 30. */
  private int[] groupValidators() {
    List<Integer> s29 = bySlot.get(ANCHOR_SLOT + 5);
    List<Integer> s30 = bySlot.get(ANCHOR_SLOT + 6);
    return new int[] {s29.get(0), s29.get(1), s30.get(0), s30.get(1)};
  }

  /** Plain voters (attesting at slots 28 to 30), not groups, in a fixed order. */
  private List<Integer> plainVoters() {
    List<Integer> out = new ArrayList<>();
    int[] groups = groupValidators();
    for (long slot = ANCHOR_SLOT + 4; slot <= ANCHOR_SLOT + 6; slot++) {
      for (int v : bySlot.get(slot)) {
        if (Arrays.stream(groups).noneMatch(x -> x == v)) {
          out.add(v);
        }
      }
    }
    return out;
  }

  void all() {
    int[] gv = groupValidators();
    // g0: 3 of 4 (128 ETH), g1: 2 of 4 (128 ETH), g2: 2 of 3 (96 ETH), g3: 1 of 2 (64 ETH)
    List<GroupSpec> layout = List.of(new GroupSpec(gv[0], 3, 4), new GroupSpec(gv[1], 2, 4),
        new GroupSpec(gv[2], 2, 3), new GroupSpec(gv[3], 1, 2));
    Anchor anchor = anchor(layout, s -> {});
    List<Integer> p = plainVoters();
    new Simple(anchor, gv, p).all();
    // g3 with 48 ETH (above its ejection balance of 2 * 16): one group's weight alone is below the re-org threshold
    Anchor lightG3 = anchor(layout, s -> EdvtFixtures.setEffectiveBalance(s, gv[3], UInt64.valueOf(48_000_000_000L)));
    new Simple(lightG3, gv, p).proposerHeadCountsAGroupOnce();
    keySetsFromJustifiedState();
  }

  // ------------------------------------------------------------------ anchor

  /** The anchor state and block, and the keys of every signer. */
  private record Anchor(BeaconState state, BeaconBlock block, ValidatorKeys keys) {
    Bytes32 root() {
      return block.hashTreeRoot();
    }
  }

  /**
   * The fixtures' EDVT state at slot 24 with {@code groups} (then {@code edit}), whose latest block
   * header is replaced by an empty-bodied block at slot 24: that block is the anchor block, and
   * epoch 3's checkpoint block on every branch.
   */
  private Anchor anchor(List<GroupSpec> groups, Consumer<MutableBeaconState> edit) {
    EdvtChainBuilder built = EdvtChainBuilder.withGroups(f, ANCHOR_SLOT, groups);
    MutableBeaconState state = new MutableBeaconState(built.headState());
    edit.accept(state);
    BeaconBlockBody body = edvt.schemas().beaconBlockBody().defaultValue();
    int proposer = edvt.accessors().getBeaconProposerIndex(state);
    Bytes32 parent = state.latestBlockHeader().hashTreeRoot();
    state.setLatestBlockHeader(BeaconBlockHeader.create(UInt64.valueOf(ANCHOR_SLOT), UInt64.valueOf(proposer), parent,
        Bytes32.ZERO, body.hashTreeRoot()));
    BeaconState anchorState = edvt.schemas().beaconState().deserialize(state.commit().serialize());
    BeaconBlock block = BeaconBlock.create(edvt.schemas().beaconBlock(), UInt64.valueOf(ANCHOR_SLOT),
        UInt64.valueOf(proposer), parent, anchorState.hashTreeRoot(), body);
    return new Anchor(anchorState, block, built.signer().keys());
  }

  private EdvtChainBuilder builder(Anchor anchor) {
    EdvtChainBuilder b = new EdvtChainBuilder(edvt, anchor.state(), anchor.keys());
    // fork blocks carry no attestations: the cases' votes come as attestation steps
    b.votes((v, member, slot) -> Vote.ABSENT);
    return b;
  }

  private static BlockOptions graffiti(int tag) {
    return BlockOptions.none().graffiti(Bytes32.repeat((byte) tag));
  }

  // ------------------------------------------------------------------ votes and slashings

  /** One signer: member {@code member} of validator {@code validator} (0 for a plain validator). */
  private record Voter(int validator, int member) {}

  private static List<Voter> members(int validator, int... members) {
    List<Voter> out = new ArrayList<>();
    for (int m : members) {
      out.add(new Voter(validator, m));
    }
    return out;
  }

  private static List<Voter> plain(List<Integer> validators) {
    return validators.stream().map(v -> new Voter(v, 0)).toList();
  }

  /**
   * The attestations of {@code voters} for {@code root} at their duty slots of the epoch of
   * {@code branch}'s advanced state (one aggregate per slot and committee), with target
   * {@code target}. {@code duties} gives each validator's slot and committee.
   */
  private List<Attestation> attestations(ValidatorKeys keys, BeaconState branch, Map<Integer, long[]> duties,
      List<Voter> voters, Bytes32 root, Checkpoint target) {
    Map<String, List<Long>> byCommittee = new TreeMap<>();
    for (Voter voter : voters) {
      long[] d = duties.get(voter.validator());
      String key = String.format("%06d/%d", d[0], d[1]);
      byCommittee.computeIfAbsent(key, k -> new ArrayList<>()).add(f.virtualIndex(voter.validator(), voter.member()));
    }
    List<Attestation> out = new ArrayList<>();
    for (var e : byCommittee.entrySet()) {
      long slot = Long.parseLong(e.getKey().substring(0, 6));
      int committeeIndex = Integer.parseInt(e.getKey().substring(7));
      MutableBeaconState view = new MutableBeaconState(branch.slot().longValue() < slot
          ? edvt.stateTransition().processSlots(branch, UInt64.valueOf(slot)) : branch);
      long[] committee = edvt.accessors().getExpandedBeaconCommittee(view, UInt64.valueOf(slot), committeeIndex);
      List<Integer> bits = new ArrayList<>();
      for (long index : e.getValue()) {
        int position = -1;
        for (int i = 0; i < committee.length; i++) {
          if (committee[i] == index) {
            position = i;
          }
        }
        GroupChains.check(position >= 0, "signer " + index + " is in committee " + committeeIndex + " of slot " + slot);
        bits.add(position);
      }
      AttestationData data = AttestationData.create(UInt64.valueOf(slot), UInt64.ZERO, root,
          view.currentJustifiedCheckpoint(), target);
      Bytes signature = sign(keys, view, data, e.getValue());
      out.add(Attestation.create(edvt.schemas().attestation(),
          SszBits.withSet(committee.length, bits.stream().mapToInt(Integer::intValue).toArray()), data, signature,
          SszBits.withSet(edvt.config().maxCommitteesPerSlot(), committeeIndex)));
    }
    return out;
  }

  /** The aggregate signature over {@code data} of the keys behind {@code virtualIndices} ({@code get_virtual_pubkey}). */
  private Bytes sign(ValidatorKeys keys, MutableBeaconState state, AttestationData data, List<Long> virtualIndices) {
    Bytes32 domain = edvt.accessors().getDomain(state, SpecConstants.DOMAIN_BEACON_ATTESTER, data.target().epoch());
    Bytes32 root = edvt.misc().computeSigningRoot(data.hashTreeRoot(), domain);
    List<BlsSignature> signatures = new ArrayList<>();
    for (long index : virtualIndices) {
      Bytes48 pubkey = edvt.accessors().registry().getVirtualPubkey(state, index, data.target().epoch()).orElseThrow();
      signatures.add(Bls.sign(keys.get(pubkey), root));
    }
    return Bls.aggregate(signatures).toBytes();
  }

  /**
   * A double vote of {@code voters} at slot 29: the same target, heads {@code root1} and
   * {@code root2}, both signed by exactly those keys.
   */
  private AttesterSlashing doubleVote(Anchor anchor, List<Voter> voters, Bytes32 root1, Bytes32 root2) {
    MutableBeaconState view = new MutableBeaconState(anchor.state());
    Checkpoint target = Checkpoint.create(UInt64.valueOf(3), anchor.root());
    List<Long> indices = voters.stream().map(v -> f.virtualIndex(v.validator(), v.member())).sorted().toList();
    List<IndexedAttestation> pair = new ArrayList<>();
    for (Bytes32 root : List.of(root1, root2)) {
      AttestationData data = AttestationData.create(UInt64.valueOf(ANCHOR_SLOT + 5), UInt64.ZERO, root,
          view.currentJustifiedCheckpoint(), target);
      pair.add(IndexedAttestation.create(edvt.schemas().indexedAttestation(),
          edvt.schemas().attestingIndices().of(indices.stream().map(UInt64::valueOf).toList()), data,
          sign(anchor.keys(), view, data, indices)));
    }
    return AttesterSlashing.create(edvt.schemas().attesterSlashing(), pair.get(0), pair.get(1));
  }

  // ------------------------------------------------------------------ a case: steps run on a store as they are written

  /**
   * One case: every step is applied to a store (the executor's way: a block's attestations and
   * slashings follow it) as it is recorded, and a head check fails the generation unless the head
   * is the designed one.
   */
  private final class Case {
    private final String handler;
    private final String name;
    private final Anchor anchor;
    private final ForkChoiceStore store;
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    Case(String name, Anchor anchor) {
      this(HANDLER, name, anchor);
    }

    Case(String handler, String name, Anchor anchor) {
      this.handler = handler;
      this.name = name;
      this.anchor = anchor;
      ForkChoiceOptions options = new ForkChoiceOptions(SignatureVerifier.Batch::new, SignatureVerifier.SIMPLE,
          ExecutionEngine.always(true), root -> true, 256);
      this.store = ForkChoiceStore.create(versions, anchor.state(), anchor.block(),
          VoteLayers.edvt(edvt), options);
    }

    Case tick(long slot) {
      UInt64 time = anchor.state().genesisTime().plus(UInt64.valueOf(slot * secondsPerSlot));
      store.onTick(time);
      steps.add(Map.of("tick", time.longValue()));
      return this;
    }

    Case block(SignedBeaconBlock block) {
      store.onBlock(block);
      for (Attestation a : block.message().body().attestations()) {
        store.onAttestation(a, true);
      }
      for (AttesterSlashing s : block.message().body().attesterSlashings()) {
        store.onAttesterSlashing(s);
      }
      String file = "block_" + block.message().hashTreeRoot().toHexString();
      files.put(file, block.serialize());
      steps.add(step("block", file));
      return this;
    }

    Case attestations(List<Attestation> attestations) {
      for (Attestation a : attestations) {
        store.onAttestation(a, false);
        String file = "attestation_" + a.hashTreeRoot().toHexString();
        files.put(file, a.serialize());
        steps.add(step("attestation", file));
      }
      return this;
    }

    Case slashing(AttesterSlashing slashing) {
      store.onAttesterSlashing(slashing);
      String file = "attester_slashing_" + slashing.hashTreeRoot().toHexString();
      files.put(file, slashing.serialize());
      steps.add(step("attester_slashing", file));
      return this;
    }

    /** Checks that the head is {@code expected} ({@code why}: the designed reason) and records the check. */
    Case head(SignedBeaconBlock expected, String why) {
      Bytes32 root = expected.message().hashTreeRoot();
      Bytes32 head = store.getHead();
      GroupChains.check(head.equals(root), name + ": head is " + why + " (expected slot "
          + expected.message().slot() + " " + root + ", got " + head + ")");
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("slot", expected.message().slot().longValue());
      h.put("root", root.toHexString());
      Map<String, Object> checks = new LinkedHashMap<>();
      checks.put("head", h);
      checks.put("proposer_boost_root", store.proposerBoostRoot().toHexString());
      steps.add(Map.of("checks", checks));
      return this;
    }

    /**
     * Checks that {@code get_proposer_head} at the current slot is {@code expected} ({@code why}:
     * the designed reason) and records the check with the head.
     */
    Case proposerHead(SignedBeaconBlock expected, String why) {
      Bytes32 head = store.getHead();
      Bytes32 proposerHead = new ProposerHead(store).getProposerHead(head, store.currentSlot());
      Bytes32 root = expected.message().hashTreeRoot();
      GroupChains.check(proposerHead.equals(root), name + ": get_proposer_head is " + why + " (expected " + root
          + ", got " + proposerHead + ")");
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("slot", store.block(head).block().slot().longValue());
      h.put("root", head.toHexString());
      Map<String, Object> checks = new LinkedHashMap<>();
      checks.put("head", h);
      checks.put("get_proposer_head", root.toHexString());
      steps.add(Map.of("checks", checks));
      return this;
    }

    /** Ticks to {@code seconds} into {@code slot}. */
    Case tickInto(long slot, long seconds) {
      UInt64 time = anchor.state().genesisTime().plus(UInt64.valueOf(slot * secondsPerSlot + seconds));
      store.onTick(time);
      steps.add(Map.of("tick", time.longValue()));
      return this;
    }

    /**
     * Checks (in the generator only) that {@code block}'s weight, as of the last head, is
     * {@code eth} ETH: the balances the case's name is about, not only the winner they produce.
     */
    Case weight(SignedBeaconBlock block, long eth) {
      store.getHead();
      long weight = store.protoArray().weight(store.protoArray().indexOf(block.message().hashTreeRoot()));
      GroupChains.check(weight == eth * 1_000_000_000L,
          name + ": block at slot " + block.message().slot() + " weighs " + eth + " ETH, got " + weight + " Gwei");
      return this;
    }

    ForkChoiceStore store() {
      return store;
    }

    void write(String description) {
      Path dir = g.caseDir(PRESET, "fork_choice", handler, "pyspec_tests", name);
      g.meta(dir, Map.of("bls_setting", 1, "description", description));
      g.state(dir, "anchor_state", anchor.state());
      g.ssz(dir, "anchor_block", anchor.block().serialize());
      for (var e : files.entrySet()) {
        g.ssz(dir, e.getKey(), e.getValue());
      }
      g.yaml(dir, "steps.yaml", steps);
    }

    private static Map<String, Object> step(String kind, String file) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put(kind, file);
      s.put("valid", true);
      return s;
    }
  }

  // ------------------------------------------------------------------ the cases on the common layout

  /**
   * The cases on one anchor: groups g0 (3 of 4, 128 ETH), g1 (2 of 4, 128 ETH), g2 (2 of 3, 96 ETH),
   * g3 (1 of 2, 64 ETH); plain validators 32 ETH each. Forks: A (slot 25) and B (slot 26) on the
   * anchor, A1 (slot 27) and A2 (slot 28) on A, C (slot 27) on the anchor.
   */
  private final class Simple {
    private final Anchor anchor;
    private final int g0;
    private final int g1;
    private final int g2;
    private final int g3;
    private final List<Integer> p;
    private final SignedBeaconBlock a;
    private final SignedBeaconBlock b;
    private final SignedBeaconBlock a1;
    private final SignedBeaconBlock a2;
    private final SignedBeaconBlock c;
    private final Checkpoint target;

    Simple(Anchor anchor, int[] groups, List<Integer> plainVoters) {
      this.anchor = anchor;
      this.g0 = groups[0];
      this.g1 = groups[1];
      this.g2 = groups[2];
      this.g3 = groups[3];
      this.p = plainVoters;
      EdvtChainBuilder onA = builder(anchor);
      this.a = onA.addBlock(UInt64.valueOf(ANCHOR_SLOT + 1), graffiti(0xa0), EdvtBlockOptions.none());
      this.a1 = onA.produceBlock(UInt64.valueOf(ANCHOR_SLOT + 3), graffiti(0xa1), EdvtBlockOptions.none());
      this.a2 = onA.produceBlock(UInt64.valueOf(ANCHOR_SLOT + 4), graffiti(0xa2), EdvtBlockOptions.none());
      EdvtChainBuilder onAnchor = builder(anchor);
      this.b = onAnchor.produceBlock(UInt64.valueOf(ANCHOR_SLOT + 2), graffiti(0xb0), EdvtBlockOptions.none());
      this.c = onAnchor.produceBlock(UInt64.valueOf(ANCHOR_SLOT + 3), graffiti(0xc0), EdvtBlockOptions.none());
      this.target = Checkpoint.create(UInt64.valueOf(3), anchor.root());
    }

    private List<Attestation> votes(List<Voter> voters, SignedBeaconBlock block) {
      return attestations(anchor.keys(), anchor.state(), duty, voters, block.message().hashTreeRoot(), target);
    }

    private List<Integer> plainVoters(int from, int count) {
      return p.subList(from, from + count);
    }

    /**
     * A case with blocks A, B and {@code more} imported (each once its slot has come) and the clock
     * at slot 31, so every vote of slots 28 to 30 counts.
     */
    private Case withAB(String name, SignedBeaconBlock... more) {
      Case c = new Case(name, anchor);
      c.tick(ANCHOR_SLOT + 2).block(a).block(b);
      for (SignedBeaconBlock block : more) {
        c.tick(block.message().slot().longValue()).block(block);
      }
      c.tick(ANCHOR_SLOT + 7);
      return c;
    }

    void all() {
      thresholdOnOneSide();
      splitWithoutThreshold();
      thresholdOnlyAtCommonAncestor();
      equivocationFlips();
      equivocationDoesNotFlip();
      plainEquivocation();
      boost();
      bothSiblings();
      mixed();
      wholeGroupAgainstPlainValidators();
      proposerHeads();
    }

    /**
     * {@code get_proposer_head} with {@code is_head_weak} (EDVT): P (slot 29) gets every vote of
     * slots 29 and 30 (800 ETH, parent strong above 467.2), H (slot 30, on P) arrives late with no
     * vote; at slot 31 the proposer re-orgs H out if H is weak (below 58.4 ETH). A validator of
     * H's slot committee with an equivocating key counts for H with its whole balance.
     */
    private void proposerHeads() {
      EdvtChainBuilder onP = builder(anchor);
      SignedBeaconBlock parent = onP.addBlock(UInt64.valueOf(ANCHOR_SLOT + 5), graffiti(0xf0), EdvtBlockOptions.none());
      SignedBeaconBlock late = onP.produceBlock(UInt64.valueOf(ANCHOR_SLOT + 6), graffiti(0xf1), EdvtBlockOptions.none());
      List<Voter> voters = new ArrayList<>();
      for (long slot = ANCHOR_SLOT + 5; slot <= ANCHOR_SLOT + 6; slot++) {
        for (int v : bySlot.get(slot)) {
          int n = v == g0 || v == g1 ? 4 : v == g2 ? 3 : v == g3 ? 2 : 1;
          for (int m = 0; m < n; m++) {
            voters.add(new Voter(v, m));
          }
        }
      }
      Bytes32 p = parent.message().hashTreeRoot();
      Bytes32 h = late.message().hashTreeRoot();
      proposerHeadCase("proposer_head_reorgs_weak_late_head", parent, late, voters, null, parent,
          "the parent: the late head has no weight (below 58.4 ETH) and the parent is strong",
          "A late head with no votes on a strong parent is re-orged out, as in Fulu, with groups voting.");
      proposerHeadCase("proposer_head_keeps_late_head_when_committee_group_member_equivocated", parent, late, voters,
          doubleVote(anchor, members(g2, 0), p, h), late,
          "the late head: a key of group g2 (in the head slot's committee) equivocated, so g2's 96 ETH counts for"
              + " the head, above 58.4 ETH",
          "is_head_weak (EDVT): one member of a 2-of-3 group in the head slot's committee equivocated; the group's"
              + " whole balance is added to the head's weight, which is then not weak, so the proposer builds on it.");
      proposerHeadCase("proposer_head_ignores_equivocating_group_outside_head_committee", parent, late, voters,
          doubleVote(anchor, members(g0, 0), p, h), parent,
          "the parent: g0's equivocating key is not in the head slot's committee, so the head stays weak",
          "is_head_weak (EDVT) counts equivocating keys of the head slot's committees only: a member of a group"
              + " attesting at the parent's slot equivocated, and the late head is still re-orged out.");
    }

    /**
     * {@code is_head_weak} counts each validator once (EDVT): g3 (1 of 2, 48 ETH on this anchor) is
     * in the late head H's slot committee; its member 1 votes for H, so g3's 48 ETH is in H's score,
     * and its member 0 equivocated (P and H). Adding g3's balance again for the equivocating key would
     * make H 96 ETH, not weak; counted once H has 48 ETH, below the threshold (58 ETH), and the
     * proposer at slot 31 re-orgs it out.
     */
    void proposerHeadCountsAGroupOnce() {
      EdvtChainBuilder onP = builder(anchor);
      SignedBeaconBlock parent = onP.addBlock(UInt64.valueOf(ANCHOR_SLOT + 5), graffiti(0xf0), EdvtBlockOptions.none());
      SignedBeaconBlock late = onP.produceBlock(UInt64.valueOf(ANCHOR_SLOT + 6), graffiti(0xf1), EdvtBlockOptions.none());
      List<Voter> onParent = new ArrayList<>();
      for (long slot = ANCHOR_SLOT + 5; slot <= ANCHOR_SLOT + 6; slot++) {
        for (int v : bySlot.get(slot)) {
          int n = v == g0 || v == g1 ? 4 : v == g2 ? 3 : v == g3 ? 0 : 1;
          for (int m = 0; m < n; m++) {
            onParent.add(new Voter(v, m));
          }
        }
      }
      String name = "proposer_head_counts_a_group_once_when_a_member_equivocated";
      Case c = new Case("get_proposer_head", name, anchor);
      c.tick(parent.message().slot().longValue()).block(parent);
      c.tickInto(late.message().slot().longValue(), secondsPerSlot - 1).block(late);
      GroupChains.check(!c.store().block(late.message().hashTreeRoot()).timely(), name + ": the head is late");
      c.tick(ANCHOR_SLOT + 7);
      c.attestations(votes(onParent, parent));
      c.attestations(votes(members(g3, 1), late));
      c.slashing(doubleVote(anchor, members(g3, 0), parent.message().hashTreeRoot(), late.message().hashTreeRoot()));
      c.head(late, "the late block, on the voted-for parent, with g3's weight").weight(late, 48);
      c.proposerHead(parent, "the parent: g3's 48 ETH reaches the head once (its member 1 supports it), and the"
          + " equivocating member 0 does not add it again, so the head stays below the threshold");
      c.write("is_head_weak (EDVT) counts each validator once: a 1-of-2 group in the late head's slot committee"
          + " supports the head through one member while its other member equivocated; its balance is in the"
          + " head's score and is not added a second time, so the weak late head is re-orged out.");
    }

    private void proposerHeadCase(String name, SignedBeaconBlock parent, SignedBeaconBlock late, List<Voter> voters,
        AttesterSlashing slashing, SignedBeaconBlock expected, String why, String description) {
      Case c = new Case("get_proposer_head", name, anchor);
      c.tick(parent.message().slot().longValue()).block(parent);
      c.tickInto(late.message().slot().longValue(), secondsPerSlot - 1).block(late);
      GroupChains.check(!c.store().block(late.message().hashTreeRoot()).timely(), name + ": the head is late");
      c.tick(ANCHOR_SLOT + 7);
      c.attestations(votes(voters, parent));
      if (slashing != null) {
        c.slashing(slashing);
      }
      c.head(late, "the late block, the only child of the voted-for parent").weight(late, 0).weight(parent, 800);
      c.proposerHead(expected, why);
      c.write(description);
    }

    /** g0: 3 members on A, 1 on B; two plain validators on B. A: 128 ETH, B: 64 ETH. */
    private void thresholdOnOneSide() {
      Case c = withAB("group_split_threshold_on_one_side");
      c.attestations(votes(members(g0, 0, 1, 2), a));
      c.attestations(votes(concat(members(g0, 3), plain(plainVoters(0, 2))), b));
      c.head(a, "A: the group's 3 of 4 members there reach m (128 ETH against 64)").weight(a, 128).weight(b, 64);
      c.write("3-of-4 group: 3 members on A, 1 on B; 2 plain validators on B. The group counts on A only.");
    }

    /** g0: 2 members on A, 2 on B; one plain validator on B. The group counts only at the anchor. */
    private void splitWithoutThreshold() {
      Case c = withAB("group_split_without_threshold_counts_at_common_ancestor");
      c.attestations(votes(members(g0, 0, 1), a));
      c.attestations(votes(concat(members(g0, 2, 3), plain(plainVoters(0, 1))), b));
      c.head(b, "B: neither side has m = 3 members, so only the plain validator's 32 ETH decides")
          .weight(a, 0).weight(b, 32);
      c.write("3-of-4 group split 2/2 between A and B; 1 plain validator on B. The group's weight is only"
          + " at the common ancestor (the anchor), so B wins.");
    }

    /**
     * A1 and A2 on A, B on the anchor. g0: 2 members on A1, 1 on A2, 1 on B: m = 3 only at A. One
     * plain validator on A2, two on B. A's subtree: 128 + 32; B: 64; below A, A2 (32) beats A1 (0).
     */
    private void thresholdOnlyAtCommonAncestor() {
      Case c = withAB("group_threshold_only_at_common_ancestor", a1, a2);
      c.attestations(votes(members(g0, 0, 1), a1));
      c.attestations(votes(concat(members(g0, 2), plain(plainVoters(0, 1))), a2));
      c.attestations(votes(concat(members(g0, 3), plain(plainVoters(1, 2))), b));
      c.head(a2, "A2: the group supports A (3 members below it) but neither A1 (2) nor A2 (1); A's 160 ETH beats"
          + " B's 64 and A2's plain 32 ETH beats A1's nothing");
      c.weight(a, 160).weight(a1, 0).weight(a2, 32).weight(b, 64);
      c.write("3-of-4 group: 2 members on A1, 1 on A2, 1 on B; reaches m only at A, the common ancestor of A1 and"
          + " A2. A plain vote decides between A1 and A2.");
    }

    /** g0: exactly 3 members on A; 3 plain validators on B. A member's equivocation drops the group below m. */
    private void equivocationFlips() {
      Case c = withAB("member_equivocation_flips_head");
      c.attestations(votes(members(g0, 0, 1, 2), a));
      c.attestations(votes(plain(plainVoters(0, 3)), b));
      c.head(a, "A: the group at m (128 ETH) against 96 ETH");
      c.slashing(doubleVote(anchor, members(g0, 0), a.message().hashTreeRoot(), b.message().hashTreeRoot()));
      GroupChains.check(c.store().isEquivocating(g0), "member_equivocation_flips_head: the group counts as equivocating");
      c.head(b, "B: member 0's vote is discarded, 2 members are below m, the group no longer counts");
      c.weight(a, 0).weight(b, 96);
      c.write("3-of-4 group with exactly 3 members on A against 3 plain validators on B; member 0's attester"
          + " slashing discards its vote only, the group falls below m and the head flips to B.");
    }

    /** g0: all 4 members on A; 3 plain validators on B. One member's equivocation leaves m = 3. */
    private void equivocationDoesNotFlip() {
      Case c = withAB("member_equivocation_does_not_flip_head");
      c.attestations(votes(members(g0, 0, 1, 2, 3), a));
      c.attestations(votes(plain(plainVoters(0, 3)), b));
      c.head(a, "A: the group (128 ETH) against 96 ETH");
      c.slashing(doubleVote(anchor, members(g0, 0), a.message().hashTreeRoot(), b.message().hashTreeRoot()));
      c.head(a, "A: 3 members still vote for A, m is still reached").weight(a, 128);
      c.write("3-of-4 group with all 4 members on A against 3 plain validators on B; member 0's attester slashing"
          + " leaves 3 members, so the head stays A.");
    }

    /** Plain validators equivocate: only their own votes go. 5 plain on B (160) vs g0 on A (128); 2 slashed. */
    private void plainEquivocation() {
      Case c = withAB("plain_validator_equivocation_beside_groups");
      c.attestations(votes(members(g0, 0, 1, 2), a));
      c.attestations(votes(plain(plainVoters(0, 5)), b));
      c.head(b, "B: 160 ETH of plain validators against the group's 128");
      c.slashing(doubleVote(anchor, plain(plainVoters(0, 2)), a.message().hashTreeRoot(), b.message().hashTreeRoot()));
      c.head(a, "A: two plain validators' votes are discarded, B has 96 ETH").weight(a, 128).weight(b, 96);
      c.write("Plain validators' keys in EDVT: an attester slashing of two of them discards their votes (by their"
          + " own keys) and the group's 128 ETH on A wins.");
    }

    /**
     * Proposer boost: 116.8 ETH here (40% of a slot's share of 2336 ETH). g0 with 2 of its members on A
     * does not count, a timely block C on the anchor takes the boost and the head; the third member's
     * vote brings the group (128 ETH) to A, more than the boost.
     */
    private void boost() {
      Case c = new Case("groups_and_proposer_boost", anchor);
      c.tick(ANCHOR_SLOT + 1).block(a);
      c.tick(ANCHOR_SLOT + 7);
      SignedBeaconBlock timely = builder(anchor).produceBlock(UInt64.valueOf(ANCHOR_SLOT + 7), graffiti(0xd0),
          EdvtBlockOptions.none());
      c.attestations(votes(members(g0, 0, 1), a));
      c.block(timely);
      c.head(timely, "the timely block at slot 31: its boost beats a group at m - 1 (no weight)");
      GroupChains.check(c.store().proposerBoostRoot().equals(timely.message().hashTreeRoot()), "boost: the block is boosted");
      long boostGwei = c.store().protoArray().weight(c.store().protoArray().indexOf(timely.message().hashTreeRoot()));
      GroupChains.check(boostGwei > 96_000_000_000L && boostGwei < 128_000_000_000L,
          "boost: " + boostGwei + " Gwei, between 96 and 128 ETH");
      c.attestations(votes(members(g0, 2), a));
      c.head(a, "A: the third member brings the group to m, 128 ETH against the boost of " + boostGwei + " Gwei");
      c.write("Proposer boost and a group: 2 members of a 3-of-4 group on A do not count, so a timely block on the"
          + " anchor takes the head with its boost; the third member's vote makes the group's 128 ETH outweigh it.");
    }

    /**
     * g1 (2 of 4): members 0, 1 on A and 2, 3 on B, so both siblings have m of its members; three
     * plain validators on C (96 ETH), one more on B (32 ETH). The group's vote node is the anchor,
     * where A and B meet, so its 128 ETH is on no sibling: C 96, B 32, A 0.
     */
    private void bothSiblings() {
      Case c = withAB("group_split_two_and_two_counts_where_the_siblings_meet", Simple.this.c);
      c.attestations(votes(members(g1, 0, 1), a));
      c.attestations(votes(concat(members(g1, 2, 3), plain(plainVoters(0, 1))), b));
      c.attestations(votes(plain(plainVoters(1, 3)), Simple.this.c));
      c.head(Simple.this.c, "C: with 2m <= n the group has m members on both A and B, so its weight stays at their"
          + " common ancestor (get_group_vote_node) and counts for neither; C's 96 ETH beats B's 32");
      c.weight(a, 0).weight(b, 32).weight(Simple.this.c, 96);
      c.write("A 2-of-4 group split 2/2 over siblings A and B counts once, at the block where they meet, so it"
          + " weighs on neither; 3 plain validators on C (96 ETH) beat the one plain vote on B.");
    }

    /**
     * Mixed shapes: g0 3 of 4 on A (128); g2 (2 of 3) split 1 A, 1 B, 1 absent (nowhere); g3 (1 of 2)
     * one member on B (64); three plain on B (96). A: 128; B: 160.
     */
    private void mixed() {
      Case c = withAB("mixed_group_shapes_and_plain_validators");
      c.attestations(votes(concat(members(g0, 0, 1, 2), members(g2, 0)), a));
      c.attestations(votes(concat(members(g2, 1), members(g3, 1), plain(plainVoters(0, 3))), b));
      c.head(b, "B: g3 (1 of 2) counts there with one member (64 ETH) and 96 ETH of plain votes, 160 against g0's"
          + " 128 on A; g2 (2 of 3, split 1/1) counts nowhere below the anchor");
      c.weight(a, 128).weight(b, 160);
      c.write("Groups of several shapes: 3 of 4 at m on A, 2 of 3 split without m, 1 of 2 with one member on B,"
          + " and plain validators on B.");
    }

    /** g2 (2 of 3, 96 ETH) with every member on B against 4 plain validators (128 ETH) on A. */
    private void wholeGroupAgainstPlainValidators() {
      Case c = withAB("group_counts_once_not_per_member");
      c.attestations(votes(members(g2, 0, 1, 2), b));
      c.attestations(votes(plain(plainVoters(0, 4)), a));
      c.head(a, "A: 4 plain validators (128 ETH) beat the 2-of-3 group's 96 ETH; its 3 member votes count as"
          + " one validator's balance, not three");
      c.weight(a, 128).weight(b, 96);
      c.write("A 2-of-3 group (96 ETH) with every member on B against 4 plain validators (128 ETH) on A: the group"
          + " counts once, with its balance, whatever the number of its members voting.");
    }
  }

  @SafeVarargs
  private static <T> List<T> concat(List<T>... lists) {
    List<T> out = new ArrayList<>();
    for (List<T> list : lists) {
      out.addAll(list);
    }
    return out;
  }

  // ------------------------------------------------------------------ key sets from the justified state

  /**
   * A 3-of-4 group whose key set changes at epoch 4 (new keys B). A chain through epoch 3 with
   * every vote (it justifies epoch 3 with the anchor, which the store already trusts), then forks X
   * (slot 33) and Y (slot 34) on its tip. In epoch 4 three of the new keys vote for X and one plain
   * validator for Y. The justified state is the anchor's, whose key set is the old one: the new
   * keys' messages are kept but do not count, and the old keys' latest messages are from epoch 3
   * (ancestors of both), so Y wins.
   */
  private void keySetsFromJustifiedState() {
    UInt64 epoch4 = UInt64.valueOf(4);
    // duties in epoch 4 (its seed is fixed before epoch 3 starts)
    MutableBeaconState plainState = new MutableBeaconState(f.edvtAt(ANCHOR_SLOT));
    MutableBeaconState atEpoch4 = new MutableBeaconState(
        edvt.stateTransition().processSlots(plainState.commit(), UInt64.valueOf(4L * slotsPerEpoch)));
    Map<Integer, long[]> duty4 = new TreeMap<>();
    for (long slot = 4L * slotsPerEpoch; slot < 5L * slotsPerEpoch; slot++) {
      for (int k = 0; k < edvt.accessors().getCommitteeCountPerSlot(atEpoch4, epoch4); k++) {
        for (int v : edvt.accessors().getBeaconCommittee(atEpoch4, UInt64.valueOf(slot), k)) {
          duty4.put(v, new long[] {slot, k});
        }
      }
    }
    // the group: attests at slots 24..30 of epoch 3 (its old keys' votes go into the chain) and 35..38 of epoch 4
    int group = -1;
    int voter = -1;
    for (int v = 0; v < EdvtFixtures.VALIDATORS; v++) {
      long s3 = duty.get(v)[0];
      long s4 = duty4.get(v)[0];
      if (group < 0 && s3 <= ANCHOR_SLOT + 6 && s4 >= 35 && s4 <= 38) {
        group = v;
      } else if (voter < 0 && s4 >= 34 && s4 <= 38 && s3 <= ANCHOR_SLOT + 6) {
        voter = v;
      }
    }
    GroupChains.check(group >= 0 && voter >= 0, "key sets: a group and a voter with late duties in epoch 4");
    int gv = group;
    List<BlsSecretKey> newKeys = EdvtFixtures.freshKeys(500, 4);
    Anchor anchor = anchor(List.of(new GroupSpec(gv, 3, 4)), state -> addKeySet(state, gv, newKeys, 4));
    for (BlsSecretKey k : newKeys) {
      anchor.keys().add(k);
    }
    EdvtChainBuilder chain = new EdvtChainBuilder(edvt, anchor.state(), anchor.keys());
    chain.addBlocksUpTo(UInt64.valueOf(ANCHOR_SLOT + 7));
    List<SignedBeaconBlock> epoch3 = new ArrayList<>(chain.blocks());
    chain.votes((v, member, slot) -> Vote.ABSENT);
    SignedBeaconBlock x = chain.produceBlock(UInt64.valueOf(33), graffiti(0xe1), EdvtBlockOptions.none());
    SignedBeaconBlock y = chain.produceBlock(UInt64.valueOf(34), graffiti(0xe2), EdvtBlockOptions.none());
    Bytes32 tip = chain.headRoot();
    Checkpoint target = Checkpoint.create(epoch4, tip);

    Case c = new Case("key_sets_from_justified_state", anchor);
    for (SignedBeaconBlock block : epoch3) {
      c.tick(block.message().slot().longValue()).block(block);
    }
    c.tick(34).block(x).block(y);
    c.tick(39);
    GroupChains.check(c.store().justifiedCheckpoint().equals(Checkpoint.create(UInt64.valueOf(3), anchor.root())),
        "key sets: the justified checkpoint is still the anchor's (epoch 3), got " + c.store().justifiedCheckpoint());
    BeaconState xState = c.store().block(x.message().hashTreeRoot()).state();
    c.attestations(attestations(anchor.keys(), xState, duty4, members(gv, 0, 1, 2), x.message().hashTreeRoot(), target));
    BeaconState yState = c.store().block(y.message().hashTreeRoot()).state();
    c.attestations(attestations(anchor.keys(), yState, duty4, List.of(new Voter(voter, 0)), y.message().hashTreeRoot(),
        target));
    c.head(y, "Y: the 3 votes for X come from the group's new keys, which are not its key set in the justified"
        + " (anchor) state; its old keys last voted in epoch 3 for blocks below both X and Y");
    c.weight(x, 0).weight(y, 32);
    c.write("Key sets come from the justified state: a group's new key set is in force at epoch 4 (so its new keys"
        + " attest), but the justified state is at epoch 3, where the old key set counts; 3 new keys on X lose to one"
        + " plain validator on Y.");

    // the same chain on through epoch 4 with every vote: epoch 4 is justified, with the new key set
    chain.votes((v, member, slot) -> Vote.HEAD);
    chain.addBlocksUpTo(UInt64.valueOf(5L * slotsPerEpoch - 1));
    List<SignedBeaconBlock> epoch4Blocks = new ArrayList<>(chain.blocks().subList(epoch3.size(), chain.blocks().size()));
    chain.votes((v, member, slot) -> Vote.ABSENT);
    UInt64 epoch5 = UInt64.valueOf(5);
    SignedBeaconBlock x5 = chain.produceBlock(UInt64.valueOf(5L * slotsPerEpoch), graffiti(0xe3), EdvtBlockOptions.none());
    SignedBeaconBlock y5 = chain.produceBlock(UInt64.valueOf(5L * slotsPerEpoch + 1), graffiti(0xe4),
        EdvtBlockOptions.none());
    MutableBeaconState atEpoch5 = new MutableBeaconState(
        edvt.stateTransition().processSlots(chain.headState(), UInt64.valueOf(5L * slotsPerEpoch)));
    Map<Integer, long[]> duty5 = new TreeMap<>();
    for (long slot = 5L * slotsPerEpoch; slot < 6L * slotsPerEpoch; slot++) {
      for (int k = 0; k < edvt.accessors().getCommitteeCountPerSlot(atEpoch5, epoch5); k++) {
        for (int v : edvt.accessors().getBeaconCommittee(atEpoch5, UInt64.valueOf(slot), k)) {
          duty5.put(v, new long[] {slot, k});
        }
      }
    }
    int voter5 = -1;
    for (int v = 0; v < EdvtFixtures.VALIDATORS && voter5 < 0; v++) {
      if (v != gv && duty5.get(v)[0] > y5.message().slot().longValue()) {
        voter5 = v;
      }
    }
    GroupChains.check(voter5 >= 0, "key sets: a plain voter after Y's slot in epoch 5");
    long lastVote = Math.max(duty5.get(gv)[0], duty5.get(voter5)[0]);

    Case d = new Case("key_set_counts_once_justified", anchor);
    for (SignedBeaconBlock block : chain.blocks()) {
      d.tick(block.message().slot().longValue()).block(block);
    }
    d.tick(x5.message().slot().longValue()).block(x5);
    d.tick(y5.message().slot().longValue()).block(y5);
    d.tick(lastVote + 1);
    Checkpoint justified = d.store().justifiedCheckpoint();
    GroupChains.check(justified.epoch().equals(epoch4), "key sets: epoch 4 is justified, got " + justified);
    MutableBeaconState justifiedState = new MutableBeaconState(d.store().checkpointState(justified));
    io.edvt.groups.GroupKeySet<Bytes48> inForce = edvt.accessors().registry().getValidatorKeySet(justifiedState, gv, epoch4).orElseThrow();
    GroupChains.check(inForce.key(0).equals(newKeys.get(0).publicKey().toBytes()),
        "key sets: the justified state's key set of the group is the new one");
    BeaconState x5State = d.store().block(x5.message().hashTreeRoot()).state();
    d.attestations(attestations(anchor.keys(), x5State, duty5, members(gv, 0, 1, 2), x5.message().hashTreeRoot(),
        Checkpoint.create(epoch5, x5.message().hashTreeRoot())));
    BeaconState y5State = d.store().block(y5.message().hashTreeRoot()).state();
    d.attestations(attestations(anchor.keys(), y5State, duty5, List.of(new Voter(voter5, 0)), y5.message().hashTreeRoot(),
        Checkpoint.create(epoch5, chain.headRoot())));
    d.head(x5, "X: the justified state (epoch 4) has the new key set, so 3 of its keys on X are m (128 ETH against"
        + " 32)");
    d.weight(x5, 128).weight(y5, 32);
    d.write("The sequel of key_sets_from_justified_state: the chain goes on through epoch 4 with every vote, so epoch 4"
        + " is justified and its state has the group's new key set; in epoch 5, 3 new keys on X count (128 ETH) and"
        + " beat one plain validator on Y.");
    GroupChains.check(epoch4Blocks.size() >= 6, "key sets: the epoch-4 chain has its blocks");
  }

  /** Appends to {@code validator}'s group a key set of {@code keys} (threshold 3) in force from {@code epoch}. */
  private void addKeySet(MutableBeaconState state, int validator, List<BlsSecretKey> keys, long epoch) {
    SszListEditor<Group> groups = edvt.accessors().registry().groups(state);
    int index = edvt.accessors().registry().getGroupIndex(state, validator).orElseThrow();
    Group group = groups.get(index);
    GroupKeySet next = GroupKeySet.create(edvt.schemas().groupKeySet(), UInt64.valueOf(3),
        edvt.schemas().groupPubkeys().of(keys.stream().map(k -> k.publicKey().toBytes()).toList()),
        UInt64.valueOf(epoch));
    List<GroupKeySet> sets = new ArrayList<>(group.keySets().asList());
    sets.add(next);
    @SuppressWarnings("unchecked")
    ListType<GroupKeySet> type = (ListType<GroupKeySet>) edvt.schemas().group().fields().get(1).type();
    groups.set(index, group.withKeySets(type.of(sets)));
  }
}
