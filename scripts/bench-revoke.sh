#!/usr/bin/env bash
# Bulk-revoke pacing benchmark (issue 4); see bench_revoke.py.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --workspace --bins
exec python3 scripts/bench_revoke.py "$@"
