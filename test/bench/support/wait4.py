"""Runs a command as scanner.mjs's child and writes to fd 3 what wait4(2) says of it:
"CPU_SECONDS WALL_SECONDS", its user + system time (all threads) to the microsecond, where
/proc/self/stat counts a waited-for child's in 10 ms ticks (a 50 ms process then reads as 40
or 50 ms). Exits as the command did: its status, or the same signal."""

import os
import signal
import sys
import time

report = 3
os.set_inheritable(report, False)  # the command does not get fd 3
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    except OSError as error:
        print(f"wait4.py: cannot run {sys.argv[1]}: {error}", file=sys.stderr)
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
os.write(report, f"{usage.ru_utime + usage.ru_stime:.6f} {wall:.6f}".encode())
if os.WIFSIGNALED(status):
    if os.WTERMSIG(status) not in (signal.SIGKILL, signal.SIGSTOP):
        signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
    os.kill(os.getpid(), os.WTERMSIG(status))
sys.exit(os.WEXITSTATUS(status))
