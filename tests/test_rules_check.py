"""`xinwen rules check DIR`: a user's rules folder is validated (YAML, keys, patterns, examples) with
file and line, and a folder it accepts is used by the next run."""
from __future__ import annotations

import textwrap

import pandas as pd
import pytest

from extract.cli import main
from extract.rules import bundled_rules_dir
from extract.rules_check import check_rules_dir

GOOD = """\
family: programs
heads:
  - id: program.head.reading
    kind: event
    words: [读书会]
    examples:
      - {text: "“书香网信”读书会", name: 书香网信, head: 读书会, kind: event}
    counter_examples: ["今天的读书会很热闹。"]
"""


def _folder(tmp_path, **files):
    folder = tmp_path / "my_rules"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def test_a_good_folder_passes_and_the_next_run_uses_it(tmp_path, capsys):
    folder = _folder(tmp_path, programs=GOOD)
    assert main(["rules", "check", str(folder)]) == 0
    assert "0 errors" in capsys.readouterr().err
    text = tmp_path / "a.txt"
    text.write_text("网信办举办“书香网信”读书会。", encoding="utf-8")
    for rules, expected in (([], False), (["--rules", str(folder)], True)):
        out = tmp_path / f"out{len(rules)}"
        assert main(["run", str(text), "--out", str(out), *rules]) == 0
        programs = pd.read_csv(out / "programs.csv", dtype=str, keep_default_na=False)
        assert ("program.head.reading" in set(programs.rule)) == expected


@pytest.mark.parametrize("text,line,message", [
    ("family: programs\nheads:\n  - id: x\n    words: [a, b\n", 5, "not valid YAML"),
    ("family: programz\n", 1, "unknown family 'programz'"),
    ("family: programs\nheadz: []\n", 2, "unknown key 'headz'"),
    ("family: programs\nheads:\n  - id: program.head.x\n    kind: event\n    wrods: [读书会]\n", 5, "unknown key 'wrods'"),
    ("family: programs\nheads:\n  - kind: event\n    words: [读书会]\n", 3, "has no 'id'"),
    ("family: programs\nheads: {a: 1}\n", 2, "should be a list"),
    ("family: boilerplate\nlines:\n  - id: boilerplate.mine\n    pattern: '(unclosed'\n", 4, "pattern does not compile"),
])
def test_problems_name_file_and_line(tmp_path, text, line, message):
    folder = _folder(tmp_path, bad=text)
    problems = check_rules_dir(folder, run_examples=False)
    assert any(p.line == line and message in p.message and p.file.endswith("bad.yaml") for p in problems), \
        [str(p) for p in problems]
    assert all(p.severity == "error" for p in problems)


def test_failing_examples_and_firing_counter_examples(tmp_path, capsys):
    folder = _folder(tmp_path, programs="""\
        family: programs
        heads:
          - id: program.head.reading
            kind: event
            words: [读书会]
            examples:
              - {text: "“书香网信”读书会", name: 书香网信, head: 读书会, kind: campaign}
            counter_examples:
              - "“书香网信”读书会"
        """)
    assert main(["rules", "check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "programs.yaml:7: error: program.head.reading:" in out and "kind='event', expected 'campaign'" in out
    assert "programs.yaml:9: error: program.head.reading: counter-example" in out


def test_replacing_a_bundled_entry_is_a_warning(tmp_path, capsys):
    folder = _folder(tmp_path, orgs="""\
        family: organizations
        known:
          - id: org.known
            names:
              星火小队: {org_type: social_org}
        """)
    problems = check_rules_dir(folder, run_examples=False)
    assert [(p.severity, p.line, p.rule_id) for p in problems] == [("warning", 3, "org.known")]
    assert main(["rules", "check", str(folder), "--no-examples"]) == 0


def test_duplicate_ids_within_the_folder(tmp_path):
    folder = _folder(tmp_path, a=GOOD, b=GOOD)
    problems = check_rules_dir(folder, run_examples=False)
    assert any("id already used" in p.message and p.file.endswith("b.yaml") and p.line == 3 for p in problems)


def test_not_a_rules_folder(tmp_path):
    assert "not a folder" in check_rules_dir(tmp_path / "nope")[0].message
    (tmp_path / "empty").mkdir()
    assert "no .yaml files" in check_rules_dir(tmp_path / "empty")[0].message


def test_the_bundled_rules_check_without_errors():
    """Every bundled entry has an id of its own (replacing itself is only a warning)."""
    problems = check_rules_dir(bundled_rules_dir(), run_examples=False)
    assert not [str(p) for p in problems if p.severity == "error"]
