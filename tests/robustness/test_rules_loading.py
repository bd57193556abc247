"""One YAML loader, with the same limits, for ``run``, ``explain`` and ``rules check``: a billion
laughs, a deeply nested file or an alias inside itself is refused by all of them with a message,
never a RecursionError or memory exhausted. A value of the wrong kind (``words: 5``) is named
before a run starts, and an error inside a chunk reaches the user as itself (the batch error
handler once broke on a lazily imported ``concurrent.futures.process``)."""
from __future__ import annotations

import time

import pytest

from extract.cli import main
from extract.rules import RulesError, load_rules
from extract.rules_check import check_rules_dir, nested_repeat


def _laughs(levels: int = 6, width: int = 10) -> str:
    lines = ["family: programs", "a0: &a0 [lol]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def _nested(depth: int) -> str:
    return "family: programs\nheads:\n" + "".join("  " * i + "-\n" for i in range(1, depth)) + "  " * depth + "- x\n"


HOSTILE = {
    "billion-laughs": (_laughs(), "(a 'billion laughs')"),
    "deeply-nested": (_nested(900), "nested more than 50 levels deep"),
    "recursive-alias": ("family: programs\nheads: &h [*h]\n", "an alias refers to a value that contains it"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_rules_check_and_load_refuse_the_same_hostile_yaml(name, tmp_path):
    text, said = HOSTILE[name]
    (tmp_path / "programs.yaml").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    problems = check_rules_dir(tmp_path, run_examples=False)
    assert [p.severity for p in problems] == ["error"] and said in problems[0].message, problems
    with pytest.raises(RulesError, match=said.replace("(", r"\(").replace(")", r"\)")):
        load_rules([str(tmp_path)])
    assert time.perf_counter() - started < 10


def test_a_value_of_the_wrong_kind_is_named_before_a_run(tmp_path, capsys):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "organizations.yaml").write_text(
        "family: organizations\ninstitutions:\n  - id: org.user.bad\n    org_type: other\n    words: 5\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("今年超过10万人参与。", encoding="utf-8")
    assert main(["run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--rules", str(rules), "-q"]) == 2
    err = capsys.readouterr().err
    assert "organizations.yaml:5: error: org.user.bad: 'words' should be a list, not a number" in err
    assert not (tmp_path / "out").exists()


def test_an_error_inside_a_chunk_reaches_the_caller_as_itself(tmp_path):
    from extract.batch import run_batch

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "organizations.yaml").write_text(
        "family: organizations\ninstitutions:\n  - id: org.user.bad\n    org_type: other\n    words: 5\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("今年超过10万人参与。", encoding="utf-8")
    from extract.batch import PipelineConfig

    with pytest.raises(TypeError, match="not iterable"):
        run_batch([str(tmp_path / "a.txt")], tmp_path / "out", config=PipelineConfig((str(rules),)), jobs=1, progress=False)


@pytest.mark.parametrize("pattern, repeat", [("(a+)+$", "(a+)+"), (r"(?:\s*x)*y", r"(?:\s*x)*"),
                                             ("((ab)*c)+", "((ab)*c)+"), ("(a{2,})*", "(a{2,})*")])
def test_nested_repeats_are_found(pattern, repeat):
    assert nested_repeat(pattern) == repeat


@pytest.mark.parametrize("pattern", ["(a+)?", "(?>a+)+", "(a++)+", "(ab)+c+", "[(+]+(a)+", r"\(a+\)+", "(a{1,3})+"])
def test_bounded_or_atomic_repeats_are_not_reported(pattern):
    assert nested_repeat(pattern) == ""


def test_rules_check_warns_on_a_catastrophic_pattern(tmp_path):
    (tmp_path / "boilerplate.yaml").write_text(
        "family: boilerplate\nlines:\n  - id: boilerplate.user.evil\n    pattern: '(a+)+$'\n", encoding="utf-8")
    (problem,) = check_rules_dir(tmp_path, run_examples=False)
    assert (problem.severity, problem.line, problem.rule_id) == ("warning", 4, "boilerplate.user.evil")
    assert "(a+)+" in problem.message and "backtrack" in problem.message
