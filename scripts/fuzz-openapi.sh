#!/usr/bin/env bash
# An outside fuzzer over our own contract: schemathesis (PyPI) against the sandbox's
# /openapi.json, signed in as the account owner. It fails on any server error, any response that
# does not match the document (status code, content type, headers, body schema) and any request
# that breaks the document but is accepted. Not checked: "a schema-valid request was rejected",
# because the sandbox applies rules a schema cannot state (https-only public webhook
# destinations, an Idempotency-Key reused for another request, ids that do not exist, state);
# nor "a created resource is found": a repeated Idempotency-Key replays the first answer by
# design, and the token it names may have been revoked since. Webhook deliveries stay on this
# machine (--no-external-webhooks): fuzzed destinations are recorded as not sent.
# Usage: scripts/fuzz-openapi.sh   (FUZZ_EXAMPLES=100, FUZZ_SEED=20261123 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command -v st >/dev/null || {
    echo "error: schemathesis is missing (pip install 'schemathesis==4.32.5')" >&2
    exit 2
}
cargo build --quiet --workspace --bins
bin="$root/target/debug"
work=$(mktemp -d)
sandbox_pid=""
cleanup() {
    [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

"$bin/svcacct-sandbox" serve --listen 127.0.0.1:0 --data "$work/data" --quiet \
    --rate-limit 1000000/min --no-external-webhooks >"$work/sandbox.out" &
sandbox_pid=$!
for _ in $(seq 100); do
    grep -q '^listening on ' "$work/sandbox.out" 2>/dev/null && break
    sleep 0.1
done
api=$(sed -n 's/^listening on //p' "$work/sandbox.out")
[ -n "$api" ] || { echo "error: the sandbox did not start" >&2; exit 1; }

# The owner signs in through the real login and consent pages (the scripted browser); the
# token goes to the fuzzer through a 0600 config file, not the command line.
password=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['users']['owner']['password'])" "$work/data/bootstrap.json")
SVCACCT_CONFIG_DIR="$work/config" BROWSER="python3 $root/tests/cli/browser.py" SIM_LOGIN=owner \
    SIM_PASSWORD="$password" "$bin/svcacct" login --api "$api" --insecure-storage --timeout 60 \
    >/dev/null 2>"$work/login.err" || { cat "$work/login.err" >&2; exit 1; }
(
    umask 077
    printf '[headers]\nAuthorization = "Bearer %s"\n' \
        "$(SVCACCT_CONFIG_DIR="$work/config" "$bin/svcacct" token)" >"$work/schemathesis.toml"
)

echo "==> schemathesis $(st --version | awk '{print $NF}') against $api/openapi.json"
# One worker: schemathesis' coverage phase hits a CPython 3.11 AST error when threaded.
# From the temp dir: schemathesis and hypothesis keep caches in the working directory, and a
# run must neither leave them in the repository nor replay an earlier run's.
cd "$work"
st --config-file "$work/schemathesis.toml" run "$api/openapi.json" --url "$api" \
    --checks all --exclude-checks positive_data_acceptance,ensure_resource_availability \
    --max-examples "${FUZZ_EXAMPLES:-100}" --seed "${FUZZ_SEED:-20261123}" --workers 1 \
    --request-timeout 30 --no-color
