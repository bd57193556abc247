"""`xinwen report`: the static HTML report of a run folder, checked as files and in a real browser."""
from __future__ import annotations

import json
import re
import tempfile

import pandas as pd
import pytest

from extract.cli import main
from extract.report import month_counts, segments
from conftest import CORPUS, chromium_path

HOSTILE_TITLE = "<script>document.title='pwned'</script>"
HOSTILE_TEXT = ('<img src=x onerror="document.title=\'pwned\'">2021年，广东省委网信办开展“清朗”系列专项行动，'
                "处置有害信息超400万条次。</article><script>document.title='pwned'</script>")


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    data = root / "in.jsonl"
    records = [{"id": "=evil\"<b>", "title": HOSTILE_TITLE, "published": "2021-04-27", "text": HOSTILE_TEXT},
               {"id": "000123", "text": ""}]
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    out = root / "out"
    assert main(["run", str(CORPUS / "001_9f553aeb5d715b53.txt"), str(data), "--out", str(out)]) == 0
    assert main(["report", str(out)]) == 0
    return out


def _tables(run_dir):
    from extract import read_tables

    return read_tables(run_dir)


def test_report_is_one_self_contained_folder(run_dir):
    report = run_dir / "report"
    pages = sorted(report.rglob("*.html"))
    documents = _tables(run_dir)["documents"]
    assert len(pages) == 1 + len(documents)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html, page
        for url in re.findall(r'(?:href|src)="([^"]+)"', html):
            assert not re.match(r"[a-z]+:", url), f"{page.name} links outside the folder: {url}"
            target = (page.parent / url.split("#")[0]).resolve() if url.split("#")[0] else page
            assert target.exists(), f"{page.name}: broken link {url}"


def test_hostile_text_is_escaped(run_dir):
    html = "".join(p.read_text(encoding="utf-8") for p in (run_dir / "report").rglob("*.html"))
    assert "<img" not in html and "onerror=\"" not in html
    assert "&lt;script&gt;document.title=" in html  # shown as text
    assert "=evil&#34;&lt;b&gt;" in html  # the id, restored from the neutralized CSV cell and escaped


def test_document_page_marks_every_mention(run_dir):
    tables = _tables(run_dir)
    mentions = tables["mentions"]
    documents = tables["documents"].reset_index(drop=True)
    index = documents.index[documents.doc_id == "001_9f553aeb5d715b53"][0]
    html = (run_dir / "report" / "docs" / f"doc-{index + 1:05d}.html").read_text(encoding="utf-8")
    ids = mentions[mentions.doc_id == "001_9f553aeb5d715b53"].mention_id
    assert len(ids) > 10
    for mention_id in ids:
        assert f'id="m-{mention_id}"' in html
    assert 'class="removed"' in html  # the pinyin glosses normalization removed, shown in place


def test_summary_counts_match_the_tables(run_dir):
    tables = _tables(run_dir)
    html = (run_dir / "report" / "index.html").read_text(encoding="utf-8")
    for kind, name in (("program", "programs"), ("date", "dates"), ("numeric", "numerics")):
        assert f"<b>{len(tables[name])}</b> {kind} mentions" in html
    assert "000123" in html and "errors" in html


def test_segments_cover_the_text_exactly():
    text = "超1800万人次，2021年“清朗”行动"
    year = text.index("2021")
    mentions = [{"mention_id": "a", "type": "numeric", "start": 0, "end": 8},
                {"mention_id": "b", "type": "date", "start": year, "end": year + 5},
                {"mention_id": "c", "type": "program", "start": year, "end": len(text)}]
    repairs = [{"step": "opencc_t2s", "start": 1, "end": 3, "before": "x", "after": "y"},
               {"step": "pinyin_gloss", "start": year, "end": year, "before": "(nián)", "after": ""}]
    pieces = segments(text, mentions, repairs, [(len(text) - 2, len(text), "zone")])
    assert "".join(p.text for p in pieces) == text
    for m in mentions:
        covered = "".join(p.text for p in pieces if m in p.mentions)
        assert covered == text[m["start"]:m["end"]]
    overlap = next(p for p in pieces if p.text.startswith("2021"))
    assert [m["mention_id"] for m in overlap.mentions] == ["c", "b"]  # outermost first
    assert overlap.deleted and overlap.deleted[0]["before"] == "(nián)"
    assert next(p for p in pieces if p.text == "18").repair["step"] == "opencc_t2s"
    assert pieces[-1].zone == "zone"


def test_month_counts_fill_gaps_and_skip_what_has_no_month():
    dates = pd.DataFrame({"value": ["2021-11-03", "2022-01", "2022-01-05T10:00", "2020", "P5Y", "XXXX-12-01",
                                    "2020/2022"],
                          "kind": ["date", "date", "time", "date", "duration", "date", "range"]})
    assert month_counts(dates) == [("2021-11", 1), ("2021-12", 0), ("2022-01", 2)]


def test_report_needs_a_run_folder(tmp_path, capsys):
    assert main(["report", str(tmp_path)]) == 2
    assert "xinwen run" in capsys.readouterr().err


def test_report_without_texts_lists_mentions(tmp_path, run_dir):
    import shutil

    copy = tmp_path / "run"
    shutil.copytree(run_dir, copy, ignore=shutil.ignore_patterns("report", "texts.jsonl"))
    assert main(["report", str(copy), "--out", str(tmp_path / "r")]) == 0
    page = next((tmp_path / "r" / "docs").glob("*.html")).read_text(encoding="utf-8")
    assert "texts.jsonl is missing" in page and 'id="mentions"' in page


@pytest.mark.browser
def test_report_in_chromium(run_dir):
    """Load the summary and a document page in headless Chromium: mentions are highlighted by type,
    hovering shows the rule, and no script from the documents ran."""
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    tables = _tables(run_dir)
    documents = tables["documents"].reset_index(drop=True)
    doc_index = documents.index[documents.doc_id == "001_9f553aeb5d715b53"][0]
    hostile_index = documents.index[documents.doc_id == "=evil\"<b>"][0]
    mentions = tables["mentions"]
    expected = mentions[mentions.doc_id == "001_9f553aeb5d715b53"]
    report = run_dir / "report"
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, viewport={"width": 1200, "height": 900},
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page()
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto((report / "index.html").as_uri())
            assert page.locator("svg#timeline rect.bar").count() >= 1
            assert page.locator("#documents a").count() == len(documents)
            assert page.locator("#errors").inner_text().count("000123") == 1
            page.goto((report / "docs" / f"doc-{doc_index + 1:05d}.html").as_uri())
            found = page.eval_on_selector_all(
                "article .m", "els => els.map(e => [e.dataset.ids, e.dataset.type, e.textContent])")
            assert {t for _, t, _ in found} == {"program", "organization", "date", "numeric"}
            for row in expected.itertuples():
                text = "".join(t for ids, _, t in found if row.mention_id in ids.split())
                assert text == row.surface, row.mention_id
            background = page.eval_on_selector(
                "article .m.t-date", "e => getComputedStyle(e).backgroundColor")
            assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # the stylesheet loaded
            target = expected[expected.type == "numeric"].iloc[0]
            selector = f'[id="m-{target.mention_id}"]'
            page.hover(selector)
            tip = page.eval_on_selector(selector, "e => getComputedStyle(e, '::after').content")
            assert target.rule in tip and target.surface in tip
            page.goto((report / "docs" / f"doc-{hostile_index + 1:05d}.html").as_uri())
            assert page.title() != "pwned" and page.locator("article img").count() == 0
            assert "<script>" in page.locator("article").inner_text()
            assert not errors
        finally:
            browser.close()
