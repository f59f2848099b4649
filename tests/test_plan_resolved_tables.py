"""Names written with a reference (``${shop.name}千川``) reach every table as the plan says them, once.

``plan.budget`` (lines, channels), ``plan.team`` (roles) and ``plan.funnel`` (stages) were built from the raw
profile: the Markdown, DOCX, HTML, XLSX, PPTX and JSON plans showed ``${shop.name}千川`` literally in the budget,
channel, team and funnel tables, while pillars, segments and risks (read from the resolved profile) were said.
The plan now keeps these names with their references resolved; the check's money rules (OPS904–OPS906) read
and classify the names from it.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.plan.budget import line_purpose
from opsplan.render.markdown import render_markdown
from opsplan.render.options import RenderOptions
from opsplan.render.outputs import render_bytes
from tests._check_helpers import CLEAN_PROFILE, findings_of
from tests.conftest import varied

FORMATS = ("md", "docx", "html", "xlsx", "pptx", "json")

# CLEAN_PROFILE (shop 花间, zh-CN, budget 600,000 over 6 months) with a reference in a name of each kind
REFERRED = varied(
    CLEAN_PROFILE,
    ("    - name: 科普\n", "    - name: ${shop.name}科普\n"),
    ("{name: 自然流量, type: natural", "{name: '${shop.name}自然流量', type: natural"),
    (
        "{name: 千川, type: paid, share: 0.4, roi: 2.5}",
        "{name: '${shop.name}千川', type: paid, share: 0.4, roi: 2.5, monthly_spend: 20000}",
    ),
    ("{stage: 曝光}", "{stage: '${shop.name}直播间曝光'}"),
    ("{stage: 支付, rate: 0.02}", "{stage: '${shop.name}支付', rate: 0.02}"),
    ("{name: 新客, share: 0.5}", "{name: '${shop.name}新客', share: 0.5}"),
    ("title: 断货,", "title: '${shop.name}断货',"),
    ("{role: 运营, count: 2", "{role: '${shop.name}运营', count: 2"),
    (
        "    - {name: 内容, share: 0.5}\n    - {name: 投放, share: 0.5}",
        "    - {name: '${shop.name}内容制作', share: 0.5, note: '${shop.name}的拍摄与剪辑'}\n"
        "    - {name: '${shop.name}投放', share: 0.5}",
    ),
) + (
    "sections:\n"
    "  content: {title: '${shop.name}内容矩阵'}\n"
    "  story: {title: '${shop.name}的品牌故事', after: content, body: '${shop.name}的品牌故事围绕花艺师展开。'}\n"
)
# the names the budget, channel, team and funnel tables show in every format; the chapters (Markdown, DOCX, HTML)
# show the pillars, segments, risks and budget notes as well, the JSON the risks (it holds no profile); chapter
# titles are in the contents and headings, the deck's agenda and the JSON's chapters
TABLED = (
    "{shop}内容制作",
    "{shop}投放",
    "{shop}千川",
    "{shop}自然流量",
    "{shop}运营",
    "{shop}直播间曝光",
    "{shop}支付",
)
CHAPTERED = (*TABLED, "{shop}科普", "{shop}新客", "{shop}断货", "{shop}的拍摄与剪辑")
TITLED = ("{shop}内容矩阵", "{shop}的品牌故事")
SHOWN = {
    "md": (*CHAPTERED, *TITLED),
    "docx": (*CHAPTERED, *TITLED),
    "html": (*CHAPTERED, *TITLED),
    "xlsx": TABLED,
    "pptx": (*TABLED, *TITLED),
    "json": (*TABLED, "{shop}断货", *TITLED),
}


def _zip_texts(data: bytes) -> list[str]:
    """Return the text of every XML part of a DOCX, XLSX or PPTX, tags dropped, including the workbooks in it."""
    texts: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            member = package.read(name)
            if name.endswith(".xlsx"):  # a PPTX chart's data
                texts += _zip_texts(member)
            elif name.endswith((".xml", ".rels")):
                texts.append(html.unescape(re.sub(r"<[^>]+>", "", member.decode("utf-8"))))
    return texts


def _rendered(tmp_path: Path, text: str) -> dict[str, str]:
    """Render ``text`` as a profile in every format and return each one's text."""
    path = tmp_path / "shop.yaml"
    path.write_text(text, encoding="utf-8")
    made = render_bytes(path, RenderOptions(page_numbers="none"), FORMATS)
    return {
        fmt: "\n".join(_zip_texts(data)) if fmt in ("docx", "xlsx", "pptx") else data.decode("utf-8")
        for fmt, data in zip(FORMATS, made, strict=True)
    }


@pytest.mark.parametrize("shop", ["花间", "云栖"])
def test_every_format_shows_the_names_resolved_and_follows_the_shop_name(tmp_path, shop):
    # 云栖: the shop renamed in one place; every table follows, and the old name is left nowhere
    text = REFERRED.replace("name: 花间\n", f"name: {shop}\n", 1)
    rendered = _rendered(tmp_path, text)
    for fmt, shown in rendered.items():
        assert "${" not in shown, (fmt, shown[max(0, shown.find("${") - 80) : shown.find("${") + 80])
        missing = [name.format(shop=shop) for name in SHOWN[fmt] if name.format(shop=shop) not in shown]
        assert missing == [], fmt
        if shop != "花间":
            assert "花间" not in shown, fmt
    # Markdown rows, worked by hand: a line of 50% of 600,000 = 300,000 (30万元), 50,000 a month (5万元);
    # 千川 20,000 a month × 6 = 120,000 (12万元) at ROI 2.5 = 300,000 (30万元); 2 × 15,000 = 30,000 a month,
    # 180,000 over 6 months; the short horizon's 300,000 / AOV 200 = 1,500 orders, / 2% / 5% = 1,500,000
    # exposures (150万), the mid one's 500,000 / 200 = 2,500 orders and 2,500,000 exposures (250万)
    markdown = rendered["md"]
    assert f"| {shop}内容制作 | 50% | 30万元 | 5万元 | {shop}的拍摄与剪辑 |" in markdown
    assert f"| {shop}千川 | 付费投放 | 40% | 2.5 | 2万元 | 12万元 | 30万元 |" in markdown
    assert f"| {shop}运营 | 2 | 1.5万元 | 3万元 | 18万元 |" in markdown
    assert f"| {shop}直播间曝光 | 入口 | 150万 | 250万 |" in markdown
    assert f"| {shop}支付 | 2% | 1,500 | 2,500 |" in markdown
    data = json.loads(rendered["json"])
    assert [(i["name"], i["amount"]) for i in data["budget"]["items"]] == [
        (f"{shop}内容制作", 300_000),
        (f"{shop}投放", 300_000),
    ]
    assert [(c["name"], c["gmv_return"]) for c in data["budget"]["channels"]] == [
        (f"{shop}自然流量", None),
        (f"{shop}千川", 300_000),
    ]
    assert [r["role"] for r in data["team"]["roles"]] == [f"{shop}运营"]
    stages = [[(s["stage"], s["volume"]) for s in case["stages"]] for case in data["funnel"]["horizons"]]
    assert stages == [
        [(f"{shop}直播间曝光", 1_500_000), ("点击", 75_000), (f"{shop}支付", 1_500)],
        [(f"{shop}直播间曝光", 2_500_000), ("点击", 125_000), (f"{shop}支付", 2_500)],
    ]
    assert [s["stage"] for s in data["funnel"]["forward"]["stages"]] == [f"{shop}直播间曝光", "点击", f"{shop}支付"]


def test_a_name_is_resolved_once(write):
    # $${ writes a literal ${: the plan says "${team.headcount}人力", and nothing resolves it a second time
    text = varied(REFERRED, ("'${shop.name}内容制作'", "'$${team.headcount}人力'"))
    plan = build_plan(load_profile(write("shop.yaml", text)))
    assert [item.name for item in plan.budget.items] == ["${team.headcount}人力", "花间投放"]


def _money(write, *edits: tuple[str, str]) -> list[tuple[str, str]]:
    """Check CLEAN_PROFILE with ``edits`` and return its findings as (rule, message)."""
    return [(f.rule, f.message) for f in findings_of(write("shop.yaml", varied(CLEAN_PROFILE, *edits)))]


# CLEAN_PROFILE's team: 2 × 26,000 = 52,000 a month, 312,000 over the 6-month budget; budget 600,000 with three
# lines: 30% (180,000) named by the headcount, 内容 20% (120,000), 投放 50% (300,000, paid media; no channel spends)
BY_HEADCOUNT = (
    ("monthly_cost: 15000", "monthly_cost: 26000"),
    (
        "    - {name: 内容, share: 0.5}\n",
        "    - {name: '${team.headcount}人团建', share: 0.3}\n    - {name: 内容, share: 0.2}\n",
    ),
)


def test_money_rules_classify_a_budget_line_by_the_name_the_plan_says(write):
    # As written, '${team.headcount}人团建' holds the word "team": a people line, whose 180,000 is below the
    # 312,000 of payroll (OPS905), and nothing else to add up. As the plan says it, 2人团建 pays for neither
    # people nor media: committed spend = 0 + 312,000 + 180,000 + 120,000 = 612,000, above 600,000 (OPS904)
    assert line_purpose("${team.headcount}人团建") == "people" and line_purpose("2人团建") is None
    assert _money(write, *BY_HEADCOUNT) == [
        (
            "OPS904",
            "channel spend 0 (0 a month × 6) + payroll 312,000 (52,000 a month × 6) + the other budget lines "
            "300,000 = 612,000, above the budget of 600,000",
        )
    ]


def test_money_rules_name_lines_and_channels_as_the_plan_says(write):
    # a people line of 10% = 60,000 against 2 × 15,000 × 6 = 180,000 of payroll; 千川 spends 50,000 a month at
    # ROI 4.8: 50,000 × 6 × 4.8 = 1,440,000, above the 1,374,869 the goals plan for months 1–6 (as in
    # _consistency_cases: 150,000 × (2^(1/6) + … + 2^(6/6)); budget 1,000,000 so that the spend fits)
    found = _money(
        write,
        (
            "    - {name: 内容, share: 0.5}\n",
            "    - {name: '${shop.name}人力', share: 0.1}\n    - {name: 内容, share: 0.4}\n",
        ),
        (
            "{name: 千川, type: paid, share: 0.4, roi: 2.5}",
            "{name: '${shop.name}千川', type: paid, share: 0.4, roi: 4.8, monthly_spend: 50000}",
        ),
        ("total: 600000", "total: 1000000"),
    )
    rules = dict(found)
    assert "budget line '花间人力' (100,000)" in rules["OPS905"]
    assert "(花间千川 1,440,000), 105% of the 1,374,869" in rules["OPS906"]
    assert not any("${" in message for _, message in found)


def test_text_refers_to_an_item_by_its_name_as_the_plan_says_it(write):
    # the items of REFERRED, named with ${shop.name}, referred to as 花间…: the line 50% × 600,000 = 30万元,
    # 千川's ROI 2.5, 2 people in 花间运营, the short horizon's 1,500,000 exposures (150万), 科普 30%, 新客 50%,
    # and a campaign 花间周年庆 of 2027-05-18 – 2027-05-20 (3 days)
    text = (
        varied(
            REFERRED,
            (
                "positioning: 高端花束",
                "positioning: '投放${budget.items.花间投放.amount}，ROI ${channels.花间千川.roi}，"
                "运营${team.roles.花间运营.count}人，曝光${funnel.short.花间直播间曝光}，"
                "科普${content.pillars.花间科普.share}，新客${segments.花间新客.share}，"
                "周年庆${campaigns.花间周年庆.days}天'",
            ),
        )
        + "campaigns:\n  - {name: '${shop.name}周年庆', start: 2027-05-18, end: 2027-05-20}\n"
    )
    plan = build_plan(load_profile(write("shop.yaml", text)))
    assert [f.message for f in plan.findings if f.code == "unknown-reference"] == []
    assert plan.profile.shop.positioning == "投放30万元，ROI 2.5，运营2人，曝光150万，科普30%，新客50%，周年庆3天"


def test_an_unknown_reference_suggests_the_name_as_the_plan_says_it(write):
    # ${…} cannot hold another ${…}: the closest name is the pillar as shown, not '${shop.name}科普'
    text = varied(REFERRED, ("positioning: 高端花束", "positioning: '科普${content.pillars.花间科朴.share}'"))
    plan = build_plan(load_profile(write("shop.yaml", text)))
    assert [f.message for f in plan.findings if f.code == "unknown-reference"] == [
        "unknown reference ${content.pillars.花间科朴.share}; did you mean ${content.pillars.花间科普.share}?"
    ]


@pytest.mark.parametrize(
    ("name", "people"),
    [
        ("员工薪资", True),  # 薪: the plan's text read it as the people line, OPS905 did not (it knew 薪酬 only)
        ("Personnel", True),  # likewise
        ("Team building", True),  # an English word of four letters or more is found inside another
        ("团建活动", False),
    ],
)
def test_the_plan_and_the_check_agree_on_the_people_line(write, name, people):
    # a line of 10% = 60,000 against 2 × 15,000 × 6 = 180,000 of payroll: the plan says the payroll is above
    # it (差额12万元) exactly when OPS905 finds it below
    text = varied(
        CLEAN_PROFILE,
        ("    - {name: 内容, share: 0.5}\n", f"    - {{name: {name}, share: 0.1}}\n    - {{name: 内容, share: 0.4}}\n"),
    )
    path = write("shop.yaml", text)
    markdown = render_markdown(build_plan(load_profile(path)))
    said = f"6个月的人力成本18万元高于预算中“{name}”一项的6万元，需要调高这一项或精简岗位，差额12万元。"
    assert (said in markdown) is people
    assert [f.rule for f in findings_of(path) if f.rule == "OPS905"] == (["OPS905"] if people else [])
    assert (line_purpose(name) == "people") is people


def test_an_own_chapter_left_out_is_named_as_the_plan_would_title_it(write):
    text = CLEAN_PROFILE + "sections:\n  story: {title: '${shop.name}的品牌故事', after: content}\n"
    messages = [f.message for f in findings_of(write("shop.yaml", text)) if f.rule == "OPS110"]
    assert messages == ["chapter 'story' (花间的品牌故事) has no body, so the plan leaves it out"]


# CLEAN_PROFILE's window is 2027-03-01 to 2028-02-29 (12 months from its start); a campaign in May 2029 is outside it
LEFT_OUT = CLEAN_PROFILE + "campaigns:\n  - {name: '${shop.name}周年庆', start: 2029-05-01, end: 2029-05-05}\n"


def test_a_campaign_the_plan_leaves_out_is_named_and_found_as_the_plan_says_it(write):
    text = varied(
        LEFT_OUT, ("  positioning: 高端花束\n", "  positioning: '高端花束，${campaigns.花间周年庆.start}开场'\n")
    )
    messages = [f.message for f in findings_of(write("shop.yaml", text)) if f.rule == "OPS210"]
    assert messages == [
        "${campaigns.花间周年庆.start}: campaign '花间周年庆' (2029-05-01 – 2029-05-05) does not start inside the plan "
        "window 2027-03-01 – 2028-02-29, so the plan leaves it out and this reference has no value; move the "
        "campaign's dates into the window or drop the reference"
    ]


def test_a_retail_date_taken_over_by_a_campaign_names_it_as_the_plan_says_it(write):
    text = varied(
        CLEAN_PROFILE,
        ("  start: 2027-03-01\n", "  start: 2027-03-01\n  retail_calendar: true\n"),
        ("  positioning: 高端花束\n", "  positioning: '高端花束，${campaigns.618.start}开场'\n"),
    ) + ("campaigns:\n  - {name: '${shop.name}618', start: 2027-06-01, end: 2027-06-18}\n")
    messages = [f.message for f in findings_of(write("shop.yaml", text)) if f.rule == "OPS210"]
    assert messages == [
        "${campaigns.618.start}: the profile's campaign '花间618' takes the place of the retail calendar's 618; refer "
        "to it by its name: ${campaigns.花间618.start}"
    ]
