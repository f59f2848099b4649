"""The words a profile may write for a choice (risk category, platform, channel type, cadence): its key or its label.

A plan shows each choice by its label (团队 / Team for ``team``), so a user who reads 团队 in the plan writes 团队
in the profile. Each choice is read from its key or from its label in either language (and a few common short
forms), compared without regard to case, width, spaces, hyphens or underscores; the key is what the profile
holds. The labels here are the ones the templates show (a test compares them).
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from opsplan.i18n import Catalogue, is_zh, say

E = TypeVar("E", bound=StrEnum)

# by enum class name, then key: (zh-CN label, en label, further words read as the key)
LABELS: dict[str, dict[str, tuple[str, str, tuple[str, ...]]]] = {
    "RiskCategory": {
        "compliance": ("合规", "Compliance", ()),
        "operations": ("运营", "Operations", ()),
        "supply": ("供应", "Supply", ("供应链",)),
        "public-opinion": ("舆情", "Public opinion", ()),
        "platform-policy": ("平台规则", "Platform policy", ("平台政策",)),
        "data-security": ("数据安全", "Data security", ()),
        "finance": ("资金", "Finance", ("财务",)),
        "team": ("团队", "Team", ("人员",)),
    },
    "Platform": {
        "douyin": ("抖音", "Douyin", ()),
        "xigua": ("西瓜视频", "Xigua Video", ("西瓜",)),
        "wechat": ("微信", "WeChat", ()),
        "kuaishou": ("快手", "Kuaishou", ()),
        "taobao": ("淘宝", "Taobao", ()),
        "xiaohongshu": ("小红书", "Xiaohongshu", ()),
        "other": ("自有渠道", "its own channels", ("其他", "其它")),
    },
    "ChannelType": {
        "natural": ("自然流量", "Organic", ("自然",)),
        "paid": ("付费投放", "Paid", ("付费",)),
        "influencer": ("达人合作", "Influencer", ("达人",)),
        "private": ("私域", "Private domain", ()),
    },
    "Cadence": {
        "daily": ("每日", "Daily", ("每天",)),
        "weekly": ("每周", "Weekly", ()),
        "monthly": ("每月", "Monthly", ()),
    },
}

WORDS: Catalogue = {
    "not_one": (
        "expected a key or its label: {choices}; not the text {value!r}",
        "这里应该填以下之一（键或它的名称）：{choices}，而不是文字“{value}”",
    ),
    "choice": ("{key} ({labels})", "{key}（{labels}）"),
}


def plain(word: str) -> str:
    """Return ``word`` as words are compared: NFKC, casefolded, without spaces, hyphens and underscores."""
    folded = unicodedata.normalize("NFKC", word).casefold()
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "-_")


@cache
def _index(name: str) -> dict[str, str]:
    """Return every word written for a choice of enum ``name`` (compared ``plain``) → its key."""
    index: dict[str, str] = {}
    for key, (zh, en, more) in LABELS[name].items():
        for word in (key, zh, en, *more):
            index[plain(word)] = key
    return index


def words(name: str) -> list[str]:
    """Return every word a profile may write for enum ``name``, as written here: keys first, then labels."""
    table = LABELS[name]
    return [*table, *(word for zh, en, more in table.values() for word in (zh, en, *more))]


def read_word(kind: type[E], value: Any) -> Any:
    """Return the member of ``kind`` that text ``value`` names by its key or a label; raise ``ValueError`` if none.

    A value that is not text is returned as it is, for the field's own type check.
    """
    if not isinstance(value, str) or isinstance(value, kind):
        return value
    key = _index(kind.__name__).get(plain(value))
    if key is None:
        zh = is_zh()
        choices = [
            say(WORDS, "choice", key=key, labels=("、" if zh else ", ").join((zh_label, en) if zh else (en, zh_label)))
            for key, (zh_label, en, _) in LABELS[kind.__name__].items()
        ]
        raise ValueError(say(WORDS, "not_one", choices=("、" if zh else ", ").join(choices), value=value))
    return kind(key)


def with_words(schema: dict[str, Any]) -> dict[str, Any]:
    """Return JSON Schema ``schema`` with each labelled enum of its ``$defs`` listing its labels as allowed words."""
    for name, node in schema.get("$defs", {}).items():
        if name in LABELS and "enum" in node:
            node["enum"] = words(name)
    return schema
