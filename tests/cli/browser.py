#!/usr/bin/env python3
"""A scripted browser for tests, used as $BROWSER by `svcacct login`.

Given the authorization URL, it does what a person does: loads the page, fills the login form
(SIM_LOGIN / SIM_PASSWORD), presses the consent button (SIM_DECISION = approve | deny, or the
only submit button), and follows redirects, the last one to the CLI's loopback listener.
Options: SIM_TAMPER_STATE=1 changes the state parameter first (a forged callback);
SIM_PRINT_CODE=1 prints the out-of-band code page's code on stdout instead.
SIM_CALLBACK_ERROR=TEXT skips the server and calls the loopback redirect with error=access_denied
and error_description=TEXT (a hostile provider), saving the page's headers and body to SIM_SAVE_PAGE.
Errors go to SIM_LOG when set. Only loopback URLs are fetched.
"""
import html.parser
import http.cookiejar
import os
import sys
import urllib.error
import urllib.parse
import urllib.request


class Forms(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms = []
        self.code = None
        self._in_code = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get").lower(), "fields": {}, "buttons": []})
        elif tag in ("input", "button") and self.forms:
            kind = a.get("type", "submit" if tag == "button" else "text")
            name = a.get("name")
            if kind == "submit":
                self.forms[-1]["buttons"].append((name, a.get("value", "")))
            elif name:
                self.forms[-1]["fields"][name] = a.get("value", "")
        elif tag == "code":
            self._in_code = True

    def handle_endtag(self, tag):
        if tag == "code":
            self._in_code = False

    def handle_data(self, data):
        if self._in_code and data.strip():
            self.code = data.strip()


def loopback_only(url):
    host = urllib.parse.urlsplit(url).hostname
    if host not in ("127.0.0.1", "::1", "localhost"):
        raise SystemExit(f"refusing non-loopback URL {url}")


class LoopbackRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        loopback_only(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def main():
    url = sys.argv[1]
    loopback_only(url)
    if os.environ.get("SIM_TAMPER_STATE"):
        parts = urllib.parse.urlsplit(url)
        q = [(k, ("forged-" + v) if k == "state" else v) for k, v in urllib.parse.parse_qsl(parts.query)]
        url = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(q)))
    if os.environ.get("SIM_CALLBACK_ERROR"):
        q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
        target = q["redirect_uri"] + "?" + urllib.parse.urlencode(
            {"state": q["state"], "error": "access_denied", "error_description": os.environ["SIM_CALLBACK_ERROR"]})
        loopback_only(target)
        try:
            resp = urllib.request.urlopen(target, timeout=20)
        except urllib.error.HTTPError as e:
            resp = e
        # Written whole, then renamed: the test reads it as soon as it appears (svcacct may
        # exit before this browser has read the page).
        save = os.environ["SIM_SAVE_PAGE"]
        with open(save + ".part", "w") as f:
            f.write(str(resp.headers) + "\n" + resp.read().decode("utf-8", "replace"))
        os.replace(save + ".part", save)
        return
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), LoopbackRedirects())
    data = None
    for _ in range(8):
        req = urllib.request.Request(url, data=data)
        try:
            resp = opener.open(req, timeout=20)
        except urllib.error.HTTPError as e:
            resp = e
        body = resp.read().decode("utf-8", "replace")
        final = resp.geturl()
        page = Forms()
        page.feed(body)
        if os.environ.get("SIM_PRINT_CODE") and page.code:
            print(page.code)
            return
        if urllib.parse.urlsplit(final).path == "/callback" or not page.forms:
            return
        form = page.forms[0]
        fields = dict(form["fields"])
        if "login" in fields:
            fields["login"] = os.environ.get("SIM_LOGIN", "")
        if "username" in fields:  # Django's login form (django-oauth-toolkit interop)
            fields["username"] = os.environ.get("SIM_LOGIN", "")
        if "password" in fields:
            fields["password"] = os.environ.get("SIM_PASSWORD", "")
        wanted = os.environ.get("SIM_DECISION", "approve")
        named = [b for b in form["buttons"] if b[0]]
        if wanted != "deny":
            # A provider's abort/cancel button (oidc-provider's device confirmation) is never
            # the way to approve.
            named = [b for b in named if b[0] not in ("abort", "cancel") and b[1] not in ("deny",)]
        chosen = next((b for b in named if b[1] == wanted), named[0] if named else None)
        if chosen:
            fields[chosen[0]] = chosen[1]
        url = urllib.parse.urljoin(final, form["action"] or final)
        loopback_only(url)
        data = urllib.parse.urlencode(fields).encode()
    raise SystemExit("too many pages")


if __name__ == "__main__":
    try:
        main()
    except BaseException as e:  # noqa: BLE001 - report anything to the test's log
        log = os.environ.get("SIM_LOG")
        if log:
            with open(log, "a") as f:
                f.write(f"browser.py: {e!r}\n")
        raise
