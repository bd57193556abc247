"""The facts of one document: a row per numeric claim with its metric, programme, organization
and date links (the columns of ``facts`` in ``schema.json``), read off the document's final
mentions and jieba words."""
from __future__ import annotations

from typing import Mapping, Sequence

from ..mention import Mention
from .date import date
from .headline import body_claim, from_body
from .lexicon import Lexicon
from .links import MainBody, collective_actors, main_body, organization, programme
from .metric import metric
from .view import Link, TextView
from .words import Word, words_of


PUBLISHED = "facts.date.published"


class FactLinker:
    """Builds the facts of one document. ``tags``: jieba's dictionary part-of-speech tags."""

    def __init__(self, rules: Mapping, tags: Mapping[str, str]):
        self.lex = Lexicon(rules)
        self.tags = tags

    def link_doc(self, doc, mentions: Sequence[Mention], reference: str = "") -> list[dict]:
        """``link`` over a spaCy ``Doc`` (its text and words); nothing to do without a claim."""
        if not any(m.type == "numeric" for m in mentions):
            return []
        return self.link(doc.text, words_of(doc, self.tags), mentions, reference)

    def link(self, text: str, words: Sequence[Word], mentions: Sequence[Mention], reference: str = "") -> list[dict]:
        """One row per numeric claim, in text order (the columns of ``facts`` in ``schema.json``)."""
        mentions = list(mentions) + collective_actors(self.lex, text, words)
        view = TextView(text, words, mentions, self.lex, reference, self.tags)
        main = main_body(view)
        rows, metrics = [], {}
        for claim in view.by_type["numeric"]:
            found = metric(view, claim, metrics)
            metrics[claim.mention_id or claim.start] = (claim, found)
            org_link, date_link = _headline_links(view, claim, main)
            rows.append(_row(view, claim, found, programme(view, claim), org_link, date_link,
                             main.mention if main is not None else None))
        return rows


def _headline_links(view: TextView, claim: Mention, main: MainBody | None) -> tuple[Link, Link]:
    """The claim's organization and date; a headline's claim that states neither takes those of the
    same figure in the item's body (audit round 12: the body names the source and the day)."""
    org_link, date_link = organization(view, claim, main), date(view, claim)
    body = body_claim(view, claim) if not org_link.text or date_link.rule == PUBLISHED else None
    if body is None:
        return org_link, date_link
    if not org_link.text:
        org_link = from_body(org_link, organization(view, body, main), "facts.organization.headline")
    if date_link.rule == PUBLISHED:
        date_link = from_body(date_link, date(view, body), "facts.date.headline")
    return org_link, date_link


def _row(view: TextView, claim: Mention, metric_link: Link, programme_link: Link, organization_link: Link,
         date_link: Link, main: Mention | None) -> dict:
    c_start, c_end = view.clause(claim.start)
    date_mention = date_link.mention
    if date_mention is not None:
        date_value, source = str(date_mention.fields.get("value")), "stated"
    elif date_link.rule:
        date_value, source = view.reference[:4], "inferred"
    else:
        date_value, source = "", ""
    org = organization_link.mention
    region = (org.fields.get("region") if org is not None else "") or \
             (main.fields.get("region") if main is not None else "") or ""
    fields = claim.fields
    links = [m for m in (claim, programme_link.mention, org, date_mention) if m is not None]
    confidences = [m.confidence for m in links if m.confidence is not None]
    return {
        "doc_id": claim.doc_id, "mention_id": claim.mention_id, "surface": claim.surface,
        "value": fields.get("value"), "value_max": fields.get("value_max"), "bound": fields.get("bound"),
        "unit": fields.get("unit"), "object": fields.get("object"), "kind": fields.get("kind"),
        "metric": metric_link.text, "metric_rule": metric_link.rule,
        "programme": programme_link.text,
        "programme_id": programme_link.mention.mention_id if programme_link.mention else "",
        "programme_rule": programme_link.rule,
        "organization": organization_link.text, "organization_id": org.mention_id if org is not None else "",
        "organization_rule": organization_link.rule,
        "date": date_link.text, "date_value": date_value, "date_source": source, "date_rule": date_link.rule,
        "region": region, "evidence": view.text[c_start:c_end].strip(),
        # a fact is as sure as the least sure of what it links; repaired if any of them is
        "repaired": any(m.repaired for m in links), "confidence": min(confidences) if confidences else None,
    }
