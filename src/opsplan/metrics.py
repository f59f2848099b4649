"""The metric catalogue: every metric a profile may name in its baseline, goals and KPIs.

A metric's ``kind`` decides how it is formatted, interpolated and checked (BRIEF §4);
its ``direction`` says whether a good plan moves it up or down.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class MetricKind(StrEnum):
    """How a metric's values behave."""

    COUNT = "count"
    MONEY = "money"
    RATE = "rate"
    RATIO = "ratio"
    DURATION = "duration"


class Direction(StrEnum):
    """Which way a good plan moves a metric."""

    UP = "up"
    DOWN = "down"


class Metric(NamedTuple):
    """One catalogued metric."""

    key: str
    zh: str
    en: str
    kind: MetricKind
    direction: Direction = Direction.UP
    unit: str = ""

    def label(self, locale: str) -> str:
        """Return the metric's label in ``locale`` (``zh-CN`` or ``en``)."""
        return self.zh if locale.startswith("zh") else self.en


_C, _M, _R, _X, _D = MetricKind.COUNT, MetricKind.MONEY, MetricKind.RATE, MetricKind.RATIO, MetricKind.DURATION
_DOWN = Direction.DOWN

CATALOGUE: dict[str, Metric] = {
    m.key: m
    for m in [
        # audience and content
        Metric("followers", "粉丝数", "Followers", _C),
        Metric("monthly_views", "月播放量", "Monthly video views", _C),
        Metric("monthly_posts", "月发布条数", "Posts per month", _C),
        Metric("completion_rate", "完播率", "Completion rate", _R),
        Metric("interaction_rate", "互动率", "Interaction rate", _R),
        Metric("click_through_rate", "点击率", "Click-through rate", _R),
        Metric("avg_watch_seconds", "平均观看时长", "Average watch time", _D, unit="seconds"),
        # sales
        Metric("monthly_gmv", "月GMV", "Monthly GMV", _M),
        Metric("annual_gmv", "年GMV", "Annual GMV", _M),
        Metric("aov", "客单价", "Average order value", _M),
        Metric("monthly_orders", "月订单数", "Monthly orders", _C),
        Metric("conversion_rate", "转化率", "Conversion rate", _R),
        Metric("repurchase_rate", "复购率", "Repurchase rate", _R),
        Metric("member_repurchase_90d", "会员90天复购率", "90-day member repurchase rate", _R),
        Metric("new_customers", "月新客数", "New customers per month", _C),
        Metric("cac", "获客成本", "Customer acquisition cost", _M, _DOWN),
        Metric("roi", "投放ROI", "Ad ROI", _X),
        Metric("roas", "广告支出回报率", "Return on ad spend", _X),
        Metric("commission_rate", "平台佣金率", "Platform commission rate", _R, _DOWN),
        Metric("gross_margin", "毛利率", "Gross margin", _R),
        # private domain and users
        Metric("group_members", "社群成员数", "Group members", _C),
        Metric("active_user_share", "活跃用户占比", "Active user share", _R),
        Metric("group_sales_share", "社群销售占比", "Group share of store sales", _R),
        Metric("koc_count", "KOC人数", "KOC count", _C),
        Metric("members", "会员数", "Members", _C),
        Metric("churn_rate", "月流失率", "Monthly churn rate", _R, _DOWN),
        Metric("nps", "净推荐值", "Net promoter score", _X),
        # local life and vouchers
        Metric("voucher_sales", "月团购券销量", "Vouchers sold per month", _C),
        Metric("redemption_rate", "核销率", "Redemption rate", _R),
        Metric("refund_rate", "退款率", "Refund rate", _R, _DOWN),
        Metric("partner_stores", "合作门店数", "Partner stores", _C),
        Metric("store_rating", "店铺评分", "Store rating", _X),
        Metric("positive_review_rate", "好评率", "Positive review rate", _R),
        # livestream
        Metric("live_viewers", "单场观看人数", "Viewers per live session", _C),
        Metric("live_sessions", "月直播场次", "Live sessions per month", _C),
        Metric("live_conversion_rate", "直播转化率", "Livestream conversion rate", _R),
        Metric("first_order_conversion", "首单转化率", "First-order conversion rate", _R),
        Metric("live_gmv", "直播月GMV", "Monthly livestream GMV", _M),
        Metric("avg_live_watch_minutes", "直播平均停留时长", "Average live watch time", _D, unit="minutes"),
        # service and supply
        Metric("return_rate", "退货率", "Return rate", _R, _DOWN),
        Metric("inventory_turnover_days", "库存周转天数", "Inventory turnover", _D, _DOWN, "days"),
        Metric("delivery_hours", "发货时效", "Dispatch time", _D, _DOWN, "hours"),
        Metric("response_hours", "客诉响应时长", "Complaint response time", _D, _DOWN, "hours"),
        Metric("on_time_delivery_rate", "准时送达率", "On-time delivery rate", _R),
    ]
}


def get_metric(key: str) -> Metric:
    """Return the catalogued metric ``key``; raise ``KeyError`` with a did-you-mean hint if unknown."""
    try:
        return CATALOGUE[key]
    except KeyError:
        raise KeyError(unknown_metric_message(key)) from None


def unknown_metric_message(key: str) -> str:
    """Explain that ``key`` is not a catalogued metric, suggesting the closest ones."""
    from difflib import get_close_matches  # only when a name is unknown

    from opsplan.load_messages import did_you_mean
    from opsplan.profile_messages import pmsg

    close = get_close_matches(key, CATALOGUE, n=3, cutoff=0.6)
    return pmsg("metric.unknown", key=key, hint=did_you_mean(close))
