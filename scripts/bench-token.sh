#!/usr/bin/env bash
# Token endpoint and API read throughput (issue 19), measured side by side in one run:
#   1. POST /oauth/token (client_credentials, client_secret_basic): svcacct-sandbox vs
#      oidc-provider (interop/server.mjs) vs the sandbox's own ceiling (the same route answering
#      without touching the store: `serve --bench-ceiling`);
#   2. GET /api/v1/me with a bearer token vs oidc-provider's userinfo;
#   3. the sandbox's memory (RSS) and data-directory growth per 100k tokens issued, with access
#      tokens that expire during the run (the store prunes them).
# Targets: token ≥ 2x oidc-provider and ≥ 50% of the ceiling; reads ≥ 3x userinfo.
#
#   scripts/bench-token.sh [SECONDS]     (default 10 per measurement; wrk -t2 -c8 on 127.0.0.1)
#
# Needs wrk and node (interop/node_modules: `npm ci --prefix interop`). Every server it starts is
# stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10}
THREADS=${BENCH_THREADS:-2}
CONNS=${BENCH_CONNECTIONS:-8}
command -v wrk >/dev/null || { echo "bench-token: needs wrk (apt-get install wrk)" >&2; exit 2; }
command -v node >/dev/null || { echo "bench-token: needs node" >&2; exit 2; }
[ -d interop/node_modules ] || npm ci --prefix interop --silent
[ -n "${BENCH_NO_BUILD:-}" ] || cargo build --release --quiet -p svcacct-sandbox
SANDBOX=${CARGO_TARGET_DIR:-target}/release/svcacct-sandbox

work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do
        kill "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# start NAME CMD...: runs CMD in the background; its first line is "listening on URL".
start() {
    local name=$1
    shift
    "$@" >"$work/$name.out" 2>"$work/$name.err" &
    local pid=$!
    pids+=("$pid")
    for _ in $(seq 1 200); do
        if grep -q '^listening on ' "$work/$name.out" 2>/dev/null; then
            eval "${name}_url=\$(sed -n 's/^listening on //p' \"\$work/\$name.out\" | head -n1)"
            eval "${name}_pid=$pid"
            return
        fi
        kill -0 "$pid" 2>/dev/null || { cat "$work/$name.err" >&2; exit 1; }
        sleep 0.05
    done
    echo "bench-token: $name did not start" >&2
    exit 1
}

# rps NAME URL LUA: wrk's requests per second (non-2xx answers make the run fail).
rps() {
    local name=$1 url=$2 lua=$3
    wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency -s "$lua" "$url" >"$work/$name.wrk"
    if grep -q 'Non-2xx' "$work/$name.wrk"; then
        echo "bench-token: $name answered errors:" >&2
        cat "$work/$name.wrk" >&2
        exit 1
    fi
    awk '/^Requests\/sec:/ {printf "%d", $2}' "$work/$name.wrk"
}
requests() { awk '/requests in/ {print $1}' "$work/$1.wrk"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
dir_bytes() { du -sb "$1" | cut -f1; }

post_lua() { # FILE BASIC_CREDENTIALS
    cat >"$1" <<EOF
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $(printf '%s' "$2" | base64 -w0)"
EOF
}
get_lua() { # FILE BEARER
    cat >"$1" <<EOF
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer $2"
EOF
}

# ---- servers ----
start sandbox "$SANDBOX" serve --listen 127.0.0.1:0 --quiet --data "$work/data" \
    --rate-limit 1000000000/min --token-ttl 5 --prune-expired-after 1
start ceiling "$SANDBOX" serve --listen 127.0.0.1:0 --quiet --data "$work/ceiling-data" --bench-ceiling
start oidc node interop/server.mjs
# shellcheck disable=SC2154 # set by start
sa_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["service_account"]["client_id"])' "$work/data/bootstrap.json")
sa_secret=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["service_account"]["client_secret"])' "$work/data/bootstrap.json")
post_lua "$work/sandbox.lua" "$sa_id:$sa_secret"
post_lua "$work/oidc.lua" "interop-basic:interop-basic-secret-0123456789abcdef"

# ---- 1. the token endpoint ----
rss0=$(rss_kb "$sandbox_pid")
dir0=$(dir_bytes "$work/data")
sandbox_rps=$(rps sandbox "$sandbox_url/oauth/token" "$work/sandbox.lua")
issued=$(requests sandbox)
sleep 2 # a prune round
rss1=$(rss_kb "$sandbox_pid")
dir1=$(dir_bytes "$work/data")
oidc_rps=$(rps oidc "$oidc_url/token" "$work/oidc.lua")
ceiling_rps=$(rps ceiling "$ceiling_url/oauth/token" "$work/sandbox.lua")

# ---- 2. API reads: GET /api/v1/me vs userinfo ----
# A sandbox with the default token lifetime (the one above mints 5 s tokens).
start reads "$SANDBOX" serve --listen 127.0.0.1:0 --quiet --data "$work/reads-data" \
    --rate-limit 1000000000/min
r_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["service_account"]["client_id"])' "$work/reads-data/bootstrap.json")
r_secret=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["service_account"]["client_secret"])' "$work/reads-data/bootstrap.json")
token=$(curl -sf -u "$r_id:$r_secret" -d grant_type=client_credentials "$reads_url/oauth/token" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
get_lua "$work/me.lua" "$token"
me_rps=$(rps me "$reads_url/api/v1/me" "$work/me.lua")

# oidc-provider's userinfo needs a user's token (scope openid): the authorization code flow
# through its dev login and consent pages, with tests/cli/browser.py as the browser and a
# one-shot loopback listener for the redirect.
verifier=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
challenge=$(printf '%s' "$verifier" | openssl dgst -binary -sha256 | base64 -w0 | tr '+/' '-_' | tr -d '=')
python3 - "$work/callback" >"$work/callback.out" 2>/dev/null <<'EOF' &
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        open(sys.argv[1], "w").write(self.path)
        self.send_response(200); self.end_headers(); self.wfile.write(b"ok")
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print("listening on http://127.0.0.1:%d" % s.server_address[1], flush=True)
s.handle_request()
EOF
pids+=("$!")
for _ in $(seq 1 100); do grep -q listening "$work/callback.out" && break; sleep 0.05; done
redirect="$(sed -n 's/^listening on //p' "$work/callback.out")/callback"
auth_url="$oidc_url/auth?client_id=interop-cli&response_type=code&scope=openid&redirect_uri=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "$redirect")&code_challenge=$challenge&code_challenge_method=S256&state=bench"
SIM_LOGIN=bench SIM_PASSWORD=bench python3 tests/cli/browser.py "$auth_url" >/dev/null 2>&1 || true
code=$(python3 -c 'import sys,urllib.parse; q=urllib.parse.urlparse(open(sys.argv[1]).read()).query; print(urllib.parse.parse_qs(q)["code"][0])' "$work/callback")
user_token=$(curl -sf -d grant_type=authorization_code -d client_id=interop-cli -d "code=$code" \
    -d "redirect_uri=$redirect" -d "code_verifier=$verifier" "$oidc_url/token" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
get_lua "$work/userinfo.lua" "$user_token"
userinfo_rps=$(rps userinfo "$oidc_url/me" "$work/userinfo.lua")

# ---- report ----
ratio() { python3 -c "import sys; print(f'{int(sys.argv[1]) / max(int(sys.argv[2]), 1):.2f}')" "$1" "$2"; }
per100k() { python3 -c "import sys; print(f'{(int(sys.argv[1]) - int(sys.argv[2])) * 100000 / max(int(sys.argv[3]), 1) / 1024 / 1024:.1f}')" "$@"; }
echo "wrk -t$THREADS -c$CONNS, ${SECS} s each, 127.0.0.1, $(nproc) CPUs"
echo "token endpoint (client_credentials):"
echo "  svcacct-sandbox   $sandbox_rps req/s"
echo "  oidc-provider     $oidc_rps req/s"
echo "  sandbox ceiling   $ceiling_rps req/s (same route, no store)"
echo "  sandbox / oidc-provider = $(ratio "$sandbox_rps" "$oidc_rps")x (target >= 2)"
echo "  sandbox / ceiling       = $(ratio "$sandbox_rps" "$ceiling_rps")x (target >= 0.5)"
echo "API reads:"
echo "  GET /api/v1/me    $me_rps req/s"
echo "  oidc userinfo     $userinfo_rps req/s"
echo "  me / userinfo     = $(ratio "$me_rps" "$userinfo_rps")x (target >= 3)"
echo "growth while issuing $issued tokens (5 s lifetime, expired ones pruned):"
echo "  memory (RSS)      $(per100k "$((rss1 * 1024))" "$((rss0 * 1024))" "$issued") MiB per 100k tokens"
echo "  data directory    $(per100k "$dir1" "$dir0" "$issued") MiB per 100k tokens"
