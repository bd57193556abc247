"""One run at a time per output folder.

Two runs into one ``--out`` would mix their tables, and the second would delete the first's work
folder under it. ``OutputLock`` holds an exclusive ``flock`` on ``OUT/.xinwen-lock`` for the whole
run; a second run fails at once (``OutputLocked``), naming the process that holds it. The kernel
drops the lock when its holder dies, however it dies (SIGKILL included), so a lock left by a dead
process is never taken for a live one: there is nothing stale to detect or clean up by hand.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

from .errors import XinwenError

LOCK_FILE = ".xinwen-lock"


class OutputLocked(XinwenError, RuntimeError):
    """Another run is writing into the same output folder."""


def _try_flock(fd: int) -> bool:
    """Take the exclusive lock without waiting; False when another process holds it."""
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


class OutputLock:
    """``with OutputLock(out):`` — the run's exclusive hold on ``out``; the lock file is removed on
    release. A lock file removed by its holder between our open and our flock is a stale inode:
    the lock is then taken again on the current file, so two runs never both believe they hold it."""

    def __init__(self, out: Path):
        self.path = Path(out) / LOCK_FILE
        self.fd: int | None = None

    def acquire(self) -> None:
        while True:
            # read-only: a file held open for writing would keep the folder's file system from
            # being remounted read-only (flock needs no write access)
            fd = os.open(self.path, os.O_RDONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
            if not _try_flock(fd):
                os.close(fd)
                raise OutputLocked(f"another xinwen run{_holder(self.path)} is writing into {self.path.parent}: "
                                   "wait for it to finish, or choose another --out")
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)  # locked a file its holder had just removed: try the current one
        self.fd = fd
        with open(self.path, "w", encoding="ascii") as note:  # who holds it, for the message
            note.write(f"{os.getpid()}\n")

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            os.unlink(self.path)  # while still locked: no one can have locked this inode meanwhile
        except OSError:
            pass  # gone, or a folder become read-only: an unlocked file left behind is harmless
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> "OutputLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
