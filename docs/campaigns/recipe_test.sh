#!/usr/bin/env bash
# Test of the campaign recipes (docs/campaigns.md), run by ctest: usage recipe_test.sh ZXSPEC.
#  1. The CI matrix (github-actions.yml) and the Kubernetes Jobs (k8s-*.yaml) run shard.sh for
#     every index 0..N-1 with the same SHARD_COUNT, and merge.sh after them.
#  2. The shards run locally as those engines run them (SHARD_INDEX as the matrix sets it,
#     JOB_COMPLETION_INDEX as an Indexed Job sets it) and merge to the whole campaign.
#  3. The merge rejects a missing shard and a repeated one.
set -euo pipefail
ZXSPEC=$(realpath "${1:?usage: recipe_test.sh ZXSPEC}")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_in() { grep -qF -- "$1" "$2" || fail "$2 lacks: $1"; }

# 1. The recipes' wiring.
gha=$here/github-actions.yml
n=$(sed -n 's/^  SHARD_COUNT: \([0-9]*\)$/\1/p' "$gha")
[ -n "$n" ] || fail "github-actions.yml sets no SHARD_COUNT"
matrix=$(sed -n 's/^ *shard: \[\(.*\)\]$/\1/p' "$gha" | tr -d ' ')
[ "$matrix" = "$(seq -s, 0 $((n - 1)))" ] || fail "matrix [$matrix] is not 0..$((n - 1))"
expect_in 'run: docs/campaigns/shard.sh' "$gha"
expect_in 'SHARD_INDEX: ${{ matrix.shard }}' "$gha"
expect_in 'needs: shard' "$gha"
expect_in 'run: docs/campaigns/merge.sh' "$gha"
k8s=$here/k8s-indexed-job.yaml
expect_in 'completionMode: Indexed' "$k8s"
expect_in 'command: ["docs/campaigns/shard.sh"]' "$k8s"
[ "$(sed -n 's/^  completions: \([0-9]*\)$/\1/p' "$k8s")" = "$n" ] || fail "completions != $n"
grep -A1 'name: SHARD_COUNT' "$k8s" | grep -qF "value: \"$n\"" || fail "k8s SHARD_COUNT != $n"
merge_job=$here/k8s-merge-job.yaml
expect_in 'command: ["docs/campaigns/merge.sh"]' "$merge_job"
grep -A1 'name: SHARD_COUNT' "$merge_job" | grep -qF "value: \"$n\"" || fail "merge SHARD_COUNT"

# 2. Three shards of a small campaign, run as the engines run them.
export ZXSPEC OUT_DIR=$work/campaign SHARD_COUNT=3 SEED=7 RUNS=6 MAX_STEPS=4
export PROPERTY=invariants,identities
SHARD_INDEX=0 "$here/shard.sh"
SHARD_INDEX=1 "$here/shard.sh"
JOB_COMPLETION_INDEX=2 "$here/shard.sh"
for i in 0 1 2; do
  [ -s "$OUT_DIR/shard-$i-of-3.json" ] || fail "no report of shard $i"
  [ -s "$OUT_DIR/shard-$i-of-3.xml" ] || fail "no JUnit report of shard $i"
done
"$here/merge.sh" --json > "$work/merged.json" || fail "the merge of every shard failed"
[ "$(grep -c '"cases": 6,' "$work/merged.json")" = 2 ] || fail "merged cases are not 6 and 6"
expect_in '"shards": [' "$work/merged.json"
[ -s "$OUT_DIR/campaign.xml" ] || fail "no JUnit report of the merge"
if (unset SHARD_INDEX; "$here/shard.sh" 2>/dev/null); then fail "a shard without index ran"; fi

# 3. A missing shard, then a repeated one (shard 0's report under shard 2's name).
mv "$OUT_DIR/shard-2-of-3.json" "$work/held"
code=0; "$here/merge.sh" > "$work/out" 2>&1 || code=$?
[ "$code" = 2 ] || fail "merge without shard 2 exited $code"
expect_in "shard 2/3 is missing" "$work/out"
cp "$OUT_DIR/shard-0-of-3.json" "$OUT_DIR/shard-2-of-3.json"
code=0; "$here/merge.sh" > "$work/out" 2>&1 || code=$?
[ "$code" = 2 ] || fail "merge with shard 0 twice exited $code"
expect_in "shard 0 appears twice" "$work/out"
echo "campaign recipes: ok"
