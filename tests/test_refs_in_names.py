"""References held by a text value (shop.name, shop.category, plan.title) are resolved where it is inserted, so
no raw ``${`` or ``$${`` reaches a document; a value that comes back to itself is refused, naming the loop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.plan import build_plan
from opsplan.plan.model import Plan
from opsplan.profile import Profile
from opsplan.render.markdown import render_markdown
from tests._plan_helpers import BASE


def _plan(locale: str = "en", name: str = "Shop", title: str = "${shop.name} plan", **shop: Any) -> Plan:
    data: dict[str, Any] = {
        **BASE,
        "plan": {**BASE["plan"], "locale": locale, "title": title, "author": "${shop.name} team"},
        "shop": {**BASE["shop"], "name": name, **shop},
        "sections": {"outcomes": {"intro": "About ${shop.name}.", "notes": []}},
    }
    return build_plan(Profile.model_validate(data))


def _refs(plan: Plan) -> list[tuple[str, str]]:
    return [(f.path, f.message) for f in plan.findings if f.code == "unknown-reference"]


@pytest.mark.parametrize(
    ("locale", "name", "shown"),
    [
        # BASE budget 1,200,000: 120万元 / CNY 1.2M
        ("zh-CN", "${budget.total}花店", "120万元花店"),
        ("en", "${budget.total} Florist", "CNY 1.2M Florist"),
        # $${ is a literal ${, in the name and wherever the name is inserted
        ("en", "$${x}", "${x}"),
        # a name made from the category, which holds a reference itself
        ("en", "${shop.category} shop", "flowers for CNY 200,000 a month shop"),
    ],
)
def test_a_name_holding_references_is_resolved_everywhere_it_is_inserted(locale: str, name: str, shown: str) -> None:
    plan = _plan(locale, name, category="flowers for ${budget.monthly} a month")  # 1,200,000 / 6
    assert _refs(plan) == []
    assert plan.profile.shop.name == shown
    assert plan.profile.plan.title == f"{shown} plan"
    assert plan.profile.plan.author == f"{shown} team"
    text = render_markdown(plan)
    assert f"# {shown} plan" in text and f"About {shown}." in text
    if "$$" not in name:
        assert "${" not in text


@pytest.mark.parametrize("locale", ["en", "zh-CN"])
def test_a_name_that_comes_back_to_itself_is_refused_at_each_field_of_the_loop(
    locale: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPSPLAN_LANG")  # messages in the profile's language
    plan = _plan(locale, name="${plan.title}")  # the title is "${shop.name} plan"
    found = dict(_refs(plan))
    # reported on the two fields of the loop, not on the intro and author that only insert the name
    assert set(found) == {"shop.name", "plan.title"}
    if locale == "en":
        assert found["shop.name"] == (
            "${shop.name} refers back to itself (${shop.name} → ${plan.title} → ${shop.name}); "
            "write the text out in one of these fields"
        )
    else:
        assert found["plan.title"] == (
            "${plan.title} 又引用回了自己（${plan.title} → ${shop.name} → ${plan.title}）；请在其中一个字段里直接写出文字"
        )
    # left as written (render refuses the plan)
    assert (plan.profile.shop.name, plan.profile.sections["outcomes"].intro) == ("${plan.title}", "About ${shop.name}.")


def test_a_name_referring_to_itself_is_a_loop_of_one() -> None:
    plan = _plan(name="${shop.name} & co")
    assert _refs(plan) == [
        (
            "shop.name",
            "${shop.name} refers back to itself (${shop.name} → ${shop.name}); write the text out in one of these fields",
        )
    ]


def test_a_bad_reference_in_the_name_is_reported_once_on_the_name() -> None:
    plan = _plan(name="${budget.totl} shop")
    [(path, message)] = _refs(plan)
    assert path == "shop.name" and message.startswith("unknown reference ${budget.totl}; did you mean ${budget.total}?")


def test_render_refuses_a_looping_name_with_its_line(tmp_path: Path) -> None:
    profile = tmp_path / "shop.yaml"
    profile.write_text("extends: douyin-flowers\nshop:\n  name: '${plan.title}'\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--lang", "en", "render", str(profile), "-f", "md", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{profile}:3:9: shop.name: ${{shop.name}} refers back to itself" in result.output
    assert not list(tmp_path.glob("*.md"))
    checked = CliRunner().invoke(app, ["check", str(profile), "--format", "json"])
    assert checked.exit_code == 1 and '"rule": "OPS210"' in checked.output and '"line": 3' in checked.output
