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
RANGE_PATTERNS = ("separator", "hour_range", "minute_range", "bare_part", "count_range_start")  # read by DateRanges
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
        super().__init__(f"dates fragment {fragment!r} {message}")
        self.fragment = fragment


class FragmentComposer:
    """Expands fragments by reference, each once."""

    def __init__(self, fragments: Mapping[str, str], lexicons: Mapping[str, str]):
        for name in fragments:
            if name in lexicons:
                raise FragmentError(name, "has the name of a lexicon of dates.yaml; give it another")
        self.fragments, self.lexicons = fragments, lexicons
        self._done: dict[str, str] = {}

    def expand(self, name: str, path: tuple[str, ...] = ()) -> str:
        if name in self._done:
            return self._done[name]
        if name in path:
            cycle = " -> ".join(path[path.index(name):] + (name,))
            raise FragmentError(name, f"refers to itself ({cycle})")
        if len(path) > MAX_DEPTH:
            raise FragmentError(name, f"is nested more than {MAX_DEPTH} fragments deep ({' -> '.join(path[:3])} ...)")
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
        if target in self.lexicons:
            text = self.lexicons[target]
        elif target in self.fragments:
            text = self.expand(target, path)
        else:
            raise FragmentError(name, f"refers to ${{{target}}}, which is neither a fragment nor a lexicon of dates.yaml")
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


def reachable(fragments: Mapping[str, str], roots: Iterable[str]) -> set[str]:
    """The fragments ``roots`` name, directly or not (themselves included), read off the text
    without expanding it: it holds for fragments that do not compose too."""
    seen: set[str] = set()
    todo = [name for name in roots if name in fragments]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            text = fragments[name] if isinstance(fragments[name], str) else ""
            todo.extend(ref[1] for ref in _REFERENCE.finditer(text) if ref[1] in fragments)
    return seen


def fragment_problems(merged: Mapping, bundled: Mapping, own: Mapping) -> list[tuple[str, str, str]]:
    """(fragment, message, severity) for the fragments ``own`` of a user's dates.yaml, composed
    with the bundled ones (``merged``): every name resolves, none refers to itself, each pattern
    compiles and keeps the groups the matcher reads; a fragment no pattern uses is likely misspelt."""
    from .date_lexicon import DateLexicon

    try:
        composer = FragmentComposer(merged["fragments"], DateLexicon(merged).alternations())
    except FragmentError as exc:
        return [(exc.fragment, str(exc), "error")]
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, StopIteration) as exc:
        return [("", f"the date lexicons cannot be read with these rules: {type(exc).__name__}: {exc}", "error")]
    expected = compose(bundled["fragments"], DateLexicon(bundled).alternations())
    found: dict[str, tuple[str, str, str]] = {}
    for name in [*PATTERNS, *own]:
        try:
            source = composer.expand(name)
        except FragmentError as exc:
            found.setdefault(str(exc), (exc.fragment, str(exc), "error"))
            continue
        if name not in PATTERNS:
            continue
        needs = reachable(merged["fragments"], [name])
        blame = next((f for f in own if f in needs), name)
        try:
            groups = set(compile_pattern(source).groupindex)
        except regex.error as exc:
            found[name] = (blame, f"pattern {name!r}, composed with fragment {blame!r}, does not compile: {exc}", "error")
            continue
        missing = set(compile_pattern(expected[name]).groupindex) - groups
        if missing:
            found[name] = (blame, f"pattern {name!r} lacks the group(s) {', '.join(sorted(missing))} that the "
                                  "matcher reads; keep them when replacing a fragment", "error")
    used = reachable(merged["fragments"], PATTERNS)
    found.update({f: (f, f"fragment {f!r} is used by no pattern (a misspelt name?)", "warning") for f in own if f not in used})
    return list(found.values())
