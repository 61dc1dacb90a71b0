#!/usr/bin/env bash
# Reproduces the figures in BENCHMARKS.md: runs the benchmarks named there
# and summarises them with benchstat (fetched through the Go module proxy).
#   scripts/bench.sh                 # everything (about 15 minutes on 2 cores)
#   scripts/bench.sh quick           # England only
# COUNT (default 6 for small inputs, 3 for large) sets the repetitions.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-bench.txt}
: > "$out"
small=${COUNT:-6}
large=${COUNT:-3}
run() { go test -run '^$' -benchmem "$@" | tee -a "$out"; }

run -bench 'EndToEndEngland' -count "$small" ./cmd/hubpart
run -bench 'RunEngland' -count "$small" ./partition
run -bench 'BuildEngland' -count "$small" ./graph
run -bench 'Triangulate/(England|10k|100k|1M)$|ReadCSVEngland|VoronoiEngland$|DissolveEngland' -count "$small" ./geo/delaunay ./geo/voronoi ./input
run -bench 'GeoJSONEngland|PNGEngland|SVGEngland' -count "$small" ./export
if [ "${1:-}" != quick ]; then
  run -bench 'EndToEndSynthetic' -benchtime 1x -count "$large" ./cmd/hubpart
  run -bench 'EndToEndPostcodes' -benchtime 1x -count "$large" ./cmd/hubpart
  run -bench 'Triangulate/postcodes|ReadPostcodes' -benchtime 1x -count "$large" ./geo/delaunay ./input
  run -bench 'ReadFile|Read$|Locate' -count "$small" ./postcode
fi
go run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da "$out"
