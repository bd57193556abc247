"""The object model (extract/counted): the words it chooses among, where it meets the grammar, the
shipped file, and its training script on a small slice."""
from __future__ import annotations

import json

import pytest

from conftest import shared_data
from extract.counted import train
from extract.counted.features import FEATURE_VERSION, items, labels, pieces, prefixes
from extract.counted.model import MODEL_PATH, RULE, ObjectModel, ObjectModelError, model_info
from extract.matchers.numerics import NumericMatcher
from extract.readers import Document
from extract.segment import word_tags


def test_the_words_after_a_claim_start_with_the_rest_of_its_word():
    text = "建设16份文件和两座桥"
    starts, ends = [0, 2, 4, 6, 8, 10], [2, 4, 6, 8, 10, 11]  # 建设|16|份文|件和|两座|桥 (made-up cuts)
    spans = pieces(starts, ends, 5)  # the claim 16份 ends inside 份文
    assert spans[0] == (5, 6) and len(spans) == 4
    assert prefixes(text, 5, spans) == ["", "文", "文件和", "文件和两座", "文件和两座桥"]
    assert len(pieces(list(range(30)), list(range(1, 31)), 3)) == 10  # at most WINDOW words


def test_the_grammar_answer_is_a_feature_and_labels_are_a_prefix():
    one = items(["岩羊", "现身", "青海"], 3, "只", "count", {"岩羊": "n", "现身": "v"})
    assert "r=in" in one[0] and "r=last" in one[2] and "r=next" not in one[2]
    assert "u0=只" in one[0] and "BOS" in one[0] and "EOS" in one[2] and "t=v" in one[1]
    two = items(["岩羊", "现身"], 0, "只", "count", {"岩羊": "n"})
    assert "r=empty" in two[0] and "r=next" in two[0] and "r=out" in two[1] and "nw=现身" in two[0]
    assert labels(4, 2) == ["I", "I", "O", "O"]


class _Fixed:
    """Chooses a fixed length for every claim (or none), and keeps what it was asked."""

    def __init__(self, length):
        self.length, self.asked = length, []

    def choose(self, candidate):
        self.asked.append(candidate)
        return self.length


def _numerics(pipeline_alone, text, model):
    _, doc = pipeline_alone.annotate(Document("t", "", text=text, published="2024-05-01"), plain=True)
    matcher = NumericMatcher(pipeline_alone.rules.family("numerics"), word_tags(pipeline_alone.nlp.tokenizer), model)
    return [m for m in matcher(doc)]


@pytest.fixture(scope="module")
def pipeline_alone():
    from extract.pipeline import Pipeline

    return Pipeline(names=False, object_model=False)


def test_a_model_that_overrides_names_itself_in_the_rule(pipeline_alone):
    text = "上千只岩羊现身青海祁连山区。"
    grammar = _numerics(pipeline_alone, text, None)[0]
    chosen = _numerics(pipeline_alone, text, _Fixed(1))[0]
    kept = _numerics(pipeline_alone, text, _Fixed(None))[0]
    assert chosen.fields["object"] == "岩羊" and chosen.rule == grammar.rule + "+" + RULE
    assert kept.fields == grammar.fields and kept.rule == grammar.rule


def test_the_model_is_asked_only_among_runs_of_words(pipeline_alone):
    """A unit that is itself the noun (7国) is never asked; the grammar's object is one of the options."""
    model = _Fixed(None)
    _numerics(pipeline_alone, "已有7国公民入境，另有12个村庄受灾。", model)
    assert [c.options[c.rule_len] for c in model.asked] == ["村庄"]


def test_the_shipped_model_loads_and_mends_a_run_on(pipeline):
    info = model_info()
    assert info["feature_version"] == FEATURE_VERSION and info["rows"] > 5000
    assert MODEL_PATH.stat().st_size < 5_000_000
    result = pipeline.process(Document("t", "", text="上千只岩羊现身青海祁连山区。", published="2024-05-01"))
    claim = next(m for m in result.mentions if m.type == "numeric")
    assert claim.fields["object"] == "岩羊" and claim.rule.endswith(RULE)


def test_a_model_of_other_features_is_refused(tmp_path):
    model = tmp_path / "objects.crfsuite"
    model.write_bytes(MODEL_PATH.read_bytes())
    model.with_suffix(".json").write_text(json.dumps({"feature_version": FEATURE_VERSION + 1}), encoding="utf-8")
    with pytest.raises(ObjectModelError, match="feature version"):
        ObjectModel({}, model)
    with pytest.raises(ObjectModelError, match="not found"):
        ObjectModel({}, tmp_path / "none.crfsuite")


@pytest.mark.shared_data
def test_training_on_a_small_slice_writes_a_model_that_chooses(tmp_path):
    news = shared_data("news")
    assert train.main(["--news", str(news), "--limit", "150", "--iterations", "10", "--out", str(tmp_path)]) == 0
    info = json.loads((tmp_path / "objects.json").read_text(encoding="utf-8"))
    assert info["rows"] > 100 and info["held_out"]["rows"] > 0 and info["feature_version"] == FEATURE_VERSION
    assert set(info["terms"]) == {"judged rows", "texts"}
    model = ObjectModel({}, tmp_path / "objects.crfsuite")
    assert model.choose(train.Candidate(0, [], [""], 0, "个", "count")) is None
