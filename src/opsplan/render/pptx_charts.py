"""Native charts on slides (editable in PowerPoint and WPS, data embedded): line, bar and doughnut."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Pt

from opsplan.metrics import MetricKind
from opsplan.render.pptx_text import LATIN_FONT, set_east_asian

Rect = tuple[int, int, int, int]
PALETTE = ("1F4E79", "2E86C1", "85C1E9", "F39C12", "A04000", "7F8C8D", "27AE60", "8E44AD")


@dataclass(frozen=True)
class Series:
    """One series of a chart: its category labels, its name, its values and how they are formatted."""

    categories: Sequence[str]
    name: str
    values: Sequence[float]
    number_format: str = "#,##0"
    labels: Sequence[str] = ()


def axis_number_format(locale: str, largest: float, kind: MetricKind, currency: str = "CNY") -> str:
    """Return the number format that shows chart values in the plan's units (120万 / 1.2M), the data unscaled.

    A trailing comma divides by 1,000 and an escaped point divides by 10 more, so 1,200,000 shows as
    120.0万 (zh-CN) or 1.2M (en) while the chart's data stays 1200000: the value a person edits.
    """
    if kind is MetricKind.RATE:
        return "0.0%"
    if kind not in (MetricKind.COUNT, MetricKind.MONEY):
        return "#,##0.0"
    size = abs(largest)
    money = kind is MetricKind.MONEY
    if locale.startswith("zh"):
        unit = ("元" if currency == "CNY" else currency) if money else ""
        if size >= 1e8:
            return f'0\\.00,,"亿{unit}"'
        if size >= 1e4:
            return f'0\\.0,"万{unit}"'
        return f'#,##0"{unit}"' if unit else "#,##0"
    prefix = f'"{currency} "' if money else ""
    if size >= 1e6:
        return f'{prefix}0.0,,"M"'
    if size >= 1e4:
        return f'{prefix}#,##0,"k"'
    return f"{prefix}#,##0"


def _chart(slide: Slide, rect: Rect, kind: XL_CHART_TYPE, series: Series, locale: str) -> Chart:
    data = CategoryChartData(number_format=series.number_format)
    data.categories = list(series.categories)
    data.add_series(series.name, list(series.values))
    left, top, width, height = rect
    chart: Chart = slide.shapes.add_chart(kind, left, top, width, height, data).chart
    chart.has_title = False  # the slide's caption names the chart
    chart.font.size = Pt(12)
    chart.font.name = LATIN_FONT
    text_props = chart._chartSpace.find(qn("c:txPr"))
    if text_props is not None:
        for rpr in text_props.iter(qn("a:defRPr")):
            set_east_asian(rpr, locale)
    return chart


def line_chart(slide: Slide, rect: Rect, series: Series, locale: str) -> Chart:
    """Add a line chart of one series (a goal trajectory), with markers and the value axis formatted."""
    chart = _chart(slide, rect, XL_CHART_TYPE.LINE_MARKERS, series, locale)
    chart.has_legend = False
    chart.value_axis.tick_labels.number_format = series.number_format
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.has_major_gridlines = True
    line = chart.plots[0].series[0]
    line.format.line.color.rgb = RGBColor.from_string(PALETTE[0])
    line.format.line.width = Pt(2.5)
    line.smooth = False
    return chart


def bar_chart(slide: Slide, rect: Rect, series: Series, locale: str, *, horizontal: bool = True) -> Chart:
    """Add a bar chart of one series with its values as data labels (a funnel, a split, headcount)."""
    kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    chart = _chart(slide, rect, kind, series, locale)
    chart.has_legend = False
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = series.number_format
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.series[0].format.fill.solid()
    plot.series[0].format.fill.fore_color.rgb = RGBColor.from_string(PALETTE[1])
    for point, text in zip(plot.series[0].points, series.labels, strict=False):
        point.data_label.text_frame.text = text  # the plan's own wording of each value: 120万, 1.2M
        point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    if horizontal:
        chart.category_axis.reverse_order = True  # the first category at the top, as a funnel reads
    return chart


def doughnut_chart(slide: Slide, rect: Rect, categories: Sequence[str], shares: Sequence[float], locale: str) -> Chart:
    """Add a doughnut of shares (fractions summing to 1) with percentage labels and a legend."""
    chart = _chart(slide, rect, XL_CHART_TYPE.DOUGHNUT, Series(categories, "share", shares, "0%"), locale)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.RIGHT
    chart.legend.include_in_layout = False
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format = "0%"
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.show_value = True
    for i, point in enumerate(plot.series[0].points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = RGBColor.from_string(PALETTE[i % len(PALETTE)])
    return chart
