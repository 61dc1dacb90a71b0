#!/usr/bin/env bash
# Solves the comparison regions of internal/regions exactly with CBC (MIP with contiguity
# cuts, see scripts/exactmip) and writes testdata/exact/optima.csv, which BenchmarkGapRegions
# (partition) reads. Needs coinor-cbc: apt-get install coinor-cbc. On the project's 2-core
# machine, shared with other jobs, the five regions took from half a minute (Cumbria) to
# about 40 minutes (Birmingham) each.
#   scripts/exact.sh                 # every region
#   scripts/exact.sh -region Norfolk # one region (prints its row; add it to the CSV by hand)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
  exec go run ./scripts/exactmip -out testdata/exact/optima.csv
fi
exec go run ./scripts/exactmip "$@"
