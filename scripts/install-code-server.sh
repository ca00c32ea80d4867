#!/usr/bin/env bash
# Installs code-server (a real VS Code served to a browser) into a cache folder, offline-safe.
# A plain `npm install code-server` fails here: its postinstall refuses root and @vscode/ripgrep downloads
# from GitHub. So we install with scripts off and redo the postinstall ourselves (see docs/code-server-e2e.md).
# Idempotent: a stamp file marks a finished install; a half-finished one is wiped and redone.
# Prints the path of code-server's entry script on stdout. `--quiet`: say nothing when already installed.
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${ASTRA_E2E_CACHE:-$HOME/.cache/astra-db-vscode-e2e}"
DIR="$CACHE/code-server-$VERSION"
STAMP="$DIR/.installed"
CS="$DIR/node_modules/code-server"

log() { printf '[install-code-server] %s\n' "$*" >&2; }

QUIET=0
[ "${1:-}" = "--quiet" ] && QUIET=1

if [ -f "$STAMP" ] && [ -f "$CS/out/node/entry.js" ]; then
  [ "$QUIET" = 1 ] || log "already installed: $CS ($(cat "$STAMP"))"
  echo "$CS/out/node/entry.js"
  exit 0
fi

# Two runs at once (say `npm run demo` and `npm test`) must not both wipe and rebuild the same folder.
mkdir -p "$CACHE"
if command -v flock >/dev/null; then
  exec 9>"$CACHE/.install-$VERSION.lock"
  flock 9
  if [ -f "$STAMP" ] && [ -f "$CS/out/node/entry.js" ]; then
    log "installed meanwhile by another run: $CS"
    echo "$CS/out/node/entry.js"
    exit 0
  fi
fi

for tool in node npm rg g++ make python3; do
  command -v "$tool" >/dev/null || { log "missing required tool: $tool"; exit 1; }
done

# node-gyp only works offline when it is pointed at headers that are already on disk.
NODE_PREFIX="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
if [ -f "$NODE_PREFIX/include/node/node.h" ]; then
  export npm_config_nodedir="$NODE_PREFIX"
elif [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
else
  log "no Node headers found (looked in $NODE_PREFIX/include/node and /usr/include/node)"
  exit 1
fi
NPM_ROOT="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"
NODE_GYP="$NPM_ROOT/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$NODE_GYP" ] || NODE_GYP="$(command -v node-gyp || true)"
[ -n "$NODE_GYP" ] || { log "node-gyp not found (expected inside npm at $NPM_ROOT)"; exit 1; }

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
start=$(date +%s)
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
echo '{ "name": "astra-e2e-code-server", "private": true }' > package.json

log "1/6 npm install --ignore-scripts code-server@$VERSION"
npm install --ignore-scripts --no-save --loglevel=error "code-server@$VERSION"
log "    rebuilding argon2"
npm rebuild --loglevel=error argon2

log "2/6 VS Code dependencies (lib/vscode)"
cd "$CS/lib/vscode"
npm install --omit=dev --ignore-scripts --loglevel=error

log "3/6 ripgrep from the system"
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sfn "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg

log "4/6 native modules"
# Every installed, non-dev package that has an install script or a binding.gyp, minus node-pty (built below,
# its own postinstall calls `npx node-gyp`, which goes to the network), @vscode/ripgrep (downloads; linked
# above) and the windows-only ones.
mapfile -t NATIVE < <(node -e '
  const fs = require("fs");
  const wrap = JSON.parse(fs.readFileSync("npm-shrinkwrap.json", "utf8"));
  const names = new Set();
  for (const [key, p] of Object.entries(wrap.packages || {})) {
    if (!key.startsWith("node_modules/") || p.dev || !(p.hasInstallScript || p.gypfile)) continue;
    const name = key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
    if (name === "node-pty" || name === "@vscode/ripgrep" || name.startsWith("windows-") || name.startsWith("@vscode/windows-")) continue;
    if (fs.existsSync(key)) names.add(name);
  }
  console.log([...names].join("\n"));
')
if [ "${#NATIVE[@]}" -gt 0 ]; then
  log "    npm rebuild ${NATIVE[*]}"
  npm rebuild --loglevel=error "${NATIVE[@]}"
fi
log "    node-pty via node-gyp"
(cd node_modules/node-pty && node "$NODE_GYP" rebuild --nodedir="$npm_config_nodedir" --loglevel=error >/dev/null)

log "5/6 postinstall links and built-in extensions' dependencies"
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --loglevel=error >/dev/null)

log "6/6 smoke test"
node -e '
  for (const m of ["node-pty", "@vscode/spdlog", "kerberos", "@parcel/watcher"]) require(m);
' || { log "native module smoke test failed"; exit 1; }
cd "$DIR"
# code-server writes a default config on first run; keep it out of the user's ~/.config.
got="$(XDG_CONFIG_HOME="$DIR/xdg" XDG_DATA_HOME="$DIR/xdg" node "$CS/out/node/entry.js" --version | grep -m1 "^$VERSION" || true)"
case "$got" in
  "$VERSION"*) ;;
  *) log "unexpected code-server --version output: $got"; exit 1 ;;
esac

echo "$got installed in $(( $(date +%s) - start ))s" > "$STAMP"
log "done: $(cat "$STAMP")"
echo "$CS/out/node/entry.js"
