"""A git server over http://127.0.0.1 for the credential-helper tests: `git http-backend` (CGI)
behind a token check. A request must carry the platform's access token, as `Authorization:
Bearer TOKEN` or as Basic with the user `svcacct`; the token is checked at the sandbox's
/api/v1/me. Anything else gets 401 with a WWW-Authenticate challenge. Each request is logged as
a JSON line (path, scheme, token, status). Every other path is passed to the sandbox, so that
this server is the platform's API host as git sees it (the helper answers for that host only).

usage: git_server.py PROJECT_ROOT SANDBOX_URL LOG
Prints `listening on http://127.0.0.1:PORT` first."""
import base64
import json

import sandbox_token  # beside this script
import os
import subprocess
import sys
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT, SANDBOX, LOG = sys.argv[1:4]


def valid(token):
    return sandbox_token.valid(SANDBOX, token)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def credentials(self):
        auth = self.headers.get("Authorization") or ""
        if auth.startswith("Bearer "):
            return "bearer", auth[len("Bearer "):]
        if auth.startswith("Basic "):
            user, _, password = base64.b64decode(auth[len("Basic "):]).decode().partition(":")
            return "basic", password if user == "svcacct" else ""
        return "none", ""

    def proxy(self, body):
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() in ("authorization", "content-type", "accept", "user-agent",
                                    "idempotency-key")}
        req = urllib.request.Request(SANDBOX + self.path, data=body or None, headers=headers,
                                     method=self.command)
        try:
            resp = urllib.request.urlopen(req, timeout=30)
        except urllib.error.HTTPError as e:
            resp = e
        data = resp.read()
        self.send_response(resp.status if hasattr(resp, "status") else resp.code)
        for k, v in resp.headers.items():
            if k.lower() not in ("content-length", "transfer-encoding", "connection", "date", "server"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        path, _, query = self.path.partition("?")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if not path.startswith("/repo.git"):
            return self.proxy(body)
        scheme, token = self.credentials()
        if not valid(token):
            self.log(path, scheme, token, 401)
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="platform"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        env = {
            "PATH": os.environ["PATH"],
            "GIT_PROJECT_ROOT": ROOT,
            "GIT_HTTP_EXPORT_ALL": "1",
            "REQUEST_METHOD": self.command,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "CONTENT_TYPE": self.headers.get("Content-Type") or "",
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_USER": "svcacct",
            "REMOTE_ADDR": "127.0.0.1",
        }
        if self.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
        if self.headers.get("Git-Protocol"):
            env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
        out = subprocess.run(["git", "http-backend"], input=body, env=env,
                             capture_output=True, timeout=60).stdout
        head, _, payload = out.partition(b"\r\n\r\n")
        status, headers = 200, []
        for line in head.decode().split("\r\n"):
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.strip().split()[0])
            elif name:
                headers.append((name, value.strip()))
        self.log(path, scheme, token, status)
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = handle_any
    do_POST = handle_any
    do_PUT = handle_any
    do_PATCH = handle_any
    do_DELETE = handle_any

    def log(self, path, scheme, token, status):
        with open(LOG, "a") as log:
            log.write(json.dumps({"path": path, "scheme": scheme, "token": token, "status": status}) + "\n")

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
