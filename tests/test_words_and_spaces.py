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


def _piece_by_piece(pieces: list[str], text: str) -> tuple[list[str], list[bool]]:
    """The plain loop words_and_spaces replaces (each piece in turn), kept as its reference."""
    words: list[str] = []
    spaces: list[bool] = []
    text_pos = offset = 0
    for piece in pieces:
        start = offset
        offset += len(piece)
        if start < text_pos:
            start, piece = text_pos, text[text_pos:offset]
        if not piece or piece.isspace():
            continue
        if start > text_pos:
            words.append(text[text_pos:start])
            spaces.append(False)
        words.append(piece)
        spaces.append(False)
        text_pos = offset
        if text_pos < len(text) and text[text_pos] == " ":
            spaces[-1] = True
            text_pos += 1
    if text_pos < len(text):
        words.append(text[text_pos:])
        spaces.append(False)
    return words, spaces


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab 中文\n\t　 \u00a0", max_size=40), st.lists(st.integers(0, 50), max_size=20),
       st.lists(st.integers(0, 20), max_size=3))
def test_bulk_runs_same_as_piece_by_piece(text, cuts, empties):
    """Copying the runs between whitespace-led pieces in bulk changes nothing, empty pieces included."""
    pieces = _pieces(text, cuts)
    for at in empties:
        pieces.insert(at % (len(pieces) + 1), "")
    assert words_and_spaces(pieces, text) == _piece_by_piece(pieces, text)
