#!/usr/bin/env bash
# England with -hubs K for each K given (default: 1,250 to 1,850 in steps
# of 50), seed S (default 1): prints K, the hubs made, how many are within
# [30,000, 50,000] (the 11 single practices above 50,000 never are) and the
# user CPU seconds of the run.
#   scripts/hub-counts.sh [-seed S] [K ...]
set -euo pipefail
cd "$(dirname "$0")/.."
seed=1
if [ "${1:-}" = "-seed" ]; then seed=$2; shift 2; fi
ks=("$@")
if [ ${#ks[@]} -eq 0 ]; then ks=($(seq 1250 50 1850)); fi
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/hubpart" ./cmd/hubpart
d=testdata/england-2021
echo "asked made within_bounds cpu_s"
for k in "${ks[@]}"; do
  /usr/bin/time -o "$bin/t" -f "%U" "$bin/hubpart" partition -q -seed "$seed" -no-areas -hubs "$k" \
    -in $d/practices.csv -boundary $d/england_boundary.geojson 2>/dev/null >"$bin/out" || true
  awk -v k="$k" -v t="$(cat "$bin/t")" '$1 == "hub" && $2 ~ /^\[/ {gsub(",", "", $4); gsub(",", "", $5); print k, $4, $5, t}' "$bin/out"
done
