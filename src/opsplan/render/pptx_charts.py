"""Native charts on slides (editable in PowerPoint and WPS, data embedded): line, bar and doughnut."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.slide import Slide
from pptx.util import Pt

from opsplan.formatting import compact_unit, currency_unit
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


@dataclass(frozen=True)
class ValueAxis:
    """A value axis laid out as the plan writes its figures: ticks 0, 100万元, 200万元 … or CNY 1M, CNY 2M … or 35%.

    The chart's values are the plan's divided by ``divisor`` (so 6,000,000 is 600 in 万元: no number format divides
    by 10⁴, and LibreOffice ignores an axis's display units); ``unit`` names them for the series (万元, CNY M).
    Ticks run from ``bottom`` to ``top`` every ``step``, in those units.
    """

    divisor: float
    unit: str
    bottom: float
    top: float
    step: float
    number_format: str

    def series(self, categories: Sequence[str], name: str, values: Sequence[float], locale: str) -> Series:
        """Return the series of ``values`` on this axis: divided into its unit, which its name then carries."""
        if self.unit:
            name += f"（{self.unit}）" if locale.startswith("zh") else f" ({self.unit})"
        return Series(categories, name, [value / self.divisor for value in values], self.number_format)


def value_axis(locale: str, values: Sequence[float], kind: MetricKind, currency: str = "CNY") -> ValueAxis:
    """Return the value axis for ``values`` of a metric of ``kind``, in the unit the plan gives the largest.

    About five steps of 1, 2 or 5 × 10ⁿ from 0 (or below the smallest value when it is negative); a tick has the
    decimals its step needs and no more: 600万元 (not 600.0万元), CNY 6M, CNY 1.5M, 35%, 2.5%.
    """
    low, high = min(0.0, *values), max(0.0, *values)
    if kind is MetricKind.RATE:  # fractions; the % in the format multiplies by 100
        step = _step((high - low) * 100)
        decimals = "." + "0" * _decimals(step) if _decimals(step) else ""
        return ValueAxis(1.0, "", *_span(low * 100, high * 100, step, 100), f"0{decimals}%")
    divisor, unit = (1.0, "")
    if kind in (MetricKind.COUNT, MetricKind.MONEY):
        divisor, unit = compact_unit(locale, max(abs(low), abs(high)))
    before = after = ""
    if kind is MetricKind.MONEY and locale.startswith("zh"):
        after = unit + currency_unit(locale, currency)
    elif kind is MetricKind.MONEY:
        before, after = currency_unit(locale, currency) + " ", unit
    else:
        after = unit
    step = _step((high - low) / divisor)
    # a whole step: every tick whole, grouped (1,600万元); a step below 1: General writes 0.5 and 1, not 1.0
    digits = "#,##0" if _decimals(step) == 0 else "General"
    shown = (f'"{before}"' if before else "") + digits + (f'"{after}"' if after else "")
    name = (before.strip() + " " + after).strip() if before else after
    return ValueAxis(divisor, name, *_span(low / divisor, high / divisor, step, 1), f'{shown};-{shown};"0"')


def _step(span: float) -> float:
    """Return 1, 2 or 5 × 10ⁿ: the smallest that covers ``span`` in five steps."""
    rough = span / 5 if span > 0 else 1.0
    magnitude = 10.0 ** math.floor(math.log10(rough))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough * (1 - 1e-9))


def _decimals(step: float) -> int:
    """Return the decimals a tick every ``step`` (1, 2 or 5 × 10ⁿ) needs: 0 from 1 up, 1 for 0.5, 2 for 0.05."""
    return max(0, -math.floor(math.log10(step) + 1e-9))


def _span(low: float, high: float, step: float, per: float) -> tuple[float, float, float]:
    """Return the bottom, top and step of ticks covering ``low``…``high`` (each divided by ``per``)."""
    bottom = math.floor(low / step + 1e-9) * step
    top = max(math.ceil(high / step - 1e-9), 1) * step
    return bottom / per, top / per, step / per


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


def line_chart(slide: Slide, rect: Rect, series: Series, locale: str, axis: ValueAxis) -> Chart:
    """Add a line chart of one series (a goal trajectory, in ``axis``'s units), with markers, on ``axis``.

    A point with a label in ``series.labels`` (a draft's 40万元【待填写】) shows it above the point; "" shows none.
    """
    chart = _chart(slide, rect, XL_CHART_TYPE.LINE_MARKERS, series, locale)
    chart.has_legend = False
    values = chart.value_axis
    values.tick_labels.number_format = axis.number_format
    values.tick_labels.number_format_is_linked = False
    values.minimum_scale, values.maximum_scale, values.major_unit = axis.bottom, axis.top, axis.step
    values.has_major_gridlines = True
    line = chart.plots[0].series[0]
    line.format.line.color.rgb = RGBColor.from_string(PALETTE[0])
    line.format.line.width = Pt(2.5)
    line.smooth = False
    for point, text in zip(line.points, series.labels, strict=False):
        if text:
            point.data_label.text_frame.text = text
            point.data_label.position = XL_LABEL_POSITION.ABOVE
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
