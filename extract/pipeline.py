"""The pipeline: read -> normalize -> segment -> matchers -> resolve -> tables.

``Pipeline`` loads rules, the normalizer and the spaCy pipeline once; ``process`` turns one
``Document`` into a ``Result`` (normalized text, final mentions, status); ``run`` does a batch and
returns the tables as DataFrames.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import regex
import spacy
from spacy.attrs import LIKE_NUM
from spacy.language import Language
from spacy.tokens import Doc

from .matchers import dates, names, numerics, organizations, programs  # noqa: F401  registers factories
from . import resolve as _resolve  # noqa: F401  registers xinwen_resolve
from .facts import FactLinker
from .components import EXCLUDED_KEY, REFERENCE_KEY
from .matchers.base import mentions_of, reference_day
from .mention import Mention
from .normalize import Normalized, Normalizer
from .readers import DEFAULT_MAX_CHARS, Document, ReadOptions, read_inputs, sanitized, too_long
from .rules import RuleBook, load_rules
from .schema import layout
from .segment import DEFAULT_SEGMENTER, JiebaTokenizer, PlainDoc, word_tags, zh_like_num
from .timebudget import TimeBudget, check, deadline

COMPONENTS = ("xinwen_programs", "xinwen_organizations", "xinwen_names", "xinwen_dates", "xinwen_numerics",
              "xinwen_resolve")
_SENTENCE_END = regex.compile(r"[。！？!\n]+")
_WARM_UP_TEXT = "《a》“清朗”专项行动，2021年4月，省委网信办超过10万人参与。"
SENTENCE_CONTEXT = 500  # at most this many characters of a sentence on each side of its mention


@dataclass
class Result:
    document: Document
    normalized: Normalized | None
    mentions: list[Mention]
    status: str = "ok"
    error: str = ""
    facts: list[dict] = field(default_factory=list)  # one row per numeric claim (extract/facts.py)


def build_nlp(rules: RuleBook, rules_dirs: Sequence[str] = (), segmenter: str = DEFAULT_SEGMENTER,
              names: bool = True, object_model: bool = True) -> Language:
    """The spaCy pipeline; ``names=False`` leaves the learned name tagger out and
    ``object_model=False`` the model of what a claim counts (the grammar alone, as their training
    scripts need it)."""
    nlp = spacy.blank("zh")
    nlp.vocab.lex_attr_getters[LIKE_NUM] = zh_like_num()  # the same answers, computed faster
    nlp.tokenizer = JiebaTokenizer(nlp.vocab, rules, segmenter)  # the components read these rules
    for name in COMPONENTS:
        if names or name != "xinwen_names":
            extra = {"object_model": False} if name == "xinwen_numerics" and not object_model else {}
            nlp.add_pipe(name, config={"rules_dirs": list(rules_dirs), **extra})
    return nlp


class Pipeline:
    def __init__(self, rules_dirs: Sequence[str] = (), reference_date: str | None = None,
                 segmenter: str = DEFAULT_SEGMENTER, *, max_chars: int = DEFAULT_MAX_CHARS,
                 time_budget: TimeBudget = TimeBudget(), names: bool = True, object_model: bool = True):
        self.rules_dirs = [str(d) for d in rules_dirs]
        self.rules = load_rules(self.rules_dirs)
        self.normalizer = Normalizer(self.rules)
        self.segmenter = segmenter
        self.nlp = build_nlp(self.rules, self.rules_dirs, segmenter, names, object_model)
        self.facts = FactLinker(self.rules.family("facts"), word_tags(self.nlp.tokenizer))
        self.reference_date = reference_day(reference_date)  # YYYY-MM-DD for documents that state none
        # the documented document limit (--max-chars) is the one that holds: spaCy's own (1,000,000
        # by default) refused documents the readers had let through (E088)
        self.max_chars = max_chars
        self.nlp.max_length = max_chars
        self.time_budget = time_budget
        self._warm = False  # see _warm_up

    def annotate(self, document: Document, expires: float | None = None, *,
                 plain: bool = False) -> tuple[Normalized, Doc | PlainDoc]:
        """Normalize one readable document and run every component: the spaCy ``Doc`` keeps all
        layers (``doc.spans``, the numeral layer in ``doc.user_data``) for callers that want them.
        ``expires`` (monotonic time) is checked between stages, where no timer can interrupt.
        ``plain``: the components run over a ``PlainDoc`` (the same mentions, no spaCy objects),
        for ``process``; a text over spaCy's length limit still goes to spaCy, which refuses it."""
        normalized = self.normalizer(document.text)
        reference = document.published or normalized.metadata.published or self.reference_date
        text = normalized.text
        doc = self.nlp.tokenizer.plain(text) if plain and len(text) <= self.nlp.max_length else self.nlp.make_doc(text)
        doc.user_data[EXCLUDED_KEY] = [(z.start, z.end) for z in normalized.excluded]
        doc.user_data[REFERENCE_KEY] = _iso_reference(reference)
        for name, component in self.nlp.pipeline:
            check(expires, f"document {document.doc_id!r} (at {name})")
            doc = component(doc)
        return normalized, doc

    def process(self, document: Document) -> Result:
        document = sanitized(document)  # a lone surrogate from a Python caller would stop the writers
        if document.error:
            return Result(document, None, [], "error", document.error)
        if len(document.text) > self.max_chars:  # a Python caller's text meets the readers' limit too
            return Result(document, None, [], "error", too_long(f"{len(document.text):,} characters", self.max_chars))
        seconds = self.time_budget.seconds_for(len(document.text))
        try:
            self._warm_up()
            with deadline(seconds, f"document {document.doc_id!r}") as expires:
                normalized, doc = self.annotate(document, expires, plain=True)
                mentions = [m for key in layout().types for m in mentions_of(doc, key)]
                final = finalize(document.doc_id, normalized, mentions)
                facts = self.facts.link_doc(doc, final, doc.user_data[REFERENCE_KEY])
            return Result(document, normalized, final, facts=facts)
        except Exception as exc:  # one broken document must not stop the batch
            return Result(document, None, [], "error", f"{type(exc).__name__}: {exc}")

    def _warm_up(self) -> None:
        """Once, before the first document's time budget starts: what the stages load on first use
        (the normalizer's character model, about 2 s) is not charged to a document, and is never
        interrupted half-built by a timer."""
        if not self._warm:
            self.annotate(Document("warm-up", "", text=_WARM_UP_TEXT))
            self._warm = True

    def process_all(self, documents: Iterable[Document]) -> Iterable[Result]:
        for document in documents:
            yield self.process(document)

    def run(self, inputs: Iterable[str] | str, options: ReadOptions = ReadOptions()):
        """Paths (files, folders) or raw texts -> the tables as pandas DataFrames (see ``tables``)."""
        from .tables import build_tables

        if isinstance(inputs, str):
            inputs = [inputs]
        items = list(inputs)
        documents: list[Document] = []
        paths = [i for i in items if _is_path(i)]
        documents.extend(read_inputs(paths, options))
        for index, text in enumerate(i for i in items if not _is_path(i)):
            documents.append(Document(f"text-{index + 1}", "", text=text, encoding="str"))
        return build_tables(list(self.process_all(documents)))


def _is_path(item: str) -> bool:
    """Whether an input names stdin or an existing file or folder; anything else is text, even a
    sentence too long to be a file name (``Path.exists`` raises for those instead of saying no)."""
    from pathlib import Path

    try:
        return item == "-" or (len(item) < 4096 and "\n" not in item and Path(item).exists())
    except (OSError, ValueError):  # File name too long, an embedded NUL
        return False


def _iso_reference(value: str) -> str:
    from .normalize import iso_datetime

    if not value:
        return ""
    iso = iso_datetime(value)
    return iso[:10] if iso else ""


def finalize(doc_id: str, normalized: Normalized, mentions: list[Mention]) -> list[Mention]:
    """Give every mention its document, id, raw offsets and sentence, in a stable order; and
    whether a damage repair touched it, its confidence then no higher than the repair's posterior
    (the least of the tagger's probability and the posteriors of the readings it touches)."""
    text = normalized.text
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    types, letters = layout().types, layout().id_letter
    ordered = sorted(mentions, key=lambda m: (m.start, m.end, types.index(m.type)))
    counters = {t: 0 for t in types}
    out = []
    for mention in ordered:
        counters[mention.type] += 1
        raw_start, raw_end = normalized.aligned.raw_span(mention.start, mention.end)
        i = bisect.bisect_right(ends, mention.start)
        # a text without sentence ends (1 MB of it) would copy itself into every row: keep a window
        sentence_start = max(ends[i - 1] if i > 0 else 0, mention.start - SENTENCE_CONTEXT)
        sentence_end = min(ends[i] if i < len(ends) else len(text), mention.end + SENTENCE_CONTEXT)
        repaired, posterior = normalized.provenance(mention.start, mention.end) if normalized.readings \
            else (False, None)
        confidence = mention.confidence
        if posterior is not None:
            confidence = posterior if confidence is None else min(confidence, posterior)
        out.append(mention.with_(
            repaired=repaired, confidence=confidence,
            doc_id=doc_id,
            mention_id=f"{doc_id}:{letters[mention.type]}{counters[mention.type]}",
            raw_start=raw_start, raw_end=raw_end,
            sentence=text[sentence_start:sentence_end].strip(),
        ))
    return out
