#!/usr/bin/env python3
"""Benchmark: webhook delivery throughput and end-to-end latency (event -> receiver).

Creates N tickets through the API as fast as one keep-alive connection allows; each makes a
ticket.created event that the sandbox delivers to `svcacct-sandbox receive` on 127.0.0.1.
Reported, from the same run: events created per second (the baseline: deliveries cannot outrun
it), deliveries per second and their ratio, and the latency from the event's occurred_at to the
receiver's clock (p50/p95/p99/max; one machine, one clock).

Usage: scripts/bench-webhooks.sh [N=10000]
"""
import datetime
import http.client
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release")


def first_line(proc):
    line = proc.stdout.readline().strip()
    assert line.startswith("listening on "), line
    return line.removeprefix("listening on ")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        sandbox = subprocess.Popen([os.path.join(BIN, "svcacct-sandbox"), "serve", "--listen", "127.0.0.1:0", "--allow-loopback-webhooks", "--no-external-webhooks", "--data", data,
                                    "--quiet", "--rate-limit", "10000000/min"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        receiver = subprocess.Popen([os.path.join(BIN, "svcacct-sandbox"), "receive", "--listen", "127.0.0.1:0"],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            api, hook_url = first_line(sandbox), first_line(receiver)
            env = dict(os.environ, SVCACCT_CONFIG_DIR=os.path.join(tmp, "config"))
            env.pop("SVCACCT_TOKEN", None)
            boot = json.load(open(os.path.join(data, "bootstrap.json")))
            svcacct = os.path.join(BIN, "svcacct")
            subprocess.run([svcacct, "login", "--api", api, "--insecure-storage"], check=True, stderr=subprocess.DEVNULL,
                           env=dict(env, BROWSER=f"python3 {ROOT}/tests/cli/browser.py", SIM_LOGIN="owner",
                                    SIM_PASSWORD=boot["users"]["owner"]["password"]))
            token = subprocess.run([svcacct, "token"], env=env, check=True, capture_output=True, text=True).stdout.strip()
            subprocess.run([svcacct, "webhooks", "create", "--url", hook_url, "--event", "ticket.created"], env=env, check=True,
                           stderr=subprocess.DEVNULL)

            arrivals = queue.Queue()
            def read():
                for line in receiver.stdout:
                    arrivals.put(json.loads(line))
            threading.Thread(target=read, daemon=True).start()

            host = urllib.parse.urlsplit(api)
            conn = http.client.HTTPConnection(host.hostname, host.port)
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            started = time.perf_counter()
            for i in range(n):
                conn.request("POST", "/api/v1/companies/1/projects/1/tickets", body=json.dumps({"title": f"bench {i}"}), headers=headers)
                resp = conn.getresponse()
                resp.read()
                assert resp.status == 201, resp.status
            created = time.perf_counter() - started

            ids, latencies, deadline = set(), [], time.time() + 600
            while len(ids) < n and time.time() < deadline:
                got = arrivals.get(timeout=60)
                body = json.loads(got["body"])
                if body["type"] != "ticket.created" or body["id"] in ids:
                    continue
                ids.add(body["id"])
                occurred = datetime.datetime.fromisoformat(body["occurred_at"]).timestamp() * 1000
                latencies.append(got["received_at_ms"] - occurred)
            delivered = time.perf_counter() - started
        finally:
            for p in (sandbox, receiver):
                p.terminate()
                p.wait(timeout=20)
    assert len(ids) == n, f"only {len(ids)} of {n} events arrived"
    q = statistics.quantiles(latencies, n=100)
    print(f"{n} ticket.created events delivered to a local receiver")
    print(f"  events created:   {n / created:8.0f} /s  ({created:.2f} s, one keep-alive API connection)")
    print(f"  events delivered: {n / delivered:8.0f} /s  ({delivered:.2f} s from the first event to the last delivery)")
    print(f"  delivery/creation throughput ratio: {created / delivered:.2f}   (1.00 = deliveries keep up)")
    print(f"  latency event -> receiver: p50 {q[49]:.0f} ms, p95 {q[94]:.0f} ms, p99 {q[98]:.0f} ms, max {max(latencies):.0f} ms")


if __name__ == "__main__":
    main()
