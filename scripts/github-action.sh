#!/usr/bin/env bash
# Implements: TL-162
# The steps of the Tracelens GitHub Action (action.yml), one function each, so that the action's
# YAML stays a list of steps and `npm test` runs exactly what a workflow runs
# (test/integration/action.test.ts). The runner gives GITHUB_ACTION_PATH (this repository),
# GITHUB_OUTPUT and GITHUB_STEP_SUMMARY; action.yml passes the inputs as TRACELENS_* variables.
set -euo pipefail

cli="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run this from action.yml}/dist/cli.js"

# Builds the CLI when the action's checkout has no dist/ (a tag of the repository holds sources
# only). --ignore-scripts: the build needs no install script (the grammars ship as wasm), and
# none of the dependencies' scripts runs on the user's runner.
build() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$major" -lt 20 ]; then
    echo "::error title=Tracelens::Tracelens needs Node.js 20 or later on PATH (found: $(node --version 2>/dev/null || echo none)); add actions/setup-node before this step."
    exit 2
  fi
  if [ -f "$cli" ]; then
    echo "Tracelens: using the CLI built in $GITHUB_ACTION_PATH/dist"
    return
  fi
  (cd "$GITHUB_ACTION_PATH" && npm ci --ignore-scripts --no-audit --no-fund && npm run build)
}

# `--config FILE` and one `--results GLOB` per non-empty line of TRACELENS_RESULTS.
common_args=()
collect_args() {
  if [ -n "${TRACELENS_CONFIG:-}" ]; then common_args+=(--config "$TRACELENS_CONFIG"); fi
  local glob
  while IFS= read -r glob || [ -n "$glob" ]; do
    glob="${glob#"${glob%%[![:space:]]*}"}"
    glob="${glob%"${glob##*[![:space:]]}"}"
    if [ -n "$glob" ]; then common_args+=(--results "$glob"); fi
  done <<< "${TRACELENS_RESULTS:-}"
}

# Annotations on stdout and the job summary (`--format github`), then the SARIF file. A config or
# usage error (exit 2) stops the action here; findings only set the `exit-code` output, so that
# the SARIF file and the report are still made, and the gate step fails the job at the end.
check() {
  collect_args
  local status=0
  node "$cli" check "$TRACELENS_DIRECTORY" "${common_args[@]}" --format github --fail-on "$TRACELENS_FAIL_ON" || status=$?
  if [ "$status" -ge 2 ]; then exit "$status"; fi
  if [ -n "${TRACELENS_SARIF:-}" ]; then
    mkdir -p "$(dirname "$TRACELENS_SARIF")"
    node "$cli" check "$TRACELENS_DIRECTORY" "${common_args[@]}" --format sarif --fail-on none --output "$TRACELENS_SARIF"
  fi
  echo "exit-code=$status" >> "$GITHUB_OUTPUT"
}

# The HTML traceability report, for the artifact upload that follows.
report() {
  collect_args
  mkdir -p "$(dirname "$TRACELENS_REPORT")"
  node "$cli" report "$TRACELENS_DIRECTORY" "${common_args[@]}" --format html --output "$TRACELENS_REPORT"
}

# Fails the job when the check found findings at or above `fail-on`.
gate() {
  if [ "$TRACELENS_EXIT_CODE" != 0 ]; then
    echo "::error title=Tracelens::findings at or above fail-on: $TRACELENS_FAIL_ON (see the annotations and the job summary)"
  fi
  exit "$TRACELENS_EXIT_CODE"
}

case "${1:-}" in
  build | check | report | gate) "$1" ;;
  *) echo "usage: github-action.sh build|check|report|gate" >&2; exit 2 ;;
esac
