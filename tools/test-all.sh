#!/usr/bin/env bash
# npm test: every suite, from a fresh machine (after `npm ci`) or a warm one, with all its own set-up:
#   install  the headless VS Code host (idempotent; ~2 min the first time, ~0 s after)   tools/vscode-host/install.mjs
#   build    node esbuild.js (development bundle: dist/extension.js, source maps)
#   compile  tsc -p . (src + test -> out/)
#   lint     eslint src test (among its rules: the core, the emulator and the CLI never import vscode)
#   unit     mocha (.mocharc.json: out/test/unit, out/test/contract)
#   host     mocha inside a real VS Code extension host (out/test/host)      tools/vscode-host/run-host-tests.mjs
#   package  production bundle + vsce + content check -> dist-vsix/*.vsix        tools/package.mjs
#   ui       UI tests in the browser workbench, extension installed from the vsix  tools/vscode-host/run-ui-tests.mjs
# Every stage runs even when an earlier one failed (a stage that cannot work without an earlier one counts as
# failed). Each suite's counts are printed, then the sum as the very last line, exactly `N passed, N failed`; a set-up
# stage that fails and a suite that crashes each count as (at least) 1 failed. Exit code 0 only if nothing failed.
# Logs: test-results/logs/<stage>.log; screenshots: test-results/screenshots/; the last line also goes to
# test-results/summary.txt.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
LOGS="$ROOT/test-results/logs"
rm -rf "$LOGS" "$ROOT/test-results/screenshots" "$ROOT/test-results/summary.txt"
mkdir -p "$LOGS"

total_passed=0
total_failed=0
summary=()
declare -A ok=()

banner() { printf '\n==== %s ====\n' "$*"; }

# stage NAME COMMAND... : a set-up step; passes or fails as a whole.
stage() {
  local name=$1; shift
  banner "$name: $*"
  local t0=$SECONDS
  "$@" 2>&1 | tee "$LOGS/$name.log"
  local rc=${PIPESTATUS[0]} secs=$(( SECONDS - t0 ))
  if [ "$rc" -eq 0 ]; then
    ok[$name]=1
    summary+=("$(printf '%-8s ok                    %4ss' "$name" "$secs")")
  else
    total_failed=$(( total_failed + 1 ))
    summary+=("$(printf '%-8s FAILED (exit %s) = 1 failed %4ss   see test-results/logs/%s.log' "$name" "$rc" "$secs" "$name")")
  fi
}

# record NAME PASSED FAILED SECONDS NOTE
record() {
  total_passed=$(( total_passed + $2 ))
  total_failed=$(( total_failed + $3 ))
  summary+=("$(printf '%-8s %4s passed, %4s failed %4ss %s' "$1" "$2" "$3" "$4" "$5")")
}

# suite NAME FORMAT COMMAND... : FORMAT is "mocha" (N passing / N failing) or "line" (a last `N passed, N failed`).
suite() {
  local name=$1 format=$2; shift 2
  banner "$name: $*"
  local t0=$SECONDS
  "$@" 2>&1 | tee "$LOGS/$name.log"
  local rc=${PIPESTATUS[0]} secs=$(( SECONDS - t0 )) passed=0 failed=0 counted=0 line plain
  plain=$(sed 's/\x1b\[[0-9;]*m//g' "$LOGS/$name.log") # without colour codes
  if [ "$format" = mocha ]; then
    line=$(grep -E '^ *[0-9]+ passing' <<<"$plain" | tail -1)
    if [ -n "$line" ]; then
      counted=1
      passed=$(grep -Eo '[0-9]+' <<<"$line" | head -1)
      line=$(grep -E '^ *[0-9]+ failing' <<<"$plain" | tail -1)
      [ -z "$line" ] || failed=$(grep -Eo '[0-9]+' <<<"$line" | head -1)
    fi
  else
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' <<<"$plain" | tail -1)
    if [ -n "$line" ]; then
      counted=1
      passed=${line%% passed*}
      failed=${line#*, }; failed=${failed%% failed}
    fi
  fi
  local note=""
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
    note="(exit $rc$([ "$counted" = 1 ] || echo ', no counts: crashed?'); see test-results/logs/$name.log)"
  fi
  record "$name" "$passed" "$failed" "$secs" "$note"
}

# skip NAME REASON : a suite that cannot run counts as 1 failed.
skip() {
  banner "$1: not run ($2)"
  record "$1" 0 1 0 "(not run: $2)"
}

stage install node tools/vscode-host/install.mjs
stage build node esbuild.js
# tsc never deletes outputs: drop compiled tests whose .ts source is gone, or they would keep running.
node -e '
  const fs = require("fs"), path = require("path");
  const walk = d => fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }).flatMap(e => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]) : [];
  for (const f of walk("out/test")) {
    const m = /^out\/(.*)\.js(\.map)?$/.exec(f);
    if (m && !fs.existsSync(m[1] + ".ts")) fs.rmSync(f);
  }'
stage compile node_modules/.bin/tsc -p .
stage lint node_modules/.bin/eslint src test
suite unit mocha node_modules/.bin/mocha
if [ -n "${ok[install]:-}" ]; then
  suite host line node tools/vscode-host/run-host-tests.mjs
else
  skip host "the VS Code host is not installed"
fi
stage package node tools/package.mjs
if [ -n "${ok[install]:-}" ] && [ -n "${ok[package]:-}" ]; then
  suite ui line node tools/vscode-host/run-ui-tests.mjs
else
  skip ui "needs the VS Code host and the .vsix"
fi

banner summary
printf '%s\n' "${summary[@]}"
final="$total_passed passed, $total_failed failed"
echo "$final" > "$ROOT/test-results/summary.txt"
echo "$final"
[ "$total_failed" -eq 0 ]
