"""Plan kinds and the chapters each one holds, in order (BRIEF §2–3)."""

from __future__ import annotations

from enum import StrEnum


class Chapter(StrEnum):
    """The chapter keys a plan is built from."""

    SUMMARY = "summary"
    BACKGROUND = "background"
    PROBLEMS = "problems"
    POSITIONING = "positioning"
    GOALS = "goals"
    CONTENT = "content"
    TRAFFIC = "traffic"
    USERS = "users"
    SUPPLY = "supply"
    DATA = "data"
    RISKS = "risks"
    ORGANIZATION = "organization"
    TIMELINE = "timeline"
    OUTCOMES = "outcomes"


class PlanKind(StrEnum):
    """The five plan kinds (presets) and ``custom``."""

    DOUYIN_FLOWERS = "douyin-flowers"
    WECHAT_CLOTHING_GROUP = "wechat-clothing-group"
    XIGUA_STORE = "xigua-store"
    DOUYIN_GROUPBUY = "douyin-groupbuy"
    LIVESTREAM_STORE = "livestream-store"
    CUSTOM = "custom"


CHAPTER_TITLES: dict[Chapter, tuple[str, str]] = {
    Chapter.SUMMARY: ("执行摘要", "Executive summary"),
    Chapter.BACKGROUND: ("行业背景与市场分析", "Market background"),
    Chapter.PROBLEMS: ("问题定义", "Problem definition"),
    Chapter.POSITIONING: ("目标与定位", "Positioning"),
    Chapter.GOALS: ("运营目标", "Operating goals"),
    Chapter.CONTENT: ("内容矩阵", "Content matrix"),
    Chapter.TRAFFIC: ("流量获取与转化", "Traffic and conversion"),
    Chapter.USERS: ("用户运营", "User operations"),
    Chapter.SUPPLY: ("供应链与履约", "Supply chain and fulfilment"),
    Chapter.DATA: ("数据监测", "Data and KPIs"),
    Chapter.RISKS: ("风险管控", "Risk management"),
    Chapter.ORGANIZATION: ("组织与资源", "Organisation and budget"),
    Chapter.TIMELINE: ("时间规划", "Timeline"),
    Chapter.OUTCOMES: ("预期效果", "Expected results"),
}

_C = Chapter
KIND_CHAPTERS: dict[PlanKind, tuple[Chapter, ...]] = {
    PlanKind.DOUYIN_FLOWERS: (
        _C.SUMMARY,
        _C.BACKGROUND,
        _C.PROBLEMS,
        _C.POSITIONING,
        _C.GOALS,
        _C.CONTENT,
        _C.TRAFFIC,
        _C.USERS,
        _C.SUPPLY,
        _C.DATA,
        _C.RISKS,
        _C.ORGANIZATION,
        _C.TIMELINE,
        _C.OUTCOMES,
    ),
    PlanKind.WECHAT_CLOTHING_GROUP: (
        _C.SUMMARY,
        _C.BACKGROUND,
        _C.PROBLEMS,
        _C.POSITIONING,
        _C.GOALS,
        _C.USERS,
        _C.CONTENT,
        _C.TRAFFIC,
        _C.DATA,
        _C.RISKS,
        _C.ORGANIZATION,
        _C.TIMELINE,
        _C.OUTCOMES,
    ),
    PlanKind.XIGUA_STORE: (
        _C.SUMMARY,
        _C.BACKGROUND,
        _C.PROBLEMS,
        _C.POSITIONING,
        _C.GOALS,
        _C.CONTENT,
        _C.TRAFFIC,
        _C.SUPPLY,
        _C.DATA,
        _C.RISKS,
        _C.ORGANIZATION,
        _C.TIMELINE,
        _C.OUTCOMES,
    ),
    PlanKind.DOUYIN_GROUPBUY: (
        _C.SUMMARY,
        _C.BACKGROUND,
        _C.PROBLEMS,
        _C.POSITIONING,
        _C.GOALS,
        _C.CONTENT,
        _C.TRAFFIC,
        _C.USERS,
        _C.DATA,
        _C.RISKS,
        _C.ORGANIZATION,
        _C.TIMELINE,
        _C.OUTCOMES,
    ),
    PlanKind.LIVESTREAM_STORE: (
        _C.SUMMARY,
        _C.BACKGROUND,
        _C.PROBLEMS,
        _C.POSITIONING,
        _C.GOALS,
        _C.CONTENT,
        _C.TRAFFIC,
        _C.USERS,
        _C.SUPPLY,
        _C.DATA,
        _C.RISKS,
        _C.ORGANIZATION,
        _C.TIMELINE,
        _C.OUTCOMES,
    ),
    PlanKind.CUSTOM: tuple(Chapter),
}

KIND_DESCRIPTIONS: dict[PlanKind, tuple[str, str]] = {
    PlanKind.DOUYIN_FLOWERS: (
        "抖音短视频+直播的高端花束品牌",
        "Premium bouquet brand on Douyin short video and livestream",
    ),
    PlanKind.WECHAT_CLOTHING_GROUP: (
        "服装品牌的微信私域社群运营",
        "Clothing brand running WeChat customer groups (private domain)",
    ),
    PlanKind.XIGUA_STORE: ("西瓜视频新店开业运营", "Opening and running a new store on Xigua Video"),
    PlanKind.DOUYIN_GROUPBUY: (
        "餐饮门店的抖音团购券（本地生活）",
        "Restaurant selling Douyin group-buy vouchers (local life)",
    ),
    PlanKind.LIVESTREAM_STORE: ("直播店铺从零搭建", "Setting up a livestream store from scratch"),
    PlanKind.CUSTOM: ("自定义方案，章节由 plan.chapters 决定", "Custom plan; chapters come from plan.chapters"),
}


def chapter_title(chapter: Chapter, locale: str) -> str:
    """Return the chapter's title in ``locale``."""
    zh, en = CHAPTER_TITLES[chapter]
    return zh if locale.startswith("zh") else en


def chapters_for(kind: PlanKind, override: list[Chapter] | None = None) -> tuple[Chapter, ...]:
    """Return the chapters of a plan of ``kind``, or ``override`` when the profile names its own."""
    if override:
        return tuple(override)
    return KIND_CHAPTERS[kind]
