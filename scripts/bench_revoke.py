#!/usr/bin/env python3
"""Benchmark: revoke N personal access tokens of a user under a per-account budget of L requests
per W-second window, and compare the time with the least the budget allows.

The CLI makes 1 + N requests (list, then one DELETE each). With a fixed window starting at the
first request, the last one can go out at the start of window floor(N / L) + 1, so the least time
is floor(N / L) * W. Reported: measured / least (target: at most 1.10) and the 429s the sandbox
answered during the run (target: 0 — the CLI paces itself from the RateLimit-* headers).

Usage: scripts/bench-revoke.sh [N=100] [L=30] [W=60]   (W=60 is the real 30/min; try W=6 for a quick run)
"""
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release")


def serve(data, limit, window, log):
    proc = subprocess.Popen(
        [os.path.join(BIN, "svcacct-sandbox"), "serve", "--listen", "127.0.0.1:0", "--data", data,
         "--rate-limit", f"{limit}/min", "--rate-window", str(window)],
        stdout=subprocess.PIPE, stderr=log, text=True)
    line = proc.stdout.readline().strip()
    assert line.startswith("listening on "), line
    return proc, line.removeprefix("listening on ")


def stop(proc):
    proc.terminate()
    proc.wait(timeout=20)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    window = int(sys.argv[3]) if len(sys.argv) > 3 else 60
    svcacct = os.path.join(BIN, "svcacct")
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        env = dict(os.environ)
        for k in ("SVCACCT_TOKEN", "SVCACCT_PROFILE", "SVCACCT_CLIENT_ID", "SVCACCT_CLIENT_SECRET"):
            env.pop(k, None)
        homes = {u: dict(env, SVCACCT_CONFIG_DIR=os.path.join(tmp, u)) for u in ("owner", "manager")}
        # Setup with a generous budget: sign in, and give the manager N tokens.
        with open(os.devnull, "w") as quiet:
            proc, api = serve(data, 1_000_000, 60, quiet)
            try:
                boot = json.load(open(os.path.join(data, "bootstrap.json")))
                for user, home in homes.items():
                    browser = dict(home, BROWSER=f"python3 {ROOT}/tests/cli/browser.py", SIM_LOGIN=user,
                                   SIM_PASSWORD=boot["users"][user]["password"])
                    subprocess.run([svcacct, "login", "--api", api, "--insecure-storage"], env=browser, check=True,
                                   stderr=subprocess.DEVNULL)
                for i in range(n):
                    subprocess.run([svcacct, "tokens", "create", "--name", f"bench-{i}"], env=homes["manager"],
                                   check=True, capture_output=True)
            finally:
                stop(proc)
        # The measured run: the same data on a new port (re-point the owner's profile), real budget.
        log_path = os.path.join(tmp, "sandbox.log")
        with open(log_path, "w") as log:
            proc, api = serve(data, limit, window, log)
            try:
                cfg = os.path.join(homes["owner"]["SVCACCT_CONFIG_DIR"], "config.toml")
                text = open(cfg).read()
                old = text.split('api_url = "')[1].split('"')[0].rstrip("/")
                open(cfg, "w").write(text.replace(old, api))
                manager_id = str(boot["users"]["manager"]["id"])
                started = time.perf_counter()
                run = subprocess.run([svcacct, "tokens", "revoke", "--all", "--user", manager_id, "--yes"],
                                     env=homes["owner"], capture_output=True, text=True)
                took = time.perf_counter() - started
            finally:
                stop(proc)
        summary = [l for l in run.stderr.splitlines() if l.startswith("Revoked")]
        assert run.returncode == 0, run.stderr
        rejected = sum(1 for l in open(log_path) if " 429 " in l)
    least = (n // limit) * window
    print(f"revoking {n} tokens under {limit} requests per {window} s")
    print(f"  {summary[0] if summary else '?'}")
    print(f"  took {took:.1f} s; the budget allows at least {least} s")
    print(f"  ratio measured/least: {took / least:.3f}   (target: at most 1.10)")
    print(f"  429 answers during the run: {rejected}   (target: 0)")


if __name__ == "__main__":
    main()
