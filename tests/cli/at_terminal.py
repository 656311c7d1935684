#!/usr/bin/env python3
"""Run a command on a pseudo-terminal, as a person at a terminal would, for prompt tests.

Usage: at_terminal.py ANSWER_AFTER ANSWER -- COMMAND...
Waits (at most 20 s) until the output contains ANSWER_AFTER, types ANSWER and Enter, then
prints everything the terminal showed and exits with the command's status.
"""
import os
import pty
import select
import sys
import time

wait_for, answer = sys.argv[1], sys.argv[2]
cmd = sys.argv[sys.argv.index("--") + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
seen, answered, deadline = b"", False, time.time() + 20
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if ready:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    if not answered and wait_for.encode() in seen:
        answered = True
        try:
            os.write(fd, answer.encode() + b"\r")
        except OSError:
            pass  # the program already finished (nothing was asked): its status tells

_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(status))
