"""Organizations (issue 7): behaviours across rules; the rules' own examples run in
test_rule_examples.py. Also the People's Daily benchmark's parsing and a floor on a slice of it."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT, shared_data
from extract.readers import Document
from extract.rules import load_rules
from extract.segment import make_segmenter, user_words


def orgs(pipeline, text: str) -> dict[str, dict]:
    result = pipeline.process(Document("t", "", text=text))
    assert result.status == "ok", result.error
    return {m.fields["name"]: dict(m.fields, rule=m.rule) for m in result.mentions if m.type == "organization"}


def test_region_less_names_take_the_province_the_article_is_about(pipeline):
    text = "广东省委网信办会同省委宣传部开展活动。广州、深圳等地积极参与,广东网民踊跃点赞。"
    found = orgs(pipeline, text)
    assert found["省委宣传部"]["canonical"] == "广东省委宣传部" and found["省委宣传部"]["region"] == "广东"
    assert found["广东省委网信办"]["canonical"] == "广东省委网信办"


def test_a_one_character_suffix_repeating_the_name_before_it_begins_the_next_word(pipeline):
    """立法院|院会: the second 院 is the sitting of the body, no second body grown over the first."""
    found = orgs(pipeline, "翻摄国家太空中心行政院院会后记者会。")
    assert "行政院" in found and not any(name.endswith("院院") for name in found), found


def test_a_verb_left_of_a_region_ends_the_name(pipeline):
    """特朗普|调动|加州国民警卫队: the words before the verb are the sentence's subject, not the name."""
    found = orgs(pipeline, "美国总统特朗普调动加州国民警卫队违法。")
    assert "加州国民警卫队" in found and not any("特朗普" in name for name in found), found


def test_no_expansion_when_two_provinces_are_equally_present(pipeline):
    found = orgs(pipeline, "广东和贵州两地联合举办,省委宣传部牵头。")
    assert found["省委宣传部"]["canonical"] == "省委宣传部"


def test_an_abbreviated_parent_expands_in_the_canonical(pipeline):
    found = orgs(pipeline, "人行贵阳中心支行发布通知。")
    assert found["人行贵阳中心支行"]["canonical"] == "中国人民银行贵阳中心支行"
    assert orgs(pipeline, "清华大学学生参加活动。")["清华大学"]["canonical"] == "清华大学"  # a truncation is no prefix


@pytest.mark.parametrize("text", ["各级各部门要高度重视", "互联网企业积极参与", "730多家网企参与", "保险公司大多不愿承保"])
def test_generic_groups_are_not_organizations(pipeline, text):
    assert orgs(pipeline, text) == {}


def test_every_known_entry_is_read(pipeline):
    """Each `known` entry counts, not only the first, and names its own rule."""
    rules = load_rules().family("organizations")
    for entry in rules["known"]:
        name = next(n for n in entry["names"] if len(n) >= 3 and n.isalpha())
        found = orgs(pipeline, f"据{name}消息。")
        assert found.get(name, {}).get("rule") == entry["id"], (entry["id"], name, found)


def test_the_lexicons_feed_the_segmenter():
    words = user_words(load_rules())
    assert {"中央网信办", "国开行", "法新社"} <= set(words)
    assert "国开行" in make_segmenter("jieba", words).cut("国开行和水利部")


def test_posts_and_foreign_bodies(pipeline):
    assert "司法部" in orgs(pipeline, "司法部长表示")
    assert "美国财政部" in orgs(pipeline, "美国财政部发表声明")
    assert "市委" in orgs(pipeline, "市委书记到场")
    assert orgs(pipeline, "他是局长") == {} and orgs(pipeline, "全部干部到了西部") == {}


USER_GRAMMAR = {  # a fragment of a user's organizations.yaml, a text, {name: canonical} before and with it
    # without 这 among the function characters, 这所 may begin a name
    "function_chars": ("grammar:\n  - id: org.grammar.function_chars\n    chars: [那]\n",
                       "这所小学发生集体食物中毒。", {}, {"这所小学": "这所小学"}),
    # a district committee takes the article's city, as 市委 does
    "home_region": ("home_region:\n  - id: org.home.district\n    starts: 区\n    region: city\n"
                    "    canonical: \"{region}{name}\"\n",
                    "佛山市举行活动，区委宣传部表示。", {"区委宣传部": "区委宣传部"}, {"区委宣传部": "佛山区委宣传部"}),
}


@pytest.mark.parametrize("key", sorted(USER_GRAMMAR))
def test_a_user_folder_replaces_the_grammar_word_lists(tmp_path, pipeline, key):
    """The grammar's word lists are rules: an entry of a user's folder with a bundled id replaces that
    list, one with a new id adds to them, and the matches change with them."""
    from extract import Pipeline

    fragment, text, bundled, mine = USER_GRAMMAR[key]
    (tmp_path / "mine.yaml").write_text("family: organizations\n" + fragment, encoding="utf-8")
    assert {name: fields["canonical"] for name, fields in orgs(pipeline, text).items()} == bundled
    assert {name: fields["canonical"] for name, fields in orgs(Pipeline([str(tmp_path)]), text).items()} == mine


def test_rules_check_reports_a_grammar_list_the_matcher_cannot_use(tmp_path):
    """A character class given a word, a list left out or a misspelt id stops the rules from loading:
    ``rules check`` says which entry and why, before any run."""
    from extract.rules_check import check_rules_dir

    for fragment, message in (("function_chars\n    chars: [这所]", "chars are single characters, not 这所"),
                              ("function_chars\n    words: [这]", "org.grammar.function_chars needs 'chars'"),
                              ("function_char\n    chars: [这]", "reads no grammar entry org.grammar.function_char ")):
        (tmp_path / "mine.yaml").write_text(f"family: organizations\ngrammar:\n  - id: org.grammar.{fragment}\n",
                                            encoding="utf-8")
        problems = [str(p) for p in check_rules_dir(tmp_path)]
        assert any(message in p for p in problems), problems


def test_the_grammar_says_why_a_suffix_made_no_name(pipeline):
    """Each suffix the grammar drops has a named reason (``xinwen explain`` lists them)."""
    from extract.matchers.organizations import Drop

    matcher = dict(pipeline.nlp.pipeline)["xinwen_organizations"].matcher
    text = "全部干部到了西部，教育厅、他是大学生、位于台北市中心。"
    drops = {(d.suffix, d.begin): d.reason for d in matcher.dropped(pipeline.nlp.make_doc(text))}
    assert drops == {("部", 1): Drop.PART_WORD, ("部", 3): Drop.NO_STEM_IN_WORD, ("部", 7): Drop.PART_WORD,
                     ("教育厅", 9): Drop.NO_PREFIX, ("大学", 15): Drop.RUNS_ON, ("中心", 24): Drop.PLACE_IN_REGION}
    assert Drop.RUNS_ON.code == "org.drop.runs_on"


@pytest.mark.parametrize("text,name,claim", [("三星手机销量达5000万部。", "三星", "达5000万部"),
                                             ("一汽集团今年生产了300万辆车。", "一汽集团", "300万辆")])
def test_a_number_inside_an_organization_name_is_no_claim(pipeline, text, name, claim):
    result = pipeline.process(Document("t", "", text=text))
    assert [m.surface for m in result.mentions if m.type == "organization"] == [name]
    assert [m.surface for m in result.mentions if m.type == "numeric"] == [claim]


def _benchmark():
    spec = importlib.util.spec_from_file_location("ner_orgs", ROOT / "benchmarks" / "ner_orgs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("ner_orgs", module)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_scores_strict_spans():
    score = _benchmark().Score()
    score.add("新华社联合国", {(0, 3), (3, 6)}, {(0, 3), (3, 5)})
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
    assert score.figures() == (0.5, 0.5, 0.5)


@pytest.mark.shared_data
def test_a_cluener_dev_slice_beats_the_jieba_baseline(pipeline):
    """The first 300 CLUENER dev sentences, never trained on (the full sets, with LAC beside:
    python benchmarks/ner_orgs.py, README)."""
    bench = _benchmark()
    sentences = bench.read_dev(shared_data("ner/cluener2020-dev.jsonl.gz"), 300)
    ours, baseline = bench.Score(), bench.Score()
    xinwen, jieba_nt = bench.xinwen_system(pipeline), bench.jieba_system()
    for index, (text, gold) in enumerate(sentences):
        ours.add(text, gold, xinwen(index, text))
        baseline.add(text, gold, jieba_nt(index, text))
    assert ours.figures()[2] >= 0.60 and ours.figures()[2] > baseline.figures()[2] + 0.3, \
        (ours.figures(), baseline.figures())


def test_a_taiwan_city_office_is_named_then_written_alone(pipeline):
    """北市都更处 … 都更处: the short form is the same office, but only after its city named it."""
    found = orgs(pipeline, "北市都更处表示，都更处将在下周审查。")
    assert found["北市都更处"]["rule"] == "org.office.city" and found["都更处"]["rule"] == "org.office.city"
    assert "都更处" not in orgs(pipeline, "都更处将在下周审查。")
    assert not orgs(pipeline, "他住在台北市郊区处在山边。")


def test_a_numbered_contingent_takes_the_place_of_the_force_inside_it(pipeline):
    """海军第26批护航编队 is one body (not 海军); 第三批医疗队, sent nowhere and by no one, is a batch."""
    found = orgs(pipeline, "由两艘导弹护卫舰组成的海军第26批护航编队今天起航。")
    assert found["海军第26批护航编队"]["rule"] == "org.contingent" and "海军" not in found, found
    assert "第三批医疗队" not in orgs(pipeline, "第三批医疗队今天出发。")
