"""Why the organization grammar made no name of a suffix it found: the reasons ``xinwen explain`` lists."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Drop(Enum):
    """Why the grammar made no name of a suffix it found; ``xinwen explain`` lists them by ``code``."""

    RUNS_ON = "the suffix runs on into a longer word (大学生, 北大西洋, 部门)"
    POST_ALONE = "a post after a person or a modifier, not after a body's name (李振成|局长, 副|部长)"
    FUSED_WORD = "the suffix ends a common word, not a name (机关|干部, 合理|布局)"
    PART_WORD = "a direction or a part before a one-character suffix (西部, 全部)"
    NO_STEM_IN_WORD = "the rest of its word is no region, level or stem (干部, 团队)"
    NO_PREFIX = "a department with no region or level before it (教育厅)"
    GENERIC = "a group or a common word, not an organization (委员会, 指挥部, 保险公司)"
    TOO_SHORT = "too short for a name (50|部, 小|厂)"
    BARE_SUFFIX = "the suffix alone, which names no body by itself (电视台, 医院)"
    NO_STEM = "no stem and no region or level before the suffix"
    DESCRIPTION = "common words and a suffix: a description, not a name (水泥厂, 敬老院, 投资中心)"
    PLACE_IN_REGION = "a place in a region, not a body (台北市|中心)"
    COMMON_WORD = "one dictionary word that jieba tags as a common noun (疾控中心)"
    ABROAD = "a mission named by where it is, its own country not named (我|驻|巴新大使馆)"
    ROOM = "a room or hall, a place and not a body (咖啡厅, 宴会厅, 莫斯科州音乐厅)"
    REPEATED = "a one-character suffix right after a name of its own kind begins the next word (立法院|院会)"
    COMPOUND = "the suffix begins a compound noun, a post or an office of the body before it (新闻|发言人, 新闻|办公室)"
    STARTS_IN_WORD = "a well-known name whose first character 国 ends a pronoun or country before it (我国|新办, 各国|新办)"

    @property
    def code(self) -> str:
        return f"org.drop.{self.name.lower()}"


@dataclass(frozen=True)
class Dropped:
    """A suffix the grammar found at [begin, end) and made no name of, with the reason."""

    begin: int
    end: int
    suffix: str
    reason: Drop
