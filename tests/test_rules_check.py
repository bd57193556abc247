"""`xinwen rules check DIR`: a user's rules folder is validated (YAML, keys, patterns, examples) with
file and line, and a folder it accepts is used by the next run."""
from __future__ import annotations

import textwrap

import pandas as pd
import pytest

from extract.cli import main
from extract.rules import bundled_rules_dir
from extract.rules_check import REQUIRED, check_rules_dir

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


@pytest.mark.parametrize("text,line,message", [
    ("family: programs\nheads:\n  - id: program.head.x\n    kind: evnt\n    words: [读书会]\n", 4,
     "kind 'evnt' is not one of campaign, project, event"),
    ("family: programs\ntitle_kind: colum\n", 2, "did you mean 'column'?"),
    ("family: programs\nweak_heads:\n  - id: program.weak.x\n    words: [会]\n    verb_kinds:\n      evnt: [举办]\n",
     6, "a key of verb_kinds 'evnt'"),
    ("family: organizations\nknown:\n  - id: org.known.x\n    names:\n      某某办: {org_type: goverment}\n", 5,
     "org_type 'goverment' is not one of"),
    ("family: numerics\nqualifiers:\n  - id: qualifier.x\n    before: [起码]\n    bound: lowr\n", 5,
     "bound 'lowr' is not one of exact, lower, upper, approx"),
    ("family: numerics\nunits:\n  - id: unit.x\n    kind: cnt\n    words: [台]\n", 4, "kind 'cnt'"),
    ("family: dates\nvague:\n  - id: date.vague.x\n    words: [早些年]\n    examples:\n"
     "      - {text: 早些年, kind: vage, granularity: yr}\n", 6, "granularity 'yr'"),
])
def test_fields_with_a_fixed_vocabulary_are_checked(tmp_path, text, line, message):
    """`kind: evnt` was accepted and became a kind of its own in the tables: kind, org_type, bound
    and granularity take only the values of ANNOTATION.md, wherever they stand in a file."""
    problems = check_rules_dir(_folder(tmp_path, bad=text), run_examples=False)
    assert any(p.line == line and message in p.message and p.severity == "error" for p in problems), \
        [str(p) for p in problems]


def test_the_vocabularies_are_the_data_dictionarys():
    """The values the check allows are the ones the data dictionary lists for the column."""
    from extract.rules_check import VOCABULARIES
    from extract.schema import load_schema

    table_of = {"programs": "programs", "numerics": "numerics", "dates": "dates", "organizations": "organizations"}
    tables = load_schema()["tables"]
    for family, fields in VOCABULARIES.items():
        meanings = {c["name"]: c["meaning"] for c in tables[table_of[family]]["columns"]}
        for field, allowed in fields.items():
            listed = meanings["kind" if field == "title_kind" else field]
            assert all(value in listed for value in allowed), (family, field, listed)


@pytest.mark.parametrize("family,key,field", [(f, k, field) for (f, k), fields in REQUIRED.items() for field in fields])
def test_an_entry_without_a_key_the_matcher_needs_is_named(tmp_path, family, key, field):
    """A bundled entry copied without one of its required keys is an error of `rules check`
    (`run` stopped on it with a KeyError traceback); every bundled entry has the key."""
    import yaml

    from extract.rules import load_rules

    bundled = load_rules().families[family][key]
    assert all(field in entry for entry in bundled)
    entry = {k: v for k, v in bundled[0].items() if k not in ("_file", "_line", "examples", "counter_examples", field)}
    entry["id"] = f"user.{key}.copy"
    text = yaml.safe_dump({"family": family, key: [entry]}, allow_unicode=True)
    problems = check_rules_dir(_folder(tmp_path, bad=text), run_examples=False)
    assert [p.message for p in problems if p.severity == "error"] == \
        [f"an entry of {key!r} needs {field!r} (the matcher reads it from every entry)"]


def test_run_with_a_typo_in_rules_prints_the_check_and_stops(tmp_path, capsys):
    """`xinwen run --rules bad/` with a head entry missing `words` printed a 37-line KeyError
    traceback; it prints what `rules check` prints and exits 2 without writing anything."""
    folder = _folder(tmp_path, bad="family: programs\nheads:\n  - id: program.head.mine\n    kind: evnt\n")
    assert main(["rules", "check", str(folder), "--no-examples"]) == 1
    checked = capsys.readouterr().out.splitlines()
    assert len(checked) == 2 and "needs 'words'" in checked[0] and "kind 'evnt'" in checked[1]
    text = tmp_path / "a.txt"
    text.write_text("网信办举办“书香网信”读书会。", encoding="utf-8")
    assert main(["run", str(text), "--out", str(tmp_path / "out"), "--rules", str(folder), "-q"]) == 2
    err = capsys.readouterr().err
    assert all(line in err for line in checked) and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_key_no_matcher_reads_stops_the_run_not_just_the_check(tmp_path):
    """A user's numerics.yaml with the old key `compares` was refused by `rules check` but ignored
    by a run; loading the folder now raises, naming the key, and the bundled rules still load."""
    from extract.pipeline import Pipeline
    from extract.rules import RulesError

    text = "family: numerics\nqualifiers:\n  - id: user.more\n    before: [超]\n    compares: [大于]\n    bound: lower\n"
    folder = _folder(tmp_path, bad=text)
    with pytest.raises(RulesError, match="compares"):
        Pipeline([str(folder)])
    good = tmp_path / "good"
    good.mkdir()
    (good / "n.yaml").write_text(text.replace("    compares: [大于]\n", "    compares_before: [大于]\n"), encoding="utf-8")
    assert Pipeline([str(good)]).rules.family("numerics")
