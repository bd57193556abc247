"""The search of the byte-shift repair (``mojibake.py``): the likeliest readings of one window of
damaged text, left to right, as a beam over the states of the decoder.

Reading left to right, the decoder was either in step (each character is itself) or shifted (each
character's first byte completes the previous original character and its second byte starts the
next one). A shift begins where a byte was lost (at a ``?``/U+FFFD marker, or silently) and ends at
a single-byte character or a marker. Every reading is scored with the character model
(``half_known.py``); a shift costs a large prior, so text is only changed when the shifted reading
is far more plausible than the text as it stands. Half-width punctuation inside a shifted run may
have been full width before the damage, so both widths are tried. Readings that lose to a better
one by less than ``CLOSE`` are remembered (``Rivals``): the repair says how sure it is against them.
"""
from __future__ import annotations

import math

from .damage_signs import CJK, GLOSS, isolated, quoted
from .gbk import MARKERS, Slot, byte_readings
from .half_known import GUESS, OTHER, ReadingScorer

_BEAM = 6  # readings kept per position
# Log-probability costs (nats). A byte lost at a given place is rare; a marker makes it likely.
SHIFT = -13.0  # a byte lost silently here, on a line with no replacement character
SHIFT_NEAR_MARKER = -6.0  # the same on a line the decoder marked with U+FFFD
SHIFT_SIGNED = -8.0  # the same in a text whose punctuation the damage made half width
ISOLATED = -15.0  # a lone lower-case letter or symbol between Chinese characters, kept as it is
ISOLATED_CAPITAL = -7.0  # the same for a capital or a tilde, which writers use (C罗, A股, X光, 好~)
ISOLATED_CAPITAL_SIGNED = -12.5  # ... in a text bearing the damage's signature, unless quoted
GLOSSED = -20.0  # ... carrying a toned pinyin gloss, which converters put after Han characters only
SHIFT_MARKED = -9.0  # a byte lost where the decoder left a marker
RESYNC = -9.0  # the decoder fell back in step without leaving a trace
LOST = -10.0  # a replacement character kept as it is
ABSORBED = -3.0  # a replacement character read as the end of a shift (its bytes lost all the same)
SURE = 0.99  # a reading less likely than this is in doubt (kept, extracted from, its rows say so)
# Where the repaired reading and another one that changes the text too differ, the repair is
# marked damaged unless it is as sure as a guess must be: the other one this far below it or more.
CLOSE = math.log(SURE / (1 - SURE))


class Node:
    """One step of a reading: input span consumed and what it stands for."""

    __slots__ = ("parent", "start", "end", "out", "changed", "dirty")

    def __init__(self, parent, start, end, out, changed):
        self.parent, self.start, self.end, self.out, self.changed = parent, start, end, out, changed
        self.dirty = changed or (parent is not None and parent.dirty)  # anything read differently so far


class _Hyp:
    __slots__ = ("score", "mode", "pending", "last", "node")

    def __init__(self, score, mode, pending, last, node):
        self.score, self.mode, self.pending, self.last, self.node = score, mode, pending, last, node


class Rivals:
    """Readings of a window close to a better one: those that met it in the same state of the
    search and lost by less than ``CLOSE`` (the same text follows, so the gap is final)."""

    def __init__(self):
        self._beaten: dict[int, tuple[Node, list]] = {}  # id(winner) -> (winner, [(gap, loser)])

    def add(self, winner: Node, loser: Node, gap: float) -> None:
        """``loser`` met ``winner`` and lost by ``gap``; so did those it had beaten, by more."""
        kept = self._beaten.setdefault(id(winner), (winner, []))[1]  # the winner kept: ids stay unique
        kept.append((gap, loser))
        kept.extend((g + gap, n) for g, n in self._beaten.get(id(loser), (None, ()))[1] if g + gap < CLOSE)

    def spans(self, best: Node) -> list[tuple[int, int, float]]:
        """Input spans where a reading close to ``best`` says otherwise (the lost byte a character
        earlier, the shift ending a character later), each with the gap (nats) it lost by."""
        steps = path(best)
        on_path = {id(n) for n in steps}
        spans = []
        for k, node in enumerate(steps):
            for gap, other in self._beaten.get(id(node), (None, ()))[1]:
                theirs, common = [], other  # its steps back to the last one the best reading shares
                while common is not None and id(common) not in on_path:
                    theirs.append(common)
                    common = common.parent
                start = common.end if common is not None else steps[0].start
                ours = {(n.start, n.end, n.out) for n in steps[:k + 1] if n.start >= start and n is not common}
                differ = [(a, b) for a, b, _ in ours ^ {(n.start, n.end, n.out) for n in theirs} if b > a]
                if differ:
                    spans.append((min(a for a, _ in differ), max(b for _, b in differ), gap))
        return spans


class _Step:
    """The readings after one more character: the best in each state of the search (its mode, the
    pending lead byte, the context character, whether it changed anything); the losers that came
    within ``CLOSE`` go to ``rivals``."""

    __slots__ = ("hyps", "rivals")

    def __init__(self, rivals: Rivals):
        self.hyps: dict[tuple, _Hyp] = {}
        self.rivals = rivals

    def push(self, score, mode, pending, last, node):
        key = (mode, pending, last, node.dirty)
        old = self.hyps.get(key)
        if old is None:
            self.hyps[key] = _Hyp(score, mode, pending, last, node)
        elif score > old.score:
            if score - old.score < CLOSE:
                self.rivals.add(node, old.node, score - old.score)
            self.hyps[key] = _Hyp(score, mode, pending, last, node)
        elif old.score - score < CLOSE:
            self.rivals.add(old.node, node, old.score - score)

    def best(self) -> dict[tuple, _Hyp]:
        if len(self.hyps) > _BEAM:
            return dict(sorted(self.hyps.items(), key=lambda kv: kv[1].score, reverse=True)[:_BEAM])
        return self.hyps


class ShiftSearch:
    """The readings of windows of one text. Each hypothesis is in step (mode 0), shifted with a
    lead byte pending (mode 1), or after a marker that took a lead byte (mode 2)."""

    def __init__(self, scorer: ReadingScorer, signed: bool):
        self.scorer = scorer
        self.signed = signed  # the text bears the damage's signature (``damage_signs``)

    def run(self, text: str, start: int, end: int, rivals: Rivals) -> list[tuple[float, Node | None]]:
        """Every reading of ``text[start:end]`` still in the beam at its end, as (log-probability,
        last step); close losers on the way go to ``rivals``."""
        window = text[start:end]
        shift = SHIFT_NEAR_MARKER if "\ufffd" in window else SHIFT_SIGNED if self.signed and "?" not in window else SHIFT
        beam: dict[tuple, _Hyp] = {(0, None): _Hyp(0.0, 0, None, None, None)}
        for i in range(start, end):
            step = _Step(rivals)
            self._advance(beam, step, text, i, (start, end), shift)
            beam = step.best()
            if not beam:
                return []
        return _finals(beam, end)

    def _advance(self, beam: dict, step: _Step, text: str, i: int, window: tuple[int, int], shift: float) -> None:
        """Read character ``i`` after every hypothesis of ``beam``."""
        char = text[i]
        readings = byte_readings(char)
        marker = char in MARKERS
        here = self._here(text, i, char, readings, *window)
        for h in list(beam.values()):
            for hyp in _resyncs(h, i):
                self._in_step(hyp, i, char, readings, marker, step.push, shift, here)
            if h.mode == 2:
                self._after_marker(h, i, readings, step.push)
            elif h.mode == 1:
                self._shifted(h, i, char, readings, marker, step.push)

    def _here(self, text: str, i: int, char: str, readings, start: int, end: int) -> tuple:
        """What reading character ``i`` in step depends on, the same for every hypothesis: the cost
        of keeping it if it is a lone single-byte character (else None), and whether a shift can
        start at it."""
        keep = None
        if start < i < end - 1 and isolated(text, i, self.signed):
            keep = ISOLATED
            if "A" <= char <= "Z" or char == "~":
                keep = ISOLATED_CAPITAL_SIGNED if self.signed and not quoted(text, i) else ISOLATED_CAPITAL
            if GLOSS.match(text, i + 1):
                keep = GLOSSED
        return keep, bool(CJK.match(char)) or len(readings) == 2

    def _in_step(self, h, i, char, readings, marker, push, shift, here):
        """Character ``i`` read in step: as itself, or (a marker, a lone letter, a two-byte
        character) where a byte was lost and a shift begins."""
        if marker:
            if char == "\ufffd":
                push(h.score + LOST, 0, None, None, Node(h.node, i, i + 1, char, False))
            else:
                push(h.score + OTHER, 0, None, None, Node(h.node, i, i + 1, char, False))
            push(h.score + SHIFT_MARKED, 2, None, None, Node(h.node, i, i + 1, "", True))
            return
        keep, shifts = here
        if keep is not None:
            push(h.score + keep, 0, None, None, Node(h.node, i, i + 1, char, False))
            # perhaps the trail byte of a character that lost its lead byte: take it only when
            # the character can be told from its neighbours
            slot = Slot(trail=ord(char))
            score, last = self.scorer.slot(h.score + shift, h.last, slot)
            push(score, 0, None, last, Node(h.node, i, i + 1, slot, True))
        else:
            score, last = self.scorer.emit(h.score, h.last, char)
            push(score, 0, None, last, Node(h.node, i, i + 1, char, False))
        if not shifts:
            return
        for r in readings:
            if len(r) == 2:  # a byte of an earlier character was lost here: shift starts
                slot = Slot(either=r[0])
                score, last = self.scorer.slot(h.score + shift, h.last, slot)
                push(score, 1, r[1], last, Node(h.node, i, i + 1, slot, True))

    def _after_marker(self, h, i, readings, push):
        """The lead byte was lost at a marker: this character's first byte is its trail."""
        for r in readings:
            if len(r) == 2:
                slot = Slot(trail=r[0])
                score, last = self.scorer.slot(h.score, None, slot)
                push(score, 1, r[1], last, Node(h.node, i, i + 1, slot, True))
            elif 0x40 <= r[0] <= 0x7E:
                slot = Slot(trail=r[0])
                score, last = self.scorer.slot(h.score, None, slot)
                push(score, 0, None, last, Node(h.node, i, i + 1, slot, True))

    def _shifted(self, h, i, char, readings, marker, push):
        """Shifted: the pending lead byte pairs with this character's first byte."""
        if marker:  # the marker stands for bytes lost here, in this reading as in any other
            slot = Slot(lead=h.pending)
            score, _ = self.scorer.slot(h.score + (ABSORBED if char == "\ufffd" else 0.0), h.last, slot)
            push(score, 0, None, None, Node(h.node, i, i + 1, slot, True))
            return
        for r in readings:
            decoded = self.scorer.tables.pair.get((h.pending, r[0]))
            if decoded is None:
                continue
            score, last = self.scorer.emit(h.score, h.last, decoded)
            node = Node(h.node, i, i + 1, decoded, True)
            if len(r) == 2:
                push(score, 1, r[1], last, node)
            else:
                push(score, 0, None, last, node)


def _resyncs(h: _Hyp, i: int) -> list[_Hyp]:
    """In-step hypotheses before character i: h itself, or h falling back in step silently."""
    if h.mode == 0:
        return [h]
    if h.mode == 1:
        node = Node(h.node, i, i, Slot(lead=h.pending, silent=True), True)
        return [_Hyp(h.score + RESYNC + GUESS, 0, None, None, node)]
    return []


def _finals(beam: dict[tuple, _Hyp], end: int) -> list[tuple[float, Node | None]]:
    """The readings at the window's end: a pending shift falls back in step there."""
    finals = []
    for h in beam.values():
        if h.mode == 1:
            node = Node(h.node, end, end, Slot(lead=h.pending, silent=True), True)
            finals.append((h.score + RESYNC + GUESS, node))
        elif h.mode == 2:
            finals.append((h.score + GUESS, h.node))
        else:
            finals.append((h.score, h.node))
    return finals


def path(node: Node | None) -> list[Node]:
    """The steps of a reading, first to last."""
    out = []
    while node is not None:
        out.append(node)
        node = node.parent
    return out[::-1]
