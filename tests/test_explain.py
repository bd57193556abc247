"""`xinwen explain`: normalized text, repairs, tokens, and every mention with its rule and fields."""
from __future__ import annotations

import json

from extract.cli import main
from extract.explain import explain, format_explanation
from extract.readers import Document
from conftest import CORPUS

TEXT = "去年，廣東省委網(wǎng)信辦开展“清朗”系列专项行动，处置有害信息超400万条次。"


def test_explain_text_shows_repairs_tokens_and_mentions(capsys):
    assert main(["explain", TEXT, "--reference-date", "2021-04-27"]) == 0
    out = capsys.readouterr().out
    assert "广东省委网信办" in out  # normalized
    assert "pinyin_gloss" in out and "'(wǎng)' -> ''" in out  # the gloss removal, as a repair
    assert "-- tokens" in out and "|" in out
    assert "reference date: 2021-04-27 (from --reference-date)" in out
    for rule in ("date.relative.year", "program.head.campaign"):
        assert rule in out
    assert "value=2020" in out  # 去年, against the reference date given


def test_explain_json_agrees_with_the_pipeline(pipeline, capsys):
    assert main(["explain", TEXT, "--reference-date", "2021-04-27", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    result = pipeline.process(Document("text", "", text=TEXT, published="2021-04-27"))
    assert [(m["type"], m["start"], m["end"], m["rule"]) for m in data["mentions"]] == \
        [(m.type, m.start, m.end, m.rule) for m in result.mentions]
    for m in data["mentions"]:
        assert data["text"][m["start"]:m["end"]] == m["surface"]
    assert "".join(data["tokens"]) == data["text"]


def test_explain_reports_candidates_dropped_by_overlap(pipeline):
    """A number inside a programme name or a date is proposed by the numeric matcher and dropped when
    overlaps are settled (ANNOTATION.md); explain says so and names what it overlapped."""
    total = 0
    for text in ("开展“百万职工网络安全技能赛”活动。", "仅一周时间就完成了。"):
        data = explain(pipeline, Document("t", "", text=text))
        final = {(m["type"], m["start"], m["end"]): m for m in data["mentions"]}
        for dropped in data["dropped"]:
            assert (dropped["type"], dropped["start"], dropped["end"]) not in final
            assert any(f"overlaps {m['type']} {m['surface']!r}" in dropped["reason"] for m in final.values())
        assert f"-- candidates dropped when overlaps were settled ({len(data['dropped'])})" in format_explanation(data)
        total += len(data["dropped"])
    assert total >= 1


# 131 characters, 363 bytes in UTF-8: longer than a file name may be (255 bytes)
LONG = "2021年，广东省委网信办联合省公安厅、省通信管理局开展“清朗”系列专项行动，" * 3 + "处置有害信息超400万条次。"


def test_explain_a_sentence_longer_than_a_file_name(capsys):
    """Asking the file system about a sentence of more than 85 characters raised File name too long: an argument
    that is not an existing file is text, whatever its length."""
    assert len(LONG) > 85 and len(LONG.encode()) > 255
    assert main(["explain", LONG, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["text"] == LONG
    assert "清朗" in {m["fields"].get("name") for m in data["mentions"] if m["type"] == "program"}


def test_explain_a_file(capsys):
    path = CORPUS / "001_9f553aeb5d715b53.txt"
    assert main(["explain", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("== 001_9f553aeb5d715b53") and "(from the page)" in out
    assert "opencc_t2s" in out  # the Traditional article was converted


def test_explain_an_unreadable_file(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["explain", str(empty)]) == 1
    assert "error:" in capsys.readouterr().out


def test_explain_shows_why_the_organization_grammar_dropped_a_suffix(pipeline, capsys):
    """教育厅 with no region before it is no name (a department needs one): explain lists the suffix
    with its named reason, in the JSON and in the text."""
    data = explain(pipeline, Document("t", "", text="省教育厅和教育厅都来了。"))
    assert [m["surface"] for m in data["mentions"] if m["type"] == "organization"] == ["省教育厅"]
    assert {"suffix": "教育厅", "start": 5, "end": 8, "reason": "org.drop.no_prefix",
            "why": "a department with no region or level before it (教育厅)"} in data["grammar_drops"]
    text = format_explanation(data)
    assert "-- organization suffixes the grammar made no name of (1)" in text
    assert "'教育厅'  [5, 8)  org.drop.no_prefix: a department with no region or level before it" in text


def test_explain_names_the_numeral_steps_behind_a_claim(pipeline):
    """Numeral.provenance (the reader's steps) reaches explain: 一千八百万 is digit, unit, scale."""
    data = explain(pipeline, Document("x", "", text="全市接待游客一千八百万人次，增长12.5%。", published="2021-04-27"))
    steps = {m["surface"]: m["numeral_steps"] for m in data["mentions"] if m["type"] == "numeric"}
    assert steps == {"一千八百万人次": ["digit", "unit", "scale"], "12.5%": ["arabic"]}
    assert "numeral read by: digit, unit, scale" in format_explanation(data)
