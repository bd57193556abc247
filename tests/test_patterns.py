"""``RulePattern.may_match_a_line``: one search over a block of lines may only stand in for one
search per line when it never says "no" where some line matches."""
from __future__ import annotations

import regex
from hypothesis import given, settings, strategies as st

from extract.patterns import RulePattern
from extract.rules import load_rules

_EDGE = [r"^\s*编辑$", r"(?<!\s)记者", r"记者(?!\S)", r"\A记者", r"记者\Z", r"(?>\s*)$", r"\s*+记者", r"^\d+$"]


def _patterns() -> list[str]:
    rules = load_rules()
    found = list(_EDGE)
    for family, key in (("metadata", "published"), ("metadata", "source"), ("metadata", "byline"),
                        ("boilerplate", "lines")):
        found.extend(e["pattern"] for e in rules.family(family).get(key, []))
    return found


PATTERNS = _patterns()
_PIECES = st.sampled_from(["记者", "编辑", " ", "\t", "　", "(", "（", ":", "：", "首页", ">", "2021-04-27",
                           "10:22", "来源", "南方日报", "版权所有", "下载", "关注", "a", "1", "x"])
_LINE = st.lists(_PIECES, max_size=6).map("".join)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_LINE, min_size=1, max_size=5), which=st.integers(0, len(PATTERNS) - 1))
def test_a_block_never_rules_out_a_line_that_matches(lines, which):
    source = PATTERNS[which]
    flags = regex.MULTILINE if "记者|" in source else 0
    pattern = RulePattern(regex.compile(source, flags))
    if any(pattern.search(line) for line in lines):
        assert pattern.may_match_a_line("\n".join(lines))


def test_a_block_with_no_match_rules_all_lines_out():
    pattern = RulePattern(regex.compile(r"^\s*(首页|主页)\s*[>＞]"))
    assert not pattern.may_match_a_line("新闻正文第一段。\n  主页之外 > \n第三段")
    assert pattern.may_match_a_line("新闻正文第一段。\n  主页 > 国内\n第三段")


def test_an_edge_sensitive_pattern_is_never_ruled_out():
    """``(?<!\\s)`` sees the line break before a line in a block, not the start of a string."""
    pattern = RulePattern(regex.compile(r"(?<!\s)记者"))
    assert pattern.may_match_a_line("甲\n乙")  # no block search: it always says maybe
