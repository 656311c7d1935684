#!/usr/bin/env bash
# Webhook delivery benchmark (issue 5); see bench_webhooks.py.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --workspace --bins
exec python3 scripts/bench_webhooks.py "$@"
