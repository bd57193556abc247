"""Progress of a batch run: a bar on a terminal (documents, characters per second, errors), nothing
otherwise, and the one-line summary printed at the end.

The bar is tqdm (already installed with spaCy): it redraws at a bounded rate, sizes itself to the
terminal and cleans up after itself, which a hand-written ``\\r`` loop gets wrong on narrow or dumb
terminals.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

from .schema import layout


@dataclass
class Tally:
    """Running totals of a batch: documents, errors, characters read, rows per table."""

    documents: int = 0
    ok: int = 0
    errors: int = 0
    chars: int = 0
    skipped: int = 0  # documents of chunks a resumed run found done
    chars_skipped: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)

    def add(self, documents: int, ok: int, chars: int, rows: dict[str, int], skipped: bool = False) -> None:
        self.documents += documents
        self.ok += ok
        self.errors += documents - ok
        self.chars += chars
        if skipped:
            self.skipped += documents
            self.chars_skipped += chars
        for name, n in rows.items():
            self.rows[name] = self.rows.get(name, 0) + n

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def summary(self, out, workers: str) -> str:
        counts = ", ".join(f"{self.rows.get(n, 0)} {n}" for n in layout().mention_tables)
        processed = self.chars_processed
        rate = processed / self.seconds / 1e3 if self.seconds > 0 else 0.0
        resumed = f", {self.skipped} done before" if self.skipped else ""
        if "below_min_confidence" in self.rows:  # run --min-confidence
            counts += f" ({self.rows['below_min_confidence']} rows below --min-confidence dropped)"
        return (f"xinwen: {self.documents} documents ({self.ok} ok, {self.errors} errors{resumed}): {counts} -> {out} "
                f"({self.seconds:.1f} s, {rate:.0f} k chars/s, {workers})")

    @property
    def chars_processed(self) -> int:
        return self.chars - self.chars_skipped


class Progress:
    """A progress bar when ``enabled`` and stderr is a terminal; otherwise it does nothing."""

    def __init__(self, tally: Tally, enabled: bool = True, stream=None):
        self.tally = tally
        self.stream = stream if stream is not None else sys.stderr
        self.bar = None
        if enabled and getattr(self.stream, "isatty", lambda: False)():
            from tqdm import tqdm

            self.bar = tqdm(unit=" docs", file=self.stream, dynamic_ncols=True, smoothing=0.1)

    def update(self, documents: int) -> None:
        if self.bar is None:
            return
        seconds = self.tally.seconds
        rate = self.tally.chars_processed / seconds / 1e3 if seconds > 0 else 0.0
        self.bar.set_postfix_str(f"{rate:.0f} k chars/s, {self.tally.errors} errors", refresh=False)
        self.bar.update(documents)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
