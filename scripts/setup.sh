#!/usr/bin/env bash
# Installs what the tests need, where it is missing: Debian's packages (as root, or with sudo),
# the pinned PyPI packages. Sourced by .ci/run and by scripts/test.sh (which runs it when a tool
# is missing), so that a newcomer's two commands do all the set-up. Safe to run again.
# Node: Debian's nodejs (20 on bookworm) or NodeSource's; Debian's npm only where npm is missing
# (NodeSource's nodejs carries its own, and the two packages conflict).

setup_need=()
command -v gcc >/dev/null || setup_need+=(gcc)
command -v dbus-run-session >/dev/null || setup_need+=(dbus)
command -v gnome-keyring-daemon >/dev/null || setup_need+=(gnome-keyring)
command -v python3 >/dev/null || setup_need+=(python3 python3-pip)
command -v curl >/dev/null || setup_need+=(curl)
command -v node >/dev/null || setup_need+=(nodejs)
command -v npm >/dev/null || setup_need+=(npm)
command -v chromium >/dev/null || setup_need+=(chromium)     # the real-browser login test
# The real clients: shells that load the completion scripts, tmux to drive zsh, mandoc to lint
# the man pages (git and kubectl come with the machine image).
command -v fish >/dev/null || setup_need+=(fish)
command -v zsh >/dev/null || setup_need+=(zsh)
command -v tmux >/dev/null || setup_need+=(tmux)
command -v mandoc >/dev/null || setup_need+=(mandoc)
[ -r /usr/share/bash-completion/bash_completion ] || setup_need+=(bash-completion)
if [ ${#setup_need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        setup_sudo=()
    elif command -v sudo >/dev/null; then
        setup_sudo=(sudo)
    else
        echo "error: missing ${setup_need[*]}, and not root without sudo to install them (apt-get install ${setup_need[*]})" >&2
        return 2 2>/dev/null || exit 2
    fi
    echo "==> apt-get install ${setup_need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${setup_sudo[@]}" apt-get update -qq
    "${setup_sudo[@]}" apt-get install -y -qq "${setup_need[@]}" >/dev/null
fi

setup_pip() {
    python3 -m pip install --quiet --disable-pip-version-check "$@" \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "$@"
}

# The outside fuzzer (schemathesis, PyPI), pinned; scripts/fuzz-openapi.sh runs it from test.sh.
if ! command -v st >/dev/null; then
    echo "==> pip install schemathesis"
    setup_pip 'schemathesis==4.32.5'
    command -v pyenv >/dev/null && pyenv rehash
    hash -r
    # Where pip put the `st` command (a user install, or a Python without shims on PATH).
    command -v st >/dev/null || export PATH="$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))'):$HOME/.local/bin:$PATH"
fi

# The second independent OAuth/OIDC server of the interop tests (django-oauth-toolkit), pinned.
if ! python3 -c 'import oauth2_provider' 2>/dev/null; then
    echo "==> pip install django-oauth-toolkit"
    setup_pip -r interop/dot/requirements.txt
fi
