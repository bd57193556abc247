"""Normalization on the bundled corpus: glosses gone, script converted, offsets map back, metadata."""
import opencc
import regex

from extract.normalize import AlignedText, Edit


def test_no_pinyin_gloss_left(corpus_results):
    gloss = regex.compile(r"(?<=\p{Han})\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})\)")
    for result in corpus_results:
        assert not gloss.findall(result.normalized.text), result.document.doc_id


def test_traditional_documents_are_converted(corpus_results):
    t2s = opencc.OpenCC("t2s")
    for result in corpus_results:
        text = result.normalized.text
        changed = [a for a, b in zip(text, t2s.convert(text)) if a != b]
        assert len(changed) <= 2, (result.document.doc_id, changed[:10])


def test_every_normalized_character_maps_into_the_raw_text(corpus_results):
    for result in corpus_results:
        aligned = result.normalized.aligned
        assert len(aligned.starts) == len(aligned.text) == len(aligned.ends)
        assert all(0 <= s <= e <= len(aligned.raw) for s, e in zip(aligned.starts, aligned.ends))
        assert list(aligned.starts) == sorted(aligned.starts)


def test_metadata_of_the_guangdong_article(corpus_results):
    meta = {r.document.doc_id: r.normalized.metadata for r in corpus_results}
    assert meta["001_9f553aeb5d715b53"].published == "2021-04-27T10:22:41"
    assert meta["001_9f553aeb5d715b53"].source == "南方日报"  # stated as 南方日?qǐng)?bào)
    assert meta["003_bf62d02a60225246"].published == "2022-12-27T15:47"
    assert meta["003_bf62d02a60225246"].source == "众望新闻"
    assert meta["002_c78bdc0d0583f07a"].published == "2023-10-10T15:55:23"
    assert meta["001_9f553aeb5d715b53"].title == "广东网络文明建设有效打通“最后一米”"
    assert meta["002_c78bdc0d0583f07a"].title == "鲜阳红:网络文明建设的成都实践"
    assert meta["003_bf62d02a60225246"].title.startswith("【网络文明贵州行动】")
    # 000 and 004 state no metadata: nothing is invented for them
    assert meta["000_ba09cf37c00f26cf"].published == meta["004_b5519ea694e741d6"].published == ""


def test_boilerplate_is_zoned_not_deleted(corpus_results):
    result = next(r for r in corpus_results if r.document.doc_id == "002_c78bdc0d0583f07a")
    zones = result.normalized.boilerplate
    assert any(z.rule == "boilerplate.hot_list" for z in zones)
    assert "上周热门" in result.normalized.text
    assert not [m for m in result.mentions if any(z.start <= m.start < z.end for z in zones)]


def test_aligned_apply_maps_replacements_to_their_raw_span():
    aligned = AlignedText.identity("網(wǎng)絡")
    aligned = aligned.apply("gloss", [Edit(1, 7, "")])
    assert aligned.text == "網絡" and aligned.raw_span(0, 2) == (0, 8)
    longer = aligned.apply("x", [Edit(0, 1, "网网")])
    assert longer.text == "网网絡" and longer.raw_span(0, 1) == (0, 1) and longer.raw_span(2, 3) == (7, 8)


def test_a_lost_character_is_filled_from_its_gloss_only_when_the_context_vouches():
    from extract.normalize import Normalizer
    from extract.rules import load_rules

    normalizer = Normalizer(load_rules())
    assert normalizer("人民日?bào)").text == "人民日报"
    assert normalizer("我们?(bào)").text == "我们?"  # 报 is the commonest bào, but nothing vouches for it


def test_a_gloss_whose_toned_vowel_damage_read_as_a_han_character_is_removed():
    from extract.normalize import Normalizer
    from extract.rules import load_rules

    normalizer = Normalizer(load_rules())
    assert normalizer("將於上海開(xi皀g)幕。").text == "将于上海开幕。"  # (xiāng) less one byte
    assert normalizer("平台“i深圳”(i深圳)上线").text == "平台“i深圳”(i深圳)上线"  # two Han: text


def test_glosses_of_two_kinds_that_overlap_are_removed_once():
    """``(集tè)團)``: a garbled gloss holding a Han character, and its letters read again as the end
    of a gloss that lost its opening parenthesis. Both matched and crashed the alignment."""
    from extract.normalize import Normalizer
    from extract.rules import load_rules

    text = Normalizer(load_rules())("成都飛機工業(集tè)團)有限責任公司").text
    assert "(" not in text and "tè" not in text
    assert text.endswith("有限责任公司")
