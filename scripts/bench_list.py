#!/usr/bin/env python3
"""Benchmark: list N service accounts with `svcacct sa list` against fetching the same pages with
one `curl` (one connection, all page URLs), in the same run, as ratios. Also the peak memory of
svcacct at two sizes, to show it stays flat as the count grows (output is streamed).

Usage: scripts/bench-list.sh [N] [RUNS]   (builds release binaries first)
Only 127.0.0.1 is contacted. Times are medians; the ratio is what to read, not the seconds.
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release")


def start_sandbox(data, count):
    proc = subprocess.Popen(
        [os.path.join(BIN, "svcacct-sandbox"), "serve", "--listen", "127.0.0.1:0", "--data", data, "--quiet",
         "--rate-limit", "1000000/min", "--seed-service-accounts", str(count)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline().strip()
    assert line.startswith("listening on "), line
    return proc, line.removeprefix("listening on ")


def admin_token(api, data, env):
    boot = json.load(open(os.path.join(data, "bootstrap.json")))
    env = dict(env, BROWSER=f"python3 {ROOT}/tests/cli/browser.py", SIM_LOGIN="admin",
               SIM_PASSWORD=boot["users"]["admin"]["password"])
    subprocess.run([os.path.join(BIN, "svcacct"), "login", "--api", api, "--insecure-storage"], env=env, check=True,
                   stderr=subprocess.DEVNULL)
    return subprocess.run([os.path.join(BIN, "svcacct"), "token"], env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def measure(cmd, env):
    """Wall time and peak RSS (KiB) of one run, in a fresh child so ru_maxrss is its own."""
    probe = ("import resource,subprocess,sys,time;t=time.perf_counter();"
             "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL);"
             "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], env=env, capture_output=True, text=True, check=True)
    secs, rss, code = out.stdout.split()
    assert code == "0", f"{cmd[0]} failed"
    return float(secs), int(rss)


def bench(count, runs):
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        proc, api = start_sandbox(data, count)
        try:
            env = dict(os.environ, SVCACCT_CONFIG_DIR=os.path.join(tmp, "config"))
            env.pop("SVCACCT_TOKEN", None)
            token = admin_token(api, data, env)
            env["SVCACCT_TOKEN"], env["SVCACCT_API_URL"], env["SVCACCT_COMPANY_ID"] = token, api, "1"
            total = count + 1
            pages = [f"{api}/api/v1/companies/1/service-accounts?per_page=100&page={p}" for p in range(1, (total + 99) // 100 + 1)]
            svcacct = [os.path.join(BIN, "svcacct"), "sa", "list"]
            curl = ["curl", "-sf", "-H", f"Authorization: Bearer {token}", *pages]
            lines = subprocess.run(svcacct, env=env, capture_output=True, text=True, check=True).stdout.count("\n")
            assert lines == total, f"svcacct listed {lines}, expected {total}"
            s = [measure(svcacct, env) for _ in range(runs)]
            c = [measure(curl, env) for _ in range(runs)]
            return statistics.median(x[0] for x in s), statistics.median(x[0] for x in c), max(x[1] for x in s)
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    small = max(n // 10, 100)
    s_big, c_big, rss_big = bench(n, runs)
    _, _, rss_small = bench(small, runs)
    print(f"listing {n + 1} service accounts, median of {runs} runs")
    print(f"  svcacct sa list   {s_big * 1000:8.1f} ms   peak RSS {rss_big / 1024:6.1f} MiB")
    print(f"  curl (all pages)  {c_big * 1000:8.1f} ms")
    print(f"  time ratio svcacct/curl: {s_big / c_big:.2f}x   (target: at most 1.5x)")
    print(f"  memory ratio {n + 1} vs {small + 1} accounts: {rss_big / rss_small:.2f}x   (flat = about 1.0x)")


if __name__ == "__main__":
    main()
