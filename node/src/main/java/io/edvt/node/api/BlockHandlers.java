package io.edvt.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.blocks.BeaconBlockHeader;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.edvt.SpecVersions;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;

/** {@code /eth/v1/beacon/genesis}, block headers and {@code /eth/v2/beacon/blocks/*}. */
public final class BlockHandlers {
  private static final String TAG = "Beacon";

  private final ChainReader chain;
  private final SpecVersions versions;
  private final BlockIds blockIds;

  public BlockHandlers(ChainReader chain, SpecVersions versions) {
    this.chain = chain;
    this.versions = versions;
    this.blockIds = new BlockIds(chain, versions);
  }

  public void register(RouteTable routes) {
    routes.get("/eth/v1/beacon/genesis", TAG, "genesis time, validators root and fork version", this::genesis);
    routes.get("/eth/v1/beacon/headers", TAG, "block headers by slot and/or parent root (the head's by default)", this::headers);
    routes.get("/eth/v1/beacon/headers/{block_id}", TAG, "one block header", this::header);
    routes.getWithSsz("/eth/v2/beacon/blocks/{block_id}", TAG, "a signed block, JSON or SSZ", this::block);
    routes.get("/eth/v1/beacon/blocks/{block_id}/root", TAG, "a block's root", this::root);
    routes.get("/eth/v2/beacon/blocks/{block_id}/attestations", TAG, "the attestations a block includes", this::attestations);
  }

  private void genesis(Context ctx) {
    ChainReader.Genesis genesis = chain.genesis();
    ObjectNode data = ApiJson.object();
    data.put("genesis_time", genesis.time().toString());
    data.put("genesis_validators_root", genesis.validatorsRoot().toHexString());
    data.put("genesis_fork_version", versions.config().genesisForkVersion().toHexString());
    Responses.data(ctx, data);
  }

  /**
   * Headers of the blocks fork choice knows at {@code slot} and/or with parent {@code parent_root}
   * (any branch), plus the canonical block at the slot; the head's alone without parameters.
   */
  private void headers(Context ctx) {
    String slotParam = ctx.queryParam("slot");
    String parentParam = ctx.queryParam("parent_root");
    Optional<UInt64> slot = Optional.ofNullable(slotParam).map(s -> Params.uint64("slot", s));
    Optional<Bytes32> parent = Optional.ofNullable(parentParam).map(p -> Params.root("parent_root", p));
    Set<Bytes32> roots = new LinkedHashSet<>();
    if (slot.isEmpty() && parent.isEmpty()) {
      roots.add(chain.head().root());
    } else {
      slot.flatMap(chain::canonicalRoot).ifPresent(roots::add);
      parent.flatMap(this::canonicalChild).ifPresent(roots::add);
      for (ForkChoiceNode n : chain.forkChoiceNodes()) {
        if (slot.map(n.slot()::equals).orElse(true) && parent.map(n.parentRoot()::equals).orElse(true)) {
          roots.add(n.blockRoot());
        }
      }
    }
    ArrayNode data = ApiJson.array();
    boolean optimistic = false;
    boolean finalized = true;
    for (Bytes32 root : roots) {
      Optional<SignedBeaconBlock> block = chain.block(root);
      if (block.isPresent() && parent.map(block.get().message().parentRoot()::equals).orElse(true)) {
        Resolved<SignedBeaconBlock> r = blockIds.resolve(root.toHexString());
        data.add(headerJson(r));
        optimistic |= r.executionOptimistic();
        finalized &= r.finalized();
      }
    }
    Responses.json(ctx, 200, Responses.envelope(null, new Resolved<>(null, null, optimistic, finalized && !data.isEmpty()), data));
  }

  /**
   * The canonical block after {@code parent}, if its parent is {@code parent}: fork choice no
   * longer holds the finalized part of the chain, the canonical index does.
   */
  private Optional<Bytes32> canonicalChild(Bytes32 parent) {
    Optional<SignedBeaconBlock> parentBlock = chain.block(parent);
    if (parentBlock.isEmpty()) {
      return Optional.empty();
    }
    UInt64 headSlot = chain.head().slot();
    for (UInt64 s = parentBlock.get().message().slot().plus(1); !s.isGreaterThan(headSlot); s = s.plus(1)) {
      Optional<Bytes32> root = chain.canonicalRoot(s);
      if (root.isPresent()) {
        return chain.block(root.get()).filter(b -> b.message().parentRoot().equals(parent)).map(b -> root.get());
      }
    }
    return Optional.empty();
  }

  private void header(Context ctx) {
    Resolved<SignedBeaconBlock> r = blockIds.resolve(ctx.pathParam("block_id"));
    Responses.chainData(ctx, r, headerJson(r));
  }

  private ObjectNode headerJson(Resolved<SignedBeaconBlock> r) {
    BeaconBlock m = r.value().message();
    BeaconBlockHeader header = BeaconBlockHeader.create(m.slot(), m.proposerIndex(), m.parentRoot(), m.stateRoot(),
        m.body().hashTreeRoot());
    ObjectNode o = ApiJson.object();
    o.put("root", r.blockRoot().toHexString());
    o.put("canonical", chain.canonicalRoot(m.slot()).map(r.blockRoot()::equals).orElse(false));
    ObjectNode signed = o.putObject("header");
    signed.set("message", ApiJson.of(header));
    signed.put("signature", r.value().signature().toHexString());
    return o;
  }

  private void block(Context ctx) {
    MediaTypes.Representation representation = MediaTypes.negotiate(ctx, true);
    Resolved<SignedBeaconBlock> r = blockIds.resolve(ctx.pathParam("block_id"));
    SpecMilestone milestone = milestoneOf(r.value());
    if (representation == MediaTypes.Representation.SSZ) {
      Responses.ssz(ctx, milestone, r.value().serialize());
    } else {
      Responses.versioned(ctx, milestone, r, ApiJson.of(r.value()));
    }
  }

  private void root(Context ctx) {
    Resolved<SignedBeaconBlock> r = blockIds.resolve(ctx.pathParam("block_id"));
    ObjectNode data = ApiJson.object();
    data.put("root", r.blockRoot().toHexString());
    Responses.chainData(ctx, r, data);
  }

  private void attestations(Context ctx) {
    Resolved<SignedBeaconBlock> r = blockIds.resolve(ctx.pathParam("block_id"));
    ArrayNode data = ApiJson.array();
    for (Attestation a : r.value().message().body().attestations()) {
      data.add(ApiJson.of(a));
    }
    Responses.versioned(ctx, milestoneOf(r.value()), r, data);
  }

  /** The fork a block belongs to: the one in force at its slot (its schema is that fork's). */
  SpecMilestone milestoneOf(SignedBeaconBlock block) {
    return versions.milestoneAtSlot(block.message().slot());
  }
}
