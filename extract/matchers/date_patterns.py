"""The date matcher's regular expressions, composed from the named fragments of rules/dates.yaml.

``${name}`` in a fragment stands for the fragment ``name``, or for a lexicon of the file as an
alternation of its words (``DateLexicon.alternations``); ``${name:unnamed}`` for the same text with
its named groups made plain, to say it again inside a lookahead. The text is put in as it stands, so
a fragment may be a piece of a character class (``cn_digits``). Composed once, when a matcher is
built or ``rules check`` reads a folder: a user's ``fragments`` replace the bundled ones of the same
name, and every pattern that names them changes with them.
"""
from __future__ import annotations

from typing import Iterable, Mapping

import regex

from ..rules import RulesError

# tried in this order, each read by DateMatcher._build_<name>
MATCHER_PATTERNS = ("year_period", "name_year", "iso", "spaced", "dmy", "short_numeric", "year_range",
                    "month_range", "calendar", "duration", "decade", "plan", "vague")
RANGE_PATTERNS = ("separator", "hour_range", "bare_part")  # read by DateRanges
PATTERNS = MATCHER_PATTERNS + RANGE_PATTERNS
READS_CAPTURES = {"duration"}  # its builder reads every repetition of a group (regex's captures)

MAX_DEPTH = 50  # fragments inside fragments; the bundled ones go 6 deep
MAX_PATTERN_CHARS = 100_000  # a composed pattern; the bundled calendar pattern has under 5,000

_REFERENCE = regex.compile(r"\$\{(\w+)(:unnamed)?\}")
_NAMED_GROUP = regex.compile(r"\(\?P<\w+>")


class FragmentError(RulesError):
    """A fragment that cannot be composed: a name it refers to is unknown, it refers to itself, or
    it grows too long. ``fragment`` names it (for ``rules check`` to find its line)."""

    def __init__(self, fragment: str, message: str):
        super().__init__(f"rules/dates.yaml fragment {fragment!r}: {message}")
        self.fragment = fragment


class FragmentComposer:
    """Expands fragments by reference, each once; ``uses`` records which fragments each one
    needs (directly or not), for ``rules check``."""

    def __init__(self, fragments: Mapping[str, str], lexicons: Mapping[str, str]):
        for name in fragments:
            if name in lexicons:
                raise FragmentError(name, "has the name of a lexicon of rules/dates.yaml; give it another")
        self.fragments, self.lexicons = fragments, lexicons
        self._done: dict[str, str] = {}
        self.uses: dict[str, set[str]] = {}

    def expand(self, name: str, path: tuple[str, ...] = ()) -> str:
        if name in self._done:
            return self._done[name]
        if name in path:
            cycle = " -> ".join(path[path.index(name):] + (name,))
            raise FragmentError(name, f"refers to itself ({cycle})")
        if len(path) > MAX_DEPTH:
            raise FragmentError(name, f"fragments nest more than {MAX_DEPTH} deep ({' -> '.join(path[:3])} ...)")
        source = self.fragments.get(name)
        if not isinstance(source, str):
            what = "is missing: the matcher needs it" if source is None else f"should be a string, not {source!r}"
            raise FragmentError(name, what)
        pieces = {ref.group(): self._reference(name, ref, path + (name,)) for ref in _REFERENCE.finditer(source)}
        size = len(source) + sum(len(text) * source.count(ref) for ref, text in pieces.items())
        if size > MAX_PATTERN_CHARS:
            raise FragmentError(name, f"grows to more than {MAX_PATTERN_CHARS:,} characters")
        self._done[name] = _REFERENCE.sub(lambda ref: pieces[ref.group()], source)
        return self._done[name]

    def _reference(self, name: str, ref: regex.Match, path: tuple[str, ...]) -> str:
        target, unnamed = ref[1], bool(ref[2])
        uses = self.uses.setdefault(name, set())
        if target in self.lexicons:
            text = self.lexicons[target]
        elif target in self.fragments:
            text = self.expand(target, path)
            uses.update({target} | self.uses.get(target, set()))
        else:
            raise FragmentError(name, f"refers to ${{{target}}}, which is neither a fragment nor a lexicon")
        return _NAMED_GROUP.sub("(?:", text) if unnamed else text


def compose(fragments: Mapping[str, str], lexicons: Mapping[str, str],
            names: Iterable[str] = PATTERNS) -> dict[str, str]:
    """Each pattern of ``names``, its references expanded; ``FragmentError`` names what is wrong."""
    composer = FragmentComposer(fragments, lexicons)
    return {name: composer.expand(name) for name in names}


def compile_pattern(source: str) -> regex.Pattern:
    """A composed pattern as the range joiner and ``rules check`` compile it (verbose, as the
    matcher's own patterns are)."""
    return regex.compile(source, regex.VERBOSE)
