"""Programme names: quoted or bracketed names recognised by what surrounds them.

A name in “…”/「…」/『…』 counts when a head noun follows (工程, 系列专项行动), when the name ends
with a head itself (网络文明贵州行动), or when a launching verb precedes it (推出“…”); names in 《…》
are documents (with their type word as head) or other titles. Slogans, idioms and quoted speech are
rejected by the lexicons in rules/programs.yaml.
"""
from __future__ import annotations

from typing import Mapping

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..mention import Mention
from ..rules import load_rules
from .base import alternation, ensure_extensions, longest_first, write_mentions



class ProgramMatcher:
    def __init__(self, rules: Mapping):
        self.head_kind: dict[str, tuple[str, str]] = {}
        for entry in rules["heads"]:
            for word in entry["words"]:
                self.head_kind.setdefault(word, (entry["kind"], entry["id"]))
        limit = int(rules.get("max_name_length", 40))
        self.max_len = limit
        quoted = "|".join(
            rf"{regex.escape(o)}(?P<q{i}>[^{regex.escape(o + c)}\n]{{1,{limit}}}){regex.escape(c)}"
            for i, (o, c) in enumerate(rules["quotes"])
        )
        self.quoted = regex.compile(quoted)
        self.n_quotes = len(rules["quotes"])
        self.head_after = regex.compile(rf"(?:等)?(?P<head>(?:{alternation(rules['head_modifiers'])}){{0,3}}(?:{alternation(self.head_kind)}))")
        self.inner_head = regex.compile(rf"(?:{alternation(self.head_kind)})$")
        self.title = regex.compile(rf"《(?P<name>[^《》\n]{{1,{limit * 2}}})》")
        self.document_end = regex.compile(rf"(?:{alternation(rules['document_words'])})(?:\s*[(（][^()（）]*[)）])?$")
        self.document_word = regex.compile(rf"(?:{alternation(rules['document_words'])})")
        self.triggers = longest_first(w for e in rules["triggers"] for w in e["words"])
        self.trigger_id = rules["triggers"][0]["id"]
        self.slogans = {w for e in rules["slogans"] for w in e["words"]}
        self.speech = set(rules["speech_marks"])
        self.media = tuple(rules["media_title_suffixes"])

    def __call__(self, doc: Doc) -> list[Mention]:
        text = doc.text
        found = [m for m in (self._title(text, t) for t in self.title.finditer(text)) if m]
        quotes = list(self.quoted.finditer(text))
        for index, q in enumerate(quotes):
            mention = self._quoted(text, q, quotes[index + 1:])
            if mention:
                found.append(mention)
        return found

    def _quoted(self, text: str, q, following) -> Mention | None:
        name = next(q.group(f"q{i}") for i in range(self.n_quotes) if q.group(f"q{i}") is not None)
        if self._rejected(name):
            return None
        end = q.end()
        # A run of quoted names (“A”“B”、“C”等活动) shares the head after the last one.
        head_at = end
        for nxt in following:
            gap = text[head_at:nxt.start()]
            if gap not in ("", "、", "和", "与", "及"):
                break
            head_at = nxt.end()
        head_match = self.head_after.match(text, head_at)
        if head_match:
            head = head_match.group("head")
            kind, rule = self._kind_of(head)
            surface_end = head_match.end() if head_at == end else end
            if head_at == end and text[end:head_match.start("head")] == "等":
                surface_end = end
            return Mention("program", q.start(), surface_end, text[q.start():surface_end], rule,
                           {"name": name, "head": head if surface_end > end else head, "kind": kind})
        inner = self.inner_head.search(name)
        if inner and len(name) > len(inner.group()):
            kind, _ = self.head_kind[inner.group()]
            return Mention("program", q.start(), end, text[q.start():end], "program.inner_head",
                           {"name": name, "head": "", "kind": kind})
        before = text[max(0, q.start() - 4):q.start()].rstrip("了")
        if any(before.endswith(t) for t in self.triggers):
            return Mention("program", q.start(), end, text[q.start():end], self.trigger_id,
                           {"name": name, "head": "", "kind": "other"})
        return None

    def _title(self, text: str, t) -> Mention | None:
        name = t.group("name").strip()
        if not name or name.endswith(self.media):
            return None
        doc_end = self.document_end.search(name)
        if doc_end:
            head = self.document_word.match(doc_end.group()).group()
            return Mention("program", t.start(), t.end(), t.group(), "program.document",
                           {"name": name, "head": head, "kind": "document"})
        return Mention("program", t.start(), t.end(), t.group(), "program.title",
                       {"name": name, "head": "", "kind": "other"})

    def _kind_of(self, head: str) -> tuple[str, str]:
        for word in longest_first(self.head_kind):
            if head.endswith(word):
                return self.head_kind[word]
        return "other", "program.head"

    def _rejected(self, name: str) -> bool:
        stripped = name.strip()
        return (
            len(stripped) < 2
            or stripped in self.slogans
            or any(mark in stripped for mark in self.speech)
        )


@Language.factory("xinwen_programs", default_config={"rules_dirs": []})
def make_programs(nlp: Language, name: str, rules_dirs: list[str]):
    ensure_extensions()
    matcher = ProgramMatcher(load_rules(rules_dirs).family("programs"))

    def component(doc: Doc) -> Doc:
        write_mentions(doc, "program", matcher(doc))
        return doc

    return component
