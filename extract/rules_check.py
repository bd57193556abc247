"""Checking rules folders: the YAML loads, keys are known, patterns compile, examples pass.

``check_example`` is the one judge of an example: ``tests/test_rule_examples.py`` runs it on every
bundled entry and ``xinwen rules check DIR`` on every entry of a user's folder. ``check_rules_dir``
returns ``Problem`` records naming file and line; the command prints them.

What is known is read off the bundled rules: a user's file may use the top-level keys the bundled
file of the same family uses, and an entry of a list the keys its bundled entries use.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import regex
import yaml

from .rules import RulesError, load_rules, merge_rules, parse_yaml

MENTION_TYPE = {"numerics": "numeric", "dates": "date", "programs": "program", "organizations": "organization"}
ENTRY_KEYS = {"id", "examples", "counter_examples", "description"}
PATTERN_KEYS = ("pattern", "patterns")

# Keys an entry of a list cannot do without: the matchers read them as ``entry[key]`` (found by
# taking each key that every bundled entry has, in turn, out of a copy of one and running the
# pipeline). Missing, they stopped ``xinwen run`` with a KeyError traceback.
REQUIRED = {
    ("boilerplate", "lines"): ("pattern",), ("boilerplate", "inline"): ("pattern",),
    ("metadata", "published"): ("pattern",), ("metadata", "source"): ("pattern",), ("metadata", "byline"): ("pattern",),
    ("dates", "relative"): ("words", "unit"),
    ("numerics", "qualifiers"): ("bound",), ("numerics", "comparatives"): ("before",), ("numerics", "units"): ("kind",),
    ("organizations", "known"): ("names",), ("organizations", "departments"): ("words", "org_type"),
    ("organizations", "institutions"): ("words", "org_type"),
    ("programs", "heads"): ("words", "kind"), ("programs", "weak_heads"): ("words",), ("programs", "triggers"): ("words",),
    ("programs", "unquoted"): ("heads",), ("programs", "slogans"): ("words",),
}

# Fields with a fixed vocabulary (ANNOTATION.md, the data dictionary), by family: a typo such as
# ``kind: evnt`` would otherwise be written into the tables as a kind of its own.
PROGRAM_KINDS = ("campaign", "project", "event", "brand", "platform", "column", "document", "team", "other")
VOCABULARIES = {
    "programs": {"kind": PROGRAM_KINDS, "title_kind": PROGRAM_KINDS},
    "numerics": {"kind": ("count", "money", "percent", "age", "duration", "rank", "other"),
                 "bound": ("exact", "lower", "upper", "approx")},
    "dates": {"kind": ("date", "time", "duration", "range", "vague"),
              "granularity": ("year", "quarter", "month", "week", "day", "hour", "minute", "second", "none")},
    "organizations": {"org_type": ("government", "party", "mass_org", "company", "university", "media",
                                   "social_org", "court", "other")},
}
VOCABULARY_KEYS = {"verb_kinds": PROGRAM_KINDS}  # a mapping whose keys are programme kinds


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    rule_id: str
    message: str
    severity: str = "error"  # error, warning

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f"{self.rule_id}: " if self.rule_id else ""
        return f"{where}: {self.severity}: {what}{self.message}"


def example_text(example: Any) -> str:
    return example["text"] if isinstance(example, Mapping) else str(example)


def check_example(pipeline, family: str, rule_id: str, example: Any, positive: bool) -> str | None:
    """Run one example (``positive``) or counter-example through ``pipeline``; None when it behaves,
    else what went wrong. An example must be extracted whole, exactly once, with the fields it
    states (a programme is found by its ``name``); a counter-example must yield nothing."""
    from .readers import Document

    spec = dict(example) if isinstance(example, Mapping) else {"text": str(example)}
    text = str(spec.get("text", ""))
    if family in MENTION_TYPE:
        kind = MENTION_TYPE[family]
        result = pipeline.process(Document("example", "", text=text, published=str(spec.get("reference", ""))))
        if result.status != "ok":
            return f"{text!r} could not be processed: {result.error}"
        found = [m for m in result.mentions if m.type == kind]
        if not positive:
            return f"counter-example {text!r} extracted {[m.surface for m in found]}" if found else None
        if family == "programs":
            if "name" not in spec:
                return f"example {text!r} states no name (programme examples are matched by name)"
            matches = [m for m in found if m.fields["name"] == spec["name"]]
        else:
            surface = spec.get("surface", pipeline.normalizer(text).text)
            matches = [m for m in found if m.surface == surface]
        if len(matches) != 1:
            return f"{text!r} gave {[(m.surface, m.rule) for m in found]}"
        wrong = [f"{f}={matches[0].fields.get(f)!r}, expected {v!r}" for f, v in spec.items()
                 if f not in ("text", "surface", "reference") and matches[0].fields.get(f) != v]
        return f"{text!r}: " + "; ".join(wrong) if wrong else None
    if family == "facts":
        return _check_fact(pipeline, rule_id, spec, text, positive)
    if family == "normalize":
        got = pipeline.normalizer(text).text
        want = spec.get("normalized", text) if positive else text
        return None if got == want else f"{text!r} normalized to {got!r}, expected {want!r}"
    if family == "boilerplate":
        zones = pipeline.normalizer(text).boilerplate
        if bool(zones) == positive:
            return None
        return f"{text!r} is {'not ' if positive else ''}marked as boilerplate"
    if family == "metadata":
        meta = pipeline.normalizer(text).metadata
        ok = bool(meta.published or meta.source or meta.bylines) if positive else not meta.published
        return None if ok else f"{text!r} gave metadata {meta}"
    return f"no example runner for family {family!r}"


FACT_LINKS = {"metric": "metric", "programme": "programme", "organization": "organization", "date_value": "date"}


def _check_fact(pipeline, rule_id: str, spec: Mapping, text: str, positive: bool) -> str | None:
    """A facts example: the fact of claim ``claim`` has the links it states, and ``rule_id`` made
    one of them. A counter-example: no link of any fact in the text was made by ``rule_id``."""
    from .readers import Document

    result = pipeline.process(Document("example", "", text=text, published=str(spec.get("reference", ""))))
    if result.status != "ok":
        return f"{text!r} could not be processed: {result.error}"
    rules_of = {f: [row[f"{link}_rule"] for link in FACT_LINKS.values()] for f in range(len(result.facts))
                for row in [result.facts[f]]}
    if not positive:
        fired = [result.facts[f]["surface"] for f, rules in rules_of.items() if rule_id in rules]
        return f"counter-example {text!r} linked {fired} by this rule" if fired else None
    if "claim" not in spec:
        return f"example {text!r} states no claim (facts examples are found by the claim's surface)"
    matches = [f for f in range(len(result.facts)) if result.facts[f]["surface"] == spec["claim"]]
    if len(matches) != 1:
        return f"{text!r} gave claims {[row['surface'] for row in result.facts]}"
    row = result.facts[matches[0]]
    wrong = [f"{field}={row.get(field)!r}, expected {value!r}" for field, value in spec.items()
             if field in FACT_LINKS and (row.get(field) or "") != value]
    if rule_id not in rules_of[matches[0]]:
        wrong.append(f"linked by {rules_of[matches[0]]}, not by this rule")
    return f"{text!r}: " + "; ".join(wrong) if wrong else None


def iter_examples(families: Mapping[str, Mapping], only_files: Iterable[str] | None = None):
    """(family, key, entry, example, positive) for every example of every entry with an ``id``;
    with ``only_files``, of the entries read from those files."""
    files = None if only_files is None else {str(Path(f).resolve()) for f in only_files}
    for family, data in sorted(families.items()):
        for key, value in data.items():
            if not isinstance(value, list):
                continue
            for entry in value:
                if not isinstance(entry, Mapping) or "id" not in entry:
                    continue
                if files is not None and str(Path(entry.get("_file", "")).resolve()) not in files:
                    continue
                for example in entry.get("examples") or []:
                    yield family, key, entry, example, True
                for counter in entry.get("counter_examples") or []:
                    yield family, key, entry, counter, False


def _lines(node: yaml.Node, path: tuple = (), out: dict | None = None) -> dict[tuple, int]:
    """Line (1-based) of every mapping key / sequence item, by its path of keys and indexes."""
    out = {} if out is None else out
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            here = path + (key_node.value,)
            out[here] = key_node.start_mark.line + 1
            _lines(value_node, here, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            here = path + (index,)
            out[here] = item.start_mark.line + 1
            _lines(item, here, out)
    return out


def _kind(value: Any) -> str:
    """The YAML kind of a value, as a user reads it."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, Mapping):
        return "mapping"
    return "null" if value is None else type(value).__name__


def _field_kinds(bundled_list: list) -> dict[str, set[str]]:
    """The kinds each entry key holds in the bundled entries: a user's ``words: 5`` where every
    bundled ``words`` is a list is an error found here, not a crash of the matcher that reads it."""
    kinds: dict[str, set[str]] = {}
    for entry in bundled_list:
        if isinstance(entry, Mapping):
            for field, value in entry.items():
                if field not in ("_file", "_line", "description"):
                    kinds.setdefault(field, set()).add(_kind(value))
    return kinds


_REPEAT = regex.compile(r"[*+]|\{\d*,\d*\}")


def nested_repeat(pattern: str) -> str:
    """The first group of ``pattern`` that repeats without bound and holds a part that also repeats
    without bound, such as ``(a+)+`` or ``(?:\\s*x)*``: the shape that backtracks exponentially. ""
    when there is none. Atomic groups and possessive repeats do not backtrack and are not reported;
    a scan of the source, not a proof (``(a|aa)+`` is left to the time budget of ``patterns``)."""
    opened: list[tuple[int, bool]] = []  # (start, holds an unbounded repeat) of each open group
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i)
            continue
        if c == "(":
            opened.append((i, False))
            i += 1
            continue
        if c == ")" and opened:
            start, inner = opened.pop()
            atomic = pattern.startswith("(?>", start)
            length, possessive = _repeat_at(pattern, i + 1)
            if length and inner and not atomic and not possessive:
                return pattern[start:i + 1 + length]
            if opened and (inner and not atomic or length):
                opened[-1] = (opened[-1][0], True)
            i += 1 + length
            continue
        length, possessive = _repeat_at(pattern, i)
        if length and opened and not possessive:
            opened[-1] = (opened[-1][0], True)
        i += max(length, 1)
    return ""


def _repeat_at(pattern: str, i: int) -> tuple[int, bool]:
    """Length of an unbounded repeat (``*``, ``+``, ``{m,}``) starting at ``i``, with its lazy or
    possessive mark, and whether it is possessive; (0, False) when there is none."""
    match = _REPEAT.match(pattern, i)
    if not match or (match.group().startswith("{") and not match.group().endswith(",}")):
        return 0, False
    end = match.end()
    possessive = end < len(pattern) and pattern[end] == "+"
    return end - i + (end < len(pattern) and pattern[end] in "?+"), possessive


def _class_end(pattern: str, i: int) -> int:
    """Index after the character class opening at ``i`` (``]`` first in it is a member)."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def vocabulary_problems(data: Any, family: str, path: tuple = ()) -> list[tuple[tuple, str]]:
    """(path, message) for every value of a field with a fixed vocabulary (``VOCABULARIES``) that
    is not in it, anywhere in a rules file: entries, nested mappings and examples alike."""
    found: list[tuple[tuple, str]] = []
    vocabulary = VOCABULARIES.get(family, {})
    if isinstance(data, Mapping):
        for key, value in data.items():
            here = path + (key,)
            if key in vocabulary and isinstance(value, str) and value not in vocabulary[key]:
                found.append((here, _not_in(key, value, vocabulary[key])))
            elif key in VOCABULARY_KEYS and family == "programs" and isinstance(value, Mapping):
                found += [(here + (k,), _not_in(f"a key of {key}", k, VOCABULARY_KEYS[key]))
                          for k in value if k not in VOCABULARY_KEYS[key]]
            found += vocabulary_problems(value, family, here)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += vocabulary_problems(item, family, path + (index,))
    return found


def _not_in(field: str, value: Any, allowed: tuple[str, ...]) -> str:
    import difflib

    close = difflib.get_close_matches(str(value), allowed, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{field} {value!r} is not one of {', '.join(allowed)}{hint}"


def _entry_keys(bundled_list: list) -> set[str] | None:
    keys = [set(e) for e in bundled_list if isinstance(e, Mapping)]
    return set().union(*keys) - {"_file", "_line"} | ENTRY_KEYS if keys else None


class _FileCheck:
    """The problems found in one file, each placed at the line of the deepest part of its path
    (keys and indexes, as ``_lines`` records them) that the file has."""

    def __init__(self, name: str, lines: dict[tuple, int]):
        self.name, self.lines, self.problems = name, lines, []

    def line(self, where: tuple, default: int | None = None) -> int | None:
        return next((self.lines[where[:n]] for n in range(len(where), 0, -1) if where[:n] in self.lines), default)

    def add(self, line: int | None, rule_id: str, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.name, line, rule_id, message, severity))


def check_file(path: Path, bundled: Mapping[str, Mapping], seen_ids: dict[str, str]) -> list[Problem]:
    """Problems of one rules file that can be told without running it."""
    parsed = _parse(path)
    if isinstance(parsed, Problem):
        return [parsed]
    data, check = parsed
    if not isinstance(data, dict) or "family" not in data:
        check.add(1, "", "a rules file is a mapping with a 'family' key")
        return check.problems
    family = data["family"]
    if family not in bundled:
        check.add(check.line(("family",)), "", f"unknown family {family!r}; known: {', '.join(sorted(bundled))}")
        return check.problems
    _check_vocabulary(check, data, family)
    for key, value in data.items():
        if key != "family" and _check_top_key(check, family, bundled[family], key, value) and isinstance(value, list):
            for index, entry in enumerate(value):
                _check_entry(check, family, key, index, entry, bundled[family][key], seen_ids)
    if family == "dates":
        _check_date_patterns(check, data, bundled["dates"])
    return sorted(check.problems, key=lambda p: p.line or 0)


def _parse(path: Path) -> tuple[Any, _FileCheck] | Problem:
    """The data of a rules file, read by the loader (and within the limits) of ``run``."""
    name = str(path)
    try:
        data, node = parse_yaml(path.read_text(encoding="utf-8"), name)
    except UnicodeDecodeError as exc:
        return Problem(name, None, "", f"not UTF-8: {exc}")
    except RulesError as exc:
        return Problem(name, None, "", str(exc).removeprefix(f"{name}: "))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return Problem(name, mark.line + 1 if mark else None, "", f"not valid YAML: {exc.problem or exc}")
    except yaml.YAMLError as exc:
        return Problem(name, None, "", f"not valid YAML: {exc}")
    return data, _FileCheck(name, _lines(node) if node is not None else {})


def _check_vocabulary(check: _FileCheck, data: Mapping, family: str) -> None:
    for where, message in vocabulary_problems(data, family):
        entry = data.get(where[0]) if isinstance(where[0], str) else None
        owner = entry[where[1]] if isinstance(entry, list) and len(where) > 1 else None
        check.add(check.line(where), str(owner.get("id", "")) if isinstance(owner, Mapping) else "", message)


def _check_top_key(check: _FileCheck, family: str, known: Mapping, key: str, value: Any) -> bool:
    """A top-level key the bundled file of the family has, holding the same kind of value."""
    if key not in known:
        check.add(check.line((key,)), "", f"unknown key {key!r} for family {family}; known: {', '.join(sorted(known))}")
        return False
    if isinstance(known[key], list) != isinstance(value, list) or isinstance(known[key], dict) != isinstance(value, dict):
        check.add(check.line((key,)), "", f"{key!r} should be a {type(known[key]).__name__}, not a {type(value).__name__}")
        return False
    return True


def _check_entry(check: _FileCheck, family: str, key: str, index: int, entry: Any, known: list,
                 seen_ids: dict[str, str]) -> None:
    """One entry of a list: a mapping with a new id, the keys its matcher reads and no others, each
    holding the kind of value the bundled entries hold; its patterns compile."""
    allowed, line = _entry_keys(known), check.line((key, index))
    if allowed is None:
        return
    if not isinstance(entry, Mapping):
        check.add(line, "", f"entries of {key!r} are mappings with an 'id'")
        return
    rule_id = _check_id(check, key, line, entry, known, seen_ids)
    for field in REQUIRED.get((family, key), ()):
        if field not in entry:
            check.add(line, rule_id, f"an entry of {key!r} needs {field!r} (the matcher reads it from every entry)")
    kinds = _field_kinds(known)
    for field in entry:
        at = check.lines.get((key, index, field), line)
        if field not in allowed:
            check.add(at, rule_id, f"unknown key {field!r} in {key!r}; known: {', '.join(sorted(allowed))}")
        elif field in kinds and _kind(entry[field]) not in kinds[field]:
            check.add(at, rule_id, f"{field!r} should be a {' or a '.join(sorted(kinds[field]))}, not a {_kind(entry[field])}")
    for field in PATTERN_KEYS:
        patterns = entry.get(field)
        listed = patterns if isinstance(patterns, list) else [patterns] if patterns else []
        for j, pattern in enumerate(listed):
            where = (key, index, field, j) if isinstance(patterns, list) else (key, index, field)
            _check_pattern(check, check.lines.get(where, line), rule_id, field, str(pattern))
    for field in ("examples", "counter_examples"):
        if field in entry and not isinstance(entry[field], list):
            check.add(check.lines.get((key, index, field), line), rule_id, f"{field} should be a list")


def _check_id(check: _FileCheck, key: str, line: int | None, entry: Mapping, known: list,
              seen_ids: dict[str, str]) -> str:
    """The entry's id: present, not used before in the folder; replacing a bundled one is a warning."""
    rule_id = str(entry.get("id", ""))
    if not rule_id:
        check.add(line, "", f"an entry of {key!r} has no 'id'")
    elif rule_id in seen_ids:
        check.add(line, rule_id, f"id already used in {seen_ids[rule_id]}")
    else:
        seen_ids[rule_id] = check.name
        replaced = next((e for e in known if isinstance(e, Mapping) and e.get("id") == rule_id), None)
        if replaced is not None:
            check.add(line, rule_id, f"replaces the bundled entry with this id as a whole "
                                     f"(from {Path(replaced.get('_file', '')).name}); give a new id to add to it",
                      severity="warning")
    return rule_id


def _check_pattern(check: _FileCheck, line: int | None, rule_id: str, field: str, pattern: str) -> None:
    try:
        regex.compile(pattern)
    except regex.error as exc:
        check.add(line, rule_id, f"{field} does not compile: {exc}")
        return
    repeat = nested_repeat(pattern)
    if repeat:
        check.add(line, rule_id, f"{field} repeats a group that itself repeats ({repeat}): it can backtrack "
                                 "without end on a text that almost matches; make the inner or the outer "
                                 "repeat bounded, possessive (++) or atomic ((?>...))", severity="warning")


def _check_date_patterns(check: _FileCheck, data: Mapping, bundled: Mapping) -> None:
    """The date matcher's patterns, composed from this file's fragments over the bundled ones
    (``date_patterns.fragment_problems``), and the resolver's sentence end."""
    from .matchers.date_patterns import fragment_problems

    if isinstance(data.get("fragments"), Mapping):
        for fragment, message, severity in fragment_problems(merge_rules(bundled, data), bundled, data["fragments"]):
            check.add(check.line(("fragments", fragment)), "", message, severity)
    sentence_end = data.get("resolution", {}).get("sentence_end") if isinstance(data.get("resolution"), Mapping) else None
    if sentence_end is not None:
        _check_pattern(check, check.line(("resolution", "sentence_end")), "", "sentence_end", str(sentence_end))


def check_rules_dir(folder: str | Path, run_examples: bool = True) -> list[Problem]:
    """Everything wrong with a user's rules folder, used together with the bundled rules."""
    folder = Path(folder)
    if not folder.is_dir():
        return [Problem(str(folder), None, "", "not a folder")]
    files = sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    if not files:
        return [Problem(str(folder), None, "", "no .yaml files in it")]
    bundled = load_rules().families
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in files:
        problems += check_file(path, bundled, seen)
    if any(p.severity == "error" for p in problems) or not run_examples:
        return problems
    from .pipeline import Pipeline

    try:
        pipeline = Pipeline([str(folder)])
    except (RulesError, KeyError, TypeError, ValueError, AttributeError, regex.error) as exc:
        return problems + [Problem(str(folder), None, "", f"the rules do not load: {type(exc).__name__}: {exc}")]
    loaded = {str(p.resolve()): parse_yaml(p.read_text(encoding="utf-8"), str(p)) for p in files}
    line_maps = {f: _lines(node) if node is not None else {} for f, (_, node) in loaded.items()}
    parsed = {f: data for f, (data, _) in loaded.items()}
    counters: dict[tuple, int] = {}
    for family, key, entry, example, positive in iter_examples(pipeline.rules.families, only_files=files):
        file = str(Path(entry["_file"]).resolve())
        field = "examples" if positive else "counter_examples"
        index = counters.get((file, entry["id"], field), 0)
        counters[(file, entry["id"], field)] = index + 1
        message = check_example(pipeline, family, entry["id"], example, positive)
        if message:
            lines = line_maps.get(file, {})
            own = parsed.get(file, {}).get(key, [])
            entry_index = next((i for i, e in enumerate(own) if isinstance(e, Mapping) and e.get("id") == entry["id"]), -1)
            line = lines.get((key, entry_index, field, index)) or lines.get((key, entry_index))
            problems.append(Problem(entry["_file"], line, entry["id"], message))
    return problems
