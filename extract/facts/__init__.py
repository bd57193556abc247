"""Facts: each numeric claim linked to its metric, programme, organization and date.

A fact is the claim plus what an analyst needs to read it alone (MeasEval's quantity + measured
property + measured entity): the ``metric`` as written (``点击量``, ``参与故事征集投票``), the
programme it is about, the organization that acts, the time it holds for, the region and the clause
as evidence. Everything is read off one document's final mentions and its jieba words, by small
ordered rules over punctuation (sentence 。, segment ；, clause ，, list 、) and word classes from
jieba's dictionary tags; the first rule that answers wins, and each link records its rule id
(``rules/facts.yaml``, where the lexicons and the order of the metric finders live). Nothing here
looks at other documents.

``words`` (jieba's words and word classes), ``lexicon`` (the rule family), ``view`` (one document
as the rules walk it), ``subject`` and ``metric`` (what a claim measures), ``links`` (programme,
organization), ``date`` (the time it holds for), ``linker`` (the row).
"""
from .linker import FactLinker

__all__ = ["FactLinker"]
