"""Rules and lexicons are data: YAML files in ``rules/`` (bundled) plus any folders a user adds.

Each file names its ``family`` (numerics, dates, programs, organizations, normalize, ...).
Folders given later extend earlier ones: lists are appended (an entry whose ``id`` already
exists replaces it), mappings are updated, scalars overridden. Nothing is loaded at import.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from .errors import XinwenError


class RulesError(XinwenError, ValueError):
    """A rules file that cannot be used; the message names the file."""

    hint = "xinwen rules check DIR says more"


def bundled_rules_dir() -> Path:
    """The rules shipped with the package: ``extract/_rules`` in a wheel, ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RulesError("bundled rules not found (expected extract/_rules or rules/ beside extract/)")


def merge_rules(base: Any, extra: Any) -> Any:
    """``extra`` over ``base``: mappings merged key by key, lists appended (an entry with an ``id``
    already there replaces it), anything else replaced."""
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = merge_rules(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        ids = {e.get("id"): i for i, e in enumerate(base) if isinstance(e, dict) and e.get("id")}
        merged = list(base)
        for entry in extra:
            key = entry.get("id") if isinstance(entry, dict) else None
            if key in ids:
                merged[ids[key]] = entry
            else:
                merged.append(entry)
        return merged
    return extra


# libyaml's safe loader when PyYAML was built with it (about ten times faster), else the pure one
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _entry_lines(node: yaml.Node | None) -> dict[tuple[str, int], int]:
    """Line (1-based) of each entry of each top-level list: ``(key, index) -> line``."""
    lines: dict[tuple[str, int], int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(value_node, yaml.SequenceNode):
                for index, item in enumerate(value_node.value):
                    lines[(key_node.value, index)] = item.start_mark.line + 1
    return lines


MAX_DEPTH = 50  # nesting of a rules file; the bundled ones use 6
MAX_NODES = 200_000  # nodes of a rules file with every alias expanded; the bundled ones have under 20,000


def parse_yaml(text: str, name: str) -> tuple[Any, yaml.Node | None]:
    """The data and node tree of one YAML document, loaded safely (no tags, no code) and within
    limits: the one loader of ``run``, ``explain`` and ``rules check``, so a file one refuses the
    others refuse too. Aliases that expand beyond ``MAX_NODES`` (a "billion laughs"), nesting
    beyond ``MAX_DEPTH`` and an alias inside itself raise ``RulesError`` before anything is built
    or walked. YAML errors pass through as ``yaml.YAMLError`` (they carry the line)."""
    loader = _SAFE_LOADER(text)  # parsed once: the node tree gives the lines, then the data
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:  # the pure-Python composer, without libyaml's own nesting limit
            raise RulesError(f"{name}: nested more than {MAX_DEPTH} levels deep") from None
        if node is None:
            return None, None
        _check_size(node, name)
        return loader.construct_document(node), node
    finally:
        loader.dispose()


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_size(root: yaml.Node, name: str) -> None:
    """Walk the node tree once, without recursion, each node once however many aliases name it:
    the size and height of a node are those of its children, computed after them."""
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            children = _children(node)
            size[key] = 1 + sum(size[id(c)] for c in children)
            height[key] = 1 + max((height[id(c)] for c in children), default=0)
            line = node.start_mark.line + 1
            if height[key] > MAX_DEPTH:
                raise RulesError(f"{name}:{line}: nested more than {MAX_DEPTH} levels deep")
            if size[key] > MAX_NODES:
                raise RulesError(f"{name}:{line}: its aliases expand to more than {MAX_NODES:,} values "
                                 "(a 'billion laughs'); write the values out")
            continue
        if key in size:
            continue
        if key in open_nodes:
            raise RulesError(f"{name}:{node.start_mark.line + 1}: an alias refers to a value that contains it")
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in size)


def _read(path: Path) -> dict:
    """One rules file (``parse_yaml``); each list entry remembers its ``_file`` and ``_line`` so a
    problem found later (a pattern that runs too long) can say where it is."""
    try:
        data, node = parse_yaml(path.read_text(encoding="utf-8"), str(path))
        lines = _entry_lines(node)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or "family" not in data:
        raise RulesError(f"{path}: a rules file is a mapping with a 'family' key")
    for key, value in data.items():
        if isinstance(value, list):
            for index, entry in enumerate(value):
                if isinstance(entry, dict):
                    entry.setdefault("_file", str(path))
                    entry.setdefault("_line", lines.get((key, index)))
    return data


@dataclass(frozen=True)
class RuleBook:
    """Merged rule families, keyed by family name; ``dirs`` records where they came from."""

    families: Mapping[str, Mapping[str, Any]]
    dirs: tuple[str, ...]

    def family(self, name: str) -> Mapping[str, Any]:
        try:
            return self.families[name]
        except KeyError:
            raise RulesError(f"no rules of family {name!r} in {', '.join(self.dirs)}") from None


def load_rules(extra_dirs: Iterable[str | Path] = (), include_bundled: bool = True) -> RuleBook:
    dirs = ([bundled_rules_dir()] if include_bundled else []) + [Path(d) for d in extra_dirs]
    families: dict[str, dict] = {}
    for folder in dirs:
        if not folder.is_dir():
            raise RulesError(f"rules folder {folder} does not exist")
        if include_bundled and folder != dirs[0]:
            _refuse_unknown_keys(folder)
        for path in sorted(folder.glob("*.y*ml")):
            data = _read(path)
            name = data.pop("family")
            families[name] = merge_rules(families.get(name, {}), data)
    return RuleBook(families, tuple(str(d) for d in dirs))


def _refuse_unknown_keys(folder: Path) -> None:
    """A user's rule under a key no matcher reads (an old name such as ``compares``, a typo) would
    be ignored without a word: the run stops instead, naming the key and its line."""
    from .rules_check import check_rules_dir

    unknown = [p for p in check_rules_dir(folder, run_examples=False)
               if p.severity == "error" and p.message.startswith("unknown key")]
    if unknown:
        more = f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""
        raise RulesError(f"{unknown[0]}{more}: no matcher reads it, so it would be ignored")


def pipeline_rules(nlp, rules_dirs: Iterable[str | Path] = ()) -> RuleBook:
    """The rules from ``rules_dirs`` (a component's config) for a component of the spaCy pipeline
    ``nlp``: the ones its tokenizer was built from (``JiebaTokenizer.rules``) when they come from
    the same folders, since every component reads the same folders and parsing the YAML again for
    each was a fifth of a pipeline's start-up; else loaded."""
    dirs = tuple(str(d) for d in [bundled_rules_dir(), *(Path(d) for d in rules_dirs)])
    known = getattr(nlp.tokenizer, "rules", None)  # spaCy's own tokenizer has "rules" of another kind
    if isinstance(known, RuleBook) and known.dirs == dirs:
        return known
    return load_rules(rules_dirs)
