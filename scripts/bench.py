#!/usr/bin/env python3
"""Startup and token benchmarks (issue 7), as ratios measured in this run, medians of RUNS.

  svcacct --version               vs  gh auth token (Debian's gh, GH_TOKEN set)   target <= 0.5x
  svcacct token (cached)          vs  gh auth token                               target <= 0.1x
                                  (the keychain's access token from the kernel keyring tier)
  network requests made by the cached runs (counted by the sandbox)               target 0
  svcacct token --refresh (CI env) vs one curl client-credentials request         target <= 1.3x
                                  (--refresh: environment tokens are cached too since issue 17)
  release binary sizes

Usage: scripts/bench.sh [RUNS=21]   (runs under a private gnome-keyring when one is installed)
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release")


def median_time(cmd, env, runs):
    for _ in range(3):
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def requests_logged(path):
    with open(path) as f:
        return sum(1 for line in f if line.startswith(("GET ", "POST ", "PATCH ", "PUT ", "DELETE ")))


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    gh = shutil.which("gh")
    if not gh:
        sys.exit("error: gh is missing (sudo apt-get install gh): it is the baseline")
    svcacct = os.path.join(BIN, "svcacct")
    with tempfile.TemporaryDirectory() as tmp:
        log_path = os.path.join(tmp, "sandbox.log")
        log = open(log_path, "w")
        sandbox = subprocess.Popen([os.path.join(BIN, "svcacct-sandbox"), "serve", "--listen", "127.0.0.1:0", "--data",
                                    os.path.join(tmp, "data"), "--rate-limit", "1000000/min"],
                                   stdout=subprocess.PIPE, stderr=log, text=True)
        try:
            api = sandbox.stdout.readline().strip().removeprefix("listening on ")
            boot = json.load(open(os.path.join(tmp, "data", "bootstrap.json")))
            sa = boot["service_account"]
            env = {k: v for k, v in os.environ.items() if not k.startswith("SVCACCT_")}
            env["SVCACCT_CONFIG_DIR"] = os.path.join(tmp, "config")
            keychain = bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS"))
            storage = [] if keychain else ["--insecure-storage"]
            subprocess.run([svcacct, "login", "--api", api, "--client-credentials", "--client-id", sa["client_id"],
                            "--client-secret-stdin", *storage], input=sa["client_secret"], text=True, env=env, check=True,
                           stderr=subprocess.DEVNULL)
            subprocess.run([svcacct, "token"], env=env, check=True, stdout=subprocess.DEVNULL)
            gh_env = dict(env, GH_TOKEN="ghp_" + "x" * 36, GH_NO_UPDATE_NOTIFIER="1", GH_CONFIG_DIR=os.path.join(tmp, "gh"))
            t_gh = median_time([gh, "auth", "token"], gh_env, runs)
            t_version = median_time([svcacct, "--version"], env, runs)
            before = requests_logged(log_path)
            t_cached = median_time([svcacct, "token"], env, runs)
            cached_requests = requests_logged(log_path) - before
            ci_env = dict(env, SVCACCT_API_URL=api, SVCACCT_CLIENT_ID=sa["client_id"],
                          SVCACCT_CLIENT_SECRET=sa["client_secret"], SVCACCT_TOKEN_URL=f"{api}/oauth/token",
                          SVCACCT_CONFIG_DIR=os.path.join(tmp, "ci-config"))
            # As in a login session (systemd's /run/user/UID): the token cache is a file in the
            # session's runtime directory; without one (a container), the keychain keeps it.
            runtime = os.path.join(tmp, "run")
            os.mkdir(runtime, 0o700)
            t_remint = median_time([svcacct, "token", "--refresh"], dict(ci_env, XDG_RUNTIME_DIR=runtime), runs)
            no_runtime = {k: v for k, v in ci_env.items() if k != "XDG_RUNTIME_DIR"}
            t_remint_keychain = median_time([svcacct, "token", "--refresh"], no_runtime, runs)
            t_curl = median_time(["curl", "-sf", "-u", f"{sa['client_id']}:{sa['client_secret']}", "-d",
                                  "grant_type=client_credentials", f"{api}/oauth/token"], env, runs)
        finally:
            sandbox.terminate()
            sandbox.wait(timeout=20)
    size = lambda name: os.path.getsize(os.path.join(BIN, name)) / 2**20
    print(f"medians of {runs} cold runs; credentials in the {'OS keychain' if keychain else 'insecure file (no keychain here)'}")
    print(f"  gh auth token (GH_TOKEN set)  {t_gh * 1000:7.2f} ms   baseline")
    print(f"  svcacct --version             {t_version * 1000:7.2f} ms   {t_version / t_gh:.2f}x gh   (target <= 0.5x)")
    print(f"  svcacct token (cached)        {t_cached * 1000:7.2f} ms   {t_cached / t_gh:.2f}x gh   (target <= 0.1x)")
    print(f"  network requests by {runs + 3} cached runs: {cached_requests}   (target 0)")
    print(f"  curl token request            {t_curl * 1000:7.2f} ms   baseline")
    print(f"  svcacct token --refresh       {t_remint * 1000:7.2f} ms   {t_remint / t_curl:.2f}x curl (target <= 1.3x; cache in $XDG_RUNTIME_DIR)")
    print(f"    the same, no runtime dir    {t_remint_keychain * 1000:7.2f} ms   {t_remint_keychain / t_curl:.2f}x curl (the token cached in the {'OS keychain' if keychain else 'file under ~/.cache'})")
    print(f"  release binaries: svcacct {size('svcacct'):.1f} MiB, svcacct-sandbox {size('svcacct-sandbox'):.1f} MiB (stripped, thin LTO)")


if __name__ == "__main__":
    main()
