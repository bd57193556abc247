"""benchmarks/audit.py: the interval math, the judged-file rules, recall matching, and ``sample`` then
``report`` on a tiny slice of the news draw."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, shared_data

_spec = importlib.util.spec_from_file_location("xinwen_audit", ROOT / "benchmarks" / "audit.py")
audit = sys.modules.setdefault("xinwen_audit", importlib.util.module_from_spec(_spec))  # dataclasses look it up
_spec.loader.exec_module(audit)


@pytest.mark.parametrize("right, n, low, high", [
    (8, 10, 0.4902, 0.9433),
    (0, 10, 0.0, 0.2775),     # upper end z²/(n+z²)
    (10, 10, 0.7225, 1.0),
    (95, 100, 0.8882, 0.9785),
    (380, 400, 0.9242, 0.9675),
])
def test_wilson_interval_on_known_numbers(right, n, low, high):
    lo, hi = audit.wilson(right, n)
    assert lo == pytest.approx(low, abs=5e-4)
    assert hi == pytest.approx(high, abs=5e-4)


def test_wilson_with_no_rows_says_nothing():
    assert audit.wilson(0, 0) == (0.0, 1.0)


def test_rule_trail_is_split_into_its_rules():
    assert audit.rule_parts("numeric.claim+qualifier.more_than+unit.count") == \
        ["numeric.claim", "qualifier.more_than", "unit.count"]


def _rows(rules):
    return [{"key": f"d:{i}-{i + 1}:date", "rule": rule} for i, rule in enumerate(rules)]


def test_sample_is_random_then_tops_up_every_rule():
    rows = _rows(["a"] * 200 + ["b"] * 3 + ["c+d"] * 20)
    picked = audit.audit_sample(rows, total=10, minimum=5, seed=1)
    random_rows = [r for r in picked if r["sample"] == "random"]
    assert len(random_rows) == 10
    seen = audit.rule_counts(picked)
    assert seen["b"] == 3 and seen["c"] >= 5 and seen["d"] >= 5  # every rule seen (all of b's rows)
    assert len({r["key"] for r in picked}) == len(picked)
    assert picked == audit.audit_sample(rows, total=10, minimum=5, seed=1)  # fixed seed, same sample


def _judged(key, rule="date.ymd", verdict="right", span_right=True, sample="random"):
    return {"key": key, "type": "date", "rule": rule, "verdict": verdict, "span_right": span_right,
            "sample": sample, "right_value": None, "reason": ""}


def _write(path: Path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_report_reads_reconciled_files_only(tmp_path):
    _write(tmp_path / "dates-1.jsonl", [
        _judged("a", verdict="right"), _judged("b", verdict="wrong", span_right=True),
        _judged("c", verdict="wrong", span_right=False), _judged("d", verdict="unclear", span_right=None),
        _judged("e", rule="date.vague", verdict="right", sample="rule"),
    ])
    _write(tmp_path / "judges" / "dates-1.A.jsonl", [_judged("z", verdict="wrong", span_right=False)])
    _write(tmp_path / "to_judge" / "dates-1.jsonl", [_judged("y", verdict=None, span_right=None)])
    figures = audit.report(tmp_path)
    dates = figures["dates"]
    assert (dates["precision"]["right"], dates["precision"]["n"]) == (2, 3)   # a, b of a, b, c ('e' is not random)
    assert (dates["value_accuracy"]["right"], dates["value_accuracy"]["n"]) == (1, 2)
    assert (dates["strict"]["right"], dates["strict"]["n"]) == (1, 3)
    assert dates["unclear"] == 1 and dates["random_rows"] == 4
    assert dates["rules"]["date.ymd"]["flags"] == ["precision", "value_accuracy"]
    assert dates["rules"]["date.vague"]["precision"]["n"] == 1 and not dates["rules"]["date.vague"]["flags"]


@pytest.mark.parametrize("rows, message", [
    ([_judged("a", verdict="maybe")], "verdict 'maybe'"),
    ([_judged("a"), _judged("a")], "also judged"),
])
def test_report_refuses_bad_judged_rows(tmp_path, rows, message):
    _write(tmp_path / "dates-1.jsonl", rows)
    with pytest.raises(audit.JudgedError, match=message):
        audit.report(tmp_path)


def test_facts_links_are_scored_one_by_one(tmp_path):
    row = {"key": "f", "type": "fact", "verdict": "wrong", "reason": "",
           "links": {"metric": {"text": "浏览量", "rule": "facts.metric.subject"}, "date": {"rule": "facts.date.clause"}},
           "link_verdicts": {"metric": "right", "programme": "right", "organization": "unclear", "date": "wrong"}}
    _write(tmp_path / "facts-1.jsonl", [row])
    facts = audit.report(tmp_path)["facts"]
    assert facts["links"]["metric"]["value"] == 1.0 and facts["links"]["date"]["value"] == 0.0
    assert facts["links"]["organization"]["n"] == 0
    assert facts["rules"]["date"]["facts.date.clause"]["n"] == 1


def test_recall_matches_by_surface_per_occurrence():
    gold = [{"type": "numeric", "surface": "3个"}, {"type": "numeric", "surface": "3个"},
            {"type": "numeric", "surface": "近一半"}, {"type": "numeric", "surface": "5人", "optional": True}]
    pred = [{"type": "numeric", "surface": "3个"}, {"type": "numeric", "surface": "5人"},
            {"type": "numeric", "surface": "一半"}]
    pairs, missed, false = audit.match(gold, pred)
    assert len(pairs) == 1
    assert [m["surface"] for m in missed] == ["3个", "近一半"]
    assert [p["surface"] for p in false] == ["一半"]  # the optional 5人 is neither rewarded nor punished
    assert audit.miss_kind(missed[1], pred) == "boundary: fraction/half"
    assert audit.miss_kind({"type": "date", "surface": "40年前"}, []) == "not found: N年前/后 (ago)"


@pytest.mark.shared_data
def test_sample_then_report_on_a_tiny_slice(tmp_path):
    news = shared_data("news")
    stories = audit.draw(news, cctv=4, taiwan=2)
    assert [s.source for s in stories] == ["cctv"] * 4 + ["taiwan"] * 2
    assert not {s.doc_id for s in stories} & audit.gold_ids()
    assert [s.doc_id for s in stories] == [s.doc_id for s in audit.draw(news, cctv=4, taiwan=2)]

    out = tmp_path / "to_judge"
    summary = audit.sample(stories, out, per_type=10, minimum=2, facts=3, batch_size=5, quiet=True)
    assert summary["errors"] == 0
    judged = []
    for table in ("dates", "numerics"):
        rows = [json.loads(line) for path in sorted(out.glob(f"{table}-*.jsonl"))
                for line in path.read_text(encoding="utf-8").splitlines()]
        assert rows and len({r["key"] for r in rows}) == len(rows)
        assert set(audit.rule_counts(rows)) == set(summary["per_rule"][table])  # every rule that fired is seen
        for row in rows:
            assert audit.MARK[0] + row["surface"] + audit.MARK[1] in row["sentence"]
            assert row["verdict"] is None and set(row["fields"]) == set(audit.FIELDS[row["type"]])
        for i, row in enumerate(rows):  # every third row judged a wrong span
            judged.append({**row, "verdict": "wrong" if i % 3 == 0 else "right", "span_right": i % 3 != 0})
        _write(tmp_path / f"{table}-1.jsonl", judged[-len(rows):])
    figures = audit.report(tmp_path)  # to_judge/ holds the blank batches: not read
    for table in ("dates", "numerics"):
        rows = [r for r in judged if audit.TABLE[r["type"]] == table and r["sample"] == "random"]
        assert figures[table]["precision"]["n"] == len(rows)
        assert figures[table]["precision"]["right"] == sum(r["span_right"] for r in rows)
        assert figures[table]["value_accuracy"]["value"] == 1.0
