"""Shared by the test servers (git_server.py, kube_api.py): is a bearer token one the sandbox
takes? Asked at the sandbox's /api/v1/me, as a resource server of the platform would."""
import urllib.error
import urllib.request


def valid(sandbox, token):
    if not token:
        return False
    req = urllib.request.Request(sandbox + "/api/v1/me", headers={"Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status == 200
    except urllib.error.HTTPError:
        return False
