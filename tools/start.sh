#!/usr/bin/env bash
# npm start: try the extension in a real VS Code in your browser, installed from the packaged .vsix, on a copy of
# samples/. Builds and packages first, installs the headless VS Code host if needed (idempotent), then serves on
# 127.0.0.1 only and stays in the foreground until Ctrl+C, which stops everything it started.
#
# Env: START_WORKSPACE=DIR  open DIR itself instead of a temporary copy of samples/ (files you change there stay)
#      START_PORT=N         fixed port instead of a free one (e.g. to forward it: ssh -L N:127.0.0.1:N host)
#      and everything tools/vscode-host/config.mjs / serve.mjs read (VSC_HOST_DIR, KEEP_STATE=1, ...).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

node tools/vscode-host/install.mjs
VSIX="$(node tools/package.mjs | tail -1)"
[ -f "$VSIX" ] || { echo "packaging did not produce a .vsix" >&2; exit 1; }

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/jumpcloud-csv-start.XXXXXX")"
if [ -n "${START_WORKSPACE:-}" ]; then
  WORKSPACE="$(cd "$START_WORKSPACE" && pwd)"
else
  WORKSPACE="$SCRATCH/samples"
  cp -R "$ROOT/samples" "$WORKSPACE"
fi

# ---- The local JumpCloud ---------------------------------------------------------------------------------------
# A sample organization on 127.0.0.1 (jumpcloud-csv emulator), and user settings that point the extension at it, so
# the whole flow works without a JumpCloud account: run "JumpCloud: Set API Key…" and enter any key.
# START_EMULATOR=0 leaves it out (then set your real region and key in the editor).
EMULATOR_PID=""
start_emulator() {
  [ "${START_EMULATOR:-1}" = 1 ] || return 0
  node dist/cli.js emulator --port 0 > "$SCRATCH/emulator.log" 2>&1 &
  EMULATOR_PID=$!
  local url=""
  for _ in $(seq 1 100); do
    url=$(sed -n 's/^listening on //p' "$SCRATCH/emulator.log" | head -1)
    [ -z "$url" ] || break
    kill -0 "$EMULATOR_PID" 2>/dev/null || { cat "$SCRATCH/emulator.log" >&2; echo "the local JumpCloud did not start" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$url" ] || { echo "the local JumpCloud did not say where it listens" >&2; exit 1; }
  URL="$url" node -e '
    const fs = require("fs");
    const settings = JSON.parse(fs.readFileSync("tools/vscode-host/settings.json", "utf8"));
    settings["jumpcloud.apiBaseUrl"] = process.env.URL;
    fs.writeFileSync(process.argv[1], JSON.stringify(settings, null, 2));' "$SCRATCH/settings.json"
  export CS_SETTINGS="$SCRATCH/settings.json"
  echo "local JumpCloud (sample organization): $url"
  echo "  in the editor: F1 > JumpCloud: Set API Key… and enter any key, e.g. demo"
}
stop_emulator() {
  if [ -n "$EMULATOR_PID" ]; then kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true; fi
}
# ----------------------------------------------------------------------------------------------------------------

SERVE_PID=""
cleanup() {
  trap '' INT TERM HUP # a second Ctrl+C must not cut the clean-up short and leave servers behind
  stop_emulator
  # serve.mjs stops code-server (its whole process group) when it gets SIGTERM/SIGINT
  if [ -n "$SERVE_PID" ]; then kill -TERM "$SERVE_PID" 2>/dev/null || true; wait "$SERVE_PID" 2>/dev/null || true; fi
  rm -rf "$SCRATCH"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

start_emulator
echo "workspace: $WORKSPACE"
node tools/vscode-host/serve.mjs --vsix "$VSIX" ${START_PORT:+--port "$START_PORT"} "$WORKSPACE" &
SERVE_PID=$!
wait "$SERVE_PID"
