"""The DOCX Gantt's axis: no label is broken inside (W12 never reads W1 / 2), in the DOCX and in LibreOffice's PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from opsplan.render.docx import build_docx
from tests._docx_helpers import W, convert_to_pdf, gantt_table, open_docx, pdftotext_or_skip, text_of

MONTHS = ["Mar 2027", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct"]


def _chart(weeks: int, second: bool = False) -> str:
    """Return a plan's Markdown with a Gantt chart of ``weeks`` week columns under month labels.

    Six tasks with names long enough that the name column takes its full 30 %, and a milestone; ``second``
    adds a second chart, which goes on portrait pages.
    """
    head = ["Task", *(MONTHS[i // 4] if i % 4 == 0 else "" for i in range(weeks))]
    rows = [head, ["---"] * (weeks + 1), ["Week", *(f"W{i + 1}" for i in range(weeks))]]
    for t in range(6):
        rows.append(
            [f"Task number {t} with a long name", *("█" if t * 4 <= i < t * 4 + 6 else "" for i in range(weeks))]
        )
    rows.append(["◆ M1 Launch ready", *("◆" if i == 5 else "" for i in range(weeks))])
    table = "\n".join("| " + " | ".join(r) + " |" for r in rows)
    marker = f'<!-- opsplan:gantt chart="all" axis="2" phases="{" ".join(["0"] * 6 + ["m"])}" -->\n'
    chart = "The chart:\n\n" + marker + table + "\n\n"
    return "# Plan\n\n## 1 Timeline\n\n" + chart + ("## 2 Again\n\n" + chart if second else "")


def _axis(table: object) -> tuple[list[int], list[str], bool]:
    """Return the chart's grid widths, its week row's texts and whether any cell of that row is turned."""
    tbl = table._tbl  # type: ignore[attr-defined]
    widths = [int(c.get(f"{W}w")) for c in tbl.find(f"{W}tblGrid")]
    row = tbl.findall(f"{W}tr")[1]
    turned = bool(row.findall(f".//{W}textDirection"))
    return widths, [text_of(cell) for cell in row.findall(f"{W}tc")], turned


def test_weeks_too_narrow_for_their_label_are_numbered_without_the_w() -> None:
    doc = open_docx(build_docx(_chart(30)))
    widths, texts, turned = _axis(gantt_table(doc))
    # landscape A4 less 1 inch margins: 16,838 − 2 × 1,440 = 13,958 twips; the names need 30 characters × 110
    # + 200 = 3,500 (under 30 %, 4,187), the 30 weeks share the rest: 10,458 // 30 = 348 twips each
    assert widths[0] == 13958 - 30 * 348 and widths[1:] == [348] * 30
    # "W30" in bold 7 pt needs (0.944 + 2 × 0.556 em = 2.056 em) × 140 = 287 twips, + 2 × 20 of cell margins and
    # 30 of air = 357 > 348; "30" needs 1.112 × 140 + 70 = 225: the row gives the numbers, under "Week"
    assert texts == ["Week", *(str(i) for i in range(1, 31))] and not turned


def test_weeks_whose_label_fits_keep_it() -> None:
    # 20 weeks: (13,958 − 3,500) // 20 = 522 twips each, more than the 357 "W20" needs
    _, texts, turned = _axis(gantt_table(open_docx(build_docx(_chart(20)))))
    assert texts == ["Week", *(f"W{i}" for i in range(1, 21))] and not turned


def test_weeks_too_narrow_even_for_their_number_are_turned_upright() -> None:
    doc = open_docx(build_docx(_chart(32, second=True)))
    second = [t for t in doc.tables if t._tbl.xpath('.//w:pStyle[@w:val="OpsplanGanttText"]')][1]
    widths, texts, turned = _axis(second)
    # the second chart is on portrait pages: 11,906 − 2,880 = 9,026 twips, names at most 30 % (2,707), 32 weeks
    # of 6,319 // 32 = 197 twips, less than the 225 that "10" needs: the labels keep their W and read upwards
    assert widths[1:] == [197] * 32
    assert texts == ["Week", *(f"W{i}" for i in range(1, 33))] and turned


def test_chinese_months_too_narrow_for_their_label_are_numbered() -> None:
    months = [f"{(2 + i) % 12 + 1}月" for i in range(30)]  # 3月 … 12月, 1月 … 8月
    head = ["任务", *("2027年" if i == 0 else "2028年" if i == 10 else "2029年" if i == 22 else "" for i in range(30))]
    rows = [head, ["---"] * 31, ["月份", *months]]
    rows += [[f"Task number {t} with a long name", *("█" if i == t else "" for i in range(30))] for t in range(3)]
    marker = f'<!-- opsplan:gantt chart="all" axis="2" phases="{" ".join(["0"] * 3)}" -->\n'
    table = "\n".join("| " + " | ".join(r) + " |" for r in rows)
    widths, texts, turned = _axis(gantt_table(open_docx(build_docx(f"# 方案\n\n## 一、时间\n\n{marker}{table}\n"))))
    # 30 months of (13,958 − 3,500) // 30 = 348 twips; "12月" in bold 7 pt needs (2 × 0.556 + 1 em) × 140 = 295
    # twips + 70 = 365, "12" needs 225: the row gives the months' numbers under "月份"
    assert widths[1:] == [348] * 30
    assert texts == ["月份", *(m[:-1] for m in months)] and not turned


@pytest.mark.slow
def test_libreoffice_sets_every_week_label_on_one_line(tmp_path: Path) -> None:
    docx = tmp_path / "chart.docx"
    docx.write_bytes(build_docx(_chart(30)))
    pdf = convert_to_pdf([docx], tmp_path)["chart"]
    text = subprocess.run([pdftotext_or_skip(), "-layout", str(pdf), "-"], capture_output=True, check=True)
    lines = text.stdout.decode("utf-8").splitlines()
    week = next(line for line in lines if line.startswith("Week"))
    # before, W10 … W28 broke after their first digit: "W1" on this line and "0" on the next
    assert week.split() == ["Week", *(str(i) for i in range(1, 31))]


@pytest.mark.parametrize(("first", "month"), [("2027年3月", "3月"), ("Mar 2027", "Mar")], ids=["zh-CN", "en"])
def test_a_month_too_narrow_for_its_year_gives_the_month_alone(first: str, month: str) -> None:
    from opsplan.render.docx_figures import axis_texts
    from opsplan.render.mdblocks import Run

    texts = ["任务", first, "4月", "", "", "", "5月", "", "", ""]
    # a one-week first column of 370 twips: "2027" in bold 7 pt needs 4 × 0.556 em × 140 = 311 twips + 70 of
    # margins and air = 381, too wide (the wechat zh-CN plan read "20" / "27" / "3" turned upwards); "3月" needs
    # (0.556 + 1) × 140 = 217 + 70 = 287 twips, "Mar" (0.833 + 0.556 + 0.389) × 140 = 248 + 70 = 318, and fit, so
    # the row keeps reading across
    cells = tuple((Run(t),) for t in texts)
    shown, turned = axis_texts(cells, [3000, *([370] * 9)])
    assert shown == ["任务", month, "4月", "", "", "", "5月", "", "", ""] and not turned
