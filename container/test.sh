#!/usr/bin/env bash
# container/test.sh (also ./edvt container-test): builds the EDVT image from container/Dockerfile
# and runs a network of it exactly as ethereum-package runs Teku participants (cl_type: teku,
# cl_image: <the image>, el_type: none): the same `sh -c "exec /opt/teku/bin/teku <flags>"`, the
# same mounts laid out as the genesis and keystore generators write them, the same health and
# identity polls, each later node given the earlier nodes' ENRs. It passes when every node
# reaches the same finalized checkpoint within a bounded time. README.md, "Kurtosis".
#
# Needs root: it installs podman, runc and debootstrap when they are missing (apt-get), makes a
# local Debian base image with a jlink runtime of this machine's JDK (cached as a podman image),
# and runs containers on a podman bridge network of its own. Everything it starts is removed on
# exit. Environment: EDVT_CT_NODES (2), EDVT_CT_FINALITY_TIMEOUT (seconds after genesis, 360),
# EDVT_CT_DIR (work folder, /tmp/edvt-container-test), EDVT_CT_KEEP=1 (keep containers).
set -euo pipefail
cd "$(dirname "$0")/.."

NODES=${EDVT_CT_NODES:-2}
FINALITY_TIMEOUT=${EDVT_CT_FINALITY_TIMEOUT:-360}
WORK=${EDVT_CT_DIR:-/tmp/edvt-container-test}
IMAGE=localhost/edvt:container-test
RUN_ID=$$
NET=edvt-ct-$RUN_ID
SUBNET_OCTET=$((RUN_ID % 200 + 20))
# EDVT's keys as set in the containers' environment (the genesis generator's config.yaml has none)
EDVT_ENV=(-e EDVT_CONFIG_EDVT_FORK_EPOCH=0 -e EDVT_CONFIG_EDVT_FORK_VERSION=0xed000001 -e EDVT_CONFIG_GROUP_LEADER_TIMEOUT_BPS=833)
# what the node needs of the JDK (a small runtime instead of the whole JDK in the base image)
JLINK_MODULES=java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,java.desktop,jdk.unsupported,jdk.httpserver,jdk.management,jdk.crypto.ec,jdk.zipfs,jdk.naming.dns

START=$(date +%s)
say() { echo "[container-test $(($(date +%s) - START))s] $*"; }
fail() { echo "[container-test $(($(date +%s) - START))s] FAILED: $*" >&2; exit 1; }

containers=()
cleanup() {
  local rc=$?
  if [ ${#containers[@]} -gt 0 ]; then
    if [ "$rc" != 0 ]; then
      for c in "${containers[@]}"; do
        echo "--- last log lines of $c:" >&2
        podman logs --tail 25 "$c" >&2 2>&1 || true
      done
    fi
    for c in "${containers[@]}"; do podman logs "$c" >"$WORK/logs/$c.log" 2>&1 || true; done
    if [ "${EDVT_CT_KEEP:-0}" != 1 ]; then
      podman rm -f -t 5 "${containers[@]}" >/dev/null 2>&1 || true
    fi
  fi
  if [ "${EDVT_CT_KEEP:-0}" != 1 ]; then
    podman network rm -f "$NET" >/dev/null 2>&1 || true
  fi
  say "done (exit $rc); container logs in $WORK/logs"
}

[ "$(id -u)" = 0 ] || fail "run as root: it installs podman and runs containers"

# --- tools ---------------------------------------------------------------------------------
missing=()
for tool in podman runc debootstrap curl jq; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} (apt-get)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc debootstrap curl jq >/dev/null
fi
mkdir -p "$WORK/logs"
# This sandbox's root lacks CAP_SYS_RESOURCE and crun refuses its cgroup layout (CONTAINERS.md)
cat >"$WORK/containers.conf" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
EOF
export CONTAINERS_CONF=$WORK/containers.conf
trap cleanup EXIT

# --- the jar and the local base image ------------------------------------------------------
say "building node/target/edvt.jar if a source changed (./edvt)"
./edvt genesis --help >/dev/null
JDK=$(./edvt java-home)
jdk_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JDK/release")
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
BASE=localhost/edvt-base:$codename-jre$jdk_version
if podman image exists "$BASE"; then
  say "base image $BASE: cached"
else
  mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -1 || true)
  [ -n "$mirror" ] || mirror=$(sed -n 's/^deb \(\[[^]]*\] \)\?\([^ ]*\) .*/\2/p' /etc/apt/sources.list 2>/dev/null | grep -v security | head -1 || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  say "base image $BASE: debootstrap $codename from $mirror, then jlink $JDK"
  rootfs=$WORK/rootfs
  rm -rf "$rootfs"
  debootstrap --variant=minbase "$codename" "$rootfs" "$mirror" >"$WORK/logs/debootstrap.log" 2>&1 \
    || fail "debootstrap failed (log: $WORK/logs/debootstrap.log)"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  "$JDK/bin/jlink" --add-modules "$JLINK_MODULES" --strip-debug --no-man-pages --no-header-files \
    --compress=zip-6 --output "$rootfs/opt/java/openjdk"
  # the layout of the eclipse-temurin images the Dockerfile names by default
  tar -C "$rootfs" -c . | podman import --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/bash"]' - "$BASE" >/dev/null
  rm -rf "$rootfs"
fi

# --- the image, from the Dockerfile users build --------------------------------------------
say "podman build -f container/Dockerfile --build-arg BASE=$BASE -t $IMAGE ."
podman build -q -f container/Dockerfile --build-arg "BASE=$BASE" -t "$IMAGE" . >"$WORK/logs/build.log" 2>&1 \
  || { cat "$WORK/logs/build.log" >&2; fail "the image did not build"; }
say "image built: $(podman image inspect "$IMAGE" --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}')"

# --- the network's files: edvt genesis, laid out as the package's generators write them ----
# Kurtosis mounts the genesis generator's artifact (config.yaml, genesis.ssz, ...) at
# /network-configs, and node i's keystore artifact (a folder node-<i>-keystores holding
# teku-keys and teku-secrets) at /validator-keys. The generator's config.yaml has no EDVT keys,
# so they are removed here and given through EDVT_CONFIG_* (cl_extra_env_vars) as an operator would.
devnet=$WORK/devnet
rm -rf "$devnet"
# genesis after the bad-input checks and the nodes' start on a loaded machine, most of the time
# (a node that starts later catches up; the first slots may then be empty)
delay=$((30 + 15 * NODES))
./edvt genesis --out "$devnet" --nodes "$NODES" --validators 64 --genesis-delay "$delay" >"$WORK/logs/genesis.log" 2>&1 \
  || { cat "$WORK/logs/genesis.log" >&2; fail "edvt genesis failed"; }
genesis_time=$(sed -n 's/^MIN_GENESIS_TIME: *//p' "$devnet/network-configs/config.yaml")
sed -i -E '/^(EDVT_FORK_EPOCH|EDVT_FORK_VERSION|GROUP_LEADER_TIMEOUT_BPS):/d' "$devnet/network-configs/config.yaml"
say "genesis written: $NODES nodes, 64 validators, EDVT at genesis with 2 groups of 4 (3 of 4), genesis in ${delay}s"

# the command line teku_launcher.star writes for participant i (no EL, keys in the beacon node)
node_cmd() { # $1 = index, $2 = advertised IP, $3 = bootnode ENRs (comma-joined, may be empty)
  local cmd=(/opt/teku/bin/teku --network=/network-configs/config.yaml --data-path=/data/teku/teku-beacon-data
    --data-storage-mode=ARCHIVE --p2p-enabled=true --p2p-peer-lower-bound=1 "--p2p-advertised-ip=$2"
    --p2p-discovery-site-local-addresses-enabled=true --p2p-port=9000 --rest-api-enabled=true
    --rest-api-docs-enabled=true --rest-api-interface=0.0.0.0 --rest-api-port=4000 '--rest-api-host-allowlist=*'
    --data-storage-non-canonical-blocks-enabled=true --metrics-enabled --metrics-interface=0.0.0.0
    '--metrics-host-allowlist=*' --metrics-categories=BEACON,PROCESS,LIBP2P,JVM,NETWORK,PROCESS --metrics-port=8008
    --logging=INFO --log-destination=CONSOLE --ignore-weak-subjectivity-period-enabled=true
    --genesis-state=/network-configs/genesis.ssz)
  [ -n "$3" ] && cmd+=("--p2p-discovery-bootnodes=$3")
  cmd+=("--validator-keys=/validator-keys/node-$1-keystores/teku-keys:/validator-keys/node-$1-keystores/teku-secrets"
    --validators-proposer-default-fee-recipient=0x8943545177806ED17B9F23F0a21ee5948eCaa776)
  echo "exec ${cmd[*]}"
}
mounts() { # $1 = index
  echo "-v $devnet/network-configs:/network-configs -v $devnet/validator-keys/node-$1-keystores:/validator-keys/node-$1-keystores"
}

# --- bad input: one line saying what is missing ---------------------------------------------
expect_one_line() { # $1 = what, $2 = the last line must contain this, then the podman run arguments
  # The last line says what is missing; lines before it are the node's own start-up log, if any
  # (it starts p2p before it reads the keystores). No stack trace.
  local what=$1 needle=$2 out rc last
  shift 2
  set +e
  out=$(podman run --rm --network=none --user 0:0 "$@" 2>&1)
  rc=$?
  set -e
  last=$(printf '%s\n' "$out" | grep -v '^$' | tail -1)
  if [ "$rc" = 0 ] || [[ "$last" != *"$needle"* ]] || grep -qE '^\s+at |Exception in thread' <<<"$out"; then
    fail "$what: expected a last line containing '$needle', no stack trace and a non-zero exit, got exit $rc and: $out"
  fi
  say "bad input, $what: exit $rc, '$last'"
}
say "bad-input checks (each starts a container)"
expect_one_line "separate validator client without /network-configs (use_separate_vc with vc_type teku)" "/network-configs/config.yaml" \
  "$IMAGE" validator-client --network=/network-configs/config.yaml --beacon-node-api-endpoint=http://cl-1-teku:4000 \
  --validator-keys=/validator-keys/node-0-keystores/teku-keys:/validator-keys/node-0-keystores/teku-secrets
expect_one_line "no /network-configs mount" "/network-configs/config.yaml" \
  -v "$devnet/validator-keys/node-0-keystores:/validator-keys/node-0-keystores" --entrypoint sh "$IMAGE" -c "$(node_cmd 0 10.0.0.1 '')"
expect_one_line "no /validator-keys mount" "/validator-keys/node-0-keystores/teku-keys: keystore folder does not exist" \
  "${EDVT_ENV[@]}" -v "$devnet/network-configs:/network-configs" --entrypoint sh "$IMAGE" -c "$(node_cmd 0 10.0.0.1 '')"
# shellcheck disable=SC2046 # mounts is a word list
expect_one_line "the generator's config.yaml without EDVT's keys (no EDVT_CONFIG_*)" "the config lacks or misstates EDVT_FORK_EPOCH" \
  $(mounts 0) --entrypoint sh "$IMAGE" -c "$(node_cmd 0 10.0.0.1 '')"
# shellcheck disable=SC2046
expect_one_line "an execution client's JWT secret without the /jwt mount" "/jwt/jwtsecret: no such file" \
  "${EDVT_ENV[@]}" $(mounts 0) --entrypoint sh "$IMAGE" \
  -c "$(node_cmd 0 10.0.0.1 '') --ee-jwt-secret-file=/jwt/jwtsecret --ee-endpoint=http://el-1-geth-teku:8551"

# --- the network --------------------------------------------------------------------------------
out=$(podman network create --subnet "10.213.$SUBNET_OCTET.0/24" "$NET" 2>&1) || fail "podman network create: $out"
say "network $NET (10.213.$SUBNET_OCTET.0/24)"
get() { curl -s --max-time 3 "$@"; }
enrs=""
ips=()
for ((i = 0; i < NODES; i++)); do
  ip=10.213.$SUBNET_OCTET.$((10 + i))
  name=edvt-ct-$RUN_ID-node-$i
  ips+=("$ip")
  # shellcheck disable=SC2046
  podman run -d --name "$name" --network "$NET" --ip "$ip" --user 0:0 "${EDVT_ENV[@]}" $(mounts "$i") \
    --entrypoint sh "$IMAGE" -c "$(node_cmd "$i" "$ip" "$enrs")" >/dev/null 2>"$WORK/logs/run-$name.err" \
    || fail "podman run $name: $(cat "$WORK/logs/run-$name.err")"
  containers+=("$name")
  say "node-$i started at $ip${enrs:+ with ${i} bootnode ENR(s)}; polling /eth/v1/node/health"
  deadline=$(($(date +%s) + 180))
  until code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://$ip:4000/eth/v1/node/health") \
      && { [ "$code" = 200 ] || [ "$code" = 206 ]; }; do
    [ "$(podman inspect -f '{{.State.Running}}' "$name")" = true ] || fail "node-$i exited: $(podman logs --tail 3 "$name" 2>&1)"
    [ "$(date +%s)" -lt "$deadline" ] || fail "node-$i: /eth/v1/node/health did not answer 200 or 206 within 180 s"
    sleep 1
  done
  identity=$(get "http://$ip:4000/eth/v1/node/identity")
  enr=$(jq -r '.data.enr // empty' <<<"$identity")
  multiaddr=$(jq -r '.data.p2p_addresses[0] // empty' <<<"$identity")
  peer_id=$(jq -r '.data.peer_id // empty' <<<"$identity")
  [ -n "$enr" ] && [ -n "$multiaddr" ] && [ -n "$peer_id" ] || fail "node-$i: identity lacks enr, p2p_addresses[0] or peer_id: $identity"
  [[ "$multiaddr" == *"/ip4/$ip/"* ]] || fail "node-$i: p2p_addresses[0] $multiaddr does not carry the advertised IP $ip"
  say "node-$i healthy ($code): $multiaddr"
  enrs=${enrs:+$enrs,}$enr
done

# --- finality -------------------------------------------------------------------------------------
deadline=$((genesis_time + FINALITY_TIMEOUT))
say "waiting for finality (until ${FINALITY_TIMEOUT}s after genesis)"
last_line=""
while :; do
  line="" finalized_all=1 roots=()
  for ((i = 0; i < NODES; i++)); do
    ip=${ips[$i]}
    [ "$(podman inspect -f '{{.State.Running}}' "${containers[$i]}")" = true ] \
      || fail "node-$i exited: $(podman logs --tail 3 "${containers[$i]}" 2>&1)"
    head=$(get "http://$ip:4000/eth/v1/beacon/headers/head" | jq -r '.data.header.message.slot // "?"' 2>/dev/null || echo "?")
    fin=$(get "http://$ip:4000/eth/v1/beacon/states/head/finality_checkpoints" 2>/dev/null || true)
    fe=$(jq -r '.data.finalized.epoch // "?"' <<<"$fin" 2>/dev/null || echo "?")
    je=$(jq -r '.data.current_justified.epoch // "?"' <<<"$fin" 2>/dev/null || echo "?")
    roots+=("$(jq -r '.data.finalized.root // ""' <<<"$fin" 2>/dev/null || true)")
    peers=$(get "http://$ip:4000/eth/v1/node/peer_count" | jq -r '.data.connected // "?"' 2>/dev/null || echo "?")
    line+="node-$i head $head justified $je finalized $fe peers $peers | "
    [[ "$fe" =~ ^[0-9]+$ ]] && [ "$fe" -ge 1 ] || finalized_all=0
  done
  [ "$line" != "$last_line" ] && say "${line% | }"
  last_line=$line
  if [ "$finalized_all" = 1 ]; then
    uniq_roots=$(printf '%s\n' "${roots[@]}" | sort -u | wc -l)
    [ "$uniq_roots" = 1 ] && break
  fi
  [ "$(date +%s)" -lt "$deadline" ] || fail "no common finalized checkpoint on all $NODES nodes within ${FINALITY_TIMEOUT}s of genesis"
  sleep 4
done
say "finalized on all $NODES nodes: ${line% | } (genesis + $(($(date +%s) - genesis_time))s)"

# the fork is EDVT's (EDVT_CONFIG_* took effect), and the metrics endpoint the package scrapes answers
version=$(get "http://${ips[0]}:4000/eth/v1/beacon/states/head/fork" | jq -r '.data.current_version // empty')
[ "$version" = 0xed000001 ] || fail "the head state's fork version is '$version', not EDVT's 0xed000001"
get "http://${ips[0]}:8008/metrics" | grep -q '^beacon_finalized_epoch' \
  || fail "node-0: /metrics has no beacon_finalized_epoch"
# what the chain holds: blocks per slot, and those of the groups (validators 0 and 1, led and
# signed off by members on both nodes); reported, not required (a group's slot comes at random)
head=$(get "http://${ips[0]}:4000/eth/v1/beacon/headers/head" | jq -r '.data.header.message.slot')
blocks=0 group_blocks=0
for ((slot = 1; slot <= head; slot++)); do
  proposer=$(get "http://${ips[0]}:4000/eth/v1/beacon/headers/$slot" | jq -r '.data.header.message.proposer_index // empty' 2>/dev/null || true)
  [ -n "$proposer" ] || continue
  blocks=$((blocks + 1))
  if [ "$proposer" -lt 2 ]; then group_blocks=$((group_blocks + 1)); fi
done
say "node-0's chain: blocks in $blocks of slots 1..$head, $group_blocks of them by a group"
say "PASS: fork version $version; /metrics serves beacon_finalized_epoch; wall time $(($(date +%s) - START))s"
