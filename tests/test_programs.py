"""Programmes (issue 7): behaviours across rules; the rules' own examples run in test_rule_examples.py."""
from __future__ import annotations

import pytest

from extract.readers import Document


def programs(pipeline, text: str) -> dict[str, dict]:
    result = pipeline.process(Document("t", "", text=text))
    assert result.status == "ok", result.error
    return {m.fields["name"]: dict(m.fields, surface=m.surface, rule=m.rule)
            for m in result.mentions if m.type == "program"}


def test_a_head_phrase_after_the_quote_gives_head_and_kind(pipeline):
    found = programs(pipeline, "打造“巅峰极客”网络安全技能挑战赛。")
    assert found["巅峰极客"]["head"] == "网络安全技能挑战赛" and found["巅峰极客"]["kind"] == "event"
    assert found["巅峰极客"]["surface"] == "“巅峰极客”网络安全技能挑战赛"


def test_a_head_phrase_stops_at_a_clause(pipeline):
    found = programs(pipeline, "“清朗”专项行动吸引网友参与投票。")
    assert found["清朗"]["head"] == "专项行动" and found["清朗"]["kind"] == "campaign"


def test_a_policy_head_is_no_verb_and_its_object(pipeline):
    """“一带一路”提供良好政策: the quote is a clause's subject, the policy no head of it; 通关利好政策 is one."""
    assert programs(pipeline, "为“一带一路”提供良好政策环境。")["一带一路"]["surface"] == "“一带一路”"
    assert programs(pipeline, "随着“港车北上”通关利好政策落地。")["港车北上"]["head"] == "通关利好政策"


def test_a_run_of_quoted_names_shares_the_head_after_the_last(pipeline):
    found = programs(pipeline, "开展“网络中国节”“我们的节日”等网络文化活动。")
    assert set(found) == {"网络中国节", "我们的节日"}
    assert found["我们的节日"]["surface"] == "“我们的节日”"  # the head is not this name's own


def test_unquoted_names_in_a_list_after_a_launching_verb(pipeline):
    found = programs(pipeline, "打造“巅峰极客”网络安全技能挑战赛、极客少年挑战赛和百万职工网络安全技能赛。")
    assert {"巅峰极客", "极客少年挑战赛", "百万职工网络安全技能赛"} <= set(found)
    assert found["极客少年挑战赛"]["rule"] == "program.unquoted"


@pytest.mark.parametrize("text", ["他们召开大会讨论。", "在各类比赛中获奖。", "这是一个节日。", "大赛组委会表示"])
def test_unquoted_heads_alone_are_not_names(pipeline, text):
    assert programs(pipeline, text) == {}


def test_a_document_keeps_its_year_range_and_the_range_is_still_a_date(pipeline):
    text = "佛山市委网信办出台《佛山市网络文明促进三年行动计划(2020-2022)》。"
    result = pipeline.process(Document("t", "", text=text))
    found = {m.fields["name"]: m for m in result.mentions if m.type == "program"}
    assert found["佛山市网络文明促进三年行动计划(2020-2022)"].fields["kind"] == "document"
    assert "2020/2022" in {m.fields["value"] for m in result.mentions if m.type == "date"}
    assert not [m for m in result.mentions if m.type == "numeric"]  # 三年 inside the title is no claim


def test_numbers_inside_programme_names_are_no_claims(pipeline):
    result = pipeline.process(Document("t", "", text="举办百万职工网络安全技能赛，吸引3万人参与；参加第81届世界科幻大会。"))
    names = {m.fields["name"] for m in result.mentions if m.type == "program"}
    assert {"百万职工网络安全技能赛", "第81届世界科幻大会"} <= names
    assert [m.surface for m in result.mentions if m.type == "numeric"] == ["3万人"]


@pytest.mark.parametrize("text", ["“刷屏破圈”", "他说“我们一定要做好”。", "“最后一米”问题"])
def test_slogans_and_speech_are_not_programmes(pipeline, text):
    assert programs(pipeline, text) == {}


# Unquoted names (issue 20): the bare grammar of extract/matchers/bare_programs.py; each rule's own
# examples and counter-examples are in rules/programs.yaml (bare).
def test_bare_names_say_their_rule_and_fill_the_fields(pipeline):
    found = programs(pipeline, "全面实施乡村振兴战略，美国宣布退出巴黎协定，个人信息保护法正式施行。")
    assert found["乡村振兴战略"]["rule"] == "program.bare.strategy"
    assert found["巴黎协定"]["rule"] == "program.bare.agreement" and found["巴黎协定"]["kind"] == "document"
    assert (found["个人信息保护法"]["head"], found["个人信息保护法"]["kind"]) == ("法", "document")


def test_a_bracketed_or_quoted_name_stays_the_quoted_grammars(pipeline):
    found = programs(pipeline, "美国宣布退出《巴黎协定》，中方支持“一带一路”建设。")
    assert not found["巴黎协定"]["rule"].startswith("program.bare")
    assert found["一带一路"]["rule"] == "program.head.project"


def test_a_quoted_name_before_a_bare_head_is_named_by_its_quotes(pipeline):
    found = programs(pipeline, "共建“一带一路”倡议为中国和世界带来机遇。")
    assert found["一带一路"]["surface"] == "“一带一路”倡议" and found["一带一路"]["head"] == "倡议"


def test_an_edition_is_part_of_the_name_and_a_count_of_editions_a_claim(pipeline):
    result = pipeline.process(Document("t", "", text="中国队连续六届残奥会位列金牌榜首位，第三届进博会在上海开幕。"))
    names = {m.fields["name"] for m in result.mentions if m.type == "program"}
    assert "第三届进博会" in names and not any("六届" in n for n in names)
    assert "六届" in {m.surface for m in result.mentions if m.type == "numeric"}


@pytest.mark.parametrize("text", ["会议指出，要加强领导。", "双方签署了合作协议。", "他想了很多办法。", "加强发展战略对接。",
                                  "重点工程加紧建设。", "开展专项行动。"])
def test_a_bare_head_alone_is_prose(pipeline, text):
    assert programs(pipeline, text) == {}


@pytest.mark.parametrize("text,expected", [
    ("赖祥蔚将与听众在News98电台广播节目「民意新连线」相会", {"民意新连线"}),
    ("上线了政务服务平台“浙里办”。", {"浙里办"}),
    ("他说这个广播节目“很好用”。", set()),
])
def test_a_category_noun_may_end_a_word_of_jiebas(pipeline, text, expected):
    assert set(programs(pipeline, text)) == expected


def test_a_body_name_ending_in_a_verb_like_type_word_is_no_verb(pipeline):
    # 上海合作组织 (one word the segmenter was given, unknown to jieba's tags) ends in 组织, a verb that
    # takes a name as its object; as a body's name it opens the summit's name
    found = programs(pipeline, "完全赞成习近平主席今天在上海合作组织峰会上发表的讲话")
    assert found["上海合作组织峰会"]["rule"] == "program.bare.body_summit"
    assert not programs(pipeline, "他们组织峰会")


def test_a_theme_educations_opening_verbs_are_its_name(pipeline):
    # the study rule's openers (学习贯彻) are kept only before words of the name, not alone before the head
    text = "浙江扎实开展学习贯彻习近平新时代中国特色社会主义思想主题教育，"
    assert "学习贯彻习近平新时代中国特色社会主义思想主题教育" in programs(pipeline, text)
    assert not programs(pipeline, "认真学习贯彻主题教育")


def test_a_word_jieba_tags_as_a_place_but_names_none_is_no_proper_name(pipeline):
    # 城市 (tagged ns, in bare_settings not_places) does not make 城市路跑赛 a race's name; a sponsor does
    assert not programs(pipeline, "他参加城市路跑赛")
    assert "SEIKO城市路跑赛" in programs(pipeline, "报名参加SEIKO城市路跑赛的跑者")
