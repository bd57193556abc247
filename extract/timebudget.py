"""A time budget per document: a pathological document becomes an error row, not a stuck batch.

Every matcher is meant to be linear in the length of its document; the budget is the net under that
promise (and under any scan that is not). It grows with the document, so a long ordinary document
is never cut: the default allows 30 s plus 100 s per million characters, more than ten times what
one busy core needs (about 130 k characters per second).

In the main thread of a Unix process (the CLI, each batch worker) an interval timer interrupts the
work where it stands, inside a regular-expression search too. Elsewhere (a thread of a Dask worker,
or when the caller already runs its own SIGALRM timer, which is left alone) the pipeline checks the
deadline between its stages.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from .errors import XinwenError


class DocumentTimeout(XinwenError, TimeoutError):
    """A document took longer than its time budget. ``Pipeline.process`` makes it the document's
    error row and the run goes on: like any document that cannot be processed, it only changes the
    exit code (to 1) when no document was processed."""

    exit_code = 1


@dataclass(frozen=True)
class TimeBudget:
    """Seconds a document may take: ``base_seconds`` plus ``seconds_per_million_chars`` per million
    characters. ``base_seconds=None`` turns the budget off."""

    base_seconds: float | None = 30.0
    seconds_per_million_chars: float = 100.0

    def seconds_for(self, n_chars: int) -> float | None:
        if self.base_seconds is None:
            return None
        return self.base_seconds + self.seconds_per_million_chars * n_chars / 1_000_000


def _timer_is_ours_to_use() -> bool:
    """SIGALRM can interrupt only the main thread, and only if nobody else's timer is running."""
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None))


@contextmanager
def deadline(seconds: float | None, what: str) -> Iterator[float | None]:
    """Run the block within ``seconds`` (None: no limit); yields the monotonic deadline for
    ``check``. Raises ``DocumentTimeout`` naming ``what`` when the time is up."""
    if seconds is None:
        yield None
        return
    expires = time.monotonic() + seconds
    if not _timer_is_ours_to_use():
        yield expires
        return

    def on_alarm(signum, frame):
        raise DocumentTimeout(_message(what, seconds))

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield expires
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check(expires: float | None, what: str, seconds: float | None = None) -> None:
    """Raise ``DocumentTimeout`` if the deadline ``expires`` (monotonic) has passed."""
    if expires is not None and time.monotonic() > expires:
        raise DocumentTimeout(_message(what, seconds))


def _message(what: str, seconds: float | None) -> str:
    limit = f" of {seconds:.1f} s" if seconds is not None else ""
    return (f"{what} went past its time budget{limit}: skipped so the batch goes on "
            "(a document this slow is likely pathological: repeated marks, no sentence ends)")
