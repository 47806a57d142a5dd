#!/usr/bin/env bash
# One shard of a property campaign (docs/campaigns.md): runs
#   zxspec check --shard I/N --seed S --runs R --max-steps K [--property P] --json --junit ...
# and writes OUT_DIR/shard-I-of-N.json (the report the merge reads), shard-I-of-N.xml (JUnit)
# and OUT_DIR/counterexamples-I/ (shrunk .zxs files of failing properties).
#
#   I          SHARD_INDEX, else JOB_COMPLETION_INDEX (set by a Kubernetes Indexed Job)
#   N          SHARD_COUNT
#   campaign   SEED (1), RUNS (10000), MAX_STEPS (50), PROPERTY (every property)
#   OUT_DIR    where the reports go (zxspec-campaign)
#   ZXSPEC     the zxspec binary (zxspec on PATH)
#
# Every shard must be given the same SEED, RUNS, MAX_STEPS, PROPERTY and SHARD_COUNT. A shard
# whose properties failed still succeeds here (exit 0) once its report is written: the merge
# decides. A bad configuration (exit 2) or a shard that ran no case (exit 4: more shards than
# runs) fails the shard.
set -euo pipefail
ZXSPEC=${ZXSPEC:-zxspec}
I=${SHARD_INDEX:-${JOB_COMPLETION_INDEX:-}}
if [ -z "$I" ]; then
  echo "shard.sh: set SHARD_INDEX (or JOB_COMPLETION_INDEX)" >&2
  exit 2
fi
N=${SHARD_COUNT:?shard.sh: set SHARD_COUNT}
OUT_DIR=${OUT_DIR:-zxspec-campaign}
mkdir -p "$OUT_DIR"
args=(check --shard "$I/$N" --seed "${SEED:-1}" --runs "${RUNS:-10000}"
      --max-steps "${MAX_STEPS:-50}" --out "$OUT_DIR/counterexamples-$I"
      --json --junit "$OUT_DIR/shard-$I-of-$N.xml")
if [ -n "${PROPERTY:-}" ]; then args+=(--property "$PROPERTY"); fi
code=0
"$ZXSPEC" "${args[@]}" > "$OUT_DIR/shard-$I-of-$N.json" || code=$?
case $code in
  0|1) echo "shard $I/$N: report $OUT_DIR/shard-$I-of-$N.json (exit $code)" >&2; exit 0 ;;
  *) rm -f "$OUT_DIR/shard-$I-of-$N.json"; echo "shard $I/$N: zxspec check exit $code" >&2
     exit "$code" ;;
esac
