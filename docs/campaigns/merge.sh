#!/usr/bin/env bash
# The final job of a sharded property campaign (docs/campaigns.md): merges every shard report
# OUT_DIR/shard-*-of-N.json with `zxspec check --merge`, writes OUT_DIR/campaign.xml (JUnit) and
# prints the campaign's table (extra arguments go to zxspec, e.g. --json). The merge fails
# (exit 2) unless the reports cover shards 0..N-1 exactly once and come from one campaign; it
# exits 1 if a property failed, 4 if no case ran, 0 otherwise.
#
#   N        SHARD_COUNT
#   OUT_DIR  where the shard reports are (zxspec-campaign)
#   ZXSPEC   the zxspec binary (zxspec on PATH)
set -euo pipefail
ZXSPEC=${ZXSPEC:-zxspec}
N=${SHARD_COUNT:?merge.sh: set SHARD_COUNT}
OUT_DIR=${OUT_DIR:-zxspec-campaign}
shopt -s nullglob
reports=("$OUT_DIR"/shard-*-of-"$N".json)
if [ ${#reports[@]} -eq 0 ]; then
  echo "merge.sh: no shard report in $OUT_DIR" >&2
  exit 2
fi
exec "$ZXSPEC" check --merge "${reports[@]}" --junit "$OUT_DIR/campaign.xml" "$@"
