"""The rendered Markdown follows the contract: headings, numbering, contents, tables, Gantt, pandoc."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from opsplan.kinds import KIND_CHAPTERS, PlanKind, chapter_title
from opsplan.render.filters import chinese_numeral
from opsplan.render.markdown import tidy
from opsplan.render.markup import mermaid_id, mermaid_text, meta_attr
from opsplan.render.outputs import load_plan
from opsplan.render.views.headings import chapter_label, number_headings
from tests._docx_helpers import tool_or_skip
from tests._prose_helpers import locale_of, preset_files, render_file, render_text
from tests.conftest import MINIMAL_PROFILE

PRESETS = preset_files()


@pytest.fixture(params=PRESETS, ids=lambda p: p.stem)
def preset(request: pytest.FixtureRequest) -> tuple[Path, str]:
    path: Path = request.param
    return path, render_file(path)


def headings(markdown: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+)$", markdown, flags=re.M)


def test_title_and_contents(preset: tuple[Path, str]) -> None:
    path, md = preset
    lines = md.splitlines()
    assert lines[0].startswith("# ") and len(headings(md, 1)) == 1
    assert lines[1] == ""  # no metadata comment: the DOCX writer gets the plan's metadata directly
    assert "opsplan:meta" not in md
    contents = "目录" if locale_of(path) == "zh-CN" else "Contents"
    assert headings(md, 2)[0] == contents
    listed = re.search(rf"^## {contents}\n\n((?:- .+\n)+)", md, flags=re.M)
    assert listed is not None
    items = [line[2:] for line in listed.group(1).splitlines()]
    assert items == headings(md, 2)[1:]


def test_chapters_follow_the_plan_kind_and_are_numbered_without_gaps(preset: tuple[Path, str]) -> None:
    path, md = preset
    locale = locale_of(path)
    kind = PlanKind(path.name.split(".")[0])
    chapters = headings(md, 2)[1:]
    expected = [chapter_label(locale, i, chapter_title(c, locale)) for i, c in enumerate(KIND_CHAPTERS[kind], 1)]
    assert chapters == expected
    if locale == "zh-CN":
        assert chapters[0].startswith("一、") and chapters[9].startswith("十、")


def test_sections_are_numbered_within_chapters(preset: tuple[Path, str]) -> None:
    _, md = preset
    chapter = section = sub = 0
    for line in md.splitlines():
        if line.startswith("## ") and line not in ("## 目录", "## Contents"):
            chapter, section, sub = chapter + 1, 0, 0
        elif line.startswith("### "):
            section, sub = section + 1, 0
            assert line.startswith(f"### {chapter}.{section} "), line
        elif line.startswith("#### "):
            sub += 1
            assert line.startswith(f"#### {chapter}.{section}.{sub} "), line
        elif line.startswith("#"):
            assert re.match(r"^#{1,4} \S", line), line
    assert chapter >= 8


def test_every_chapter_has_three_or_four_sections(preset: tuple[Path, str]) -> None:
    _, md = preset
    for block in re.split(r"^## ", md, flags=re.M)[2:]:
        if block.startswith(("一、执行摘要", "1 Executive summary")):
            continue  # the one-page summary has no sections
        count = len(re.findall(r"^### ", block, flags=re.M))
        assert 3 <= count <= 4, block.splitlines()[0]


def test_headings_are_unique_and_never_empty(preset: tuple[Path, str]) -> None:
    _, md = preset
    all_headings = re.findall(r"^#{2,4} (.+)$", md, flags=re.M)
    assert len(all_headings) == len(set(all_headings))
    lines = md.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("#"):
            following = next((x for x in lines[i + 1 :] if x.strip()), "")
            assert following and not (following.startswith("#") and following.count("#") <= line.count("#")), line


def test_every_table_row_has_the_header_cell_count(preset: tuple[Path, str]) -> None:
    _, md = preset
    tables = re.findall(r"(?:^\|.*\|\n)+", md, flags=re.M)
    assert len(tables) >= 15
    for table in tables:
        rows = table.splitlines()
        assert re.fullmatch(r"\|(---\|)+", rows[1]), rows[:2]
        width = cells(rows[0])
        for row in rows:
            assert cells(row) == width, (rows[0], row)


def cells(row: str) -> int:
    return len(re.split(r"(?<!\\)\|", row)) - 2


def test_gantt_table_and_mermaid_block(preset: tuple[Path, str]) -> None:
    path, md = preset
    plan = load_plan(path)
    markers = re.findall(r"<!-- opsplan:gantt (.*?) -->\n", md)
    # each preset plans 24 months but schedules its work in a few months, which months would hide: a summary of
    # the window in months (years above), then each phase on the plan's weeks (months above)
    assert markers[0].startswith('chart="summary" axis="2" phases="')
    phase_ids = [p.id for p in plan.timeline.phases]
    assert [re.search(r'phase="([^"]+)"', m).group(1) for m in markers[1:]] == phase_ids  # type: ignore[union-attr]
    for marker, phase in zip(markers, [None, *plan.timeline.phases], strict=True):
        after = md.split(f"{marker} -->\n", 1)[1]
        assert after.startswith("| ")
        lines = after.split("\n\n", 1)[0].splitlines()
        top, bottom, rows = lines[0].split(" | ")[1:], lines[2].split(" | ")[1:], lines[3:]
        assert len(top) == len(bottom) <= 32
        if phase is None:  # 24 months from March 2027: 2027 above Mar … Dec, 2028, then 2029 above Jan, Feb
            assert re.fullmatch(r"2027年?", top[0]) and len(bottom) == 24, top[0]
        else:  # months above (the first with its year); the first week is the plan's week of the phase's start
            assert re.fullmatch(r"(\d{4}年\d{1,2}月|[A-Z][a-z]{2} \d{4})", top[0]), top[0]
            assert phase.start is not None  # a phase with a chart has tasks
            assert bottom[0] == f"W{(phase.start - plan.timeline.start).days // 7 + 1}"
        body = "\n".join(rows)
        assert ("█" in body or "▒" in body) and "◆" in body
        for mark in re.findall(r"\| ([^|\s]) (?=\|)", body):
            assert mark in "█▒◆★", mark
        phases = marker.split('phases="')[1].rstrip('"').split()
        assert len(phases) == len(rows)  # a phase (colour) for every row
        assert phases[0] == ("0" if phase is None else str(phase_ids.index(phase.id)))
    block = re.search(r"```mermaid\ngantt\n(.*?)```", md, flags=re.S)
    assert block is not None
    assert "dateFormat YYYY-MM-DD" in block.group(1)
    for line in block.group(1).splitlines()[2:]:
        assert re.fullmatch(r"    section .+|    [^:]+ :(crit, |milestone, )?\w+, \d{4}-\d{2}-\d{2}, \d+d", line), line


def test_no_raw_html_other_than_opsplan_comments(preset: tuple[Path, str]) -> None:
    _, md = preset
    for tag in re.findall(r"<[^>\n]+>", md):
        assert tag.startswith("<!-- opsplan:"), tag


@pytest.mark.slow  # a pandoc process per preset
def test_pandoc_reads_it_without_warnings(preset: tuple[Path, str], tmp_path: Path) -> None:
    pandoc = tool_or_skip(("pandoc",), "pandoc")
    path, md = preset
    source = tmp_path / f"{path.stem}.md"
    source.write_text(md, encoding="utf-8")
    done = subprocess.run(
        [pandoc, "-f", "gfm", "-t", "html", "--fail-if-warnings", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    # the contents list and the chapter headings survive as headings and list items
    assert done.stdout.count("<h2") == len(headings(md, 2))
    assert done.stdout.count("<table>") == len(re.findall(r"^\|---", md, flags=re.M))


def test_minimal_profile_renders_both_locales(tmp_path: Path) -> None:
    zh = render_text(tmp_path, MINIMAL_PROFILE)
    en = render_text(tmp_path, MINIMAL_PROFILE.replace("locale: zh-CN", "locale: en"), "shop-en.yaml")
    # douyin-flowers has 14 chapters, but the minimal profile has data for three of them (goals, timeline and
    # the outcomes computed from the goals) besides the executive summary computed from the plan: the others
    # are left out, not filled with a note
    assert headings(zh, 2) == ["目录", "一、执行摘要", "二、运营目标", "三、时间规划", "四、预期效果"]
    assert headings(en, 2) == [
        "Contents",
        "1 Executive summary",
        "2 Operating goals",
        "3 Timeline",
        "4 Expected results",
    ]
    assert "供应链" not in zh


def test_a_kind_with_fewer_chapters_has_no_numbering_gaps(tmp_path: Path) -> None:
    profile = MINIMAL_PROFILE.replace("kind: douyin-flowers", "kind: custom\n  chapters: [goals, risks, timeline]")
    profile += (
        "risks: [{id: R1, category: supply, title: 断货, likelihood: 2, impact: 3, owner: 供应链, mitigation: 备货}]\n"
    )
    md = render_text(tmp_path, profile)
    # three chapters: 一、二、三 and sections 1.1 … 3.x
    assert headings(md, 2) == ["目录", "一、运营目标", "二、风险管控", "三、时间规划"]
    assert "### 3.1 阶段安排" in md


@pytest.mark.parametrize("example", ["douyin-flowers.zh-CN.yaml", "douyin-flowers.en.yaml"])
def test_opsplan_s_own_templates_read_the_views_not_the_whole_plan(example: str) -> None:
    # render_markdown leaves the whole plan out of their context (views.build_context(whole_plan=False)); a
    # packaged template reading ``plan`` would fail on its undefined name, and with it in, the text is the same
    from opsplan.render.environment import make_environment, render_template
    from opsplan.render.markdown import PLAN_TEMPLATE
    from opsplan.render.views import build_context

    plan = load_plan(Path(__file__).resolve().parents[1] / "examples" / example)
    env = make_environment(plan.locale)
    lean, whole = build_context(plan, whole_plan=False), build_context(plan)
    assert "plan" not in lean and set(whole) - set(lean) == {"plan"}
    assert render_template(env, PLAN_TEMPLATE, lean) == render_template(env, PLAN_TEMPLATE, whole)


def test_user_template_overrides_one_chapter(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "risks.md.j2").write_text("### 自定义风险\n\n共{{ plan.risks.rows | length }}项。\n", encoding="utf-8")
    from opsplan.load import load_profile
    from opsplan.plan import build_plan
    from opsplan.render.markdown import render_markdown

    path = tmp_path / "shop.yaml"
    risk = (
        "risks: [{id: R1, category: supply, title: 断货, likelihood: 2, impact: 3, owner: 供应链, mitigation: 备货}]\n"
    )
    path.write_text(MINIMAL_PROFILE + risk, encoding="utf-8")
    md = render_markdown(build_plan(load_profile(path)), folder)
    # the plan holds the summary, goals, risks, timeline and outcomes (the chapters with data): risks is the third
    assert "### 3.1 自定义风险\n\n共1项。" in md
    assert "### 4.1 阶段安排" in md  # the packaged templates fill the rest


def test_headings_are_numbered_by_position_under_their_chapter() -> None:
    text = "\n".join(
        [
            "# 标题",
            "## 目录",
            "### not numbered",
            "## 一、背景",
            "### 规模",
            "#### 细分",
            "#### 区域",
            "### 趋势",
            "```mermaid",
            "### inside code",
            "```",
            "## 二、问题",
            "### 基线",
        ]
    )
    numbered = number_headings(text, ["一、背景", "二、问题"]).split("\n")
    assert numbered[2] == "### not numbered"  # under 目录, which is not a chapter
    assert numbered[4:8] == ["### 1.1 规模", "#### 1.1.1 细分", "#### 1.1.2 区域", "### 1.2 趋势"]
    assert numbered[9] == "### inside code"
    assert numbered[12] == "### 2.1 基线"  # numbering restarts under the next chapter
    assert chapter_label("en", 3, "Goals") == "3 Goals"
    assert chapter_label("zh-CN", 11, "组织与资源") == f"{chinese_numeral(11)}、组织与资源" == "十一、组织与资源"


def test_small_helpers() -> None:
    assert meta_attr('A "quoted" & co') == "A &quot;quoted&quot; &amp; co"
    assert meta_attr("two\nlines -- here") == "two lines &#45;&#45; here"
    assert mermaid_text("阶段: 准备; #1") == "阶段  准备, 1"
    assert mermaid_id("prep.hire-1") == "prep_hire_1"


def test_tidy_separates_tables_from_paragraphs() -> None:
    text = "para\n| a |\n|---|\n| 1 |\nnext\n\n\n\nlast  \n\n"
    assert tidy(text) == "para\n\n| a |\n|---|\n| 1 |\n\nnext\n\nlast\n"
    assert tidy("<!-- opsplan:gantt -->\n| a |\n|---|\n") == "<!-- opsplan:gantt -->\n| a |\n|---|\n"
