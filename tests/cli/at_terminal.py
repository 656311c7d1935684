#!/usr/bin/env python3
"""Run a command on a pseudo-terminal, as a person at a terminal would, for prompt tests.

Usage: at_terminal.py ANSWER_AFTER ANSWER -- COMMAND...
Waits (at most 90 s) until the output contains ANSWER_AFTER, types ANSWER and Enter, then
prints everything the terminal showed and exits with the command's status.
"""
import os
import pty
import select
import sys
import termios
import time

wait_for, answer = sys.argv[1], sys.argv[2]
cmd = sys.argv[sys.argv.index("--") + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
seen, answered, deadline = b"", False, time.time() + 90
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
        # Like a person, answer once the program is ready to read: a prompt is printed before the
        # program switches the terminal (no echo for a secret, raw keys for a yes/no); input
        # typed in between would be echoed and then flushed by that switch. On Linux the master
        # reports the slave's mode. At most 5 s, for programs that never switch.
        ready_by = time.time() + 5
        while time.time() < ready_by:
            try:
                lflag = termios.tcgetattr(fd)[3]
            except termios.error:
                break
            if not (lflag & termios.ECHO) or not (lflag & termios.ICANON):
                break
            time.sleep(0.01)
        answered = True
        try:
            os.write(fd, answer.encode() + b"\r")
        except OSError:
            pass  # the program already finished (nothing was asked): its status tells

# Bounded: the program closed the terminal (or the deadline passed); give it up to 10 s more to
# exit, then end it and say so.
reap_by = max(min(deadline, time.time() + 10), time.time() + 1)
while True:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    if time.time() >= reap_by:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        sys.stdout.write(seen.decode("utf-8", "replace"))
        sys.stdout.write(f"\n[at_terminal: still running after the deadline; answered={answered}]\n")
        sys.exit(124)
    time.sleep(0.02)
sys.stdout.write(seen.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(status))
