#!/usr/bin/env bash
# One-command tour: build svcacct and svcacct-sandbox, start a local platform on 127.0.0.1,
# sign in through the browser flow and as a service account, mint tokens, show status, log out.
# Nothing touches your own config: it all lives in a temp dir, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# Use a real OS keychain. Without a Secret Service in this session, start a private one
# (gnome-keyring on its own D-Bus session); without gnome-keyring, fall back to a 0600 file,
# and say so.
if [ -z "${SVCACCT_QUICKSTART_SESSION:-}" ] && [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] \
    && command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
    export SVCACCT_QUICKSTART_SESSION=1
    # dbus-daemon, started as root under a hard fd limit below 65536, says it cannot raise the
    # limit (harmless): that one line is dropped, everything else passes.
    exec dbus-run-session -- bash "$0" "$@" 2> >(grep --line-buffered -v 'Failed to set fd limit' >&2)
fi

work=$(mktemp -d)
sandbox_pid=""
cleanup() {
    [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

storage=()
if [ -n "${SVCACCT_QUICKSTART_SESSION:-}" ]; then
    mkdir -p "$work/keyring/share"
    printf 'quickstart' | HOME="$work/keyring" XDG_DATA_HOME="$work/keyring/share" \
        gnome-keyring-daemon --unlock --components=secrets >/dev/null
elif [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    echo "note: no OS keychain here (install gnome-keyring); the tour uses --insecure-storage" >&2
    storage=(--insecure-storage)
fi

echo "==> Building svcacct and svcacct-sandbox"
echo "    (the first build takes a minute or two; cargo shows its progress)"
cargo build --workspace --bins
# Where cargo put them (CARGO_TARGET_DIR, a config's build.target-dir, or ./target).
target_dir=$(cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
bin="$target_dir/debug"
export SVCACCT_CONFIG_DIR="$work/config"
# The CI-mode token cache too: in the temp dir, not in your ~/.cache or session runtime dir.
export XDG_CACHE_HOME="$work/cache" XDG_RUNTIME_DIR="$work/run"
mkdir -m 700 "$work/run"
unset SVCACCT_TOKEN SVCACCT_CLIENT_ID SVCACCT_CLIENT_SECRET SVCACCT_PROFILE SVCACCT_API_URL \
    SVCACCT_PROVIDER SVCACCT_COMPANY_ID SVCACCT_CLIENT_ASSERTION_FILE SVCACCT_AUDIENCE

echo "==> Starting the sandbox (a real OAuth server + platform API, SQLite in a temp dir)"
"$bin/svcacct-sandbox" serve --listen 127.0.0.1:0 --data "$work/data" --quiet --allow-loopback-webhooks --no-external-webhooks >"$work/sandbox.out" &
sandbox_pid=$!
for _ in $(seq 100); do
    grep -q '^listening on ' "$work/sandbox.out" 2>/dev/null && break
    sleep 0.1
done
api=$(sed -n 's/^listening on //p' "$work/sandbox.out")
[ -n "$api" ] || { echo "error: the sandbox did not start" >&2; exit 1; }
echo "    $api  (demo users and secrets: $work/data/bootstrap.json)"

field() { python3 -c "import json,sys; d=json.load(open('$work/data/bootstrap.json')); print(eval('d'+sys.argv[1]))" "$1"; }
run() { echo; printf '$ svcacct'; printf ' %q' "$@"; echo; "$bin/svcacct" "$@"; }

echo
echo "==> 1. Sign in as a person: authorization code + PKCE on a loopback port."
echo "    A scripted browser (\$BROWSER) fills in the sandbox's real login and consent forms as 'admin'."
export BROWSER="python3 $root/tests/cli/browser.py" SIM_LOGIN=admin SIM_PASSWORD
SIM_PASSWORD=$(field "['users']['admin']['password']")
run login --api "$api" "${storage[@]}"
run status
echo
echo "\$ svcacct token | cut -c1-12"
"$bin/svcacct" token | cut -c1-12

echo
echo "==> 2. Service accounts (admin only): list, create with a permission, reset the secret"
run sa list
run sa create --name "CI deploy bot" --email ci-bot@acme.example --permission documents=read \
    --secret-file "$work/ci-bot.secret"
bot=$("$bin/svcacct" sa list --json --q "CI deploy bot" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
run sa view "$bot"
echo
echo "\$ svcacct reset-secret $bot   (asks \"Continue?\" on a terminal; --yes answers it here)"
"$bin/svcacct" reset-secret "$bot" --yes --reapply-permissions --secret-file "$work/ci-bot.secret" --force

echo
echo "==> 3. Personal access tokens (shown once; here written to a 0600 file)"
run tokens create --name quickstart --expires-in 7d --secret-file "$work/pat.txt"
run tokens list

echo
echo "==> 4. Webhooks (account owners only): a local receiver gets an event from a real action"
"$bin/svcacct-sandbox" receive --listen 127.0.0.1:0 >"$work/receiver.out" &
receiver_pid=$!
for _ in $(seq 100); do grep -q '^listening on ' "$work/receiver.out" 2>/dev/null && break; sleep 0.1; done
hook_url=$(sed -n 's/^listening on //p' "$work/receiver.out")
SIM_LOGIN=owner SIM_PASSWORD=$(field "['users']['owner']['password']") run --profile owner login --api "$api" "${storage[@]}"
run --profile owner webhooks create --url "$hook_url" --event 'ticket.*'
run --profile owner api POST '/api/v1/companies/{company}/projects/1/tickets' -f title="Crack in slab B2"
for _ in $(seq 100); do [ "$(wc -l <"$work/receiver.out")" -ge 2 ] && break; sleep 0.1; done
run --profile owner webhooks deliveries 1
echo
echo "The receiver got:"
sed -n 2p "$work/receiver.out" | python3 -c 'import json,sys; r=json.load(sys.stdin); b=json.loads(r["body"]); print("  ", b["type"], b["id"], "ticket:", b["data"]["ticket"]["title"])'
kill "$receiver_pid" 2>/dev/null; wait "$receiver_pid" 2>/dev/null || true

echo
echo "==> 5. Sign in as the demo service account (client credentials; the secret comes from stdin, never argv)"
field "['service_account']['client_secret']" | run --profile ci login --api "$api" --client-credentials \
    --client-id "$(field "['service_account']['client_id']")" --client-secret-stdin "${storage[@]}"
run --profile ci status

echo
echo "==> 6. CI mode: no stored state at all (an empty config dir), credentials from the environment"
echo "\$ SVCACCT_API_URL=… SVCACCT_CLIENT_ID=… SVCACCT_CLIENT_SECRET=… svcacct status / token"
ci_config="$work/ci-config"
ci_env=(env SVCACCT_CONFIG_DIR="$ci_config" SVCACCT_API_URL="$api"
    SVCACCT_CLIENT_ID="$(field "['service_account']['client_id']")"
    SVCACCT_CLIENT_SECRET="$(field "['service_account']['client_secret']")")
"${ci_env[@]}" "$bin/svcacct" status
"${ci_env[@]}" "$bin/svcacct" token | cut -c1-12
if [ -e "$ci_config" ]; then echo "error: CI mode wrote state to $ci_config" >&2; exit 1; fi

echo "==> 7. Log out: tokens are revoked at the server and deleted locally"
run logout
run --profile owner logout
run --profile ci logout
echo
echo "Done. Try it yourself (sandbox/README.md):"
echo "  $bin/svcacct-sandbox serve --listen 127.0.0.1:8080 --data $root/sandbox-data --explore"
echo "  $bin/svcacct login --api http://127.0.0.1:8080   # add --insecure-storage without a keychain"
