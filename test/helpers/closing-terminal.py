"""Runs a command in a fresh pseudo-terminal, then closes the terminal under it.

Usage: python3 closing-terminal.py <trigger text> <command> [args...]

The command becomes the session leader with the terminal as its controlling tty (as a login
shell in a terminal window is). Once its output shows the trigger text (60 s at most) the
terminal's master side is closed, as when the window is closed or the SSH connection drops:
the kernel sends SIGHUP to the command and every later write to the terminal fails with EIO.
Prints one JSON line: whether the trigger was seen, the command's exit code, and the seconds
from the close to its exit.
"""
import json
import os
import pty
import select
import sys
import time

trigger = sys.argv[1].encode()
argv = sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)

seen = b""
deadline = time.time() + 60
while trigger not in seen and time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.5)
    if not ready:
        continue
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk

os.close(fd)
closed_at = time.time()
_, status = os.waitpid(pid, 0)
print(json.dumps({"triggered": trigger in seen, "code": os.waitstatus_to_exitcode(status), "seconds": round(time.time() - closed_at, 2)}))
