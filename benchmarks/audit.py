"""Corpus-scale audit (issue 21): precision of the dates, numerics and facts tables on a fixed random
draw of news, judged by hand, and recall of dates and numerics on fully annotated sentences.

The draw: a fixed-seed random sample of CCTV stories (``pub_time`` is the reference date) and Taiwan
articles (``content``, ``date``), none whose id is in ``tests/gold/**/*.jsonl``. The real pipeline
(``Pipeline().process``) runs on it as a new user's run would.

    python benchmarks/audit.py sample     # rows of dates/numerics (random, plus a minimum per rule) and facts -> tests/audit/to_judge/
    python benchmarks/audit.py sentences  # sentences to annotate fully -> tests/audit/to_judge/sentences.jsonl
    python benchmarks/audit.py report     # precision per type and rule from the judged tests/audit/{dates,numerics,facts}-N.jsonl
    python benchmarks/audit.py recall     # recall on the annotated tests/audit/sentences.jsonl, misses by kind
    python benchmarks/audit.py agreement dates-1   # two judges' raw files (tests/audit/judges/) against each other

Files (see tests/audit/README.md): ``to_judge/<type>-<batch>.jsonl`` are what judges read; each
judge writes ``judges/<type>-<batch>.<judge>.jsonl``; the reconciled batch is ``<type>-<batch>.jsonl``
in ``tests/audit/`` and only those (and ``sentences.jsonl``) are read by ``report`` and ``recall``.
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NEWS = ROOT.parent / "shared" / "data" / "news"
CCTV_FILE = "cctv-xwlb-stories.jsonl.gz"
TAIWAN_FILE = "taiwan-news-2017-zh-hant.jsonl.gz"
GOLD = ROOT / "tests" / "gold"
AUDIT = ROOT / "tests" / "audit"

SEED = 20261210
CCTV_COUNT, TAIWAN_COUNT = 1500, 300
PER_TYPE, MIN_PER_RULE, BATCH_SIZE = 420, 8, 105
FACTS_COUNT, SENTENCE_COUNT = 100, 360
SENTENCE_MIN, SENTENCE_MAX = 8, 160  # characters: a sentence an annotator can read whole
AUDITED = ("date", "numeric")
TABLE = {"date": "dates", "numeric": "numerics", "fact": "facts"}
FIELDS = {"date": ("value", "kind", "granularity", "relative", "anchor"),
          "numeric": ("value", "value_max", "qualifier", "bound", "unit", "object", "kind")}
VALUE_FIELDS = {"date": ("value",), "numeric": ("value", "bound", "unit")}  # scored as extract/evaluate.py does
LINKS = ("metric", "programme", "organization", "date")
VERDICTS = ("right", "wrong", "unclear")
THRESHOLD = 0.9
Z95 = 1.959963984540054
MARK = ("⟦", "⟧")
CONTEXT = 200  # characters of a sentence kept on each side of a marked mention

_SENTENCE_END = re.compile(r"[。！？!\n]+")  # the pipeline's sentence ends (extract/pipeline.py)
_DIGIT = re.compile(r"[0-9０-９]")
_ZH_NUMERAL = re.compile(r"[〇零两二三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]|一[个次年月日天周位名家项件条场批万亿千百十半]")
_TIME_WORD = re.compile(r"今年|去年|明年|前年|今天|昨天|明天|今日|昨日|明日|近年|以来|目前|当前|当天|当时|上午|下午|"
                        r"晚上|凌晨|中午|傍晚|早上|本周|上周|下周|本月|上月|下月|季度|上半年|下半年|年底|年初|月底|"
                        r"月初|春节|国庆|周末|星期|礼拜|日前|近日|此前|今后|未来|过去|随后|届时|世纪")
RECALL_TRIGGER = (_DIGIT, _ZH_NUMERAL, _TIME_WORD)


# -- the draw -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Story:
    doc_id: str
    source: str  # cctv or taiwan
    published: str
    title: str
    text: str

    @property
    def reference(self) -> str:
        return self.published[:10]

    def document(self):
        from extract.readers import Document

        return Document(self.doc_id, "", text=self.text, title=self.title, published=self.published)


def doc_ids(folder: Path) -> set[str]:
    """Every ``doc_id`` of the JSON Lines files below ``folder``."""
    ids = set()
    for path in sorted(folder.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.add(json.loads(line)["doc_id"])
    return ids


def gold_ids(gold_dir: Path = GOLD) -> set[str]:
    """Every doc id in tests/gold/**/*.jsonl (dev, test split, annotators' files, facts)."""
    return doc_ids(gold_dir)


def _records(path: Path, source: str) -> Iterator[tuple[int, Story]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            record = json.loads(line)
            if source == "cctv":
                story = Story(f"cctv-{record['id']}", source, record.get("pub_time") or "",
                              record.get("title") or "", record.get("text") or "")
            else:
                story = Story(f"taiwan-{line_no}", source, record.get("date") or "",
                              record.get("title") or "", record.get("content") or "")
            yield line_no, story


def draw_source(path: Path, source: str, count: int, skip: set[str], seed: int = SEED) -> list[Story]:
    """``count`` stories in a fixed random order of all lines: the order does not depend on which
    stories are skipped, so a story added to the gold later only gives way to the next in line."""
    eligible, total = set(), 0
    for line_no, story in _records(path, source):
        total = line_no
        if story.doc_id not in skip and story.text.strip():
            eligible.add(line_no)
    order = list(range(1, total + 1))
    random.Random(f"{seed}:{source}").shuffle(order)
    chosen = [n for n in order if n in eligible][:count]
    rank = {n: i for i, n in enumerate(chosen)}
    stories = [(rank[n], s) for n, s in _records(path, source) if n in rank]
    return [s for _, s in sorted(stories, key=lambda pair: pair[0])]


def audited_ids(audit: Path = AUDIT) -> set[str]:
    """Every story a judged audit row comes from (tests/audit/**/*.jsonl): a fresh draw leaves them
    out, so that the stories whose rows guided fixes do not measure them."""
    return doc_ids(audit)


def draw(news: Path = NEWS, cctv: int = CCTV_COUNT, taiwan: int = TAIWAN_COUNT, seed: int = SEED,
         fresh: bool = False) -> list[Story]:
    skip = gold_ids() | (audited_ids() if fresh else set())
    return draw_source(news / CCTV_FILE, "cctv", cctv, skip, seed) + \
        draw_source(news / TAIWAN_FILE, "taiwan", taiwan, skip, seed)


def run_pipeline(stories: Sequence[Story], quiet: bool = False):
    """(story, result) for every story, the pipeline built once."""
    from extract.pipeline import Pipeline

    pipeline = Pipeline()
    started = time.perf_counter()
    for i, story in enumerate(stories, start=1):
        yield story, pipeline.process(story.document())
        if not quiet and i % 200 == 0:
            print(f"  {i}/{len(stories)} stories, {time.perf_counter() - started:.0f} s", file=sys.stderr)


# -- rows for judging -----------------------------------------------------------------------------
def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding [start, end), as the pipeline cuts sentences."""
    s = _sentence_start(text, start)
    after = _SENTENCE_END.search(text, end)
    e = after.end() if after else len(text)
    return max(s, start - CONTEXT), min(e, end + CONTEXT)


def marked_sentence(text: str, start: int, end: int) -> str:
    s, e = sentence_bounds(text, start, end)
    return (text[s:start] + MARK[0] + text[start:end] + MARK[1] + text[end:e]).strip()


def _sentence_start(text: str, pos: int) -> int:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    return before[-1] if before else 0


def context_before(text: str, start: int, limit: int = 150) -> str:
    """The sentence before the one at ``start`` (for 当天, 同期 and the like)."""
    s = _sentence_start(text, start)
    p = s
    while p > 0 and _SENTENCE_END.fullmatch(text[p - 1]):
        p -= 1
    return text[max(_sentence_start(text, p), s - limit):s].strip()


def _plain(value):
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else (int(value) if value.is_integer() and abs(value) < 2 ** 53 else value)
    try:  # numpy and pandas scalars
        return _plain(value.item())
    except AttributeError:
        return str(value)


def row_key(doc_id: str, start: int, end: int, kind: str) -> str:
    return f"{doc_id}:{start}-{end}:{kind}"


def mention_rows(story: Story, result) -> list[dict]:
    text = result.normalized.text
    rows = []
    for m in result.mentions:
        if m.type not in AUDITED:
            continue
        rows.append({
            "key": row_key(story.doc_id, m.start, m.end, m.type), "type": m.type, "doc_id": story.doc_id,
            "source": story.source, "published": story.published, "reference": story.reference,
            "start": m.start, "end": m.end, "surface": m.surface, "rule": m.rule,
            "fields": {f: _plain(m.fields.get(f)) for f in FIELDS[m.type]},
            "sentence": marked_sentence(text, m.start, m.end), "context_before": context_before(text, m.start),
        })
    return rows


def fact_rows(story: Story, result) -> list[dict]:
    text = result.normalized.text
    by_id = {m.mention_id: m for m in result.mentions}
    rows = []
    for fact in result.facts:
        claim = by_id.get(fact.get("mention_id"))
        if claim is None:
            continue
        fact = {k: _plain(v) for k, v in fact.items()}
        rows.append({
            "key": row_key(story.doc_id, claim.start, claim.end, "fact"), "type": "fact", "doc_id": story.doc_id,
            "source": story.source, "published": story.published, "reference": story.reference,
            "start": claim.start, "end": claim.end, "surface": claim.surface, "rule": claim.rule,
            "claim": {f: fact.get(f) for f in ("value", "value_max", "bound", "unit", "object", "kind")},
            "links": {
                "metric": {"text": fact.get("metric"), "rule": fact.get("metric_rule")},
                "programme": {"text": fact.get("programme"), "rule": fact.get("programme_rule")},
                "organization": {"text": fact.get("organization"), "rule": fact.get("organization_rule")},
                "date": {"text": fact.get("date"), "value": fact.get("date_value"),
                         "source": fact.get("date_source"), "rule": fact.get("date_rule")},
            },
            "region": fact.get("region"), "evidence": fact.get("evidence"),
            "sentence": marked_sentence(text, claim.start, claim.end), "context_before": context_before(text, claim.start),
        })
    return rows


def rule_parts(rule: str) -> list[str]:
    """The rules a row's rule trail is made of: ``numeric.claim+qualifier.more_than+unit.count`` is
    three rules, each reported on its own."""
    return sorted(set(rule.split("+")))


def audit_sample(rows: Sequence[dict], total: int, minimum: int, seed: int = SEED, name: str = "") -> list[dict]:
    """``total`` rows drawn at random (``"sample": "random"``: the type's precision is measured on
    these alone, so it needs no weighting), then, for every rule that fires in the draw and is seen
    in fewer than ``minimum`` of them, random rows holding it until it is (``"sample": "rule"``: they
    count for their rules' figures only)."""
    pool = sorted(rows, key=lambda r: r["key"])
    picked = random.Random(f"{seed}:{name}:random").sample(pool, min(total, len(pool)))
    chosen = {r["key"] for r in picked}
    seen = Counter(part for r in picked for part in rule_parts(r["rule"]))
    by_part: dict[str, list[dict]] = defaultdict(list)
    for row in pool:
        for part in rule_parts(row["rule"]):
            by_part[part].append(row)
    extra = []
    for part in sorted(by_part):
        need = min(minimum, len(by_part[part])) - seen[part]
        if need <= 0:
            continue
        candidates = [r for r in by_part[part] if r["key"] not in chosen]
        for row in random.Random(f"{seed}:{name}:{part}").sample(candidates, need):
            chosen.add(row["key"])
            seen.update(rule_parts(row["rule"]))
            extra.append(row)
    return [{**r, "sample": "random"} for r in picked] + [{**r, "sample": "rule"} for r in extra]


def rule_counts(rows: Sequence[dict]) -> Counter:
    return Counter(part for r in rows for part in rule_parts(r["rule"]))


def to_judge(row: dict) -> dict:
    """A sampled row with the judge's fields, empty."""
    if row["type"] == "fact":
        return {**row, "verdict": None, "link_verdicts": {k: None for k in LINKS}, "right_value": {}, "reason": ""}
    return {**row, "span_right": None, "verdict": None, "right_value": None, "reason": ""}


def batches(rows: Sequence[dict], size: int, seed: int, name: str) -> list[list[dict]]:
    """Rows shuffled (each batch mixes rules) and cut into batches of about ``size``."""
    rows = sorted(rows, key=lambda r: r["key"])
    random.Random(f"{seed}:{name}:batches").shuffle(rows)
    n = max(1, round(len(rows) / size)) if rows else 0
    return [rows[i::n] for i in range(n)]


def write_jsonl(path: Path, rows: Iterable[dict]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def _commit() -> str:
    """The commit the pipeline ran from ('' outside git); '+dirty' when files differ from it."""
    import subprocess

    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def _shown(path: Path) -> str:
    """A path relative to the repository when it is inside it (the manifest is committed)."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def sample(stories: Sequence[Story], out: Path, per_type: int = PER_TYPE, minimum: int = MIN_PER_RULE,
           facts: int = FACTS_COUNT, batch_size: int = BATCH_SIZE, seed: int = SEED, quiet: bool = False) -> dict:
    """Run the pipeline on the draw and write the batches to judge; returns a summary."""
    rows: dict[str, list[dict]] = {"date": [], "numeric": [], "fact": []}
    errors = 0
    for story, result in run_pipeline(stories, quiet):
        if result.status != "ok":
            errors += 1
            continue
        for row in mention_rows(story, result):
            rows[row["type"]].append(row)
        rows["fact"] += fact_rows(story, result)
    drawn = {t: audit_sample(rows[t], per_type, minimum, seed, t) for t in AUDITED}
    pool = sorted(rows["fact"], key=lambda r: r["key"])
    drawn["fact"] = [{**r, "sample": "random"}
                     for r in random.Random(f"{seed}:facts").sample(pool, min(facts, len(pool)))]
    out.mkdir(parents=True, exist_ok=True)
    stale = [p for p in out.glob("*.jsonl") if RECONCILED.match(p.name)]
    for old in stale:  # batches of an earlier sample; never a judged file
        if any(r.get("verdict") is not None for r in read_jsonl(old)):
            raise JudgedError(f"{old} holds judged rows: write the sample elsewhere (--out)")
    for old in stale:
        old.unlink()
    files = {}
    for kind, picked in drawn.items():
        size = batch_size if kind != "fact" else max(batch_size, len(picked))  # facts: one batch
        for i, batch in enumerate(batches(picked, size, seed, kind), start=1):
            path = out / f"{TABLE[kind]}-{i}.jsonl"
            files[_shown(path)] = write_jsonl(path, (to_judge({**r, "batch": path.stem}) for r in batch))
    summary = {
        "seed": seed, "code": _commit(), "per_type": per_type, "min_per_rule": minimum,
        "stories": len(stories), "errors": errors,
        "sources": dict(Counter(s.source for s in stories)),
        "rows": {TABLE[t]: len(rows[t]) for t in rows},
        "sampled": {TABLE[t]: dict(Counter(r["sample"] for r in drawn[t])) for t in drawn},
        "per_rule": {TABLE[t]: {part: [rule_counts(drawn[t])[part], n] for part, n in sorted(rule_counts(rows[t]).items())}
                     for t in AUDITED},
        "files": files,
    }
    (out / "manifest.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return summary


# -- sentences for the recall check ---------------------------------------------------------------
def recall_candidates(text: str, excluded: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences (start, end of their stripped text) holding a digit, a Chinese numeral or a time
    word, of a length an annotator reads whole, outside boilerplate zones."""
    out, start = [], 0
    for end_match in list(_SENTENCE_END.finditer(text)) + [None]:
        end = end_match.end() if end_match else len(text)
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        piece = text[s:e]
        if SENTENCE_MIN <= len(piece) <= SENTENCE_MAX and any(p.search(piece) for p in RECALL_TRIGGER) \
                and not any(s < z_end and z_start < e for z_start, z_end in excluded):
            out.append((s, e))
        start = end
    return out


def sentences(stories: Sequence[Story], count: int = SENTENCE_COUNT, seed: int = SEED) -> list[dict]:
    """One sentence per story, stories in draw order, split between the sources as the draw is."""
    from extract.normalize import Normalizer
    from extract.rules import load_rules

    normalizer = Normalizer(load_rules([]))
    by_source = defaultdict(list)
    for story in stories:
        by_source[story.source].append(story)
    quota = {src: round(count * len(v) / len(stories)) for src, v in by_source.items()}
    quota[max(quota, key=quota.get)] += count - sum(quota.values())
    rows = []
    for src in sorted(by_source):
        rng = random.Random(f"{seed}:sentences:{src}")
        taken = 0
        for story in by_source[src]:
            if taken >= quota[src]:
                break
            normalized = normalizer(story.text)
            text = normalized.text
            spans = recall_candidates(text, [(z.start, z.end) for z in normalized.excluded])
            if not spans:
                continue
            s, e = rng.choice(spans)
            rows.append({"key": f"{story.doc_id}:{s}-{e}:sentence", "doc_id": story.doc_id, "source": src,
                         "published": story.published, "reference": story.reference, "start": s, "end": e,
                         "sentence": text[s:e], "context_before": context_before(text, s), "mentions": []})
            taken += 1
    return rows


# -- the interval and the report -------------------------------------------------------------------
def wilson(successes: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion (95% by default); (0, 1) when n is 0."""
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class Share:
    """Right out of n, with its Wilson interval."""

    right: int = 0
    n: int = 0

    def add(self, ok: bool) -> None:
        self.right += bool(ok)
        self.n += 1

    @property
    def value(self) -> float | None:
        return self.right / self.n if self.n else None

    def as_dict(self) -> dict:
        lo, hi = wilson(self.right, self.n)
        return {"value": self.value, "low": lo, "high": hi, "n": self.n, "right": self.right}


RECONCILED = re.compile(r"^(dates|numerics|facts)(-\d+)?\.jsonl$")


def judged_files(audit: Path) -> dict[str, list[Path]]:
    """The reconciled batches in ``audit`` (not judges/, not to_judge/), by table."""
    files = defaultdict(list)
    for path in sorted(audit.glob("*.jsonl")):
        match = RECONCILED.match(path.name)
        if match:
            files[match.group(1)].append(path)
    return files


class JudgedError(ValueError):
    """A judged file that cannot be scored (a bad verdict, a row judged twice)."""


def load_judged(audit: Path) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    seen: dict[str, Path] = {}
    for table, paths in judged_files(audit).items():
        rows[table] = []
        for path in paths:
            for i, row in enumerate(read_jsonl(path), start=1):
                where = f"{path.name} line {i}"
                if row.get("verdict") not in VERDICTS:
                    raise JudgedError(f"{where}: verdict {row.get('verdict')!r}, expected one of {VERDICTS}")
                for link, verdict in (row.get("link_verdicts") or {}).items():
                    if verdict not in VERDICTS + (None,):
                        raise JudgedError(f"{where}: {link} verdict {verdict!r}, expected one of {VERDICTS}")
                if row["key"] in seen:
                    raise JudgedError(f"{where}: row {row['key']} is also judged in {seen[row['key']].name}")
                seen[row["key"]] = path
                rows[table].append(row)
    return rows


def _span_right(row: dict) -> bool | None:
    if row.get("span_right") is not None:
        return bool(row["span_right"])
    return True if row["verdict"] == "right" else None  # a right row has a right span


def score_mentions(rows: Sequence[dict]) -> dict:
    """Per type, on the random rows: precision (the span is right), value accuracy on right spans,
    strict precision (span and fields right). Per rule (each rule of a row's trail), on all its rows."""
    total = {"precision": Share(), "value_accuracy": Share(), "strict": Share()}
    per_rule: dict[str, dict[str, Share]] = defaultdict(lambda: {k: Share() for k in total})
    unclear = Counter()
    for row in rows:
        span = _span_right(row)
        targets = [per_rule[part] for part in rule_parts(row["rule"])]
        if row.get("sample", "random") == "random":
            targets.append(total)
        if span is None or row["verdict"] == "unclear":
            unclear.update(rule_parts(row["rule"]))
        for shares in targets:
            if span is None:
                continue
            shares["precision"].add(span)
            if row["verdict"] != "unclear":
                shares["strict"].add(row["verdict"] == "right")
                if span:
                    shares["value_accuracy"].add(row["verdict"] == "right")
    rules = {}
    for name, shares in sorted(per_rule.items()):
        figures = {k: s.as_dict() for k, s in shares.items()}
        flags = [k for k in ("precision", "value_accuracy") if figures[k]["value"] is not None
                 and figures[k]["value"] < THRESHOLD]
        rules[name] = {**figures, "unclear": unclear[name], "flags": flags}
    return {"rows": len(rows), "random_rows": sum(r.get("sample", "random") == "random" for r in rows),
            "unclear": sum(_span_right(r) is None or r["verdict"] == "unclear" for r in rows),
            **{k: s.as_dict() for k, s in total.items()}, "rules": rules}


def score_facts(rows: Sequence[dict]) -> dict:
    links = {k: Share() for k in LINKS}
    per_rule: dict[str, dict[str, Share]] = {k: defaultdict(Share) for k in LINKS}
    whole = Share()
    for row in rows:
        verdicts = row.get("link_verdicts") or {}
        for link in LINKS:
            verdict = verdicts.get(link)
            if verdict in ("right", "wrong"):
                links[link].add(verdict == "right")
                rule = (row.get("links", {}).get(link) or {}).get("rule") or "(none)"
                per_rule[link][rule].add(verdict == "right")
        if row["verdict"] != "unclear":
            whole.add(row["verdict"] == "right")
    return {"rows": len(rows), "all_links_right": whole.as_dict(),
            "links": {k: s.as_dict() for k, s in links.items()},
            "rules": {k: {r: s.as_dict() for r, s in sorted(v.items())} for k, v in per_rule.items()}}


def report(audit: Path = AUDIT) -> dict:
    judged = load_judged(audit)
    out = {}
    for kind in AUDITED:
        if TABLE[kind] in judged:
            out[TABLE[kind]] = score_mentions(judged[TABLE[kind]])
    if "facts" in judged:
        out["facts"] = score_facts(judged["facts"])
    return out


def _fmt(share: Mapping) -> str:
    if share["value"] is None:
        return f"{'-':>5} {'':>15}"
    return f"{share['value']:5.3f} [{share['low']:.3f}, {share['high']:.3f}]"


def print_report(figures: Mapping) -> None:
    if not figures:
        print("no judged files (tests/audit/{dates,numerics,facts}-N.jsonl) yet")
    for table in ("dates", "numerics"):
        if table not in figures:
            continue
        f = figures[table]
        print(f"\n{table}: {f['rows']} judged rows ({f['random_rows']} random), {f['unclear']} unclear; "
              "95% Wilson intervals")
        print(f"  precision (span right)        {_fmt(f['precision'])}  n={f['precision']['n']}")
        print(f"  value accuracy on right spans {_fmt(f['value_accuracy'])}  n={f['value_accuracy']['n']}")
        print(f"  strict (span and fields)      {_fmt(f['strict'])}  n={f['strict']['n']}")
        print("  per rule (every row whose trail holds it, random and rule-minimum rows):")
        print(f"  {'rule':<40} {'n':>4}  {'precision':<23} {'value accuracy':<23} flag")
        for rule, r in f["rules"].items():
            flag = " ".join(f"{k}<{THRESHOLD}" for k in r["flags"])
            print(f"  {rule:<40} {r['precision']['n']:>4}  {_fmt(r['precision']):<23} {_fmt(r['value_accuracy']):<23} {flag}")
        flagged = [r for r, v in f["rules"].items() if v["flags"]]
        print(f"  rules under {THRESHOLD}: {', '.join(flagged) if flagged else 'none'}")
    if "facts" in figures:
        f = figures["facts"]
        print(f"\nfacts: {f['rows']} judged; all links right {_fmt(f['all_links_right'])}")
        for link in LINKS:
            print(f"  {link:<13} {_fmt(f['links'][link])}  n={f['links'][link]['n']}")
            for rule, share in f["rules"][link].items():
                print(f"      {rule:<40} {_fmt(share)}  n={share['n']}")


# -- recall on annotated sentences -----------------------------------------------------------------
def match(gold: Sequence[dict], pred: Sequence[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pairs by surface per occurrence (as extract/evaluate.py): (pairs, missed gold, false predictions).
    Optional gold is neither missed nor lets a prediction count as false."""
    pool = defaultdict(list)
    for p in pred:
        pool[p["surface"]].append(p)
    pairs, missed = [], []
    for g in (g for g in gold if not g.get("optional")):
        if pool.get(g["surface"]):
            pairs.append((g, pool[g["surface"]].pop(0)))
        else:
            missed.append(g)
    optional = Counter(g["surface"] for g in gold if g.get("optional"))
    false = []
    for surface, rest in pool.items():
        for p in rest:
            if optional[surface] > 0:
                optional[surface] -= 1
            else:
                false.append(p)
    return pairs, missed, false


_MISS_KINDS = (  # (name, type or None for both, pattern): first that matches names the miss
    ("N年前/后 (ago)", "date", r"[年月天周]前$|[年月天周]后$"),
    ("range 从…至/到", None, r"[至到~—\-－～]"),
    ("quarter/half/period", "date", r"季度|半年|上旬|中旬|下旬|年初|年底|年末|月初|月底"),
    ("part of day", "date", r"上午|下午|晚上|凌晨|中午|傍晚|早上|夜"),
    ("duration N个月/天/年来", "date", r"个月|个半|来$|时间$|小时|[0-9一二两三四五六七八九十几](天|周|星期)$"),
    ("relative word", "date", r"^(今|去|明|前|昨|近|本|上|下|当|目前|此前|日前|近日)"),
    ("ROC year", "date", r"民国|^1[01]\d年"),
    ("fraction/half", "numeric", r"半|分之|成$"),
    ("percent", "numeric", r"%|％|百分"),
    ("financial numeral", "numeric", r"[壹贰叁肆伍陆柒捌玖拾佰仟参陆]"),
    ("negative", "numeric", r"^[负\-－]"),
    ("colloquial 两千五/一万二", "numeric", r"^[一二两三四五六七八九][千万][一二三四五六七八九]$"),
    ("Chinese numeral", None, r"^[^0-9０-９]*[一二两三四五六七八九十百千万亿〇零]"),
    ("money", "numeric", r"元|美元|港元|欧元"),
    ("rank 第N", "numeric", r"第"),
)


def overlapping(miss: dict, predicted: Sequence[dict]) -> str:
    """The surface of a prediction of the miss's type that contains it or lies inside it, or ''."""
    for p in predicted:
        if p["type"] == miss["type"] and (miss["surface"] in p["surface"] or p["surface"] in miss["surface"]):
            return p["surface"]
    return ""


def miss_kind(miss: dict, predicted: Sequence[dict]) -> str:
    """A short heuristic class of a missed gold mention: 'boundary' when a prediction of its type
    overlaps it in the sentence (found, but cut differently), then the first pattern it fits, else
    its last character."""
    surface = miss["surface"]
    how = "boundary" if overlapping(miss, predicted) else "not found"
    for name, kind, pattern in _MISS_KINDS:
        if (kind is None or kind == miss["type"]) and re.search(pattern, surface):
            return f"{how}: {name}"
    return f"{how}: ends in {surface[-1:]}"


def _located(text: str, row: dict) -> tuple[int, int] | None:
    s, e = row["start"], row["end"]
    if text[s:e] == row["sentence"]:
        return s, e
    found = [m.start() for m in re.finditer(re.escape(row["sentence"]), text)]
    if not found:
        return None
    best = min(found, key=lambda x: abs(x - s))
    return best, best + len(row["sentence"])


def recall(audit: Path = AUDIT, news: Path = NEWS, quiet: bool = True) -> dict:
    """The pipeline on the stories of the annotated sentences; its dates and numerics inside each
    sentence against the annotation."""
    rows = read_jsonl(audit / "sentences.jsonl")
    wanted = {r["doc_id"] for r in rows}
    stories = {}
    for path, source in ((news / CCTV_FILE, "cctv"), (news / TAIWAN_FILE, "taiwan")):
        if any(d.startswith(source + "-") for d in wanted):
            stories.update({s.doc_id: s for _, s in _records(path, source) if s.doc_id in wanted})
    results = {story.doc_id: result for story, result in run_pipeline(
        [stories[d] for d in sorted(wanted) if d in stories], quiet)}
    counts = {t: Counter() for t in AUDITED}
    fields = {t: Counter() for t in AUDITED}
    misses, false_alarms, relocated = {t: [] for t in AUDITED}, {t: [] for t in AUDITED}, 0
    from extract.evaluate import same_value
    from extract.pipeline import Pipeline
    alone = None
    for row in rows:
        result = results.get(row["doc_id"])
        span = _located(result.normalized.text, row) if result is not None and result.status == "ok" else None
        if span is None:  # the normalization changed under the annotation: the sentence alone
            relocated += 1
            alone = alone or Pipeline()
            from extract.readers import Document
            result = alone.process(Document(row["key"], "", text=row["sentence"], published=row["published"]))
            span = (0, len(row["sentence"]))
        s, e = span
        predicted = [{"type": m.type, "surface": m.surface, **{k: _plain(v) for k, v in m.fields.items()}}
                     for m in result.mentions if m.type in AUDITED and s <= m.start and m.end <= e]
        for kind in AUDITED:
            gold = [g for g in row.get("mentions", []) if g["type"] == kind]
            pred = [p for p in predicted if p["type"] == kind]
            pairs, missed, false = match(gold, pred)
            counts[kind].update(tp=len(pairs), fn=len(missed), fp=len(false))
            for g, p in pairs:
                for field in VALUE_FIELDS[kind]:
                    if field in g and g[field] is not None:
                        fields[kind][f"{field}_n"] += 1
                        fields[kind][f"{field}_ok"] += same_value(field, g[field], p.get(field))
            misses[kind] += [{"surface": g["surface"], "kind": miss_kind(g, predicted),
                              "predicted": overlapping(g, predicted), "sentence": row["sentence"],
                              "doc_id": row["doc_id"]} for g in missed]
            false_alarms[kind] += [{"surface": p["surface"], "sentence": row["sentence"]} for p in false]
    out = {"sentences": len(rows), "relocated": relocated, "types": {}}
    for kind in AUDITED:
        c = counts[kind]
        r, p = Share(c["tp"], c["tp"] + c["fn"]), Share(c["tp"], c["tp"] + c["fp"])
        by_kind = defaultdict(list)
        for m in misses[kind]:
            by_kind[m["kind"]].append(m)
        out["types"][TABLE[kind]] = {
            "recall": r.as_dict(), "precision_in_sentences": p.as_dict(), "counts": dict(c),
            "fields": {f: (fields[kind][f"{f}_ok"], fields[kind][f"{f}_n"]) for f in VALUE_FIELDS[kind]},
            "misses": dict(sorted(by_kind.items(), key=lambda kv: -len(kv[1]))),
            "false_alarms": false_alarms[kind],
        }
    return out


def print_recall(figures: Mapping, examples: int = 5) -> None:
    print(f"{figures['sentences']} annotated sentences"
          + (f" ({figures['relocated']} no longer found in their story: run alone)" if figures["relocated"] else ""))
    for table, f in figures["types"].items():
        c = f["counts"]
        print(f"\n{table}: recall {_fmt(f['recall'])} (tp {c.get('tp', 0)}, missed {c.get('fn', 0)}); "
              f"precision in the sentences {_fmt(f['precision_in_sentences'])} (false {c.get('fp', 0)})")
        print("  value accuracy on matches: " + ", ".join(
            f"{k} {ok}/{n}" + (f" = {ok / n:.3f}" if n else "") for k, (ok, n) in f["fields"].items()))
        for kind, items in f["misses"].items():
            shown = "; ".join(m["surface"] + (f" (found {m['predicted']})" if m["predicted"] else "")
                              for m in items[:examples])
            print(f"  {len(items):>3}  {kind:<45} {shown}")


# -- agreement of two judges -----------------------------------------------------------------------
def agreement(audit: Path, batch: str) -> dict:
    """Two judges' raw files of one batch (judges/<batch>.<judge>.jsonl): verdicts agreed, and the
    rows to reconcile."""
    paths = sorted((audit / "judges").glob(f"{batch}.*.jsonl"))
    if len(paths) != 2:
        raise JudgedError(f"expected two judges' files judges/{batch}.<judge>.jsonl, found {[p.name for p in paths]}")
    a, b = ({r["key"]: r for r in read_jsonl(p)} for p in paths)
    keys = sorted(a.keys() & b.keys())
    same = [k for k in keys if a[k].get("verdict") == b[k].get("verdict")
            and a[k].get("span_right") == b[k].get("span_right")
            and a[k].get("link_verdicts") == b[k].get("link_verdicts")]
    return {"judges": [p.name for p in paths], "rows": len(keys), "agreed": len(same),
            "only_one": sorted(a.keys() ^ b.keys()),
            "disagree": [{"key": k, "surface": a[k].get("surface"), paths[0].name: a[k].get("verdict"),
                          paths[1].name: b[k].get("verdict")} for k in keys if k not in same]}


# -- command line --------------------------------------------------------------------------------
def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("sample", "sentences"):
        p = sub.add_parser(name)
        p.add_argument("--news", type=Path, default=NEWS)
        p.add_argument("--cctv", type=int, default=CCTV_COUNT, help="CCTV stories in the draw")
        p.add_argument("--taiwan", type=int, default=TAIWAN_COUNT, help="Taiwan articles in the draw")
        p.add_argument("--seed", type=int, default=SEED)
        p.add_argument("--out", type=Path, default=AUDIT / "to_judge")
        p.add_argument("--quiet", action="store_true")
        p.add_argument("--fresh", action="store_true",
                       help="leave out the stories of rows already judged in tests/audit (a new round)")
    sub.choices["sample"].add_argument("--per-type", type=int, default=PER_TYPE)
    sub.choices["sample"].add_argument("--min-per-rule", type=int, default=MIN_PER_RULE)
    sub.choices["sample"].add_argument("--facts", type=int, default=FACTS_COUNT)
    sub.choices["sample"].add_argument("--batch-size", type=int, default=BATCH_SIZE)
    sub.choices["sentences"].add_argument("--count", type=int, default=SENTENCE_COUNT)
    for name in ("report", "recall", "agreement"):
        p = sub.add_parser(name)
        p.add_argument("--audit", type=Path, default=AUDIT)
        p.add_argument("--json", action="store_true", help="the figures as JSON")
    sub.choices["recall"].add_argument("--news", type=Path, default=NEWS)
    sub.choices["agreement"].add_argument("batch", help="e.g. dates-1")
    args = parser.parse_args(argv)

    if args.command in ("sample", "sentences"):
        started = time.perf_counter()
        stories = draw(args.news, args.cctv, args.taiwan, args.seed, args.fresh)
        if args.command == "sample":
            summary = sample(stories, args.out, args.per_type, args.min_per_rule, args.facts, args.batch_size,
                             args.seed, args.quiet)
            print(json.dumps({k: v for k, v in summary.items() if k != "per_rule"}, ensure_ascii=False, indent=1))
            for table, rules in summary["per_rule"].items():
                print(f"\n{table}: sampled / rows per rule")
                for rule, (n, total) in rules.items():
                    print(f"  {rule:<40} {n:>4} / {total}")
        else:
            rows = sentences(stories, args.count, args.seed)
            path = args.out / "sentences.jsonl"
            write_jsonl(path, rows)
            print(f"{len(rows)} sentences ({dict(Counter(r['source'] for r in rows))}) -> {_shown(path)}")
        print(f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
        return 0
    try:
        if args.command == "agreement":
            figures, show = agreement(args.audit, args.batch), None
        elif args.command == "report":
            figures, show = report(args.audit), print_report
        else:
            figures, show = recall(args.audit, args.news), print_recall
        if args.json or show is None:
            print(json.dumps(figures, ensure_ascii=False, indent=1))
        else:
            show(figures)
    except (JudgedError, FileNotFoundError) as exc:
        print(f"audit: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
