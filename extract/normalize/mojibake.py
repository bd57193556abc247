"""GBK byte-shift repair: ``?!毒劢固旖蚴`` -> ``。《聚焦天津市``.

When one byte of a GBK stream is lost, the decoder pairs every following byte with the wrong
neighbour (the trail byte of one character with the lead byte of the next) and produces real but
senseless characters until a single-byte character puts it back in step. Re-encoding the damaged
characters to GBK gives the byte stream back, less the lost byte, so the text after the loss is
recoverable by decoding it one byte over; the character that lost a byte is gone (it can sometimes
be guessed from its surviving byte and its neighbours).

The repair, by responsibility:

- ``damage_signs.py``: where to look. Only lines with a sign of damage are searched (a marker, a
  lone Latin letter between Chinese characters, two rare characters in a row), which keeps clean
  text fast; a text bearing the damage's signature (a half-width comma after a Chinese character,
  a toned pinyin gloss) is held more suspect.
- ``shift_search.py``: how the damaged text was produced, a beam search over the decoder in step
  or shifted, with the costs of each step.
- ``half_known.py``: how likely a reading is under the character model, and which character a
  half-known one (one byte left) was.
- ``gbk.py``: the GBK tables and byte readings.
- here: the readings turned into edits, and how sure each is.

What the repair is unsure of is kept and said: every reading comes with its posterior (the
repaired reading against the text as it stands; a filled-in character's own; against a reading
that changes the text too and came within ``CLOSE``, the lost byte one character earlier, the
shift ending one later), and the rows extracted from it carry it (``repaired``, ``confidence``).
When the text is kept but a reading that changes it came within ``DOUBT``, that stretch carries
the text's own posterior. Only what has no reading (U+FFFD) is a damaged span.
"""
from __future__ import annotations

import math
import re

from .aligned import Edit
from .charmodel import CharModel
from .damage_signs import bears_signature, broken_glosses, rare_pairs, windows
from .gbk import GbkTables
from .half_known import ReadingScorer
from .shift_search import Node, Rivals, ShiftSearch, path

BROKEN_GLOSS = 0.0  # a gloss a lost byte broke has no reading: a damaged span
DOUBT = 6.5  # text kept less than this far (nats) above a repair says how sure it is
# A reading is in doubt below this posterior: the text as it stands and a repair within ``DOUBT``
# of each other (about 0.9985). Its rows carry it as their confidence all the same.
IN_DOUBT = 1.0 / (1.0 + math.exp(-DOUBT))


class MojibakeRepairer:
    """Finds damaged lines and returns edits that undo byte shifts."""

    def __init__(self, model_factory=CharModel, script=None):
        self._model_factory = model_factory
        self._script = script  # a ScriptConverter: which characters each script alone writes
        self._signed = False  # the text at hand bears the damage's signature (see damage_signs)
        self._scorer: ReadingScorer | None = None
        self._rare: re.Pattern | None = None  # see damage_signs.rare_pairs

    @property
    def model(self) -> CharModel:
        return self._scoring().model

    def _scoring(self) -> ReadingScorer:
        if self._scorer is None:  # built on first use (the first text, for its rare characters)
            self._scorer = ReadingScorer(self._model_factory(), GbkTables())
        return self._scorer

    def __call__(self, text: str) -> tuple[list[Edit], list[tuple[int, int, float]]]:
        """Edits, one per character read differently (what stays unreadable becomes U+FFFD), and
        the readings behind them: spans of ``text`` with the posterior probability that the text
        there now reads right (``repair_window``); below ``SURE`` a reading is in doubt."""
        edits: list[Edit] = []
        doubtful: list[tuple[int, int, float]] = []
        self._signed = bears_signature(text)
        if self._signed:  # a gloss a lost byte broke: its letters have no reading
            doubtful.extend((start, end, BROKEN_GLOSS) for start, end in broken_glosses(text))
        found = self._windows(text)
        self._scoring().use_script(*(self._script_of(text) if found else ("", frozenset())))
        for start, end in found:
            repaired, doubts = self.repair_window(text, start, end)
            edits.extend(repaired)
            doubtful.extend(doubts)
        return edits, doubtful

    def _windows(self, text: str) -> list[tuple[int, int]]:
        if self._rare is None:
            self._rare = rare_pairs(self.model, self._scoring().tables)
        return windows(text, self._signed, self._rare, self.model)

    def _script_of(self, text: str) -> tuple[str, frozenset]:
        """The script the text is clearly written in, and the characters only the other one
        writes: a shifted reading yields characters of either script, the writer only of one."""
        if self._script is None:
            return "", frozenset()
        traditional, simplified = self._script.forms()
        n_trad, n_simp = self._script.form_counts(text)
        if n_trad >= 2 * n_simp and n_trad:
            return "traditional", simplified
        if n_simp >= 2 * n_trad and n_simp:
            return "simplified", traditional
        return "", frozenset()

    @staticmethod
    def runs(edits: list[Edit]) -> list[tuple[int, int, str]]:
        """Adjacent edits merged into repaired runs ``(start, end, after)`` for the repair log."""
        runs: list[list] = []
        for e in sorted(edits, key=lambda e: (e.start, e.end)):
            if runs and e.start <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], e.end)
                runs[-1][2] += e.after
            else:
                runs.append([e.start, e.end, e.after])
        return [(a, b, after) for a, b, after in runs]

    def repair_window(self, text: str, start: int, end: int) -> tuple[list[Edit], list[tuple[int, int, float]]]:
        """The likeliest reading of ``text[start:end]`` as edits, and the readings behind it as
        ``(start, end, posterior)``: the stretch the repair changed, with the posterior of the
        repaired reading against the text as it stands; a character guessed from one byte, with
        its own posterior; where a reading that changes the text too came close, the stretch it
        reads otherwise, with the posterior against it. When the text is kept but a repair came
        within ``DOUBT``, what that repair would change, with the posterior of the text as it stands.
        Each is at most the window's (the same reading holds them all)."""
        clean, changed, rivals = self.alternatives(text, start, end)
        if changed is None:
            return [], []
        steps = [n for n in path(changed[1]) if n.changed]
        stretch = (steps[0].start, max(n.end for n in steps)) if steps else None
        if clean is not None and changed[0] <= clean[0]:  # the text stands
            if stretch is not None and clean[0] - changed[0] < DOUBT:
                return [], [(*stretch, _posterior(clean[0] - changed[0]))]
            return [], []
        edits, guesses = self._edits(changed[1])
        if not edits:
            return [], []
        window = 1.0 if clean is None else _posterior(changed[0] - clean[0])
        readings = [(*stretch, window)]
        readings.extend((a, b, min(window, sure)) for a, b, sure in guesses)
        readings.extend((a, b, min(window, _posterior(gap))) for a, b, gap in rivals.spans(changed[1]))
        return edits, readings

    def alternatives(self, text: str, start: int, end: int):
        """The best reading that changes nothing and the best that changes something, each as
        ``(log-probability, last step)`` or None; and the readings that came close (``Rivals``)."""
        rivals = Rivals()
        finals = ShiftSearch(self._scoring(), self._signed).run(text, start, end, rivals)
        clean = max((f for f in finals if f[1] is None or not f[1].dirty), key=lambda x: x[0], default=None)
        changed = max((f for f in finals if f[1] is not None and f[1].dirty), key=lambda x: x[0], default=None)
        return clean, changed, rivals

    def _edits(self, node: Node) -> tuple[list[Edit], list[tuple[int, int, float]]]:
        """One edit per input character read differently, so offsets stay character-exact; and
        the spans of the characters that are guesses (a half-known character filled in), each
        with its posterior."""
        steps = path(node)
        outs, guessed = self._scoring().fill([s.out for s in steps])
        edits = [Edit(step.start, step.end, out) for step, out in zip(steps, outs) if step.changed]
        return edits, [(steps[k].start, steps[k].end, guessed[k]) for k in sorted(guessed)]


def _posterior(gap: float) -> float:
    """The probability of the better of two readings that differ by ``gap`` nats."""
    return 1.0 / (1.0 + math.exp(-gap)) if gap < 700 else 1.0
