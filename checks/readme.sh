#!/usr/bin/env bash
# README's "try it" block, run as a reader would paste it, against the local stack (checks/run readme).
#
# The block is the first ```sh fence after the "## Try it" heading. It runs under `bash -euo pipefail`,
# with one difference from a terminal: curl fails on an HTTP error (--fail-with-body, so the problem+json
# still shows). Then each step's output must show what the README says it does. The stack stays up if
# it ran before the check, and is stopped otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "readme: $*" >&2
  exit 1
}

block="$(awk '/^## Try it/ { heading = 1; next }
  heading && /^```sh/ { fence = 1; next }
  fence && /^```/ { exit }
  fence { print }' README.md)"
[[ -n "$block" ]] || fail 'README.md has no ```sh block under "## Try it"'

running_before=0
if command curl -sf -o /dev/null "localhost:${TICKER_TIMELINE_PORT:-8082}/q/health/ready"; then
  running_before=1
fi
work="$(mktemp -d)"
cleanup() {
  if ((running_before == 0)); then
    ./ticker down >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

curl() { command curl --fail-with-body "$@"; }
export -f curl

echo "readme: running the \"try it\" block ($(wc -l <<<"$block") lines)"
if ! bash -euo pipefail -c "$block" >"$work/out" 2>"$work/err"; then
  cat "$work/out" "$work/err" >&2
  fail "the block failed"
fi

# What the steps print, in the README's words: each pattern must appear in the output.
expect() { # expect <what the README promises> <extended regex>
  if grep -qE -- "$2" "$work/out"; then
    echo "readme: ok   $1"
  else
    echo "readme: FAIL $1 (no /$2/ in the output:)" >&2
    sed 's/^/  | /' "$work/out" >&2
    exit 1
  fi
}
expect "posting an update answers the story's version" '"version":2'
expect "the feed shows the update" 'First results at 22:00'
expect "the stream replays the story from the start" 'event: ?update-posted'
expect "the stream pushes the update posted while it is open" 'data:.*Turnout is up'
if grep -q '/live/' <<<"$block"; then
  expect "the live page is the story's page" '<title>[^<]*election night'
fi
echo "readme: the \"try it\" block runs as written"
