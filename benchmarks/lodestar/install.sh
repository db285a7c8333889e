#!/usr/bin/env bash
# Installs the pinned Lodestar packages of package.json into ./node_modules (idempotent).
# Writes no package-lock.json. Fails with a clear message if node/npm are missing, the
# npm registry cannot be reached, or a pinned version is not available there.
set -euo pipefail
cd "$(dirname "$0")"

die() { echo "install.sh: $*" >&2; exit 1; }

command -v node >/dev/null || die "node is not installed (Node.js >= 20 is needed)"
command -v npm >/dev/null || die "npm is not installed"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || die "Node.js >= 20 is needed, found $(node --version)"

# Exact pins, as in package.json (dependencies and overrides).
pins=$(node -e '
  const p = require("./package.json");
  const all = {...p.dependencies, ...p.overrides};
  console.log(Object.entries(all).map(([k, v]) => k + "@" + v).join("\n"));
')

# Already installed with the right versions? Then there is nothing to do.
if node -e '
  const fs = require("fs");
  for (const spec of process.argv.slice(1)) {
    const at = spec.lastIndexOf("@");
    const name = spec.slice(0, at), want = spec.slice(at + 1);
    let got;
    try { got = JSON.parse(fs.readFileSync("node_modules/" + name + "/package.json", "utf8")).version; }
    catch { process.exit(1); }
    if (got !== want) process.exit(1);
  }
' $pins 2>/dev/null; then
  echo "install.sh: pinned packages already installed in $(pwd)/node_modules"
  exit 0
fi

# Probe the registry for each pin, so that a missing version or an unreachable registry is
# named (npm install itself may exit 1 with no message on a partial mirror).
for spec in $pins; do
  out=$(npm view "$spec" version --no-update-notifier --fetch-retries=1 2>&1 | grep -v '^npm warn' | head -n 2 || true)
  if [ -z "$out" ]; then
    die "the npm registry has no version $spec (or it cannot be reached)"
  fi
  case "$out" in
    *ENOTFOUND*|*ECONNREFUSED*|*ETIMEDOUT*|*EAI_AGAIN*|*ECONNRESET*|*"network"*)
      die "cannot reach the npm registry ($(npm config get registry 2>/dev/null)): $out" ;;
    *E404*|*"not found"*|*"No match"*)
      die "the npm registry has no $spec: $out" ;;
    *ERR*)
      die "npm view $spec failed: $out" ;;
  esac
done

if ! npm install --no-audit --no-fund --no-package-lock --no-update-notifier; then
  die "npm install failed (rerun with: npm install --no-package-lock --loglevel silly)"
fi
rm -f package-lock.json
node --input-type=module -e '
  await import("@lodestar/types"); await import("@chainsafe/blst");
  await import("@chainsafe/persistent-merkle-tree/hasher/hashtree");
' || die "installed, but the packages do not load (native prebuilds missing for $(node -p 'process.platform + "-" + process.arch')?)"
echo "install.sh: installed pinned Lodestar packages in $(pwd)/node_modules"
