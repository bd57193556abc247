"""One spaCy component per mention type, registered by name with ``@Language.factory``.

Each writes ``doc.spans[<type>]``; the exact mention (code-point offsets, fields, rule) is on each
span as ``span._.mention``, since a mention need not fall on jieba token boundaries.
"""
