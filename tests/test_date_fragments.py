"""The date patterns are named fragments of rules/dates.yaml (extract/matchers/date_patterns.py): a
user's dates.yaml replaces one by naming it, ``rules check`` and loading name a fragment that cannot
be composed, and every veto decides an example of the file."""
from __future__ import annotations

import textwrap
from types import SimpleNamespace

import pytest

from extract import Pipeline
from extract.cli import main
from extract.matchers.date_patterns import FragmentComposer, FragmentError, compose
from extract.matchers.dates import DateMatcher
from extract.numerals import NumeralGrammar
from extract.readers import Document
from extract.rules import RulesError, load_rules
from extract.rules_check import check_rules_dir, example_text, iter_examples


def _folder(tmp_path, fragments: str):
    folder = tmp_path / "my_rules"
    folder.mkdir()
    (folder / "dates.yaml").write_text("family: dates\nfragments:\n" + textwrap.indent(textwrap.dedent(fragments), "  "),
                                       encoding="utf-8")
    return folder


def _dates(pipeline, text: str) -> list[tuple[str, str]]:
    result = pipeline.process(Document("d", "", text=text, published="2021-04-27"))
    return [(m.surface, m.rule) for m in result.mentions if m.type == "date"]


@pytest.mark.parametrize("fragment,text,bundled,mine", [
    # a veto made narrower: 来 before 华 opens a range again
    ("lai_veto: '(?!京|沪|访|到|自|看|说|讲|的|了)'", "他去年来华访问。",
     [("去年", "date.relative.year")], [("去年来", "date.open_range")]),
    # a veto made wider: 07年终 is no year any more
    ("year_veto: '(?!代|级|龄|薪|终)'", "07年终总结", [("07年", "date.ymd")], []),
    # a veto that names a lexicon of the file and adds to it: 3号站 is a station
    ("day_hao_veto: '(?!${day_number_vetoes}|站)'", "在3号站下车", [("3号", "date.ymd")], []),
])
def test_a_users_fragment_replaces_the_bundled_one(tmp_path, pipeline, fragment, text, bundled, mine):
    folder = _folder(tmp_path, fragment)
    assert check_rules_dir(folder, run_examples=False) == []
    assert _dates(pipeline, text) == bundled
    assert _dates(Pipeline([str(folder)]), text) == mine


@pytest.mark.parametrize("fragments,blamed,message", [
    ("year_veto: '(?!${no_such_veto})'\n", "year_veto", "refers to ${no_such_veto}, which is neither"),
    ("year_veto: '(?!代|${nian_veto})'\nnian_veto: '(?!${year_veto})'\n", "year_veto", "refers to itself"),
    ("cn_digits: '${cn_digits}'\n", "cn_digits", "refers to itself (cn_digits -> cn_digits)"),
    ("eras: '(?:x)'\n", "eras", "has the name of a lexicon"),
])
def test_a_fragment_that_cannot_be_composed_is_named_by_check_and_by_loading(tmp_path, fragments, blamed, message):
    folder = _folder(tmp_path, fragments)
    problems = [p for p in check_rules_dir(folder, run_examples=False) if p.severity == "error"]
    assert any(message in p.message and f"fragment {blamed!r}" in p.message and p.line is not None for p in problems), \
        [str(p) for p in problems]
    with pytest.raises(RulesError, match=f"fragment {blamed!r}"):
        Pipeline([str(folder)])


def test_run_with_a_broken_fragment_stops_before_reading_input(tmp_path, capsys):
    folder = _folder(tmp_path, "qi_veto: '(?![飞${typo}])'\n")
    text = tmp_path / "a.txt"
    text.write_text("2016年起", encoding="utf-8")
    assert main(["run", str(text), "--out", str(tmp_path / "out"), "--rules", str(folder)]) == 2
    assert "dates fragment 'qi_veto' refers to ${typo}" in capsys.readouterr().err


@pytest.mark.parametrize("fragments,line,message,severity", [
    ("qi_veto: '(?!飞'\n", 3, "pattern 'calendar', composed with fragment 'qi_veto', does not compile", "error"),
    ("year: '(?P<year>\\d{4})年'\n", 3, "lacks the group(s) era, eran, relyear, roc, y4, ycn, yy", "error"),
    ("# a typo of year_veto\nyear_vetoo: '(?!代)'\n", 4, "fragment 'year_vetoo' is used by no pattern", "warning"),
])
def test_check_compiles_the_composed_patterns(tmp_path, fragments, line, message, severity):
    problems = check_rules_dir(_folder(tmp_path, fragments), run_examples=False)
    assert any(message in p.message and p.line == line and p.severity == severity for p in problems), \
        [str(p) for p in problems]


def test_a_reference_never_grows_without_bound():
    fragments = {f"f{i}": f"${{f{i + 1}}}${{f{i + 1}}}" for i in range(30)} | {"f30": "x" * 10}
    with pytest.raises(FragmentError, match="grows to more than"):
        compose(fragments, {}, ["f0"])


def test_unnamed_drops_group_names_only():
    composer = FragmentComposer({"a": "(?P<y>1)(?:2)", "b": "(?=${a:unnamed})${a}"}, {})
    assert composer.expand("b") == "(?=(?:1)(?:2))(?P<y>1)(?:2)"


@pytest.fixture(scope="module")
def date_texts():
    book = load_rules()
    texts = sorted({example_text(e) for family, _, _, e, _ in iter_examples(book.families) if family == "dates"})
    grammar = NumeralGrammar(book.family("numerics")["numerals"])
    return book, grammar, texts, _found(DateMatcher(book.family("dates"), grammar), texts)


def _found(matcher, texts):
    return {t: [(m.surface, m.rule, repr(m.fields)) for m in matcher(SimpleNamespace(text=t))] for t in texts}


VETOES = [name for name in load_rules().family("dates")["fragments"] if name.endswith("_veto")]


@pytest.mark.parametrize("veto", VETOES)
def test_every_veto_decides_an_example(date_texts, veto):
    """Emptied, a veto changes what the matcher finds in some example or counter-example of
    rules/dates.yaml: the one its comment names."""
    book, grammar, texts, bundled = date_texts
    dates = book.family("dates")
    without = {**dates, "fragments": {**dates["fragments"], veto: ""}}
    assert _found(DateMatcher(without, grammar), texts) != bundled
