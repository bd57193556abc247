"""The ``facts`` rule family (``rules/facts.yaml``) as the sets, strings and orders the linker
tests against, read and checked once per pipeline."""
from __future__ import annotations

import difflib
import re
from typing import Mapping

from ..matchers.base import longest_first
from ..rules import RulesError
from .metric import FINDERS

# metric_order's keys: a sum, a sum whose subject is verbs alone (想编列20万元…), a share, any other claim
ORDER_KEYS = ("money", "money_after_verb", "percent", "other")


def metric_orders(orders) -> dict[str, tuple[str, ...]]:
    """``metric_order``: per kind of claim, the metric finders to try, in order. Each is one line of
    finder names (a user's folder then replaces an order whole, where a list would be appended)."""
    if not isinstance(orders, Mapping) or set(orders) != set(ORDER_KEYS):
        raise RulesError(f"facts rules: metric_order should be a mapping of {', '.join(ORDER_KEYS)}, "
                         f"not {orders!r}")
    found = {}
    for key in ORDER_KEYS:
        names = tuple(orders[key].split()) if isinstance(orders[key], str) else ()
        if not names:
            raise RulesError(f"facts rules: metric_order.{key} should be finder names in one line, separated "
                             f"by spaces (such as 'subject object'), not {orders[key]!r}")
        for name in names:
            if name not in FINDERS:
                close = difflib.get_close_matches(name, FINDERS, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise RulesError(f"facts rules: metric_order.{key} names {name!r}{hint}; "
                                 f"the metric finders are {', '.join(FINDERS)}")
        found[key] = names
    return found


# Plain word lists of the facts rules, read as tuples in this order.
_LISTS = ("announced_markers", "event_time_anaphors", "vague_turns", "cited_openers", "cited_cues", "breakdown_openers",
          "title_types")

class Lexicon:
    """The ``facts`` rule family as sets and strings, read once per pipeline."""

    def __init__(self, rules: Mapping):
        bounds = rules["boundaries"]
        self.sentence_ends = frozenset(bounds["sentence"])
        self.segment_ends = frozenset(bounds["segment"]) | self.sentence_ends  # a sentence end ends a segment
        self.clause_ends = frozenset(bounds["clause"]) | self.segment_ends
        self.paragraph_ends = frozenset("\n")
        self.list_marks = set(bounds["list"])
        self.predicates = set(rules["predicates"])
        self.adverbs = set(rules["adverbs"])
        self.time_clause = set(rules.get("time_clause_markers", ()))
        self.time_clause_openers = set(rules.get("time_clause_openers", ()))
        self.currencies = set(rules.get("currency_words", ()))
        conversion = rules.get("conversion", {})
        self.conversion_verbs = tuple(conversion.get("verbs", ()))
        # what may stand between a conversion verb and its value (人民币, 约), longest first
        self.conversion_skipped = tuple(longest_first(self.currencies | set(conversion.get("skipped", ()))))
        self.one_character_metrics = set(rules.get("one_character_metrics", ()))
        self.of_heads = set(rules.get("of_heads", ()))
        self.anaphors = tuple(longest_first(rules["anaphors"]))
        self.purpose_verbs = tuple(rules["purpose_verbs"])
        self.date_prepositions = set(rules["date_prepositions"])
        # what may stand before a date that opens its clause (在, 截至, 预计到…), longest first
        self.clause_openers = tuple(sorted(self.date_prepositions | self.adverbs | set(rules.get("date_modifiers", ()))
                                           | set(rules.get("list_openers", ())),
                                           key=len, reverse=True))
        self.date_subject_tags = tuple(rules.get("date_subject_tags", ()))
        self.as_of = tuple(longest_first(rules["as_of"]))
        self.as_of_fillers = tuple(longest_first(rules.get("as_of_fillers", ())))
        self.periods = set(rules.get("period_granularities", ()))
        now = rules.get("years_to_now", {})
        self.to_now_after, self.to_now_before, self.span_not_after = (tuple(now.get(k, ())) for k in ("after", "before", "not_after"))
        self.vague_times = dict(rules.get("vague_times", {}))
        self.from_now_before = tuple(rules.get("years_from_now", {}).get("before", ()))
        self.to_now = tuple(longest_first(rules.get("date_to_now", ())))
        self.recent_times = frozenset(rules.get("recent_times", ()))
        self.span_starts = tuple(rules.get("date_span_starts", ()))
        self.cumulative_or_present = tuple(rules.get("cumulative_or_present", ()))
        self.range_joiners = tuple(longest_first(rules.get("date_range_joiners", ())))
        self.event_granularities = set(rules.get("event_granularities", ()))
        self.news_days = int(rules.get("news_days", 0))
        self.attributive = set(rules.get("attributive_verbs", ()))
        self.report_words = tuple(rules.get("report_words", ()))
        self.source_cues = tuple(longest_first(rules.get("source_cues", ())))
        self.source_speech = tuple(longest_first(rules.get("source_speech", ())))
        (self.announced_markers, self.event_time_anaphors, self.vague_turns, self.cited_openers, self.cited_cues,
         self.breakdown_openers, self.title_types) = (tuple(rules.get(k, ())) for k in _LISTS)
        self.bare_source_openers = tuple(longest_first(rules.get("bare_source_openers", ())))
        # what follows a body that gave figures: a source cue or a verb of speech; after 据 also 数据, 消息
        self.source_or_speech = self.source_cues + self.source_speech
        self.cited_source_cues = self.source_cues + self.cited_cues
        self.short_name_max = int(rules.get("short_source_name_max", 0))
        self._read_leads(rules)
        self.source_prepositions = tuple(longest_first(rules.get("source_prepositions", ())))
        self.noun_units = set(rules["noun_units"])
        self.non_subject = tuple(rules["non_subject_prepositions"])
        self.venue_openers, self.venue_postpositions = (tuple(rules.get(k, ())) for k in ("venue_openers", "venue_postpositions"))
        self.dateline_words = tuple(rules["dateline_words"])
        self.comparison = tuple(longest_first(rules["comparison_markers"]))
        self.baseline_joiners = set(rules.get("baseline_joiners", ()))
        self.baseline_closers = set(rules.get("baseline_closers", ()))
        self.reporting_types = set(rules["reporting_types"])
        self.main_body_min = int(rules["main_body_min_mentions"])
        self.main_body_paragraphs = int(rules.get("main_body_min_paragraphs", 1))
        self.main_body_margin = int(rules.get("main_body_margin", 1))
        self._read_metrics(rules)
        change = rules["from_to"]
        self.from_words = tuple(change["from"])
        self.to_words = tuple(longest_first(change["to"]))
        self.from_gap = int(change["max_gap"])
        self.earlier_words = set(change.get("earlier", ()))
        self.noun_joiners = set(rules["noun_joiners"])
        self.reporting_verbs = tuple(longest_first(rules["reporting_verbs"]))
        collective = rules["collective_actors"]
        self.collective = re.compile("|".join(re.escape(h) for h in longest_first(collective["heads"])))
        self.region_tags = tuple(collective["region_tags"])
        respectively = rules["respectively"]
        self.respectively = tuple(respectively["words"])
        self.conjunctions = set(respectively["conjunctions"])
        self.item_separators = set(respectively["item_separators"])

    def _read_leads(self, rules: Mapping) -> None:
        """The settings of headlines and of a story's or bulletin item's lead (its source, its day)."""
        self.headline_max = int(rules.get("headline_max_chars", 0))
        self.lead_source_cues = tuple(rules.get("lead_source_cues", ()))
        self.lead_source_lines = int(rules.get("lead_source_lines", 0))
        self.lead_source_data_cues = tuple(rules.get("lead_source_data_cues", ()))
        self.lead_source_data_words = tuple(rules.get("lead_source_data_words", ()))
        self.lead_source_own_events = tuple(rules.get("lead_source_own_events", ()))
        self.lead_date_lines = int(rules.get("lead_date_lines", 0))
        self.lead_date_sentences = int(rules.get("lead_date_sentences", 0))
        self.lead_date_units = frozenset(rules.get("lead_date_units", ()))
        self.lead_date_background = tuple(rules.get("lead_date_background", ()))
        self.now_words = frozenset(rules.get("now_words", ()))

    def _read_metrics(self, rules: Mapping) -> None:
        """What reads a metric: its length, the words that join, count or qualify it, and the order of its parts."""
        self.max_words = int(rules["max_metric_words"])
        self.distributive = tuple(rules.get("distributive_words", ()))
        self.object_joiners = set(rules.get("object_joiners", ()))
        self.frequency_words = set(rules.get("frequency_words", ()))
        self.max_opening_verbs = int(rules.get("max_opening_verbs", 0))
        self.modal_verbs = set(rules.get("modal_verbs", ()))
        self.value_brackets = dict(rules.get("value_brackets", {}))
        level = rules.get("level_verbs", {})
        self.level_verbs = set(level.get("verbs", ()))
        self.level_prepositions = set(level.get("prepositions", ()))
        basis = rules.get("basis_phrases", {})
        self.basis_openers = set(basis.get("openers", ()))
        self.basis_closers = set(basis.get("closers", ()))
        self.basis_max_words = int(basis.get("max_words", 0))
        self.aspect_particles = set(rules.get("aspect_particles", ()))
        self.metric_order = metric_orders(rules["metric_order"])
