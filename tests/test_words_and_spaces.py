"""Our one-pass words_and_spaces gives exactly spaCy's get_words_and_spaces on tiling pieces."""
from hypothesis import given, settings, strategies as st
from spacy.util import get_words_and_spaces

from extract.segment import words_and_spaces
from gold_docs import gold_documents, raw_text


def _pieces(text: str, cuts: list[int]) -> list[str]:
    bounds = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab 中文\n\t　 ", max_size=30), st.lists(st.integers(0, 40), max_size=12))
def test_same_as_spacy_on_random_cuts(text, cuts):
    pieces = _pieces(text, cuts)
    words, spaces = words_and_spaces(pieces, text)
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces)) == text
    try:
        expected = get_words_and_spaces(pieces, text)
    except ValueError:
        return  # spaCy cannot align a piece that begins with the space it took as a flag (" a")
    assert (words, spaces) == expected


def test_same_as_spacy_on_the_gold_texts(pipeline):
    backend = pipeline.nlp.tokenizer.backend
    for doc in gold_documents():
        text = pipeline.normalizer(raw_text(doc)).text
        pieces = backend.cut(text)
        assert "".join(pieces) == text
        assert words_and_spaces(pieces, text) == get_words_and_spaces(pieces, text)
