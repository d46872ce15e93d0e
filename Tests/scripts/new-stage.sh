#!/usr/bin/env bash
# `pipe new-stage` in a temporary copy of this package: the scaffolded document
# and batch stages must build, be listed by `pipe stages` with their options, and
# pass their own tests; scaffolding a name twice is refused. It builds a whole
# copy of the package, so it runs here (from .ci/run), not inside `swift test`.
# Usage: Tests/scripts/new-stage.sh [PIPE_BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
pipe=${1:-.build/debug/pipe}
[ -x "$pipe" ] || { echo "no pipe binary at $pipe (swift build first)"; exit 2; }
pipe=$(cd "$(dirname "$pipe")" && pwd)/$(basename "$pipe")
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT

fail() { echo "new-stage: FAIL: $*"; exit 1; }
expect_contains() { # haystack needle what
    grep -qF -- "$2" <<<"$1" || { printf '%s\n' "$1" | tail -40; fail "$3: missing \`$2\`"; }
}

# The tracked files, and the build folder to save a full rebuild (its module cache
# holds absolute paths, so it is left behind).
git ls-files -z | xargs -0 -I{} cp --parents {} "$copy"
if [ -d .build ]; then
    cp -a .build "$copy/.build"
    rm -rf "$copy"/.build/*/debug/ModuleCache
fi
cd "$copy"

out=$("$pipe" new-stage word-gate --package-path . 2>&1) || fail "new-stage word-gate exited $?: $out"
expect_contains "$out" "Plugins/WordGate/WordGateStage.swift" "new-stage word-gate"
out=$("$pipe" new-stage site-count --batch --package-path . 2>&1) || fail "new-stage site-count --batch exited $?: $out"
set +e
out=$("$pipe" new-stage word-gate --package-path . 2>&1); status=$?
set -e
[ "$status" -eq 2 ] || fail "a second new-stage word-gate exited $status, not 2"
expect_contains "$out" "Plugins/WordGate already exists" "a second new-stage word-gate"

build=$(swift build 2>&1) || { printf '%s\n' "$build" | tail -60; fail "the scaffolded package does not build"; }
stages=$(.build/debug/pipe stages)
expect_contains "$stages" "word-gate   document  Drops documents with fewer than \`min_words\` words." "pipe stages"
expect_contains "$stages" "site-count  batch" "pipe stages"
help=$(.build/debug/pipe stages word-gate)
expect_contains "$help" "min_words (integer, default 50)" "pipe stages word-gate"
tests=$(swift test --filter 'WordGateTests|SiteCountTests' 2>&1) || { printf '%s\n' "$tests" | tail -60; fail "the scaffolded stages' tests fail"; }
expect_contains "$tests" "4 tests in 2 suites passed" "the scaffolded stages' tests"
# A type that conforms to Stage alone, with neither shape, must not compile (it used to compile and
# stop the first run with a precondition failure).
cat > Plugins/WordGate/Shapeless.swift <<'SWIFT'
import PipelineKit

struct Shapeless: Stage {
    static let name = "shapeless"
    static let abstract = "Conforms to Stage alone."
    init(options: NoOptions, context: StageSetup) {}
}
SWIFT
set +e
build=$(swift build 2>&1); status=$?
set -e
rm Plugins/WordGate/Shapeless.swift
[ "$status" -ne 0 ] || fail "a stage conforming to Stage alone compiled"
expect_contains "$build" "type 'Shapeless' does not conform to protocol 'Stage'" "a shapeless stage"
echo "new-stage: ok (document and batch stages scaffolded, built, listed and tested; a shapeless stage does not compile)"
