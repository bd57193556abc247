"""Patterns from rules files, run with a time budget.

Rules are data a user may write, and a regular expression such as ``(a+)+$`` can take longer than
the age of the universe on a line of ``a``s. Every such pattern is a ``RulePattern``: each call runs
with the ``regex`` module's ``timeout``; a pattern that exceeds it is reported (file, line, rule id)
through the ``xinwen.rules`` logger, on stderr unless logging is configured otherwise, and disabled
for the rest of the run in this process (each worker process finds out for itself). The text it
was running on is processed without it.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

import regex

BASE_SECONDS = 0.5  # CPU seconds per call, however short the text (the regex module counts CPU time)
CHARS_PER_SECOND = 200_000  # plus this much for long texts: a sound pattern is far faster

log = logging.getLogger("xinwen.rules")
# Constructs whose answer at a line's edge can change when the line is read inside a longer text:
# negative lookarounds, atomic groups and possessive repeats (they may swallow the line break and
# not give it back), string anchors, backtracking verbs, conditionals, flags turned off inline.
_EDGE_SENSITIVE = regex.compile(r"\(\?<?!|\(\?>|[*+?}]\+|\\[AZzG]|\(\*|\(\?\(|\(\?[a-zA-Z]*-")


def budget(n_chars: int) -> float:
    """Seconds one call may take on a text of ``n_chars``."""
    return BASE_SECONDS + n_chars / CHARS_PER_SECOND


@dataclass
class RulePattern:
    """A compiled rules-file pattern that knows where it came from and gives up when too slow."""

    pattern: regex.Pattern
    rule_id: str = ""
    file: str = ""
    line: int | None = None
    disabled: str = field(default="", compare=False)  # why, once it has been disabled
    report: bool = True  # False for a pattern made of others, which report for themselves
    _block: Any = field(default=None, compare=False, repr=False)  # see may_match_a_line: None until first asked

    @classmethod
    def of(cls, entry: Mapping[str, Any], key: str = "pattern", flags: int = 0) -> "RulePattern":
        """From a rules entry (``rules.load_rules`` records ``_file`` and ``_line`` on each)."""
        return cls(regex.compile(entry[key], flags), str(entry.get("id", "")), str(entry.get("_file", "")),
                   entry.get("_line"))

    @property
    def where(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else (self.file or "<rules>")
        return f"{place}: {self.rule_id}" if self.rule_id else place

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        """Like ``Pattern.search``; None once disabled."""
        if self.disabled:
            return None
        end = len(text) if endpos is None else endpos
        try:
            return self.pattern.search(text, pos, end, timeout=budget(end - pos))
        except TimeoutError:
            self._disable(end - pos)
            return None

    def may_match_a_line(self, block: str) -> bool:
        """False only when no line of ``block`` (lines joined by line breaks) can match, so a caller
        that searches line by line may skip them all: one search over the block, with ``^``/``$`` at
        every line, costs far less than one per line, and most blocks hold no match. A match
        anywhere in the block (it may span lines), a pattern whose answer at a line's edge could
        change inside a longer text, or a block search out of time (the pattern is not disabled for
        it) all say: maybe. So does a disabled pattern: it finds nothing, but a pattern made of
        others tells nothing then."""
        if self.disabled:
            return True
        if self._block is None:
            source = self.pattern.pattern
            self._block = False if _EDGE_SENSITIVE.search(source) else \
                regex.compile(source, self.pattern.flags | regex.MULTILINE)
        if self._block is False:
            return True
        try:
            return self._block.search(block, timeout=budget(len(block))) is not None
        except TimeoutError:
            return True

    def finditer(self, text: str) -> Iterator:
        """All matches; none at all if the pattern runs out of time (a partial list would be a guess)."""
        if self.disabled:
            return iter(())
        try:
            return iter(list(self.pattern.finditer(text, timeout=budget(len(text)))))
        except TimeoutError:
            self._disable(len(text))
            return iter(())

    def _disable(self, n_chars: int) -> None:
        self.disabled = f"took more than {budget(n_chars):.1f} CPU seconds on a text of {n_chars:,} characters"
        if self.report:
            log.warning("%s: pattern disabled for this run: it %s (a regular expression with nested repeats "
                        "such as (a|aa)+ backtracks without end); rewrite it and check with xinwen rules check",
                        self.where, self.disabled)
