"""User rules are data, and data can be hostile: catastrophic regular expressions run with a time
budget and are disabled (named by file and line), YAML cannot run code, no ``eval`` anywhere."""
from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import pytest

from extract.pipeline import Pipeline
from extract.readers import Document
from extract.rules import RulesError, load_rules

EVIL = """family: boilerplate
lines:
  - id: boilerplate.evil_line
    pattern: '(a|aa)+$'
  - id: boilerplate.ad
    pattern: '^广告[:：]'
inline:
  - id: boilerplate.evil_inline
    pattern: '(x|xx)+y'
"""
EVIL_METADATA = """family: metadata
byline:
  - id: metadata.evil_byline
    pattern: '^(\\s|\\s\\s)+[记者]$'
"""
TEXT = "2021年，广东省委网信办开展“清朗”系列专项行动。\n" + "a" * 40 + "!\n" + "x" * 40 + "\n" + "\t" * 40 + "!\n今年超过10万人参与。"


def test_catastrophic_patterns_are_disabled_and_reported_not_hung_on(tmp_path, caplog):
    (tmp_path / "boilerplate.yaml").write_text(EVIL, encoding="utf-8")
    (tmp_path / "metadata.yaml").write_text(EVIL_METADATA, encoding="utf-8")
    pipeline = Pipeline([str(tmp_path)])
    started = time.process_time()
    with caplog.at_level(logging.WARNING, logger="xinwen.rules"):
        first = pipeline.process(Document("d1", "", text=TEXT))
        second = pipeline.process(Document("d2", "", text=TEXT))  # disabled now: no time spent
    assert time.process_time() - started < 30  # three budgets of 0.5 CPU-s, and the documents themselves
    assert first.status == second.status == "ok"
    assert {m.surface for m in first.mentions} >= {"广东省委网信办", "超过10万人"}
    # the sound rule beside them still works once they are disabled
    third = pipeline.process(Document("d3", "", text="广告：今年超过9万人购买。\n" + TEXT))
    assert "超过9万人" not in {m.surface for m in third.mentions}
    assert {m.surface for m in third.mentions} >= {"广东省委网信办", "超过10万人"}
    reported = [r.getMessage() for r in caplog.records]
    for rule_id, line in (("boilerplate.evil_line", 3), ("boilerplate.evil_inline", 8), ("metadata.evil_byline", 3)):
        said = [m for m in reported if f": {rule_id}: pattern disabled" in m]
        assert len(said) == 1, reported  # once: disabled after the first time
        assert re.match(rf".*{re.escape(tmp_path.name)}/\w+\.yaml:{line}: {rule_id}", said[0]), said[0]


def test_rules_entries_know_their_file_and_line():
    rules = load_rules()
    entry = rules.family("boilerplate")["lines"][0]
    text = Path(entry["_file"]).read_text(encoding="utf-8").splitlines()
    assert f"id: {entry['id']}" in text[entry["_line"] - 1]


def test_yaml_cannot_run_code(tmp_path):
    marker = tmp_path / "pwned"
    (tmp_path / "programs.yaml").write_text(
        f"family: programs\nheads: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    with pytest.raises(RulesError, match="not valid YAML"):
        load_rules([str(tmp_path)])
    assert not marker.exists()


def test_no_code_is_evaluated_from_data():
    source = Path(__file__).resolve().parents[2] / "extract"
    risky = re.compile(r"\b(eval|exec|compile)\(|yaml\.load\(|yaml\.unsafe_load|pickle\.loads?\(|Loader=yaml\.(Full|Unsafe)?Loader")
    found = [f"{p.name}:{n}" for p in source.rglob("*.py") for n, line in enumerate(p.read_text().splitlines(), 1)
             if risky.search(line.replace("regex.compile(", "").replace("re.compile(", ""))]
    assert not found
