#!/usr/bin/env bash
# Regenerate the committed artefacts from the clap tree: completions/ and man/.
# (The tests compare them with the code and fail when they drift.)
set -euo pipefail
cd "$(dirname "$0")/.."
SVCACCT_BLESS=1 cargo test --quiet --test cli -- release::completion_scripts release::man_pages
git status --short completions man
