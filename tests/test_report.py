"""`xinwen report`: the static HTML report of a run folder, checked as files and in a real browser."""
from __future__ import annotations

import contextlib
import json
import re
import tempfile

import pandas as pd
import pytest

from extract.cli import main
from extract.report import MAX_BARS, date_chart, month_counts, segments, timeline_svg
from conftest import CORPUS, ROOT, chromium_path

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


# A Traditional article with a historical date, and Simplified news of 2021: the run folder of
# issue 23's paper cut 7 (one `1912年7月` stretched the chart over 1,212 months; a Traditional
# article had nearly every character dotted as converted).
HISTORY = [{"id": "trad", "title": "歷史", "published": "2021-05-01",
            "text": "1912年7月，中華民國臨時政府在南京頒佈法令。2021年3月，廣東省網絡信息辦公室開展專項行動，"
                    "處置違法資訊超過四百萬條。"},
           {"id": "simp", "published": "2021-06-01",
            "text": "2021年1月，广东省委网信办开展“清朗”系列专项行动。2021年2月5日发布通知。"
                    "2021年4月27日召开会议，2021年6月总结。2022年1月再次部署。"}]
CHART_MAX_PX = 1000


@pytest.fixture(scope="module")
def history_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("history")
    data = root / "in.jsonl"
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in HISTORY) + "\n", encoding="utf-8")
    out = root / "out"
    assert main(["run", str(data), "--out", str(out)]) == 0
    assert main(["report", str(out)]) == 0
    return out


def _page_of(run_dir, doc_id):
    documents = _tables(run_dir)["documents"].reset_index(drop=True)
    index = documents.index[documents.doc_id == doc_id][0]
    return (run_dir / "report" / "docs" / f"doc-{index + 1:05d}.html").read_text(encoding="utf-8")


def _css_rules(css: str) -> dict[str, dict[str, str]]:
    """selector -> {property: value} of a flat stylesheet (one selector list per rule)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict((k.strip(), v.strip()) for k, v in
                            (d.split(":", 1) for d in body.split(";") if ":" in d))
        for selector in selectors.split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declarations)
    return rules


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


def test_date_chart_keeps_the_bulk_and_counts_outliers_apart():
    """A few dates far from the rest are counted apart; dates spread over centuries go by year;
    the chart never has more than MAX_BARS bars nor a width beyond CHART_MAX_PX."""
    recent = [f"{y}-{m:02d}-03" for y in range(2015, 2025) for m in range(1, 13)] * 2
    chart = date_chart(pd.DataFrame({"value": ["1912-07", *recent, "2031-02"], "kind": "date"}))
    assert chart["unit"] == "month" and (chart["first"], chart["last"]) == ("2015-01", "2024-12")
    assert (chart["before"], chart["after"], chart["earliest"], chart["latest"]) == (1, 1, "1912-07", "2031-02")
    yearly = date_chart(pd.DataFrame({"value": [f"{y}-06-01" for y in range(1800, 2021, 2)], "kind": "date"}))
    assert yearly["unit"] == "year" and yearly["before"] + yearly["after"] > 0  # 221 years: the densest 120
    one = date_chart(pd.DataFrame({"value": ["1912-07", "2021-03", "2021-05"], "kind": "date"}))
    assert (one["unit"], one["bars"], one["before"]) == ("month", [("2021-03", 1), ("2021-04", 0), ("2021-05", 1)], 1)
    halves = date_chart(pd.DataFrame({"value": ["1912-07", "2021-03"], "kind": "date"}))
    assert halves["unit"] == "year" and halves["before"] == halves["after"] == 0  # one of two is no outlier
    for c in (chart, yearly, one, halves):
        assert len(c["bars"]) <= MAX_BARS and sum(n for _, n in c["bars"]) == c["shown"]
        assert c["shown"] + c["before"] + c["after"] == c["total"]
        geometry = timeline_svg(c["bars"])
        assert geometry["width"] <= CHART_MAX_PX
        labelled = [b["x"] for b in geometry["bars"] if b["label"]]
        assert min(b - a for a, b in zip(labelled, labelled[1:])) >= 6 * len(c["bars"][0][0])  # no overlap


def test_a_historical_date_does_not_stretch_the_chart(history_run):
    html = (history_run / "report" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg class="timeline"[^>]*>', html).group(0)
    assert int(re.search(r'\bwidth="(\d+)"', svg).group(1)) <= CHART_MAX_PX  # was 5,350 px (1,315 months)
    assert 'viewBox="0 0 ' in svg  # and it shrinks to the page
    bars = re.findall(r'<rect class="bar"[^>]*><title>([^<]*)</title>', html)
    assert bars and bars[0].startswith("2021-01") and len(bars) <= MAX_BARS
    note = re.sub(r"\s+", " ", re.search(r'<p class="note" id="timeline-note">(.*?)</p>', html, re.S).group(1))
    assert "1 date before 2021-01 (the earliest 1912-07)" in note and "6 of 7 drawn" in note


def test_a_run_without_dates_has_no_chart(tmp_path):
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "x", "text": "广东省委网信办开展专项行动。"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    assert main(["run", str(data), "--out", str(tmp_path / "out")]) == 0
    assert main(["report", str(tmp_path / "out")]) == 0
    html = (tmp_path / "out" / "report" / "index.html").read_text(encoding="utf-8")
    assert "<h2>Dates per month</h2>" in html and "No date with a known year and month." in html


def test_script_conversion_is_not_marked_by_default(history_run):
    """A Traditional article: its converted characters carry a class the stylesheet leaves
    unmarked until the legend's checkbox (unticked) is ticked; damage repairs stay marked."""
    page = _page_of(history_run, "trad")
    spans = re.findall(r'<span class="([^"]*)"([^>]*)>', page)
    converted = [cls.split() for cls, attrs in spans if "repair opencc_t2s:" in attrs]
    assert len(converted) >= 5 and all("conv" in c for c in converted)
    box = re.search(r'<input type="checkbox" id="show-conversions"[^>]*>', page)
    assert box and "checked" not in box.group(0)
    assert re.search(r'<label for="show-conversions"[^>]*>.*?converted', page, re.S)
    # A sibling before the legend and the text, so that `~` reaches both (no script in the report).
    main_part = page[page.index("<main>"):]
    assert main_part.index(box.group(0)) < main_part.index('<p class="legend">') < main_part.index("<article")
    rules = _css_rules((history_run / "report" / "style.css").read_text(encoding="utf-8"))
    hidden = "#show-conversions:not(:checked) ~ article"
    assert rules[f"{hidden} .conv"]["text-decoration"] == "none"
    assert rules[f"{hidden} .repair.conv:not(.zone)"]["background"] == "none"
    assert rules[f"{hidden} .repair.conv:not(.zone):hover::after"]["content"] == "none"
    assert "dotted" in rules[".m.repaired"]["text-decoration"]  # what a ticked box shows
    assert not any(".conv" in selector and ":checked" in selector.replace(":not(:checked)", "")
                   and "label" not in selector for selector in rules)  # ticked: the ordinary marks
    assert 'id="show-conversions"' not in _page_of(history_run, "simp")  # nothing converted, no box


def test_stylesheet_names_a_cjk_font_stack_and_the_docs_the_package(run_dir):
    rules = _css_rules((run_dir / "report" / "style.css").read_text(encoding="utf-8"))
    stack = rules[":root"]["--cjk-fonts"]
    assert rules["body"]["font-family"] == "var(--cjk-fonts)"
    names = [f.strip().strip('"') for f in stack.split(",")]
    wanted = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei"]
    assert [n for n in names if n in wanted] == wanted and names[-1] == "sans-serif"
    usage = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    section = usage[usage.index("## The report"):]
    section = section[:section.index("\n## ", 1)]
    assert "fonts-noto-cjk" in section and "Noto Sans CJK SC" in section


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


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def chromium_page(executable: str):
    """A page of Debian's Chromium, headless, in a fresh profile; closed afterwards."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, viewport={"width": 1200, "height": 900},
            args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


@pytest.mark.browser
def test_report_in_chromium(run_dir):
    """Load the summary and a document page in headless Chromium: mentions are highlighted by type,
    hovering shows the rule, and no script from the documents ran."""
    executable = chromium_path()
    tables = _tables(run_dir)
    documents = tables["documents"].reset_index(drop=True)
    doc_index = documents.index[documents.doc_id == "001_9f553aeb5d715b53"][0]
    hostile_index = documents.index[documents.doc_id == "=evil\"<b>"][0]
    mentions = tables["mentions"]
    expected = mentions[mentions.doc_id == "001_9f553aeb5d715b53"]
    report = run_dir / "report"
    with chromium_page(executable) as page:
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


@pytest.mark.browser
def test_conversion_toggle_and_bounded_chart_in_chromium(history_run):
    """In Chromium: converted characters are not underlined until the legend's box is ticked, and
    the date chart of a run with a 1912 date fits the page."""
    executable = chromium_path()
    documents = _tables(history_run)["documents"].reset_index(drop=True)
    trad = documents.index[documents.doc_id == "trad"][0]
    report = history_run / "report"
    with chromium_page(executable) as page:
        page.goto((report / "docs" / f"doc-{trad + 1:05d}.html").as_uri())
        marks = "els => els.map(e => getComputedStyle(e).textDecorationLine)"
        assert set(page.eval_on_selector_all("article .conv", marks)) == {"none"}
        assert not page.is_checked("#show-conversions")
        page.click('label[for="show-conversions"]')
        assert page.is_checked("#show-conversions")
        assert all("underline" in d for d in page.eval_on_selector_all("article .conv", marks))
        page.goto((report / "index.html").as_uri())
        width = page.eval_on_selector("svg#timeline", "e => e.getBoundingClientRect().width")
        assert 0 < width <= CHART_MAX_PX
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
