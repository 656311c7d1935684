"""A Kubernetes API server as kubectl sees one for `kubectl get pods`, over TLS (kubectl sends
no credentials over plain http): legacy discovery and a pod list. Every request's bearer token
is checked at the sandbox's /api/v1/me; each request is logged as a JSON line.

usage: kube_api.py CERT KEY SANDBOX_URL LOG
Prints `listening on https://127.0.0.1:PORT` first."""
import json

import sandbox_token  # beside this script
import ssl
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CERT, KEY, SANDBOX, LOG = sys.argv[1:5]

BODIES = {
    "/api": {"kind": "APIVersions", "versions": ["v1"],
             "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]},
    "/apis": {"kind": "APIGroupList", "apiVersion": "v1", "groups": []},
    "/api/v1": {"kind": "APIResourceList", "groupVersion": "v1", "resources": [
        {"name": "pods", "singularName": "pod", "namespaced": True, "kind": "Pod",
         "verbs": ["get", "list"], "shortNames": ["po"]}]},
    "/api/v1/namespaces/default/pods": {"kind": "PodList", "apiVersion": "v1",
        "metadata": {"resourceVersion": "1"},
        "items": [{"metadata": {"name": "erp-sync-7d9f", "namespace": "default",
                                "creationTimestamp": "2026-12-01T08:00:00Z"},
                   "status": {"phase": "Running"}}]},
}


def valid(token):
    return sandbox_token.valid(SANDBOX, token)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        path = self.path.split("?")[0]
        auth = self.headers.get("Authorization") or ""
        token = auth[len("Bearer "):] if auth.startswith("Bearer ") else ""
        if not valid(token):
            status, body = 401, {"kind": "Status", "apiVersion": "v1", "status": "Failure",
                                 "message": "Unauthorized", "reason": "Unauthorized", "code": 401}
        elif path in BODIES:
            status, body = 200, BODIES[path]
        else:
            status, body = 404, {"kind": "Status", "apiVersion": "v1", "code": 404}
        with open(LOG, "a") as log:
            log.write(json.dumps({"path": path, "token": token, "status": status}) + "\n")
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(CERT, KEY)
server.socket = context.wrap_socket(server.socket, server_side=True)
print(f"listening on https://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
