package io.edvt.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.node.api.NetworkView.NodeIdentity;
import io.edvt.node.api.NetworkView.PeerInfo;
import io.edvt.node.api.NetworkView.SyncStatus;
import io.edvt.node.cli.EdvtVersion;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code /eth/v1/node/*}: health, identity, version, sync status and peers. */
public final class NodeHandlers {
  private static final String TAG = "Node";
  private static final Set<String> PEER_STATES = Set.of("disconnected", "connecting", "connected", "disconnecting");
  private static final Set<String> DIRECTIONS = Set.of("inbound", "outbound");

  private final NetworkView network;

  public NodeHandlers(NetworkView network) {
    this.network = network;
  }

  public void register(RouteTable routes) {
    routes.get("/eth/v1/node/health", TAG, "200 when synced, 206 while syncing, 503 when not ready", this::health);
    routes.get("/eth/v1/node/identity", TAG, "peer id, ENR, addresses and metadata", this::identity);
    routes.get("/eth/v1/node/version", TAG, "the client's version string", this::version);
    routes.get("/eth/v1/node/syncing", TAG, "head slot, sync distance and sync flags", this::syncing);
    routes.get("/eth/v1/node/peers", TAG, "known peers, filtered by state and direction", this::peers);
    routes.get("/eth/v1/node/peers/{peer_id}", TAG, "one peer", this::peer);
    routes.get("/eth/v1/node/peer_count", TAG, "peers counted by connection state", this::peerCount);
  }

  private void health(Context ctx) {
    int syncingStatus = 206;
    String custom = ctx.queryParam("syncing_status");
    if (custom != null) {
      syncingStatus = Params.uint64("syncing_status", custom).intValue();
      if (syncingStatus < 100 || syncingStatus > 599) {
        throw ApiException.badRequest("syncing_status '" + custom + "' is not an HTTP status code (100 to 599)");
      }
    }
    if (!network.isReady()) {
      ctx.status(503);
    } else {
      ctx.status(network.syncStatus().isSyncing() ? syncingStatus : 200);
    }
  }

  private void identity(Context ctx) {
    NodeIdentity id = network.identity();
    ObjectNode data = ApiJson.object();
    data.put("peer_id", id.peerId());
    data.put("enr", id.enr());
    data.set("p2p_addresses", strings(id.p2pAddresses()));
    data.set("discovery_addresses", strings(id.discoveryAddresses()));
    ObjectNode metadata = data.putObject("metadata");
    metadata.put("seq_number", id.metadata().seqNumber().toString());
    metadata.put("attnets", id.metadata().attnets());
    metadata.put("syncnets", id.metadata().syncnets());
    metadata.put("custody_group_count", id.metadata().custodyGroupCount().toString());
    Responses.data(ctx, data);
  }

  /** {@code edvt/v<version>/<os>-<arch>/java-<feature>}, the shape other clients use. */
  static String versionString() {
    return "edvt/v" + EdvtVersion.version() + "/" + System.getProperty("os.name").toLowerCase(Locale.ROOT)
        + "-" + System.getProperty("os.arch") + "/java-" + Runtime.version().feature();
  }

  private void version(Context ctx) {
    ObjectNode data = ApiJson.object();
    data.put("version", versionString());
    Responses.data(ctx, data);
  }

  private void syncing(Context ctx) {
    SyncStatus s = network.syncStatus();
    ObjectNode data = ApiJson.object();
    data.put("head_slot", s.headSlot().toString());
    data.put("sync_distance", s.syncDistance().toString());
    data.put("is_syncing", s.isSyncing());
    data.put("is_optimistic", s.isOptimistic());
    data.put("el_offline", s.elOffline());
    Responses.data(ctx, data);
  }

  private void peers(Context ctx) {
    List<String> states = checked("state", Params.list(ctx.queryParams("state")), PEER_STATES);
    List<String> directions = checked("direction", Params.list(ctx.queryParams("direction")), DIRECTIONS);
    ArrayNode data = ApiJson.array();
    for (PeerInfo p : network.peers()) {
      if ((states.isEmpty() || states.contains(p.state())) && (directions.isEmpty() || directions.contains(p.direction()))) {
        data.add(peerJson(p));
      }
    }
    ObjectNode body = ApiJson.object();
    body.set("data", data);
    body.putObject("meta").put("count", data.size());
    Responses.json(ctx, 200, body);
  }

  private static List<String> checked(String name, List<String> values, Set<String> allowed) {
    for (String v : values) {
      if (!allowed.contains(v)) {
        throw ApiException.badRequest(name + " '" + v + "' is not one of " + allowed.stream().sorted().toList());
      }
    }
    return values;
  }

  private void peer(Context ctx) {
    String id = ctx.pathParam("peer_id");
    PeerInfo p = network.peers().stream().filter(x -> x.peerId().equals(id)).findFirst()
        .orElseThrow(() -> ApiException.notFound("peer " + id + " not known"));
    Responses.data(ctx, peerJson(p));
  }

  private void peerCount(Context ctx) {
    ObjectNode data = ApiJson.object();
    for (String state : List.of("disconnected", "connecting", "connected", "disconnecting")) {
      data.put(state, Long.toString(network.peers().stream().filter(p -> p.state().equals(state)).count()));
    }
    Responses.data(ctx, data);
  }

  private static ObjectNode peerJson(PeerInfo p) {
    ObjectNode o = ApiJson.object();
    o.put("peer_id", p.peerId());
    if (p.enr().isPresent()) {
      o.put("enr", p.enr().get());
    } else {
      o.putNull("enr");
    }
    o.put("last_seen_p2p_address", p.lastSeenP2pAddress());
    o.put("state", p.state());
    o.put("direction", p.direction());
    return o;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = ApiJson.array();
    values.forEach(a::add);
    return a;
  }
}
