"""Evaluation: predicted tables against annotated gold documents, as a pure function.

Strict matching: programmes and organizations by ``name`` (once per distinct name per document),
dates and numerics by ``surface`` per occurrence (multisets). Lenient matching: same type and one
surface containing the other. Optional gold mentions are neither rewarded nor punished. Field
accuracy is measured on strict matches: date value; numeric value, bound, unit; organization
canonical; programme kind. Scores are micro-averaged over documents.

Facts (``evaluate_facts``) are scored per gold claim, found by its surface and occurrence in the
document: ``metric`` is right when it ends with the gold head word (empty gold: empty metric);
``programme``, ``organization`` (a gold value may list the spellings of one body) and ``date``
(the value) must be equal, "none" (empty) included. A claim with no facts row is wrong on every field.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

from .schema import layout

KEY = {"program": "name", "organization": "name", "date": "surface", "numeric": "surface"}
SCORED_FIELDS = {"program": ("kind",), "organization": ("canonical",), "date": ("value",),
                 "numeric": ("value", "bound", "unit")}


def load_gold(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_predictions(folder: str | Path) -> dict[str, list[dict]]:
    """The per-type tables of a ``xinwen run`` output folder, as rows (all values as text, as
    written: a BOM (``--excel``) is skipped and formula-neutralized cells are given back)."""
    from .csvsafe import restore_frame

    folder = Path(folder)
    schema = folder / "schema.json"
    neutralized = schema.exists() and json.loads(schema.read_text(encoding="utf-8"))["format"].get("neutralized_prefix")
    rows: dict[str, list[dict]] = {}
    for kind, table in layout().table.items():
        frame = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
        rows[kind] = (restore_frame(frame) if neutralized else frame).to_dict("records")
    return rows


def same_value(field: str, gold, pred) -> bool:
    """A field as the gold has it: empty for empty, numbers within a millionth, else the same text."""
    if gold is None or gold == "":
        return pred in (None, "")
    if field == "value" and not isinstance(gold, str):
        try:
            return abs(float(pred) - float(gold)) < 1e-6 * max(1.0, abs(float(gold)))
        except (TypeError, ValueError):
            return False
    return str(gold) == str(pred)


def _pairs(gold: list[dict], pred: list[dict], key: str, once: bool):
    """Strict pairing by key; returns (matched pairs, missed gold, false alarms, ignored preds)."""
    required = [g for g in gold if not g.get("optional")]
    optional_keys = Counter(g[key] for g in gold if g.get("optional"))
    if once:
        seen, unique = set(), []
        for p in pred:
            if p[key] not in seen:
                seen.add(p[key])
                unique.append(p)
        pred = unique
    pool: dict[str, list[dict]] = defaultdict(list)
    for p in pred:
        pool[p[key]].append(p)
    pairs, missed = [], []
    for g in required:
        if pool.get(g[key]):
            pairs.append((g, pool[g[key]].pop(0)))
        else:
            missed.append(g)
    false, ignored = [], []
    for k, rest in pool.items():
        for p in rest:
            if optional_keys.get(k, 0) > 0:
                optional_keys[k] -= 1 if not once else 0
                ignored.append(p)
            else:
                false.append(p)
    return pairs, missed, false, ignored


def _lenient(missed: list[dict], false: list[dict], key: str) -> int:
    """Extra matches when one surface contains the other (same type, same document)."""
    used, extra = set(), 0
    for g in missed:
        for i, p in enumerate(false):
            if i not in used and (g["surface"] in p["surface"] or p["surface"] in g["surface"]):
                used.add(i)
                extra += 1
                break
    return extra


def evaluate(gold_docs: Iterable[Mapping], predictions: Mapping[str, list[dict]]) -> dict:
    by_doc: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for kind, rows in predictions.items():
        for row in rows:
            by_doc[row["doc_id"]][kind].append(row)
    types = layout().types
    counts = {t: Counter() for t in types}
    fields = {t: Counter() for t in types}
    errors = []
    for doc in gold_docs:
        doc_id = doc["doc_id"]
        for kind in types:
            gold = [m for m in doc["mentions"] if m["type"] == kind]
            pred = by_doc.get(doc_id, {}).get(kind, [])
            once = kind in ("program", "organization")
            if once:
                gold = list({m[KEY[kind]]: m for m in reversed(gold)}.values())[::-1]
            pairs, missed, false, _ = _pairs(gold, pred, KEY[kind], once)
            c = counts[kind]
            c["tp"] += len(pairs)
            c["fn"] += len(missed)
            c["fp"] += len(false)
            c["lenient_extra"] += _lenient(missed, false, KEY[kind])
            for g, p in pairs:
                for field in SCORED_FIELDS[kind]:
                    if field in g and g[field] is not None:  # null: the annotator was not sure
                        fields[kind][f"{field}_n"] += 1
                        fields[kind][f"{field}_ok"] += same_value(field, g[field], p.get(field))
                        if not same_value(field, g[field], p.get(field)):
                            errors.append({"doc_id": doc_id, "type": kind, "error": f"wrong {field}",
                                           "surface": g["surface"], "gold": g[field], "pred": p.get(field),
                                           "sentence": p.get("sentence", "")})
            errors += [{"doc_id": doc_id, "type": kind, "error": "missed", "surface": g["surface"],
                        "sentence": ""} for g in missed]
            errors += [{"doc_id": doc_id, "type": kind, "error": "false alarm", "surface": p["surface"],
                        "sentence": p.get("sentence", "")} for p in false]
    report = {"types": {}, "errors": errors}
    for kind in types:
        c = counts[kind]
        strict = _prf(c["tp"], c["fp"], c["fn"])
        lenient = _prf(c["tp"] + c["lenient_extra"], c["fp"] - c["lenient_extra"], c["fn"] - c["lenient_extra"])
        accuracy = {f: (fields[kind][f"{f}_ok"] / fields[kind][f"{f}_n"] if fields[kind][f"{f}_n"] else None)
                    for f in SCORED_FIELDS[kind]}
        report["types"][kind] = {"strict": strict, "lenient": lenient, "field_accuracy": accuracy,
                                 "tp": c["tp"], "fp": c["fp"], "fn": c["fn"]}
    return report


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


FACT_FIELDS = ("metric", "programme", "organization", "date")


def load_fact_predictions(folder: str | Path) -> list[dict]:
    """``facts.csv`` of a ``xinwen run`` folder as rows of text (empty when the run wrote none)."""
    from .csvsafe import restore_frame

    folder = Path(folder)
    path = folder / "facts.csv"
    if not path.exists():
        return []
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    schema = folder / "schema.json"
    if schema.exists() and json.loads(schema.read_text(encoding="utf-8"))["format"].get("neutralized_prefix"):
        frame = restore_frame(frame)
    return frame.to_dict("records")


def _fact_right(field: str, gold: Mapping, pred: Mapping | None) -> bool:
    if pred is None:
        return False
    if field == "metric":
        head, metric = gold.get("head", ""), str(pred.get("metric") or "")
        return metric.endswith(head) if head else metric == ""
    got = "".join(str(pred.get("date_value" if field == "date" else field) or "").split())
    wanted = gold.get(field, "")
    return got in ["".join(w.split()) for w in (wanted if isinstance(wanted, list) else [wanted])]


def _extracted(mentions: Mapping[str, list[dict]] | None, doc_id: str) -> dict[str, set[str]] | None:
    """The programme names and organization names/canonicals a run found in one document."""
    if mentions is None:
        return None
    names = {"programme": set(), "organization": set()}
    for row in mentions.get("program", []):
        if row["doc_id"] == doc_id:
            names["programme"].add("".join(str(row.get("name", "")).split()))
    for row in mentions.get("organization", []):
        if row["doc_id"] == doc_id:
            names["organization"] |= {"".join(str(row.get(k, "")).split()) for k in ("name", "canonical")}
    return names


def evaluate_facts(gold_docs: Iterable[Mapping], rows: Iterable[Mapping],
                   mentions: Mapping[str, list[dict]] | None = None) -> dict:
    """Accuracy of each link field over the gold claims (``tests/gold/facts/``), plus the errors.
    With the run's ``mentions`` (``load_predictions``), ``linkable`` is the accuracy of the
    programme and organization links on the claims whose gold programme/organization the matchers
    found at all (the linker can only choose among the mentions it is given)."""
    by_doc: dict[str, list[Mapping]] = defaultdict(list)
    for row in rows:
        by_doc[row["doc_id"]].append(row)
    right, n, found, errors = Counter(), 0, 0, []
    linkable = Counter()
    for doc in gold_docs:
        preds = by_doc.get(doc["doc_id"], [])
        extracted = _extracted(mentions, doc["doc_id"])
        for fact in doc["facts"]:
            same = [p for p in preds if p["surface"] == fact["claim"]]
            pred = same[fact.get("n", 1) - 1] if len(same) >= fact.get("n", 1) else None
            n += 1
            found += pred is not None
            for field in FACT_FIELDS:
                ok = _fact_right(field, fact, pred)
                right[field] += ok
                if extracted is not None and field in extracted:
                    wanted = fact.get(field) or ""
                    wanted = ["".join(w.split()) for w in (wanted if isinstance(wanted, list) else [wanted])]
                    if wanted == [""] or extracted[field] & set(wanted):
                        linkable[f"{field}_n"] += 1
                        linkable[f"{field}_ok"] += ok
                if not ok:
                    got = None if pred is None else pred.get("date_value" if field == "date" else field)
                    errors.append({"doc_id": doc["doc_id"], "claim": fact["claim"], "n": fact.get("n", 1),
                                   "field": field, "gold": fact.get("head" if field == "metric" else field),
                                   "pred": got, "rule": None if pred is None else pred.get(f"{field}_rule"),
                                   "evidence": "" if pred is None else pred.get("evidence", "")})
    accuracy = {f: round(right[f] / n, 4) if n else None for f in FACT_FIELDS}
    report = {"claims": n, "found": found, "accuracy": accuracy, "errors": errors}
    if mentions is not None:
        report["linkable"] = {f: {"claims": linkable[f"{f}_n"], "accuracy": round(linkable[f"{f}_ok"] / linkable[f"{f}_n"], 4)
                                  if linkable[f"{f}_n"] else None} for f in ("programme", "organization")}
    return report


def evaluate_files(gold: str | Path, pred: str | Path, facts_gold: str | Path | None = None) -> dict:
    predictions = load_predictions(pred)
    report = evaluate(load_gold(gold), predictions)
    if facts_gold is not None:
        report["facts"] = evaluate_facts(load_gold(facts_gold), load_fact_predictions(pred), predictions)
    return report


def format_report(report: dict, errors: bool = False) -> str:
    lines = [f"{'type':<13}{'P':>7}{'R':>7}{'F1':>7}  {'lenient F1':>10}  field accuracy"]
    for kind, s in report["types"].items():
        acc = ", ".join(f"{f} {v:.2f}" for f, v in s["field_accuracy"].items() if v is not None)
        st = s["strict"]
        lines.append(f"{kind:<13}{st['precision']:>7.3f}{st['recall']:>7.3f}{st['f1']:>7.3f}  {s['lenient']['f1']:>10.3f}  {acc}")
    facts = report.get("facts")
    if facts:
        acc = ", ".join(f"{f} {v:.2f}" for f, v in facts["accuracy"].items() if v is not None)
        lines.append(f"facts        {facts['found']} of {facts['claims']} gold claims found; accuracy: {acc}")
        for field, part in facts.get("linkable", {}).items():
            if part["accuracy"] is not None:
                lines.append(f"             {field} where the matchers found it: {part['accuracy']:.2f} of {part['claims']}")
    if errors:
        lines.append("")
        for e in report["errors"]:
            detail = f" gold={e['gold']!r} pred={e['pred']!r}" if "gold" in e else ""
            lines.append(f"{e['doc_id']}\t{e['type']}\t{e['error']}\t{e['surface']}{detail}\t{e['sentence'][:80]}")
        for e in (facts or {}).get("errors", []):
            lines.append(f"{e['doc_id']}\tfact\twrong {e['field']}\t{e['claim']}#{e['n']} gold={e['gold']!r} "
                         f"pred={e['pred']!r} ({e['rule']})\t{e['evidence'][:80]}")
    return "\n".join(lines)


def __getattr__(name: str):
    """``TYPES``, the mention types (``schema.layout``), read when first asked for: a script of the
    blind test split imports it by name; new code asks ``layout()``."""
    if name == "TYPES":
        return layout().types
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
