"""``xinwen explain``: why each row exists. For one text, everything the pipeline did to it: the
normalized text, the repairs normalization made, the excluded zones, the tokens, every mention with
the rule that fired and its fields, the candidates dropped when overlaps were settled, and the
organization suffixes the grammar found and made no name of, each with its reason.

``explain`` returns a plain dict (``--json`` prints it); ``format_explanation`` renders it as text.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from .components import NUMERALS_KEY
from .matchers.base import EXCLUDED_KEY, REFERENCE_KEY, mentions_of
from .mention import FIELDS, TYPES, Mention
from .readers import Document


def _mention_dict(m: Mention) -> dict[str, Any]:
    return {"mention_id": m.mention_id, "type": m.type, "surface": m.surface, "start": m.start, "end": m.end,
            "raw_start": m.raw_start, "raw_end": m.raw_end, "rule": m.rule,
            "repaired": m.repaired, "confidence": m.confidence,
            "fields": {f: m.fields.get(f) for f in FIELDS[m.type]}}


def _candidates(pipeline, normalized, reference: str) -> tuple[list[Mention], list]:
    """What the matchers proposed before overlaps were settled (``xinwen_resolve`` not run), and
    the numerals the numeral reader kept (each with the steps that read it)."""
    from .pipeline import _iso_reference

    doc = pipeline.nlp.make_doc(normalized.text)
    doc.user_data[EXCLUDED_KEY] = [(z.start, z.end) for z in normalized.excluded]
    doc.user_data[REFERENCE_KEY] = _iso_reference(reference)
    for name, component in pipeline.nlp.pipeline:
        if name == "xinwen_resolve":
            break
        doc = component(doc)
    return [m for key in TYPES for m in mentions_of(doc, key)], list(doc.user_data.get(NUMERALS_KEY, []))


def _numeral_steps(mention: Mention, numerals: list) -> list[str]:
    """The steps of the numeral reader behind a numeric claim (一千八百万: digit, unit, scale)."""
    inside = [n for n in numerals if mention.start <= n.start and n.end <= mention.end]
    return list(inside[0].provenance) if inside else []


def _grammar_drops(pipeline, text: str) -> list[dict[str, Any]]:
    """The suffixes the organization grammar found in ``text`` and made no name of, with why."""
    component = dict(pipeline.nlp.pipeline).get("xinwen_organizations")
    matcher = getattr(component, "matcher", None)
    if matcher is None:
        return []
    return [{"suffix": d.suffix, "start": d.begin, "end": d.end, "reason": d.reason.code, "why": d.reason.value}
            for d in matcher.dropped(pipeline.nlp.make_doc(text))]


def explain(pipeline, document: Document) -> dict[str, Any]:
    """Everything ``pipeline`` did to ``document``, as plain data."""
    result = pipeline.process(document)
    out: dict[str, Any] = {"doc_id": document.doc_id, "status": result.status, "error": result.error}
    normalized = result.normalized
    if normalized is None:
        return out
    reference = document.published or normalized.metadata.published or pipeline.reference_date
    source = ("the input record" if document.published else "the page" if normalized.metadata.published
              else "--reference-date" if pipeline.reference_date else "none")
    text = normalized.text
    final = {(m.type, m.start, m.end) for m in result.mentions}
    dropped = []
    candidates, numerals = _candidates(pipeline, normalized, reference)
    for candidate in candidates:
        if (candidate.type, candidate.start, candidate.end) in final:
            continue
        blockers = [m for m in result.mentions if m.type != candidate.type and m.overlaps(candidate)]
        dropped.append({**_mention_dict(candidate),
                        "reason": "; ".join(f"overlaps {b.type} {b.surface!r}" for b in blockers) or "not kept"})
    out.update(
        reference_date=reference, reference_from=source, script=normalized.script,
        raw_chars=len(document.text), text=text,
        repairs=[{"step": r.step, "raw_start": r.raw_start, "raw_end": r.raw_end, "before": r.before,
                  "after": r.after, "posterior": r.posterior} for r in normalized.repairs],
        uncertain=[{"start": r.start, "end": r.end, "posterior": r.posterior, "repaired": r.repaired,
                    "text": text[r.start:r.end]} for r in normalized.uncertain],
        excluded=[{"start": z.start, "end": z.end, "rule": z.rule, "text": text[z.start:z.end]}
                  for z in normalized.excluded],
        tokens=[t.text for t in pipeline.nlp.make_doc(text)],
        mentions=[{**_mention_dict(m), **({"numeral_steps": _numeral_steps(m, numerals)} if m.type == "numeric" else {})}
                  for m in result.mentions],
        dropped=dropped,
        grammar_drops=_grammar_drops(pipeline, text),
    )
    return out


def _fields(fields: dict) -> str:
    return "  ".join(f"{k}={'' if v is None else v}" for k, v in fields.items())


def format_explanation(data: dict[str, Any], max_repairs: int = 50) -> str:
    lines = [f"== {data['doc_id']}"]
    if data["status"] != "ok":
        return "\n".join(lines + [f"error: {data['error']}"]) + "\n"
    lines.append(f"reference date: {data['reference_date'] or '(none)'} (from {data['reference_from']})")
    lines += ["", f"-- normalized text ({len(data['text'])} characters, {data['raw_chars']} raw; script "
                  f"{data['script']})", data["text"]]
    repairs = data["repairs"]
    steps = Counter(r["step"] for r in repairs)
    lines += ["", f"-- repairs ({len(repairs)}{': ' if steps else ''}{', '.join(f'{s} {n}' for s, n in steps.items())})"]
    for r in repairs[:max_repairs]:
        sure = f"  posterior {r['posterior']:.4g}" if r.get("posterior", 1.0) < 1.0 else ""
        lines.append(f"  {r['step']:<16} raw [{r['raw_start']}, {r['raw_end']})  {r['before']!r} -> {r['after']!r}{sure}")
    if len(repairs) > max_repairs:
        lines.append(f"  … {len(repairs) - max_repairs} more (--json lists them all)")
    uncertain = data.get("uncertain", [])
    if uncertain:
        lines += ["", f"-- readings in doubt, extracted from; their rows say repaired / confidence ({len(uncertain)})"]
        lines += [f"  [{u['start']}, {u['end']})  posterior {u['posterior']:.3f}  "
                  f"{'repaired' if u['repaired'] else 'kept as written'}  {u['text'][:60]!r}" for u in uncertain]
    lines += ["", f"-- excluded zones, nothing is extracted from them ({len(data['excluded'])})"]
    lines += [f"  {z['rule']:<24} [{z['start']}, {z['end']})  {z['text'][:60]!r}" for z in data["excluded"]]
    lines += ["", f"-- tokens ({len(data['tokens'])})", "|".join(t.replace("\n", "⏎") for t in data["tokens"])]
    lines += ["", f"-- mentions ({len(data['mentions'])})"]
    for m in data["mentions"]:
        flags = ("  REPAIRED" if m.get("repaired") else "") + \
            (f"  confidence {m['confidence']:.3f}" if m.get("confidence") is not None else "")
        lines.append(f"  {m['mention_id']:<14} {m['type']:<12} {m['surface']!r}  [{m['start']}, {m['end']})  "
                     f"rule {m['rule']}{flags}")
        lines.append(f"  {'':<14} {_fields(m['fields'])}")
        if m.get("numeral_steps"):
            lines.append(f"  {'':<14} numeral read by: {', '.join(m['numeral_steps'])}")
    lines += ["", f"-- candidates dropped when overlaps were settled ({len(data['dropped'])})"]
    for m in data["dropped"]:
        lines.append(f"  {m['type']:<12} {m['surface']!r}  [{m['start']}, {m['end']})  rule {m['rule']}: {m['reason']}")
    drops = data.get("grammar_drops", [])
    lines += ["", f"-- organization suffixes the grammar made no name of ({len(drops)})"]
    lines += [f"  {d['suffix']!r}  [{d['start']}, {d['end']})  {d['reason']}: {d['why']}" for d in drops]
    return "\n".join(lines) + "\n"
