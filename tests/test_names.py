"""The learned name tagger: its features, its training script on a small slice, and where it meets the grammar."""
from __future__ import annotations

import json

import pytest

from conftest import shared_data
from extract.names.features import FEATURE_VERSION, Lexicons, WordFeatures
from extract.names.tagger import MODEL_PATH, NameTagger, model_info
from extract.names.train import _dequote, word_labels
from extract.mention import Mention


def _features():
    lexicons = Lexicons({"institutions": [{"org_type": "university", "words": ["大学"]}],
                         "regions": {"provinces": ["广东"], "levels": ["省"]}},
                        {"heads": [{"kind": "event", "words": ["博览会"]}]})
    return WordFeatures(lexicons, {"华南": "ns", "师范": "n", "大学": "n", "举办": "v"})


def test_a_word_has_the_same_features_wherever_it_stands():
    """Features come from a per-word cache: the same word and neighbours give the same item."""
    features = _features()
    one = features.sequence(["在", "华南", "师范", "大学", "举办", "博览会", "。"])
    two = features.sequence(["我", "在", "华南", "师范", "大学", "举办", "博览会", "。"])
    assert one[2:5] == two[3:6]
    assert {b"BOS", b"-1BOS"} <= set(one[0]) and {b"EOS", b"+1EOS"} <= set(one[-1])


def test_only_sentences_with_a_cue_are_tagged():
    tagger = NameTagger({"institutions": [{"org_type": "university", "words": ["大学"]}]}, {},
                        {"天气": "n", "很": "d", "好": "a", "华南": "ns", "师范": "n", "大学": "n", "在": "p"})
    _, seen = tagger.tag_with_coverage(["天气", "很", "好", "。", "在", "华南", "师范", "大学", "。"])
    assert seen == [(4, 8)]


def test_features_carry_the_grammar_lexicons_and_quote_context():
    features = _features()
    items = [{f.decode() for f in item} for item in features.sequence(["“", "广东", "”", "大学", "博览会"])]
    assert "inq" in items[1] and "after=“" in items[1] and "before=”" in items[1]
    assert "reg" in items[1] and "-1reg" in items[2]
    assert "orgx" in items[3] and "ph=event" in items[4]
    assert features.is_cue("大学") and not features.is_cue("举办")


def test_word_labels_need_names_on_word_boundaries():
    words = ["华南", "师范", "大学", "举办"]
    assert word_labels(words, [(0, 6, "ORG")]) == ["B-ORG", "I-ORG", "I-ORG", "O"]
    assert word_labels(words, [(1, 6, "ORG")]) is None  # a name starting inside 华南: left out
    assert word_labels(words, [(0, 2, "ORG"), (0, 6, "ORG")]) is None  # overlapping names: left out


def test_silver_sentences_drop_the_quotes_of_their_programmes():
    text = "省委网信办开展“清朗”系列专项行动。"
    org = Mention("organization", 0, 5, "省委网信办", "org.department", {"name": "省委网信办"})
    prog = Mention("program", 7, 17, "“清朗”系列专项行动", "program.head", {"name": "清朗"})
    sentence, spans = _dequote(text, [org, prog])
    assert sentence == "省委网信办开展清朗系列专项行动"
    assert [sentence[s:e] for s, e, _ in spans] == ["省委网信办", "清朗系列专项行动"]
    assert [label for _, _, label in spans] == ["ORG", "PRG"]


def test_the_shipped_model_matches_the_features_and_says_what_it_was_trained_on():
    info = model_info()
    assert MODEL_PATH.exists() and MODEL_PATH.stat().st_size < 30e6
    assert info["feature_version"] == FEATURE_VERSION
    assert {"msra-train.jsonl.gz", "peoples-daily-199801-train.jsonl.gz", "cluener2020-train.jsonl",
            "resume-train.jsonl.gz", "weibo-train.jsonl.gz"} <= set(info["datasets"])
    assert not any("dev" in name for name in info["datasets"])  # dev sets are where it is measured
    assert all(info["terms"][name] for name in info["datasets"])



def test_the_tuning_splits_trained_on_leave_out_the_test_split_and_the_newest_tuning_split():
    from extract.names.gold_training import GOLD, TRAIN_SPLITS

    assert "test" not in TRAIN_SPLITS and all(split.startswith("tune") for split in TRAIN_SPLITS)
    newest = max((p.name for p in GOLD.glob("tune*") if p.is_dir()), key=lambda n: int(n[4:] or 1))
    assert newest not in TRAIN_SPLITS  # held out: where the tagger trained on the others is measured


def test_the_model_is_loaded_once_per_process():
    a = NameTagger({}, {}, {})
    b = NameTagger({}, {}, {})
    assert a.tagger is b.tagger


def test_model_rows_fill_the_fields_and_say_where_they_came_from(pipeline):
    result = pipeline.process(_document("美国高通公司与宜家家居在上海签约，参加第十九届亚运会的运动员入住。"))
    rows = {m.surface: m for m in result.mentions if m.type in ("organization", "program")}
    for mention in rows.values():
        if mention.rule.endswith(".model"):
            assert 0 < mention.confidence <= 1
            assert mention.fields["name"] == mention.surface
            if mention.type == "organization":
                assert mention.fields["org_type"] and mention.fields["canonical"]
            else:
                assert mention.fields["kind"]
        else:
            assert mention.confidence is None  # grammar rows: nothing has measured them yet
    assert any(m.rule.endswith(".model") for m in rows.values()), rows


def test_the_tagger_never_overrides_the_grammar_or_enters_quotes(pipeline):
    text = "省委网信办开展“清朗”系列专项行动，并推出“乡村振兴战略”宣传。"
    grammar_only = _grammar(pipeline).process(_document(text)).mentions
    merged = pipeline.process(_document(text)).mentions
    assert [m for m in merged if not m.rule.endswith(".model")] == grammar_only
    for m in merged:
        if m.rule.endswith(".model"):
            inside = text[:m.start].count("“") > text[:m.start].count("”")
            assert not inside, m


def test_a_tagged_kind_of_body_alone_is_no_name(pipeline):
    # the tagger is sure of 天文台 (0.99) and likes 金控; alone, each names no body (the grammar's
    # BARE_SUFFIX), so neither makes a row
    for text in ("显示已通过天文台认证，约41万6,900元。", "在位仅14天，写下金控董事长任职的最短纪录。"):
        assert not [m for m in pipeline.process(_document(text)).mentions if m.type == "organization"], text


def test_a_tagged_count_or_room_is_no_name(pipeline):
    # the tagger took 6局 (innings pitched) for a body; a number and one character is a count, and a
    # name ending in a room (音乐厅) a place, for the tagger as for the grammar
    for text in ("桃猿队先发投手道恩斯今天投6局，被敲6支安打", "俄罗斯莫斯科州一音乐厅发生严重恐怖袭击事件"):
        found = [m.surface for m in pipeline.process(_document(text)).mentions if m.type == "organization"]
        assert not [s for s in found if s in ("6局",) or s.endswith("厅")], (text, found)


def test_a_tagged_type_word_alone_is_no_programme(pipeline):
    # the tagger is sure of 办法 and 指导意见 after a verb of issuing (0.96); a type word alone names
    # no programme, as in the grammar
    for text in ("近日，人社部、财政部等四部门联合印发办法。", "银保监会、证监会等日前发布指导意见，对资产管理业务作出规定。"):
        found = [m.surface for m in pipeline.process(_document(text)).mentions if m.type == "program"]
        assert not [s for s in found if s in ("办法", "指导意见")], (text, found)


def test_a_tagged_programme_needs_a_type_word_that_names(pipeline):
    # the tagger is sure of both (0.9 or more): 发展 ends in the type word 展 but is a verb, and a
    # mechanism is described, not named (model_described_heads)
    for text, wrong in (("对华夏集团通过生态修复促进文化旅游发展、带动周边村民就业致富的做法，给予肯定。", "展"),
                        ("保持流动性合理充裕，疏通货币信贷政策传导机制，把政策落实到位。", "机制")):
        found = [m.surface for m in pipeline.process(_document(text)).mentions if m.type == "program"]
        assert not [s for s in found if s.endswith(wrong)], (text, found)


def _document(text):
    from extract.readers import Document

    return Document("t", "", text=text, published="2024-05-01")


_GRAMMAR = {}


def _grammar(pipeline):
    from extract.pipeline import Pipeline

    if "p" not in _GRAMMAR:
        _GRAMMAR["p"] = Pipeline(names=False)
    return _GRAMMAR["p"]


def test_a_tuning_split_teaches_its_required_organizations_and_skips_what_readers_doubted():
    from extract.names.gold_training import document_sentences

    document = {"text_simplified": "国家发改委今天开会。国家发改委发布乡村振兴战略。发改委表示，新闻联播报道了此事。ＡＢＣ公司称好！",
                "mentions": [{"type": "organization", "name": "国家发改委", "optional": False},
                             {"type": "organization", "name": "发改委", "optional": False},
                             {"type": "program", "name": "乡村振兴战略", "optional": False},
                             {"type": "program", "name": "新闻联播", "optional": True},
                             {"type": "organization", "name": "ABC公司", "optional": False}]}
    sentences = list(document_sentences(document))
    labelled = [[(text[s:e], label) for s, e, label in spans] for text, spans in sentences]
    # the longer name wins where two overlap; a sentence with a programme or an optional name is left
    # out; full-width Latin letters are folded as the normalizer folds them, Chinese punctuation stays
    assert labelled == [[("国家发改委", "ORG")], [("ABC公司", "ORG")]]
    assert sentences[1][0] == "ABC公司称好！"[:-1]


@pytest.mark.shared_data
def test_training_on_a_small_slice_writes_a_model_that_tags(tmp_path):
    from extract.names import train

    data = shared_data("ner").parent
    assert train.main(["--data", str(data), "--limit", "300", "--stories", "40", "--iterations", "15",
                       "--tuning-splits", "--out", str(tmp_path)]) == 0
    info = json.loads((tmp_path / "names.json").read_text(encoding="utf-8"))
    assert info["datasets"]["msra-train.jsonl.gz"]["sentences"] > 250
    assert info["datasets"]["silver programmes (news)"]["names"] > 0
    assert info["datasets"]["names tuning splits (tests/gold)"]["names"] > 500
    tagger = NameTagger({}, {}, {}, model_path=tmp_path / "names.crfsuite")
    names = tagger.tag(["中国", "人民", "银行", "今天", "宣布", "，", "北京大学", "举办", "活动", "。"])
    assert all(0 <= n.probability <= 1 and n.label in ("ORG", "PRG") for n in names)


def test_the_tagger_veto_spares_a_papers_name_but_not_a_bare_press_word():
    from extract.pipeline import Pipeline
    from extract.readers.document import Document
    pipeline = Pipeline()
    def orgs(text):
        result = pipeline.process(Document("t", "", text=text, published="2023-01-01"))
        return [m.surface for m in result.mentions if m.type == "organization"]
    assert orgs("据钱江晚报报道，当地发生火灾。") == ["钱江晚报"]
    assert orgs("全国各省级电视台、广播电台将同时转播。") == []
