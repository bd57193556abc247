"""GBK byte-shift repair: ``?!毒劢固旖蚴`` -> ``。《聚焦天津市``.

When one byte of a GBK stream is lost, the decoder pairs every following byte with the wrong
neighbour (the trail byte of one character with the lead byte of the next) and produces real but
senseless characters until a single-byte character puts it back in step. Re-encoding the damaged
characters to GBK gives the byte stream back, less the lost byte, so the text after the loss is
recoverable by decoding it one byte over; the character that lost a byte is gone (it can sometimes
be guessed from its surviving byte and its neighbours).

The repair is a search over how the damaged text was produced. Reading left to right, the decoder
was either in step (each character is itself) or shifted (each character's first byte completes
the previous original character and its second byte starts the next one). A shift begins where a
byte was lost (at a ``?``/U+FFFD marker, or silently) and ends at a single-byte character or a
marker. Every reading is scored with the character model; a shift costs a large prior, so text is
only changed when the shifted reading is far more plausible than the text as it stands.
Half-width punctuation inside a shifted run may have been full width before the damage, so both
widths are tried. A character of which only one byte survives is scored by the summed probability
of every character with that byte in its context, and filled in with the likeliest when it is
clear (else U+FFFD).

What the repair is unsure of is kept and said: every reading comes with its posterior (the
repaired reading against the text as it stands; a filled-in character's own; against a reading
that changes the text too and came within ``CLOSE``, the lost byte one character earlier, the
shift ending one later), and the rows extracted from it carry it (``repaired``, ``confidence``).
When the text is kept but a reading that changes it came within ``DOUBT``, that stretch carries
the text's own posterior. Only what has no reading (U+FFFD) is a damaged span.

The writer wrote one script: in text clearly Traditional (or Simplified), a character only the
other script writes is improbable where it stands and is never offered as a guess.

Only lines with a sign of damage are searched (a marker, a lone Latin letter between Chinese
characters, or two rare characters in a row, as a shift makes), which keeps clean text fast. A
text that bears the damage's signature (a half-width comma after a Chinese character, or a toned
pinyin gloss) is held more suspect: a silent loss costs less there, and short ASCII runs between
Chinese characters are searched too.
"""
from __future__ import annotations

import math
import re
from typing import NamedTuple

import regex

from .aligned import Edit
from .charmodel import CharModel
from .script import char_class

MARKERS = frozenset("?\ufffd")
_HAN = regex.compile(r"\p{Han}")
_LATIN = regex.compile(r"\p{Latin}")
_CJK = regex.compile(r"[\p{Han}\u3000-\u30ff\uff00-\uffef‘’“”…—]")
# Signs that a line may be damaged: a replacement character; a question mark touching a
# non-ASCII character; a lone ASCII symbol or letter right after a non-ASCII character; a symbol
# no writer puts between a number and Chinese (``29|千瓦``).
# (a pinyin gloss may follow: "(" and a lower-case letter count as Chinese text after it)
_TRIGGER = regex.compile(
    r"\ufffd|(?<=[^\x00-\x7f])\?|\?(?=[^\x00-\x7f])"
    r"|(?<=[^\x00-\x7f\s])"
    r"(?:[A-Za-z](?=[\p{Han}\u3000-\u30ff\uff00-\uffef‘’“”…—,;:!?]|\([a-z\u00e0-\u01dc])"
    r"|[@\[-`{-~](?=[\p{Han}\u3000-\u30ff\uff00-\uffef‘’“”…—,;:!?\d]|\([a-z\u00e0-\u01dc]))"
    r"|(?<=\d)[@\[-`{|}](?=\p{Han})")
# Every sign above holds one of these; most clean texts hold none, which one scan of a plain class
# with the standard ``re`` module tells several times as fast as the signs' own pattern.
_TRIGGER_CHARS = re.compile(r"[\ufffd?@\[-`{-~A-Za-z]")
_TONED_GLOSS = r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)"  # a pinyin gloss with a tone mark
# Signs of the damage this repairs in a text: a half-width comma right after a Chinese character,
# or after a lone letter or symbol after one (Chinese writers use the full-width comma; a GBK
# stream read back through ASCII leaves it half width. Colons, semicolons and exclamation marks
# are left out: Taiwan pages write them half width in clean text), and toned pinyin glosses (web
# converters put them after Han characters).
_SIGNATURE = regex.compile(
    r"(?<=[\p{Han}”’）)》]|\p{Han}[A-Za-z@\[-`{-~]),(?![A-Za-z]{2}|\s|$)"
    rf"|(?<=\p{{Han}}){_TONED_GLOSS}")
# In such a text, also a short run of ASCII ending in a letter or symbol between Chinese text:
# a shifted run can end in a full-width form the damage folded (``昂qR斯``, ``矊n}研``).
_TRIGGER_SIGNED = regex.compile(r"(?<=[^\x00-\x7f\s])[\x21-\x7e]{1,3}(?<=[\x40-\x7e])(?=[^\x00-\x7f\s]|\d|[,;:!?][^\x00-\x7f\s])")
# A gloss a lost byte broke: Latin letters with Chinese characters in them (``產(z瞡)業``).
_BROKEN_GLOSS = regex.compile(r"(?<=\p{Han})\([a-zü]{1,6}[^\x00-\x7f\u00e0-\u01dc\s]{1,3}[a-zü\u00e0-\u01dc]{0,6}\)")
# A toned pinyin gloss: after a lone letter it says the letter stood for a Han character.
_GLOSS = regex.compile(_TONED_GLOSS)
_WINDOW = 300  # characters searched either side of a replacement character
_NEAR = 16  # ... and before a weaker sign (a question mark, a lone letter), where a shift it ends began
_NEAR_AFTER = 6  # ... and after it
# A Han character rarer than this is what a shifted reading yields a third of the time and news
# text hardly ever writes (2 in 10,000 characters of CCTV stories; two in a row, rarer still).
_RARE_RUN = math.log(1e-6)
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
GUESS = -8.0  # a character whose bytes are lost without a trace
SLOT = -2.0  # a character of which one byte is known (on top of its candidates' probability)
_CHAIN = 40  # candidates per character kept when several half-known ones are decided together
_MIX = 6  # candidates of a half-known character kept as context for the next one
FOREIGN = -5.0  # a character the document's script does not write (宫 in Traditional text)
OTHER = -4.0  # a non-Han character (punctuation, digit, letter)
LOST = -10.0  # a replacement character kept as it is
ABSORBED = -3.0  # a replacement character read as the end of a shift (its bytes lost all the same)
_CONFIDENT = 0.6
_SURE = 0.99  # a reading less likely than this is in doubt (kept, extracted from, its rows say so)
SURE = _SURE
BROKEN_GLOSS = 0.0  # a gloss a lost byte broke has no reading: a damaged span
DOUBT = 6.5  # text kept less than this far (nats) above a repair says how sure it is
# Where the repaired reading and another one that changes the text too differ, the repair is
# marked damaged unless it is as sure as a guess must be: the other one this far below it or more.
CLOSE = math.log(_SURE / (1 - _SURE))
# A reading is in doubt below this posterior: the text as it stands and a repair within ``DOUBT``
# of each other (about 0.9985). Its rows carry it as their confidence all the same.
IN_DOUBT = 1.0 / (1.0 + math.exp(-DOUBT))
_RARE = math.log(1e-7)  # characters rarer than this are never offered as a guess
# CJK punctuation a lost character may have been, with a rough log-prior (its share among
# punctuation marks in news text, estimated): it has no character-model score of its own.
_PUNCTUATION = {
    "，": -1.0, "。": -1.4, "、": -2.5, "“": -3.0, "”": -3.0, "：": -4.0, "《": -4.5, "》": -4.5,
    "；": -5.0, "（": -5.0, "）": -5.0, "！": -5.5, "？": -5.5, "…": -6.0, "—": -6.0, "·": -6.0,
    "‘": -7.0, "’": -7.0, "【": -7.0, "】": -7.0,
}  # posterior needed to fill a half-known character


class _Slot(NamedTuple):
    """A character of which one byte is known: ``lead`` or ``trail`` (the other is lost). A named
    tuple: the search makes and hashes one at every step, several times as fast as a dataclass."""

    lead: int | None = None
    trail: int | None = None
    either: int | None = None  # the known byte may be its lead or its trail
    silent: bool = False  # the decoder fell back in step without a marker


class _Node:
    """One step of a reading: input span consumed and what it stands for."""

    __slots__ = ("parent", "start", "end", "out", "changed", "dirty")

    def __init__(self, parent, start, end, out, changed):
        self.parent, self.start, self.end, self.out, self.changed = parent, start, end, out, changed
        self.dirty = changed or (parent is not None and parent.dirty)  # anything read differently so far


class _Hyp:
    __slots__ = ("score", "mode", "pending", "last", "node")

    def __init__(self, score, mode, pending, last, node):
        self.score, self.mode, self.pending, self.last, self.node = score, mode, pending, last, node


class _Rivals:
    """Readings of a window close to a better one: those that met it in the same state of the
    search and lost by less than ``CLOSE`` (the same text follows, so the gap is final)."""

    def __init__(self):
        self._beaten: dict[int, tuple[_Node, list]] = {}  # id(winner) -> (winner, [(gap, loser)])

    def add(self, winner: _Node, loser: _Node, gap: float) -> None:
        """``loser`` met ``winner`` and lost by ``gap``; so did those it had beaten, by more."""
        kept = self._beaten.setdefault(id(winner), (winner, []))[1]  # the winner kept: ids stay unique
        kept.append((gap, loser))
        kept.extend((g + gap, n) for g, n in self._beaten.get(id(loser), (None, ()))[1] if g + gap < CLOSE)

    def spans(self, best: _Node) -> list[tuple[int, int, float]]:
        """Input spans where a reading close to ``best`` says otherwise (the lost byte a character
        earlier, the shift ending a character later), each with the gap (nats) it lost by."""
        path = _path(best)
        on_path = {id(n) for n in path}
        spans = []
        for k, node in enumerate(path):
            for gap, other in self._beaten.get(id(node), (None, ()))[1]:
                theirs, common = [], other  # its steps back to the last one the best reading shares
                while common is not None and id(common) not in on_path:
                    theirs.append(common)
                    common = common.parent
                start = common.end if common is not None else path[0].start
                ours = {(n.start, n.end, n.out) for n in path[:k + 1] if n.start >= start and n is not common}
                differ = [(a, b) for a, b, _ in ours ^ {(n.start, n.end, n.out) for n in theirs} if b > a]
                if differ:
                    spans.append((min(a for a, _ in differ), max(b for _, b in differ), gap))
        return spans


class GbkTables:
    """Every two-byte GBK character, indexed by its bytes."""

    def __init__(self):
        self.pair: dict[tuple[int, int], str] = {}
        self.by_lead: dict[int, list[str]] = {}
        self.by_trail: dict[int, list[str]] = {}
        for lead in range(0x81, 0xFF):
            for trail in range(0x40, 0xFF):
                if trail == 0x7F:
                    continue
                try:
                    char = bytes((lead, trail)).decode("gbk")
                except UnicodeDecodeError:
                    continue
                if len(char) != 1:
                    continue
                self.pair[(lead, trail)] = char
                self.by_lead.setdefault(lead, []).append(char)
                self.by_trail.setdefault(trail, []).append(char)


def _readings(char: str) -> list[tuple[int, ...]]:
    """Byte readings of a damaged character: its GBK bytes, and for ASCII also its full-width form."""
    if char in MARKERS:
        return []
    try:
        raw = char.encode("gbk")
    except UnicodeEncodeError:
        return []
    out = [tuple(raw)]
    if len(raw) == 1 and 0x21 <= raw[0] <= 0x7E:
        out.append((0xA3, raw[0] + 0x80))
    return out


class MojibakeRepairer:
    """Finds damaged lines and returns edits that undo byte shifts."""

    def __init__(self, model_factory=CharModel, script=None):
        self._model_factory = model_factory
        self._script = script  # a ScriptConverter: which characters each script alone writes
        self._foreign: frozenset = frozenset()  # characters foreign to the script of the text at hand
        self._writes = ""  # ... which is this script ("" when the text is not clearly in one)
        self._signed = False  # the text at hand bears the damage's signature (see _SIGNATURE)
        self._model: CharModel | None = None
        self._rare: re.Pattern | None = None  # see _rare_pairs
        self._tables: GbkTables | None = None
        self._slot_infos: dict = {}  # slot, script -> what _slot_mass needs of its candidates: a cache
        self._mixed: dict = {}  # (candidates, character) -> log-probability: a cache
        self._slots: dict = {}  # (previous character, slot, script) -> (log-probability, candidates): a cache

    @property
    def model(self) -> CharModel:
        if self._model is None:  # built on first use (the first text, for its rare characters)
            self._model = self._model_factory()
            self._tables = GbkTables()
        return self._model

    def __call__(self, text: str) -> tuple[list[Edit], list[tuple[int, int, float]]]:
        """Edits, one per character read differently (what stays unreadable becomes U+FFFD), and
        the readings behind them: spans of ``text`` with the posterior probability that the text
        there now reads right (``repair_window``); below ``SURE`` a reading is in doubt."""
        edits: list[Edit] = []
        doubtful: list[tuple[int, int, float]] = []
        self._signed = ("," in text or "(" in text) and _SIGNATURE.search(text) is not None
        if self._signed:  # a gloss a lost byte broke: its letters have no reading
            doubtful.extend((*m.span(), BROKEN_GLOSS) for m in _BROKEN_GLOSS.finditer(text))
        windows = self._windows(text)
        self._writes, self._foreign = self._script_of(text) if windows else ("", frozenset())
        for start, end in windows:
            found, doubts = self.repair_window(text, start, end)
            edits.extend(found)
            doubtful.extend(doubts)
        return edits, doubtful

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

    def _windows(self, text: str) -> list[tuple[int, int]]:
        windows: list[tuple[int, int]] = []
        triggers = list(_TRIGGER.finditer(text)) if _TRIGGER_CHARS.search(text) else []
        if self._signed:
            triggers = sorted(triggers + list(_TRIGGER_SIGNED.finditer(text)), key=lambda m: m.start())
        rare = [m for m in self._rare_pairs().finditer(text) if self._stray_pair(m.group())]
        if rare:
            triggers = sorted(triggers + rare, key=lambda m: m.start())
        for m in triggers:
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            strong = m.group() == "\ufffd"
            start = max(line_start, m.start() - (_WINDOW if strong else _NEAR))
            end = min(line_end, m.end() + (_WINDOW if strong else _NEAR_AFTER))
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
            else:
                windows.append((start, end))
        return windows

    def _rare_pairs(self) -> re.Pattern:
        """Two rare characters in a row: a shift that left no ASCII character or marker behind."""
        if self._rare is None:
            model, tables = self.model, self._tables
            rare = frozenset(c for c in tables.pair.values() if _HAN.match(c) and model.unigram(c) < _RARE_RUN)
            kind = char_class(rare)
            self._rare = re.compile(kind + kind)
        return self._rare

    def _stray_pair(self, pair: str) -> bool:
        """Two rare characters that make no word together (``魍魉`` does) and are not one doubled
        (``萋萋``): a shifted reading's pairs are chance ones."""
        return pair[0] != pair[1] and not self.model.makes_word(pair)

    # -- the search ---------------------------------------------------------------------------
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
        steps = [n for n in _path(changed[1]) if n.changed]
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
        ``(log-probability, last step)`` or None; and the readings that came close (``_Rivals``)."""
        rivals = _Rivals()
        finals = self._search(text, start, end, rivals)
        clean = max((f for f in finals if f[1] is None or not f[1].dirty), key=lambda x: x[0], default=None)
        changed = max((f for f in finals if f[1] is not None and f[1].dirty), key=lambda x: x[0], default=None)
        return clean, changed, rivals

    def _search(self, text: str, start: int, end: int, rivals: _Rivals) -> list[tuple[float, _Node | None]]:
        model = self.model
        tables = self._tables
        window = text[start:end]
        shift = SHIFT_NEAR_MARKER if "\ufffd" in window else SHIFT_SIGNED if self._signed and "?" not in window else SHIFT
        beam: dict[tuple, _Hyp] = {(0, None): _Hyp(0.0, 0, None, None, None)}
        for i in range(start, end):
            char = text[i]
            readings = _readings(char)
            marker = char in MARKERS
            nxt: dict[tuple, _Hyp] = {}

            def push(score, mode, pending, last, node):
                key = (mode, pending, last, node.dirty)
                old = nxt.get(key)
                if old is None:
                    nxt[key] = _Hyp(score, mode, pending, last, node)
                elif score > old.score:
                    if score - old.score < CLOSE:
                        rivals.add(node, old.node, score - old.score)
                    nxt[key] = _Hyp(score, mode, pending, last, node)
                elif old.score - score < CLOSE:
                    rivals.add(old.node, node, old.score - score)

            here = self._here(text, i, char, readings, start, end)
            for h in list(beam.values()):
                for hyp in self._resyncs(h, i):
                    self._step_in_step(hyp, i, char, readings, marker, push, shift, here)
                if h.mode == 0:
                    continue
                if h.mode == 2:  # lead byte lost at a marker; this character's first byte is its trail
                    for r in readings:
                        if len(r) == 2:
                            slot = _Slot(trail=r[0])
                            score, last = self._slot(h.score, None, slot)
                            push(score, 1, r[1], last, _Node(h.node, i, i + 1, slot, True))
                        elif 0x40 <= r[0] <= 0x7E:
                            slot = _Slot(trail=r[0])
                            score, last = self._slot(h.score, None, slot)
                            push(score, 0, None, last, _Node(h.node, i, i + 1, slot, True))
                    continue
                # shifted: the pending lead pairs with this character's first byte
                if marker:  # the marker stands for bytes lost here, in this reading as in any other
                    slot = _Slot(lead=h.pending)
                    score, _ = self._slot(h.score + (ABSORBED if char == "\ufffd" else 0.0), h.last, slot)
                    push(score, 0, None, None, _Node(h.node, i, i + 1, slot, True))
                    continue
                for r in readings:
                    decoded = tables.pair.get((h.pending, r[0]))
                    if decoded is None:
                        continue
                    score, last = self._emit(h.score, h.last, decoded)
                    node = _Node(h.node, i, i + 1, decoded, True)
                    if len(r) == 2:
                        push(score, 1, r[1], last, node)
                    else:
                        push(score, 0, None, last, node)
            if len(nxt) > _BEAM:
                nxt = dict(sorted(nxt.items(), key=lambda kv: kv[1].score, reverse=True)[:_BEAM])
            beam = nxt
            if not beam:
                return []
        finals = []
        for h in beam.values():
            if h.mode == 1:
                node = _Node(h.node, end, end, _Slot(lead=h.pending, silent=True), True)
                finals.append((h.score + RESYNC + GUESS, node))
            elif h.mode == 2:
                finals.append((h.score + GUESS, h.node))
            else:
                finals.append((h.score, h.node))
        return finals

    def _resyncs(self, h: _Hyp, i: int) -> list[_Hyp]:
        """In-step hypotheses before character i: h itself, or h falling back in step silently."""
        if h.mode == 0:
            return [h]
        if h.mode == 1:
            node = _Node(h.node, i, i, _Slot(lead=h.pending, silent=True), True)
            return [_Hyp(h.score + RESYNC + GUESS, 0, None, None, node)]
        return []

    def _here(self, text: str, i: int, char: str, readings, start: int, end: int) -> tuple:
        """What reading character ``i`` in step depends on, the same for every hypothesis: the cost
        of keeping it if it is a lone single-byte character (else None), and whether a shift can
        start at it."""
        keep = None
        if start < i < end - 1 and _isolated(text, i, self._signed):
            keep = ISOLATED
            if "A" <= char <= "Z" or char == "~":
                keep = ISOLATED_CAPITAL_SIGNED if self._signed and not _quoted(text, i) else ISOLATED_CAPITAL
            if _GLOSS.match(text, i + 1):
                keep = GLOSSED
        return keep, bool(_CJK.match(char)) or len(readings) == 2

    def _step_in_step(self, h, i, char, readings, marker, push, shift, here):
        if marker:
            if char == "\ufffd":
                push(h.score + LOST, 0, None, None, _Node(h.node, i, i + 1, char, False))
            else:
                push(h.score + OTHER, 0, None, None, _Node(h.node, i, i + 1, char, False))
            push(h.score + SHIFT_MARKED, 2, None, None, _Node(h.node, i, i + 1, "", True))
            return
        keep, shifts = here
        if keep is not None:
            push(h.score + keep, 0, None, None, _Node(h.node, i, i + 1, char, False))
            # perhaps the trail byte of a character that lost its lead byte: take it only when
            # the character can be told from its neighbours
            slot = _Slot(trail=ord(char))
            score, last = self._slot(h.score + shift, h.last, slot)
            push(score, 0, None, last, _Node(h.node, i, i + 1, slot, True))
        else:
            score, last = self._emit(h.score, h.last, char)
            push(score, 0, None, last, _Node(h.node, i, i + 1, char, False))
        if not shifts:
            return
        for r in readings:
            if len(r) == 2:  # a byte of an earlier character was lost here: shift starts
                slot = _Slot(either=r[0])
                score, last = self._slot(h.score + shift, h.last, slot)
                push(score, 1, r[1], last, _Node(h.node, i, i + 1, slot, True))

    def _emit(self, score: float, last, char: str) -> tuple[float, str | None]:
        """Score ``char`` after ``last``: a character, None, or a half-known one's candidates."""
        if not _HAN.match(char):
            return score + OTHER, None
        if isinstance(last, tuple):
            key = (last, char)
            lp = self._mixed.get(key)
            if lp is None:
                p = sum(w * math.exp(self.model.logp(c if _HAN.match(c) else None, char)) for c, w in last)
                lp = math.log(p)
                if len(self._mixed) > 100_000:
                    self._mixed.clear()
                self._mixed[key] = lp
            return score + (lp + FOREIGN if char in self._foreign else lp), char
        lp = self.model.logp(last, char)
        if char in self._foreign:
            lp += FOREIGN
        return score + lp, char

    def _slot(self, score: float, last, slot: _Slot) -> tuple[float, tuple | None]:
        """Score a half-known character by how likely any character with its known byte is here
        (the sum over candidates); the likeliest few, weighted, are the context for the next one."""
        prev = last if isinstance(last, str) and _HAN.match(last) else None
        key = (prev, slot, self._writes)
        known = self._slots.get(key)
        if known is None:
            known = self._slot_mass(prev, slot)
            if len(self._slots) > 100_000:
                self._slots.clear()
            self._slots[key] = known
        return score + known[0], known[1]

    # -- from the best reading to edits ---------------------------------------------------------
    def _edits(self, node: _Node) -> tuple[list[Edit], list[tuple[int, int, float]]]:
        """One edit per input character read differently, so offsets stay character-exact; and
        the spans of the characters that are guesses (a half-known character filled in), each
        with its posterior."""
        steps = _path(node)
        outs, guessed = self._fill([s.out for s in steps])
        edits = [Edit(step.start, step.end, out) for step, out in zip(steps, outs) if step.changed]
        return edits, [(steps[k].start, steps[k].end, guessed[k]) for k in sorted(guessed)]

    def _fill(self, outs: list) -> tuple[list[str], dict[int, float]]:
        """Replace each half-known character by the likeliest one, or U+FFFD when unsure; also
        the indices filled with a character (not U+FFFD), with its posterior.

        Runs of adjacent half-known characters are decided jointly (max-marginals over the chain)
        between their known neighbours.
        """
        flat: list = []  # (index into outs, char or _Slot)
        for k, out in enumerate(outs):
            if isinstance(out, _Slot):
                flat.append((k, out))
            else:
                flat.extend((k, c) for c in out)
        chosen: dict[int, str] = {}
        guessed: dict[int, float] = {}
        i = 0
        while i < len(flat):
            if not isinstance(flat[i][1], _Slot):
                i += 1
                continue
            j = i
            while j + 1 < len(flat) and isinstance(flat[j + 1][1], _Slot):
                j += 1
            left = flat[i - 1][1] if i > 0 else None
            right = _after_gloss(flat, j + 1)
            for (k, _), (char, sure) in zip(flat[i:j + 1], self._decide([s for _, s in flat[i:j + 1]], left, right)):
                chosen[k] = char
                if char != "\ufffd":
                    guessed[k] = min(sure, guessed.get(k, 1.0))
            i = j + 1
        return [chosen[k] if isinstance(out, _Slot) else out for k, out in enumerate(outs)], guessed

    def _slot_mass(self, prev: str | None, slot: _Slot) -> tuple[float, tuple | None]:
        """log of the summed probability of a slot's candidates after ``prev``, and the top few.

        Summed as the model's interpolation: unigram and punctuation parts are fixed per slot;
        the bigram part only runs over the candidates seen after ``prev``."""
        key = (slot, self._writes)
        info = self._slot_infos.get(key)
        if info is None:
            info = self._slot_infos[key] = self._slot_info(slot)
        if info is None:
            return GUESS, None
        fixed, uni_sum, by_simple, top_uni = info
        model = self.model
        if prev is None:
            total = fixed + uni_sum
            best = [(c, p) for c, p in top_uni]
        else:
            followers = model.followers(prev)
            small, large = (followers, by_simple) if len(followers) < len(by_simple) else (by_simple, followers)
            bi_sum, hits = 0.0, []
            for simple in small:
                if simple in large:
                    p_bi = followers[simple]
                    for c, p_uni in by_simple[simple]:
                        bi_sum += p_bi
                        hits.append((c, model.mixed(p_bi, p_uni)))
            total = fixed + model.mixed(bi_sum, uni_sum)
            seen = {c for c, _ in hits}
            best = hits + [(c, p if c in _PUNCTUATION else model.mixed(0.0, p)) for c, p in top_uni if c not in seen]
        best.sort(key=lambda cp: -cp[1])
        return math.log(total) + SLOT, tuple((c, p / total) for c, p in best[:_MIX])

    def _slot_info(self, slot: _Slot):
        """Per slot: punctuation mass, unigram mass, Han candidates by simplified form, top candidates."""
        cands = self._candidates(slot)
        if not cands:
            return None
        fixed, uni_sum, by_simple, scored = 0.0, 0.0, {}, []
        for c in cands:
            if c in _PUNCTUATION:
                p = math.exp(OTHER + _PUNCTUATION[c])
                fixed += p
            else:
                p = math.exp(self.model.unigram(c))
                uni_sum += p
                by_simple.setdefault(self.model.simplified(c), []).append((c, p))
            scored.append((c, p))
        scored.sort(key=lambda cp: -cp[1])
        return fixed, uni_sum, by_simple, scored[:_MIX]

    def _candidates(self, slot: _Slot) -> list[str]:
        tables = self._tables
        if slot.silent:
            return []  # bytes vanished without a trace: nothing to go on
        if slot.lead is not None:
            chars = tables.by_lead.get(slot.lead, [])
        elif slot.trail is not None:
            chars = tables.by_trail.get(slot.trail, [])
        else:
            chars = tables.by_lead.get(slot.either, []) + tables.by_trail.get(slot.either, [])
        foreign = self._foreign  # the writer did not write it: not a candidate
        return [c for c in chars if c in _PUNCTUATION
                or (_HAN.match(c) and c not in foreign and self.model.unigram(c) > _RARE)]

    def _lp_alone(self, char: str) -> float:
        return self._lp(None, char)

    def _lp(self, prev: str | None, char: str) -> float:
        if char in _PUNCTUATION:
            return OTHER + _PUNCTUATION[char]
        return self.model.logp(prev if prev is not None and _HAN.match(prev) else None, char)

    def _decide(self, slots: list[_Slot], left, right) -> list[tuple[str, float]]:
        """Each half-known character's likeliest reading (U+FFFD when unsure) and its posterior."""
        cands = [self._candidates(s) for s in slots]
        if any(not c for c in cands):
            return [("\ufffd", 0.0)] * len(slots)
        if len(slots) > 1:  # a chain: pairs of candidates multiply, so keep the commonest of each
            cands = [sorted(c, key=self._lp_alone, reverse=True)[:_CHAIN] for c in cands]
        left = left if isinstance(left, str) else None
        right = right if isinstance(right, str) and _HAN.match(right) else None
        forward = [{c: self._lp(left, c) for c in cands[0]}]
        for k in range(1, len(slots)):
            prev = forward[-1]
            forward.append({c: max(v + self._lp(p, c) for p, v in prev.items()) for c in cands[k]})
        backward = [dict.fromkeys(cands[-1], 0.0)]
        if right is not None:
            backward[0] = {c: self._lp(c, right) - self.model.unigram(right) for c in cands[-1]}
        for k in range(len(slots) - 2, -1, -1):
            nxt = backward[0]
            backward.insert(0, {c: max(v + self._lp(c, n) for n, v in nxt.items()) for c in cands[k]})
        out = []
        for f, b in zip(forward, backward):
            scores = {c: f[c] + b[c] for c in f}
            best = max(scores, key=scores.get)
            total = sum(math.exp(v - scores[best]) for v in scores.values())
            sure = 1.0 / total
            out.append((best if sure >= _CONFIDENT else "\ufffd", sure))
        return out


def _posterior(gap: float) -> float:
    """The probability of the better of two readings that differ by ``gap`` nats."""
    return 1.0 / (1.0 + math.exp(-gap)) if gap < 700 else 1.0


def _after_gloss(flat: list, i: int):
    """The character at ``i``, or the one after a ``(pinyin)`` gloss starting there."""
    if i >= len(flat):
        return None
    if flat[i][1] == "(":
        for j in range(i + 1, min(i + 9, len(flat))):
            if flat[j][1] == ")":
                return flat[j + 1][1] if j + 1 < len(flat) else None
    return flat[i][1]


def _isolated(text: str, i: int, signed: bool = False) -> bool:
    """A lone single-byte character between Chinese text, as a resynchronising decoder leaves.

    Not one in Latin-script text (``Destinée系列``, ``c:windows``), nor a tilde before a number,
    which writes a range (``3％~4％``, ``即日起~7/16``). A pinyin gloss before it does not
    count, nor, in text the damage made half width, a punctuation mark (``濃蔭,o老劉``)."""
    char = text[i]
    if not 0x40 <= ord(char) <= 0x7E:
        return False
    before = _before(text, i, signed)
    if before is not None and before.isdigit() and not char.isalnum() and char != "~":
        return bool(_HAN.match(text[i + 1]))  # ``29|千瓦``: a trail byte after a number
    if before is None or before.isascii() or before.isspace() or _LATIN.match(before):
        return False
    after = text[i + 1]
    if after in ",;:!?":  # not a list of letters (``A,B``); in damaged text a number may follow
        return signed or not ascii_alnum(text[i + 2:i + 3])
    if after.isdigit():  # a letter names a model (``G20``); in damaged text lower case rarely does
        return not char.isalpha() and char != "~" or signed and char.islower()
    return bool(_CJK.match(after)) or (after == "(" and (char.isalpha() and text[i + 2:i + 3].islower()
                                                        or _GLOSS.match(text, i + 1) is not None))


def _quoted(text: str, i: int) -> bool:
    """A letter opening or closing a quoted name (``“E网同心汇”``, ``“大V”``): how writers use one."""
    return text[i - 1] in "“‘《「『(（" or text[i + 1:i + 2] in ("”", "’", "》", "」", "』", ")", "）")


def _before(text: str, i: int, signed: bool) -> str | None:
    """The character before ``i``, looking past a pinyin gloss and, in signed text, a half-width mark."""
    j = i
    if text[j - 1] == ")":
        k = text.rfind("(", max(j - 9, 0), j)
        if k > 0 and _GLOSS.fullmatch(text, k, j):
            j = k
    if signed and j > 1 and (text[j - 1] in ",;:!" or _folded_remnant(text[j - 2], text[j - 1], text[i])):
        j -= 1
    return text[j - 1] if j > 0 else None


def _folded_remnant(first: str, char: str, nxt: str) -> bool:
    """Is ``char``, after Chinese ``first`` and before ``nxt``, likelier a full-width form the
    damage folded to ASCII than the start of a Latin word or a number: a symbol, a digit before
    anything but a capital (``4G``), a letter before one of the other case (``pB``, ``Wo``)?"""
    if first.isascii() or _LATIN.match(first) or not char.isascii() or not char.isprintable():
        return False
    if char.isdigit():
        return not nxt.isupper()
    if char.isalpha():
        return nxt.isalpha() and nxt.isupper() != char.isupper()
    return not char.isspace()


def ascii_alnum(char: str) -> bool:
    """An ASCII letter or digit (``str.isalnum`` alone also takes Chinese numerals)."""
    return char.isascii() and char.isalnum()


def _path(node: _Node | None) -> list[_Node]:
    """The steps of a reading, first to last."""
    out = []
    while node is not None:
        out.append(node)
        node = node.parent
    return out[::-1]
