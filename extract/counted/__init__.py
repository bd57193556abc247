"""The learned reader of what a numeric claim counts (its ``object``).

The grammar (``matchers/objects.py``) reads the noun phrase after a claim from jieba's words and
tags; where a phrase runs on into the predicate or stops on a modifier, no list of words mends it
for news it has not seen. A linear-chain CRF over the words after the claim, with the grammar's
answer among its features, says where the counted noun ends; it is trained from the judged rows of
the precision audit (``tests/audit``) and replaces the grammar's answer only when it is surer of its
own by a margin (``model.MARGIN``). Train it with ``python -m extract.counted.train``.
"""
