#!/usr/bin/env bash
# England with every output beside METIS, in the same minutes: alternates
# METIS 5.1 (examples/metis; gpmetis's "Partitioning" time) with the hubpart
# CLI writing the CSV, GeoJSON, SVG and PNG (to a temporary directory), and
# with the CLI partitioning only, N times (default 12). Each hubpart line is
# "wall user system" seconds from /usr/bin/time. Installs METIS from Debian
# when gpmetis is missing (needs root), as scripts/compare-metis.sh does.
#   scripts/england-outputs.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v gpmetis >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq metis
fi
bin=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$bin" "$out"' EXIT
go build -o "$bin/hubpart" ./cmd/hubpart
go build -o "$bin/metis" ./examples/metis
d=testdata/england-2021
for _ in $(seq 1 "${1:-12}"); do
  "$bin/metis" -data england | awk '/^time/ {print "metis partitioning", $2}'
  /usr/bin/time -f "hubpart every output %e %U %S" "$bin/hubpart" partition -q -in $d/practices.csv \
    -boundary $d/england_boundary.geojson -out-csv "$out/a.csv" -out-geojson "$out/h.geojson" \
    -map-svg "$out/m.svg" -map-png "$out/m.png" >/dev/null
  /usr/bin/time -f "hubpart partition only %e %U %S" "$bin/hubpart" partition -q -in $d/practices.csv \
    -boundary $d/england_boundary.geojson >/dev/null
  uptime | sed 's/.*load average: /load average /'
done
