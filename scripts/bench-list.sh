#!/usr/bin/env bash
# Listing benchmark (issue 3): svcacct vs curl on the same pages, as ratios. See bench_list.py.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --workspace --bins
exec python3 scripts/bench_list.py "$@"
