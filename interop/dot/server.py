#!/usr/bin/env python3
"""A second, independent OAuth 2.0 / OpenID Connect server for the interop tests:
django-oauth-toolkit (PyPI, pinned in interop/dot/requirements.txt) in a minimal Django project,
on 127.0.0.1 with an ephemeral port and a throw-away SQLite database.

It serves OpenID discovery at /o/.well-known/openid-configuration, its own login page (Django's
LoginView) and consent page (the toolkit's), PKCE-required authorization codes, client
credentials, rotating refresh tokens and RFC 7009 revocation at /o/revoke_token/.

Prints one line, `listening on http://127.0.0.1:PORT/o`, then serves until killed.
Clients (the tests use them):
  interop-public    public, authorization code + PKCE, redirect http://127.0.0.1/callback (any port, RFC 8252)
  interop-service   confidential, client credentials, secret from DOT_SERVICE_SECRET
User: jane / DOT_USER_PASSWORD.
Every token request is appended to $DOT_LOG as a JSON line (grant_type only, no secrets).
"""
import json
import os
import socket
import sys
import tempfile
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from socketserver import ThreadingMixIn

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = tempfile.mkdtemp(prefix="dot-")

key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PEM = key.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
).decode()

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.urandom(32).hex(),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "oauth2_provider",
    ],
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ],
    TEMPLATES=[{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(HERE, "templates")],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(DATA, "db.sqlite3")}},
    USE_TZ=True,
    LOGIN_URL="/accounts/login/",
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    OAUTH2_PROVIDER={
        "OIDC_ENABLED": True,
        "OIDC_RSA_PRIVATE_KEY": PEM,
        "PKCE_REQUIRED": True,
        "ROTATE_REFRESH_TOKEN": True,
        "ACCESS_TOKEN_EXPIRE_SECONDS": int(os.environ.get("DOT_ACCESS_TTL", "3600")),
        "SCOPES": {"openid": "OpenID Connect", "read": "Read", "write": "Write"},
        "DEFAULT_SCOPES": ["read"],
    },
)
django.setup()

from django.contrib.auth import views as auth_views  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.urls import include, path  # noqa: E402

urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="login.html")),
]

call_command("migrate", verbosity=0, interactive=False)
from oauth2_provider.models import get_application_model  # noqa: E402

Application = get_application_model()
user = User.objects.create_user("jane", password=os.environ.get("DOT_USER_PASSWORD", "jane-password"))
Application.objects.create(
    name="svcacct interop (public)",
    client_id="interop-public",
    client_type=Application.CLIENT_PUBLIC,
    authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
    redirect_uris="http://127.0.0.1/callback",
    algorithm=Application.RS256_ALGORITHM,
    skip_authorization=False,
    user=user,
)
Application.objects.create(
    name="svcacct interop (service)",
    client_id="interop-service",
    client_secret=os.environ.get("DOT_SERVICE_SECRET", "interop-service-secret"),
    client_type=Application.CLIENT_CONFIDENTIAL,
    authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
    user=user,
)

django_app = WSGIHandler()
log_path = os.environ.get("DOT_LOG")


def app(environ, start_response):
    if log_path and environ.get("PATH_INFO") == "/o/token/" and environ.get("REQUEST_METHOD") == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length)
        from urllib.parse import parse_qs
        grant = parse_qs(body.decode()).get("grant_type", [""])[0]
        with open(log_path, "a") as f:
            f.write(json.dumps({"grant_type": grant}) + "\n")
        import io
        environ["wsgi.input"] = io.BytesIO(body)
    return django_app(environ, start_response)


class Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


httpd = make_server("127.0.0.1", 0, app, server_class=Server, handler_class=QuietHandler)
print(f"listening on http://127.0.0.1:{httpd.server_port}/o", flush=True)
httpd.serve_forever()
