#!/usr/bin/env bash
# Side by side with METIS 5.1: installs METIS from Debian's packages (needs
# root, as on the project's machines), then runs hubpart and gpmetis -contig on
# the same graph and prints one table per data set.
#   scripts/compare-metis.sh              # England practices
#   scripts/compare-metis.sh postcodes    # all 1.7M GB postcodes (slow: METIS ~20 s)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v gpmetis >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq metis
fi
go run ./examples/metis -data "${1:-england}"
