"""The importable numeral parser on its own."""
import pytest

from extract import parse_number
from extract.numerals import NumberError


@pytest.mark.parametrize("text,value,value_max,bound", [
    ("1.9万余", 19000, None, "lower"),
    ("超1800万", 18000000, None, "lower"),
    ("近300", 300, None, "upper"),
    ("约5000", 5000, None, "approx"),
    ("四百多", 400, None, "lower"),
    ("零下10多", -10, None, "upper"),  # ten-odd below zero: -10 or colder
    ("负二十几", -20, None, "upper"),
    ("超过负3", -3, None, "lower"),  # a qualifier before the number keeps its own bound
    ("一千八百", 1800, None, "exact"),
    ("两", 2, None, "exact"),
    ("贰佰叁拾", 230, None, "exact"),
    ("廿五", 25, None, "exact"),
    ("3万4千", 34000, None, "exact"),
    ("18亿5000万", 1850000000, None, "exact"),
    ("1,800", 1800, None, "exact"),
    ("十几万", 100000, None, "lower"),
    ("二十几万", 200000, None, "lower"),
    ("两三", 2, 3, "exact"),
    ("数百", 100, None, "lower"),
    ("两千四百五", 2450, None, "exact"),
    ("一万零十二", 10012, None, "exact"),
    ("一百零十万", 1100000, None, "exact"),
    ("四万万", 400000000, None, "exact"),
    ("4.78万亿", 4780000000000, None, "exact"),
    ("五兆六十二亿四万五千二", 5006200045200, None, "exact"),
    ("负三十二", -32, None, "exact"),
    ("二点五", 2.5, None, "exact"),
    ("两千万点五五四四", 20000000.5544, None, "exact"),
    ("五分之一", 0.2, None, "exact"),
    ("3又一千分之23", 3.023, None, "exact"),
    ("3/5", 0.6, None, "exact"),
    ("2e5", 200000, None, "exact"),
    ("一打", 12, None, "exact"),
    ("500余万", 5000000, None, "lower"),
    ("10-20万", 100000, 200000, "exact"),
    ("3至5万", 30000, 50000, "exact"),
    ("1800多万", 18000000, None, "lower"),
    ("二〇二〇", 2020, None, "exact"),
])
def test_parse_number(text, value, value_max, bound):
    number = parse_number(text)
    assert (number.value, number.value_max, number.bound) == (value, value_max, bound)


@pytest.mark.parametrize("text", ["", "abc", "20-10", "万", "万万", "两两"])
def test_parse_number_rejects(text):
    with pytest.raises(NumberError):
        parse_number(text)


@pytest.mark.parametrize("text,values", [
    ("二百三十三，五百七十七，一千六点五。", [233, 577, 1600.5]),
    ("1, 234, 567", [1, 234, 567]),
    ("负一又二分之一", [-1.5]),
    ("一百 五 十 二", [152]),
    ("11亿5G连接", [1100000000, 5]),  # the 5 of 5G is its own numeral
    ("3.17亿千瓦", [317000000, 1000]),  # 千 alone reads 1000; the claim takes 千瓦 as the unit
    # thousands grouped by a space before a Han word; not after a letter, nor inside a list of digits
    ("被转发11 000次", [11000]),
    ("共有 3 000 人", [3000]),
    ("可供M777 155毫米榴弹炮", [777, 155]),
    ("8 4 1 2 150 7 前", [8, 4, 1, 2, 150, 7]),
    ("从-5%回到了超过10%", [-5, 10]),  # a hyphen after a word that leads a value is a minus sign
    ("单飞歼-10战机", [10]),  # after other Han characters it joins a name to its number
    ("企业税负170多亿元", [17000000000]),  # 负 ending a word is no sign
])
def test_find_numerals(text, values):
    from extract.numerals import find_numerals

    assert [n.value for n in find_numerals(text)] == values


@pytest.mark.parametrize("text,steps", [
    ("一千八百万", ("digit", "unit", "scale")),
    ("二〇二〇", ("digit", "digit_string")),
    ("十几万", ("unit", "unknown_digit", "scale")),
    ("一千零八", ("digit", "unit", "zero")),
    ("二点五亿", ("digit", "decimal_point")),
    ("负三十二", ("negative", "digit", "unit")),
    ("五分之一", ("digit", "fraction")),
    ("10-20万", ("arabic", "range")),
    ("百分之十五", ("percent_form", "unit", "digit")),
    ("两三万", ("adjacent_digits",)),
    ("万余", ("bare_scale",)),
    ("半百", ("fixed_word",)),
])
def test_numeral_provenance(text, steps):
    """Every reading names the reader's steps that built it, in order (a trace, not a table column);
    a step taken after the best reading (the 零 of 一千零) is not among them."""
    from extract.numerals import find_numerals

    (numeral,) = find_numerals(text)
    assert numeral.provenance == steps


def test_numerals_are_made_whole():
    """The reader fills a Numeral's fields at once (``_numeral``): it equals the one the dataclass
    makes, field by field, and stays frozen."""
    import dataclasses
    from decimal import Decimal

    from extract.numerals import Numeral, _numeral

    made = _numeral(3, 7, Decimal("2.5"), Decimal(4), "多", "range", True, Decimal(100), ("digit",))
    expected = Numeral(3, 7, 2.5, 4.0, "多", "range", True, 100.0, Decimal("2.5"), Decimal(4), ("digit",))
    assert dataclasses.astuple(made) == dataclasses.astuple(expected) and made == expected
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 0


def test_provenance_leaves_out_steps_after_the_reading():
    from extract.numerals import find_numerals

    numeral = find_numerals("一千零")[0]  # the 零 is read again as a numeral of its own
    assert (numeral.value, numeral.provenance) == (1000, ("digit", "unit"))


@pytest.mark.parametrize("text,values", [
    ("小明有十个手指头", [10]),
    ("我家在四川", []),
    ("这个岛屿远离大陆", []),
    ("这是我的队伍", []),
    ("美味十足", []),
    ("一切都好", []),
])
def test_numeral_layer_word_checks(pipeline, text, values):
    """A Chinese numeral character inside another jieba word (四川, 大陆, 队伍, 十足) is no number."""
    from extract.components import NUMERALS_KEY
    from extract.readers import Document

    _, doc = pipeline.annotate(Document("t", "", text=text))
    assert [n.value for n in doc.user_data[NUMERALS_KEY]] == values


def test_claim_takes_unit_over_scale(pipeline):
    from extract.readers import Document

    result = pipeline.process(Document("t", "", text="全国光伏新增装机3.17亿千瓦，10万乡村儿童受益。"))
    claims = {m.surface: dict(m.fields) for m in result.mentions if m.type == "numeric"}
    assert claims["3.17亿千瓦"]["value"] == 317000000 and claims["3.17亿千瓦"]["unit"] == "千瓦"
    assert claims["10万"]["unit"] == "" and claims["10万"]["object"].startswith("乡村")


def _claim_fields(pipeline, text: str) -> dict[str, dict]:
    """The fields of each numeric claim of ``text``, by surface."""
    from extract.readers import Document

    result = pipeline.process(Document("t", "", text=text))
    return {m.surface: dict(m.fields) for m in result.mentions if m.type == "numeric"}


@pytest.mark.parametrize("text,surface,obj", [
    ("77个国家和地区报告了奥密克戎变异株", "77个", "国家和地区"),
    ("全国已有3800万困难群众住进了公租房", "3800万", "困难群众"),
    ("他投资1000多万元新开了绿色新材料厂", "1000多万元", ""),
    ("学校已有500名学生了。", "500名", "学生"),  # 了 before punctuation: no verb follows
])
def test_object_ends_before_aspect_verb(pipeline, text, surface, obj):
    """A word with 了 and a word after it is the predicate's verb, not part of the counted noun."""
    claims = _claim_fields(pipeline, text)
    assert claims[surface]["object"] == obj


@pytest.mark.parametrize("text,surface,obj", [
    ("帮助1100万农村转移劳动力成为技术工人", "1100万", "农村转移劳动力"),
    ("43个重点产业转移承接平台为京津冀产业协同", "43个", "重点产业转移承接平台"),
    ("22个省份安排扶贫项目41.55万个，", "22个", "省份"),  # a number after the head: the verb is the predicate
    ("142个受灾县完成医疗卫生项目2298个，", "142个", "受灾县"),
    ("全省有5个县实施扶贫项目。", "5个", "县"),  # a verb that governs what follows: the predicate
])
def test_verb_inside_compound_noun(pipeline, text, surface, obj):
    """A verb between the counted noun and a head of compounds (平台, 劳动力) is inside the object
    when the phrase ends after the head; before a number or a noun it is the predicate."""
    claims = _claim_fields(pipeline, text)
    assert claims[surface]["object"] == obj


@pytest.mark.parametrize("text,surface,obj", [
    ("已孵化培育出3家国家专精特新“小巨人”企业。", "3家", "国家专精特新“小巨人”企业"),
    ("失踪的是两名美国“海豹突击队”成员，", "两名", "美国“海豹突击队”成员"),
    ("授予29位同志“七一勋章”。", "29位", "同志"),  # a title conferred, not a head of the object
    ("10个贫困县“摘帽”。", "10个", "贫困县"),  # no noun after the quote: it may be the predicate
    ("15个关联事项“打包”成“一件事”", "15个", "关联事项"),  # a one-character word after it is no head
])
def test_quoted_name_inside_object(pipeline, text, surface, obj):
    """A quoted name after the first words of the object and before its head noun is read with it."""
    claims = _claim_fields(pipeline, text)
    assert claims[surface]["object"] == obj


@pytest.mark.parametrize("text,surface", [
    ("对于拥有14亿人口的国家来说", "14亿"),
    ("张玉欣工作的社区有一万多人口，", "一万多"),
    ("20万人口以上城市实现铁路覆盖", "20万人口以上"),  # a bound after 人口 keeps it in the claim
])
def test_population_stands_after_the_claim(pipeline, text, surface):
    """人口 is the noun counted, not a measure word: the claim ends before it, its object is 人口."""
    claims = _claim_fields(pipeline, text)
    assert claims[surface]["object"] == "人口" and claims[surface]["unit"] == ""


@pytest.mark.parametrize("text,surface,kind", [
    ("习近平主席和普京总统三度会晤，", "三度", "count"),
    ("包括4度向选秀叩关的廖椿儒", "4度", "count"),
    ("能让游客360度无死角欣赏海滨美景", "360度", "other"),  # an angle: a larger number
    ("气温下降了5度左右。", "5度左右", "other"),  # a qualifier: a measure
    ("患者三度烧伤，正在抢救", "三度", "other"),  # a verb of harm: a degree
    ("气温三度回升", "三度", "other"),  # a clause about temperature
])
def test_du_counts_times_before_a_verb(pipeline, text, surface, kind):
    """度 after a one-digit number and before a verb or preposition counts times, not degrees."""
    claims = _claim_fields(pipeline, text)
    assert claims[surface]["kind"] == kind


def _numeric_claims(pipeline, text: str) -> list[tuple[str, str]]:
    from extract.readers import Document

    return [(m.surface, m.rule) for m in pipeline.process(Document("d", "", text=text)).mentions
            if m.type == "numeric"]


def test_user_rules_extend_the_moved_word_lists(tmp_path, pipeline):
    """The word lists the claims use are rules, so a user's folder changes them: ``articles`` (a lone
    一 before a measure word is no count) extended with 三, and 超 listed among the comparison words
    (``compares_before``), which makes a bare number after it a claim."""
    from extract import Pipeline

    (tmp_path / "mine.yaml").write_text(
        "family: numerics\narticles: [三]\n"
        "qualifiers:\n  - id: qualifier.mine\n    compares_before: [超]\n    bound: lower\n", encoding="utf-8")
    mine = Pipeline([str(tmp_path)])
    assert _numeric_claims(pipeline, "他买了三个苹果。") == [("三个", "numeric.claim+unit.count")]
    assert _numeric_claims(mine, "他买了三个苹果。") == []
    assert _numeric_claims(pipeline, "今年年增长超80。") == []
    assert _numeric_claims(mine, "今年年增长超80。") == [("超80", "numeric.claim+qualifier.mine")]


def test_comparison_words_are_listed_once():
    """Each qualifier word is in one list of its side (不到 may stand before and after a number): the
    comparison words are not repeated among the others."""
    from extract.rules import load_rules

    for entry in load_rules().family("numerics")["qualifiers"]:
        for side in ("before", "after"):
            words = [*entry.get(side, []), *entry.get("compares_" + side, [])]
            assert len(words) == len(set(words)), (entry["id"], side)
