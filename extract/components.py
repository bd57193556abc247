"""What xinwen's spaCy components are told, and what they pass each other about a document.

**Config.** Every component (``xinwen_programs``, ``xinwen_organizations``, ``xinwen_names``,
``xinwen_dates``, ``xinwen_numerics``, ``xinwen_resolve``) takes the same spaCy config,
``COMPONENT_CONFIG``:

- ``rules_dirs`` — rules folders read after the bundled ones (``--rules``); a component of a
  ``Pipeline`` reads the rules its tokenizer was built from (``JiebaTokenizer.rules``) when they
  come from the same folders, instead of parsing them again.
- ``reference_date`` — ``YYYY-MM-DD``, the publish date for a doc that carries none of its own
  (``REFERENCE_KEY``); a day that does not exist raises.

``xinwen_numerics`` also takes ``object_model`` (true by default): false reads what a claim counts
by the grammar alone (``Pipeline(object_model=False)``, as the model's training script does).

**Per-document data.** Whatever belongs to one document travels with it in ``doc.user_data``
(spaCy's place for a pipeline's own data about a doc), under these keys and nowhere else. Callers
may set ``REFERENCE_KEY``; the others are written and read by the components.
"""
from __future__ import annotations

COMPONENT_CONFIG = {"rules_dirs": [], "reference_date": ""}  # each factory's default_config (spaCy copies it)

REFERENCE_KEY = "xinwen_reference_date"  # ISO date or "": what relative dates resolve against (Pipeline, a caller)
EXCLUDED_KEY = "xinwen_excluded"  # [(start, end), ...]: boilerplate, damaged spans: nothing is extracted (Pipeline)
WORDS_KEY = "xinwen_words"  # segment.WordSpans: the segmenter's words as offsets (JiebaTokenizer)
TOKENS_KEY = "xinwen_tokens"  # matchers.base.TokenTable: each token's offsets and space flag, made on first use
MENTIONS_KEY = "xinwen_mentions"  # {type: [Mention, ...]}: the mentions each component kept (write_mentions)
INDEX_KEY = "xinwen_span_index"  # {(type, token start, token end): Mention}: what span._.mention looks up
NUMERALS_KEY = "xinwen_numerals"  # [Numeral, ...]: every numeral the recognizer kept (xinwen_numerics)
