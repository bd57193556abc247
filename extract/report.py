"""``xinwen report OUTDIR``: a static HTML report of a ``xinwen run`` folder, to look at.

One self-contained folder (no server, no scripts, nothing fetched): ``index.html`` (documents,
mentions per type, errors and repairs, the most frequent programmes and organizations, numeric
claims by unit, a timeline of dates per month (or per year) as an inline SVG, its outliers counted apart) and one page per document with
every mention highlighted by type in the normalized text, its fields and rule shown on hover, and
normalization's repairs marked in place. Text comes from ``texts.jsonl``, which ``xinwen run``
writes; without it the document pages list the mentions only.

All text is scraped and may be hostile: it goes through Jinja2 with autoescaping on, attributes
included, and nothing from a document is ever put in a script, a style or a URL.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import jinja2
import pandas as pd
import regex

from .csvsafe import without_nul
from .errors import XinwenError
from .schema import NotARunFolder, layout, read_tables
from .tables import atomic_write

_MONTH = regex.compile(r"^(\d{4})-(\d{2})")
TOP_N = 20
MAX_BARS = 120  # the date chart's bars at most: 10 years of months, or 120 years
BULK = 0.9  # months when the densest MAX_BARS months hold this share of the dates (or all but one), else years
# Repairs that only change the script (Traditional -> Simplified): on a Traditional article nearly
# every character is one, so a document page marks them only when asked (a CSS-only checkbox).
CONVERSION_STEPS = frozenset({"opencc_t2s"})


@dataclass
class Segment:
    """A run of text covered by the same mentions, repairs and zone."""

    text: str
    mentions: list[dict] = field(default_factory=list)  # outermost first
    repair: dict | None = None
    zone: str = ""
    starts: list[dict] = field(default_factory=list)  # mentions that begin here
    deleted: list[dict] = field(default_factory=list)  # repairs that removed text just before it

    @property
    def tip(self) -> str:
        parts = [_mention_tip(m) for m in self.mentions]
        if self.repair:
            parts.append(_repair_tip(self.repair))
        if self.zone:
            parts.append(f"excluded: {self.zone}")
        return "\n".join(parts)

    @property
    def converted(self) -> bool:
        """Covered by a script conversion only (not marked unless the reader asks)."""
        return self.repair is not None and self.repair["step"] in CONVERSION_STEPS


def _mention_tip(m: dict) -> str:
    fields = "  ".join(f"{k}={_show(m.get(k))}" for k in layout().fields[m["type"]] if _show(m.get(k)) != "")
    sure = _sureness(m)
    return f"{m['mention_id']}  {m['type']}  {m['surface']}\nrule {m['rule']}{'  ' + sure if sure else ''}\n{fields}"


def _sureness(m: dict) -> str:
    """``read from repaired text, confidence 0.97`` for a repaired row; the confidence alone where
    measured; else ''."""
    confidence = m.get("confidence")
    measured = confidence is not None and not pd.isna(confidence)
    parts = ["read from repaired text"] if m.get("repaired") is True else []
    if measured:
        parts.append(f"confidence {float(confidence):.3g}")
    return ", ".join(parts)


def _repair_tip(r: dict) -> str:
    return f"repair {r['step']}: {r['before']} → {r['after']}"


def _show(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d" if value == value.normalize() else "%Y-%m-%d %H:%M:%S")
    return str(value)


def segments(text: str, mentions: list[dict], repairs: Iterable[dict] = (),
             zones: Iterable[tuple[int, int, str]] = ()) -> list[Segment]:
    """Cut ``text`` at every mention, repair and zone boundary; each piece knows what covers it."""
    repairs = sorted(repairs, key=lambda r: r["step"] in CONVERSION_STEPS)  # a damage repair wins
    zones = list(zones)
    cuts = {0, len(text)}
    for m in mentions:
        cuts.update((m["start"], m["end"]))
    for r in repairs:
        cuts.update((r["start"], r["end"]))
    for start, end, _ in zones:
        cuts.update((start, end))
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    deletions = {}
    for r in repairs:
        if r["start"] == r["end"]:
            deletions.setdefault(r["start"], []).append(r)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = sorted((m for m in mentions if m["start"] <= a and b <= m["end"]),
                          key=lambda m: (m["start"], -m["end"]))
        repair = next((r for r in repairs if r["start"] <= a and b <= r["end"] and r["start"] < r["end"]), None)
        zone = next((rule for s, e, rule in zones if s <= a and b <= e), "")
        out.append(Segment(text[a:b], covering, repair, zone, [m for m in covering if m["start"] == a],
                           deletions.pop(a, [])))
    if deletions and out:  # removed at the very end of the text
        out[-1].deleted += [r for rs in deletions.values() for r in rs]
    return out


def _month_tally(dates: pd.DataFrame) -> Counter:
    """(year, month) -> how many dates (kind date or time) with a known year and month fall in it."""
    counts: Counter = Counter()
    for value, kind in zip(dates.get("value", []), dates.get("kind", [])):
        if kind in ("date", "time") and isinstance(value, str):
            m = _MONTH.match(value)
            if m and 1 <= int(m.group(2)) <= 12:
                counts[(int(m.group(1)), int(m.group(2)))] += 1
    return counts


def month_counts(dates: pd.DataFrame) -> list[tuple[str, int]]:
    """Dates (day or month known, year known) per month, every month from the first to the last."""
    counts = _month_tally(dates)
    if not counts:
        return []
    (y, mth), last = min(counts), max(counts)
    months = []
    while (y, mth) <= last:
        months.append((f"{y:04d}-{mth:02d}", counts.get((y, mth), 0)))
        y, mth = (y + 1, 1) if mth == 12 else (y, mth + 1)
    return months


def _densest(counts: dict[int, int], width: int) -> tuple[int, int, int]:
    """The span of at most ``width`` consecutive keys holding the most dates: (first, last, dates);
    on a tie the later span (news is mostly recent)."""
    keys = sorted(counts)
    best = (keys[0], keys[0], -1)
    left, inside = 0, 0
    for key in keys:
        inside += counts[key]
        while key - keys[left] >= width:
            inside -= counts[keys[left]]
            left += 1
        if inside >= best[2]:
            best = (keys[left], key, inside)
    return best


def date_chart(dates: pd.DataFrame, max_bars: int = MAX_BARS, bulk: float = BULK) -> dict:
    """What "Dates per month" draws, never more than ``max_bars`` bars whatever the outliers.

    Every month from the first date to the last when that fits; else the densest span of
    ``max_bars`` months when it holds at least ``bulk`` of the dates, or all but one of them (and
    more than half: a single stray date never forces years); else years, all of them or the
    densest ``max_bars``. Dates outside the span drawn are counted apart (``before``, ``after``),
    so one historical date (1912年7月 in a corpus of 2021 news) no longer stretches the chart over
    a century. Returns {} when no date has a known year and month.
    """
    tally = _month_tally(dates)
    if not tally:
        return {}
    total = sum(tally.values())
    months = Counter()
    for (y, m), n in tally.items():
        months[y * 12 + m - 1] += n
    first, last, inside = _densest(months, max_bars)
    if inside >= bulk * total or (inside == total - 1 and inside > total / 2):
        unit, counts = "month", months
        label = lambda k: f"{k // 12:04d}-{k % 12 + 1:02d}"  # noqa: E731
    else:
        unit, counts = "year", Counter()
        for k, n in months.items():
            counts[k // 12] += n
        first, last, inside = _densest(counts, max_bars)
        label = lambda k: f"{k:04d}"  # noqa: E731
    keys = sorted(counts)
    return {"unit": unit, "bars": [(label(k), counts.get(k, 0)) for k in range(first, last + 1)],
            "total": total, "shown": inside,
            "before": sum(counts[k] for k in keys if k < first), "after": sum(counts[k] for k in keys if k > last),
            "first": label(first), "last": label(last), "earliest": label(keys[0]), "latest": label(keys[-1])}


def timeline_svg(months: list[tuple[str, int]], height: int = 160) -> dict:
    """Geometry of the bar chart (the template draws it): bars, y ticks, a label every few bars.
    At most about 990 px wide for up to 225 bars (``date_chart`` gives at most ``MAX_BARS``)."""
    if not months:
        return {}
    top = max(n for _, n in months) or 1
    bar = max(4, min(24, 900 // len(months)))
    plot_h = height - 40
    label_px = 6 * max(len(m) for m, _ in months) + 6  # 10-px digits are about 6 px wide
    step = max(1, len(months) // 12, -(-label_px // bar))  # labels never overlap
    bars = [{"x": 40 + i * bar, "w": bar - 1, "h": round(plot_h * n / top), "y": 10 + plot_h - round(plot_h * n / top),
             "month": month, "n": n, "label": (i % step == 0)} for i, (month, n) in enumerate(months)]
    return {"width": 90 + len(months) * bar, "height": height, "bars": bars, "top": top, "base": 10 + plot_h,
            "ticks": sorted({0, top // 2, top})}


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: (None if (not isinstance(v, (list, dict)) and pd.isna(v)) else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


def load_run(folder: Path) -> tuple[dict[str, pd.DataFrame], dict[str, dict]]:
    """The tables of a run folder (CSV with the data dictionary's dtypes, or Parquet) and texts.jsonl."""
    if (folder / "documents.csv").exists():
        tables = read_tables(folder)
    elif (folder / "documents.parquet").exists():
        tables = {p.stem: pd.read_parquet(p) for p in folder.glob("*.parquet")}
    else:
        raise NotARunFolder(f"{folder} has no documents.csv or documents.parquet: run `xinwen run … --out {folder}` first")
    texts: dict[str, dict] = {}
    path = folder / "texts.jsonl"
    for part in sorted(path.glob("part-*.jsonl")) if path.is_dir() else [path] if path.exists() else []:
        with part.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    texts[without_nul(record["doc_id"])] = record  # the tables' doc_id has no NUL
    return tables, texts


def _environment() -> jinja2.Environment:
    assets = resources.files(__package__).joinpath("report_assets")
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(assets)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


class ReportError(XinwenError, ValueError):
    """The report cannot be written where asked (a folder that is a symbolic link)."""


def _report_folders(dest: Path) -> None:
    """Make ``dest`` and ``dest/docs``, refusing either when it is a symbolic link: a run folder
    may come from elsewhere, and ``OUT/report -> /somewhere/else`` would have the report written
    (and its files replaced) outside it. The files themselves are renamed into place, which
    replaces a link at their name instead of following it."""
    for folder in (dest, dest / "docs"):
        if folder.is_symlink():
            raise ReportError(f"{folder} is a symbolic link; the report is not written through it "
                              f"(remove it, or give --out a real folder)")
        folder.mkdir(parents=True, exist_ok=True)


def build_report(run_dir: str | Path, dest: str | Path | None = None) -> Path:
    """Write the report of ``run_dir`` into ``dest`` (default ``run_dir/report``); returns index.html."""
    run_dir = Path(run_dir)
    dest = Path(dest) if dest else run_dir / "report"
    tables, texts = load_run(run_dir)
    env = _environment()
    _report_folders(dest)
    style = resources.files(__package__).joinpath("report_assets", "style.css").read_bytes()
    atomic_write(dest / "style.css", style)

    documents = _records(tables["documents"])
    by_doc: dict[str, list[dict]] = {d["doc_id"]: [] for d in documents}
    for name in layout().mention_tables:
        for row in _records(tables.get(name, pd.DataFrame())):
            by_doc.setdefault(row["doc_id"], []).append(row)
    pages = {d["doc_id"]: f"docs/doc-{i + 1:05d}.html" for i, d in enumerate(documents)}

    repair_steps: Counter = Counter()
    for record in texts.values():
        repair_steps.update(r["step"] for r in record.get("repairs", []))
    for i, document in enumerate(documents):
        record = texts.get(without_nul(document["doc_id"]), {})
        mentions = sorted(by_doc.get(document["doc_id"], []), key=lambda m: (m["start"], -m["end"]))
        text = record.get("text")
        pieces = segments(text, mentions, record.get("repairs", []),
                          [(s, e, r) for s, e, r in record.get("boilerplate", [])] +
                          [(s, e, "damaged") for s, e in record.get("damaged", [])]) if text is not None else []
        steps = Counter(r["step"] for r in record.get("repairs", []))
        converted = sum(r["end"] - r["start"] for r in record.get("repairs", []) if r["step"] in CONVERSION_STEPS)
        html = env.get_template("document.html").render(
            root="../", document=document, segments=pieces, mentions=mentions, fields=layout().fields, show=_show,
            sureness=_sureness,
            has_text=text is not None, converted=converted if text is not None else 0, repair_steps=sorted(steps.items()), repairs=record.get("repairs", []),
            previous=pages[documents[i - 1]["doc_id"]].removeprefix("docs/") if i else None,
            next=pages[documents[i + 1]["doc_id"]].removeprefix("docs/") if i + 1 < len(documents) else None,
            index=i + 1, total=len(documents))
        atomic_write(dest / pages[document["doc_id"]], html.encode("utf-8"))

    html = env.get_template("index.html").render(root="", **summary(tables, documents, repair_steps, pages, texts))
    atomic_write(dest / "index.html", html.encode("utf-8"))
    return dest / "index.html"


def summary(tables: dict[str, pd.DataFrame], documents: list[dict], repair_steps: Counter,
            pages: dict[str, str], texts: dict) -> dict:
    """What the summary page shows, as plain data."""
    empty = pd.DataFrame()
    counts = {t: len(tables.get(layout().table[t], empty)) for t in layout().types}
    errors = [d for d in documents if d.get("status") != "ok"]
    programs, orgs = tables.get("programs", empty), tables.get("organizations", empty)
    numerics, dates = tables.get("numerics", empty), tables.get("dates", empty)

    def top(frame: pd.DataFrame, column: str, extra: str) -> list[dict]:
        if frame.empty:
            return []
        grouped = frame.groupby(column, dropna=True).agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"),
                                                         extra=(extra, lambda s: Counter(s.dropna()).most_common(1)[0][0]
                                                                if s.notna().any() else ""))
        grouped = grouped.sort_values(["mentions", "documents"], ascending=False, kind="stable").head(TOP_N)
        return [{"name": name, **row} for name, row in grouped.to_dict("index").items()]

    units = []
    if not numerics.empty:
        frame = numerics.assign(unit=numerics["unit"].fillna("").replace("", "(none)"))
        for unit, group in frame.groupby("unit", sort=False):
            values = group["value"].dropna()
            units.append({"unit": unit, "claims": len(group), "kind": Counter(group["kind"].dropna()).most_common(1)[0][0]
                          if group["kind"].notna().any() else "",
                          "min": _show(values.min()) if len(values) else "", "max": _show(values.max()) if len(values) else "",
                          "example": group["surface"].iloc[0]})
        units.sort(key=lambda u: (-u["claims"], u["unit"]))
    chart = date_chart(dates) if not dates.empty else {}
    n_repairs = sum(int(d.get("n_repairs") or 0) for d in documents)
    return {"documents": documents, "pages": pages, "counts": counts, "errors": errors,
            "n_ok": len(documents) - len(errors), "repair_steps": sorted(repair_steps.items(), key=lambda kv: -kv[1]),
            "n_repairs": n_repairs, "n_damaged": sum(int(d.get("n_damaged") or 0) for d in documents),
            "top_programs": top(programs, "name", "kind"), "top_orgs": top(orgs, "canonical", "org_type"),
            "units": units[:TOP_N], "n_units": len(units), "timeline": timeline_svg(chart.get("bars", [])), "chart": chart,
            "has_texts": bool(texts), "show": _show}
