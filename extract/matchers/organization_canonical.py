"""Canonical organization names: a short form expanded (人行 -> 中国人民银行), and a region-less name
(省委网信办) given the region the article is about when one province or city dominates it."""
from __future__ import annotations

from collections import Counter
from typing import Mapping

from ..mention import Mention


def canonicalize(matcher, text: str, mentions: list[Mention]) -> list[Mention]:
    """省委网信办 in an article about Guangdong -> 广东省委网信办 (when one province dominates; the
    prefixes that take the article's region are ``home_region`` in the rules). ``matcher`` is the
    OrganizationMatcher whose lexicons (abbreviations, provinces, cities, home regions) apply."""
    counts = Counter(m.group() for m in matcher.home_re.finditer(text))
    homes = {"province": _dominant({k: v for k, v in counts.items() if k in matcher.provinces}),
             "city": _dominant({k: v for k, v in counts.items() if k in matcher.cities})}
    return [_canonical(matcher, mention, homes) for mention in mentions]


def _canonical(matcher, mention: Mention, homes: Mapping[str, str]) -> Mention:
    name = mention.fields["name"]
    canonical, region = mention.fields["canonical"], mention.fields["region"]
    for short, full in matcher.abbreviations.items():
        # 人行贵阳中心支行 -> 中国人民银行贵阳中心支行; a truncation (清华) is no prefix to expand
        if name.startswith(short) and name != short and len(short) >= 2 and not full.startswith(short):
            canonical = full + name[len(short):]
            break
    if not region:
        for home in matcher.home_regions:
            if name.startswith(home.starts) and homes[home.region]:
                region = homes[home.region]
                canonical = home.canonical.replace("{region}", region).replace("{name}", name)
                break
    return mention.with_(fields={"canonical": canonical, "region": region})


def _dominant(counts: Mapping[str, int]) -> str:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        return ""
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return ""
