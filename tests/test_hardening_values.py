"""Class 3: wrong values: every kind of field refuses bad input with file, line, field and reason."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from opsplan.errors import InputError, OpsplanError, PlanError, ProfileError
from opsplan.i18n import use
from opsplan.load import MAX_EXTENDS_DEPTH, MAX_PROBLEMS, load_profile
from opsplan.profile import Profile
from opsplan.yamlread import parse
from tests._hardening_helpers import assert_clean_failure, run_cli
from tests.conftest import MINIMAL_PROFILE


def profile_error(tmp_path: Path, text: str, name: str = "shop.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises((ProfileError, InputError)) as info:
        load_profile(path)
    return str(info.value).replace(str(tmp_path) + "/", "")


# (replace this, with that, expect this start of the first message). Line numbers are MINIMAL_PROFILE's:
# 3 title, 5 start, 8 shop name, 9 platform, 10 baseline, 12 short goals, 13 budget, 19 task hire
# ("        - {id: " is 15 characters, so the id value starts at column 16).
CASES = [
    # text fields
    ("name: 花间", "name: [a, b]", "shop.yaml:8:9: shop.name:"),
    ("name: 花间", "name: {a: 1}", "shop.yaml:8:9: shop.name:"),
    # an empty text field is a gap to fill (tests/test_skeleton.py), an empty choice is still an error
    ("platform: douyin", "platform:", "shop.yaml:9:12: shop.platform: "),
    ("platform: douyin", "platform: ~", "shop.yaml:9:13: shop.platform: "),
    ("name: 花间", "name: " + "长" * 20_001, "shop.yaml:8:9: shop.name:"),
    ("title: 测试方案", "title: [x]", "shop.yaml:3:10: plan.title:"),
    # integers
    ("version: 1", "version: one", "shop.yaml:1:10: version:"),
    ("version: 1", "version: 1.5", "shop.yaml:1:10: version:"),
    ("version: 1", "version: -1", "shop.yaml:1:10: version: format version -1 is not known"),
    ("version: 1", "version: " + "9" * 5000, "shop.yaml:1:10: version:"),
    (
        "months: 6, items",
        "months: 0, items",
        "shop.yaml:13:34: budget.months:",
    ),
    (
        "months: 6, items",
        "months: 121, items",
        "shop.yaml:13:34: budget.months:",
    ),
    ("months: 6, items", "months: 1e308, items", "shop.yaml:13:34: budget.months:"),
    (
        "months: 6, targets",
        "months: -6, targets",
        "shop.yaml:12:19: goals.short.months:",
    ),
    # floats: NaN and infinity are refused however written
    ("total: 1200000", "total: .nan", "shop.yaml:13:17: budget.total:"),
    ("total: 1200000", "total: nan", "shop.yaml:13:17: budget.total:"),
    ("total: 1200000", "total: NaN", "shop.yaml:13:17: budget.total:"),
    ("total: 1200000", "total: .inf", "shop.yaml:13:17: budget.total:"),
    ("total: 1200000", "total: inf", "shop.yaml:13:17: budget.total:"),
    ("total: 1200000", "total: -inf", "shop.yaml:13:17: budget.total:"),
    ("total: 1200000", "total: 1e309", "shop.yaml:13:17: budget.total:"),
    ("total: 1200000", "total: -5", "shop.yaml:13:17: budget.total:"),
    ("total: 1200000", "total: 0", "shop.yaml:13:17: budget.total:"),
    ("total: 1200000", "total: 1 200 000", "shop.yaml:13:17: budget.total:"),
    ("total: 1200000", "total: ''", "shop.yaml:13:17: budget.total:"),
    (
        "weeks: 2}",
        "weeks: 521}",
        "shop.yaml:19:39: timeline.phases[0].tasks[0].weeks:",
    ),
    ("weeks: 2}", "weeks: .nan}", "shop.yaml:19:39: timeline.phases[0].tasks[0].weeks:"),
    # shares (0–1); "budget: {total: 1200000, months: 6, items: [{name: 内容, share: " is 62 characters
    (
        "{name: 内容, share: 1}",
        "{name: 内容, share: 1.01}",
        "shop.yaml:13:63: budget.items[0].share:",
    ),
    (
        "{name: 内容, share: 1}",
        "{name: 内容, share: -0.1}",
        "shop.yaml:13:63: budget.items[0].share:",
    ),
    # metric values
    (
        "{monthly_gmv: 150000,",
        "{monthly_gmv: lots,",
        "shop.yaml:10:25: baseline.monthly_gmv:",
    ),
    (
        "{monthly_gmv: 150000,",
        "{monthly_gmv: .inf,",
        "shop.yaml:10:25: baseline.monthly_gmv:",
    ),
    # a count, an amount or a duration below 0 (a plan said "about -1 Douyin followers" and check passed it)
    ("{monthly_gmv: 150000,", "{monthly_gmv: -150000,", "shop.yaml:10:12: baseline: 'monthly_gmv' is -150000, but"),
    ("followers: 500000,", "followers: -1,", "shop.yaml:12:32: goals.short.targets: 'followers' is -1, but"),
    # dates, enums, ids
    ("start: 2027-03-01", "start: 99999-01-01", "shop.yaml:5:10: plan.start:"),
    ("start: 2027-03-01", "start: [2027]", "shop.yaml:5:10: plan.start:"),
    ("platform: douyin", "platform: ''", "shop.yaml:9:13: shop.platform:"),
    ("locale: zh-CN", "locale: fr", "shop.yaml:4:11: plan.locale:"),
    ("id: hire,", "id: 'hi re',", "shop.yaml:19:16: timeline.phases[0].tasks[0].id:"),
    (
        "id: hire,",
        "id: '',",
        "shop.yaml:19:16: timeline.phases[0].tasks[0].id:",
    ),
    # wrong shapes
    ("budget: {", "budget: [1, 2]\nx_budget: {", "shop.yaml:13:9: budget:"),
    (
        "timeline:\n  phases:",
        "timeline:\n  phases: 3\n  x_phases:",
        "shop.yaml:15:11: timeline.phases:",
    ),
    (
        "after: [hire]",
        "after: hire",
        "shop.yaml:20:50: timeline.phases[0].tasks[1].after:",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES, ids=[c[1][:30] for c in CASES])
def test_bad_values_are_located_and_explained(tmp_path: Path, old: str, new: str, expected: str) -> None:
    """The first message starts with file:line:column and the field path, and gives a reason after them.

    The reason is pydantic's sentence, not asserted here; text of our own (after the field) must be in it.
    """
    assert old in MINIMAL_PROFILE
    first = profile_error(tmp_path, MINIMAL_PROFILE.replace(old, new, 1)).splitlines()[0]
    where = re.match(r"\S+:\d+:\d+: \S+:", expected)
    assert where, expected
    assert first.startswith(where.group(0)), first
    reason = first[where.end() :].strip()
    assert reason, first
    assert expected[where.end() :].strip() in reason, first


def test_a_metric_that_cannot_be_negative_says_so_in_both_languages(tmp_path: Path) -> None:
    text = MINIMAL_PROFILE.replace("followers: 20000}", "followers: -1}", 1)
    assert profile_error(tmp_path, text).splitlines()[0] == (
        "shop.yaml:10:33: baseline: 'followers' is -1, but followers cannot be below 0"
    )
    with use("zh-CN"):
        assert (
            profile_error(tmp_path, text).splitlines()[0]
            == "shop.yaml:10:33: baseline: 'followers' 是 -1，但粉丝数不能小于 0"
        )
    # a metric that may fall below 0 (a net promoter score) is read as written
    nps = MINIMAL_PROFILE.replace("followers: 20000}", "followers: 20000, nps: -12}", 1)
    (tmp_path / "nps.yaml").write_text(nps, encoding="utf-8")
    assert load_profile(tmp_path / "nps.yaml").baseline["nps"] == -12


def test_a_bad_metric_key_in_a_list_points_at_that_item(tmp_path: Path) -> None:
    text = MINIMAL_PROFILE.replace(
        "    - {id: M1, name: 完成, after: [groups], criteria: 群数达到10个, kpis: [followers]}",
        "    - id: M1\n      name: 完成\n      kpis:\n        - followers\n        - folowers\n",
    )
    message = profile_error(tmp_path, text)
    # MINIMAL_PROFILE's milestone is its line 26: "- id: M1" 26, name 27, "kpis:" 28, the items 29 and 30
    assert message.startswith("shop.yaml:30:11: timeline.milestones[0].kpis[1]: unknown metric 'folowers'")


def test_a_bad_metric_key_in_a_mapping_points_at_the_key(tmp_path: Path) -> None:
    message = profile_error(tmp_path, MINIMAL_PROFILE.replace("{monthly_gmv: 150000,", "{monthly_gvm: 150000,"))
    # "baseline: {" is 11 characters: the key starts at column 12
    assert message.startswith("shop.yaml:10:12: baseline: unknown metric 'monthly_gvm'")


def test_the_number_of_problems_shown_is_capped(tmp_path: Path) -> None:
    kpis = "".join(f"  - {{metric: followers, target: x{i}}}\n" for i in range(200))
    lines = profile_error(tmp_path, MINIMAL_PROFILE + "kpis:\n" + kpis).splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    # MINIMAL_PROFILE has 26 lines, so "kpis:" is line 27 and the first KPI line 28; its target is at
    # column 33 ("  - {metric: followers, target: " is 32 characters)
    assert lines[0].startswith("shop.yaml:28:33: kpis[0].target:")
    assert lines[-1] == f"shop.yaml: … and {200 - MAX_PROBLEMS} more problems; fix these first"


@pytest.mark.parametrize("value", ["0", "86400", "'1699920000'"])  # 1699920000 = 19675 × 86400: 2023-11-14
def test_a_number_is_not_a_date(tmp_path: Path, value: str) -> None:
    # pydantic's lax mode turns 0 into 1970-01-01 and 86400 into 1970-01-02: a YAML-1.1-like surprise
    message = profile_error(tmp_path, MINIMAL_PROFILE.replace("start: 2027-03-01", f"start: {value}"))
    assert message.startswith("shop.yaml:5:10: plan.start:")


# ---- extends


def test_extends_itself(tmp_path: Path) -> None:
    assert profile_error(tmp_path, "extends: shop.yaml\n" + MINIMAL_PROFILE) == (
        f"{tmp_path}/shop.yaml: extends cycle: shop.yaml → shop.yaml".replace(str(tmp_path) + "/", "")
    )


def test_extends_a_missing_file(tmp_path: Path) -> None:
    assert profile_error(tmp_path, "extends: base.yaml\nversion: 1\n") == (
        "shop.yaml:1:10: extends: no file 'base.yaml' next to shop.yaml"
    )


def test_extends_a_folder(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").mkdir()
    assert profile_error(tmp_path, "extends: base.yaml\n").startswith("shop.yaml:1:10: extends: no file 'base.yaml'")


def test_extends_an_unknown_preset_suggests_one(tmp_path: Path) -> None:
    message = profile_error(tmp_path, "extends: douyin-flower\nversion: 1\n")
    assert message.startswith("shop.yaml:1:10: extends: unknown preset 'douyin-flower'")
    assert "did you mean 'douyin-flowers'" in message


@pytest.mark.parametrize("value", ["[a.yaml]", "{a: 1}", "''", "~", "3"])
def test_extends_must_be_a_name(tmp_path: Path, value: str) -> None:
    message = profile_error(tmp_path, f"extends: {value}\nversion: 1\n")
    if value == "~":  # an empty extends is no extends: the profile itself is then incomplete
        assert "required field 'plan' is missing" in message
    elif value == "3":  # "3" is a preset name like any other text
        assert message.startswith("shop.yaml:1:10: extends: unknown preset '3'")
    else:
        assert message == "shop.yaml:1:10: extends: give a preset name or a relative path"


def test_extends_chain_depth_is_bounded(tmp_path: Path) -> None:
    for i in range(MAX_EXTENDS_DEPTH + 2):
        (tmp_path / f"p{i}.yaml").write_text(f"extends: p{i + 1}.yaml\n", encoding="utf-8")
    (tmp_path / f"p{MAX_EXTENDS_DEPTH + 2}.yaml").write_text(MINIMAL_PROFILE, encoding="utf-8")
    with pytest.raises(InputError, match=f"extends goes more than {MAX_EXTENDS_DEPTH} files deep"):
        load_profile(tmp_path / "p0.yaml")


def test_a_broken_parent_is_named(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text("version: [1\n", encoding="utf-8")
    assert profile_error(tmp_path, "extends: base.yaml\n").startswith("base.yaml:2:1: YAML syntax error")


# ---- dependency cycles (the engine)

CYCLE = MINIMAL_PROFILE.replace("{id: hire, name: 招聘, weeks: 2}", "{id: hire, name: 招聘, weeks: 2, after: [setup]}")


def test_a_dependency_cycle_is_a_plan_error_naming_the_tasks(tmp_path: Path) -> None:
    from opsplan.plan import build_plan

    path = tmp_path / "shop.yaml"
    path.write_text(CYCLE, encoding="utf-8")
    with pytest.raises(PlanError, match="hire") as info:
        build_plan(load_profile(path))
    assert "setup" in str(info.value)


@pytest.mark.slow
def test_a_dependency_cycle_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "shop.yaml"
    path.write_text(CYCLE, encoding="utf-8")
    outcome = run_cli("render", str(path), "-f", "md", "-o", str(tmp_path / "out"))
    assert_clean_failure(outcome, "hire")
    assert not (tmp_path / "out" / "shop.md").exists()


# ---- control characters and unpaired surrogates in text

ODD_TEXT = ["\x00", "\x07\x1b[31m", "\u2028\u2029", "\ufffe\uffff", "\x85", "\u200b\u202e", "**", "`", "<!--"]


@pytest.mark.parametrize("odd", ["\ud800", "a\udfffb"])
def test_the_model_refuses_unpaired_surrogates(odd: str) -> None:
    data = parse(MINIMAL_PROFILE, "m").data
    data["shop"]["name"] = odd
    with pytest.raises(ValidationError) as info:
        Profile.model_validate(data)
    assert [error["loc"] for error in info.value.errors()] == [("shop", "name")]


def odd_profile(odd: str) -> Profile:
    """MINIMAL_PROFILE with ``odd`` inside the title, shop name, a task name and a milestone criterion.

    Built past the loader (which refuses control characters) to show the renderers cope on their own.
    """
    data = parse(MINIMAL_PROFILE, "m").data
    data["plan"]["title"] = f"标题{odd}"
    data["shop"]["name"] = f"花{odd}间"
    data["timeline"]["phases"][0]["tasks"][0]["name"] = f"招{odd}聘"
    data["timeline"]["milestones"][0]["criteria"] = f"群{odd}"
    return Profile.model_validate(data)


@pytest.mark.parametrize("odd", ODD_TEXT, ids=[repr(o) for o in ODD_TEXT])
def test_odd_text_renders_to_valid_markdown_and_docx_or_fails_cleanly(odd: str) -> None:
    from docx import Document

    from opsplan.plan import build_plan
    from opsplan.render.docx import build_docx
    from opsplan.render.markdown import render_markdown

    try:
        markdown = render_markdown(build_plan(odd_profile(odd)))
        data = build_docx(markdown)
    except OpsplanError:
        return  # a clean refusal is allowed
    markdown.encode("utf-8")  # no unpaired surrogates
    assert sum(line.startswith("# ") for line in markdown.splitlines()) == 1
    document = Document(io.BytesIO(data))  # the DOCX opens
    body = "\n".join(p.text for p in document.paragraphs)
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", body)  # XML 1.0 forbids these
    assert "花" in body


INJECTION = "X\n# Injected\n\n## 目录\n- item\n| a | b |\n"


def test_line_breaks_in_text_cannot_add_headings_to_the_markdown() -> None:
    from opsplan.plan import build_plan
    from opsplan.render.markdown import render_markdown

    markdown = render_markdown(build_plan(odd_profile(INJECTION)))
    lines = markdown.splitlines()
    assert sum(line.startswith("# ") for line in lines) == 1  # the contract: one H1
    assert sum(line == "## 目录" for line in lines) == 1
    assert not any(line.startswith("# Injected") for line in lines)


# ---- every field: a wrong type anywhere in a full preset is reported at that value's line


def preset_document() -> tuple[Path, object]:
    from opsplan.presets import preset_path
    from opsplan.yamlread import parse as parse_yaml

    path = preset_path("douyin-flowers", "zh-CN")
    assert path is not None, "the douyin-flowers preset is missing"
    return path, parse_yaml(path.read_text(encoding="utf-8"), "preset.yaml")


@pytest.mark.parametrize(("wrong", "start"), [(["a", "list"], 0), ({"a": "mapping"}, 1)])
def test_a_wrong_type_in_any_scalar_field_is_located(wrong: object, start: int) -> None:
    import copy

    from opsplan.load import format_path, validate_document
    from opsplan.yamlread import Document
    from tests._hardening_helpers import node_paths

    _, document = preset_document()
    assert isinstance(document, Document)
    validate_document(document)  # the preset itself is valid
    checked = 0
    for path in node_paths(document.data)[start::2]:  # every other field for each kind of wrong value
        parent = document.data
        for part in path[:-1]:
            parent = parent[part]
        if not path or isinstance(parent[path[-1]], (dict, list)):
            continue
        changed = Document(document.file, copy.deepcopy(document.data), document.values, document.keys)
        target = changed.data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = copy.deepcopy(wrong)
        with pytest.raises(ProfileError) as info:
            validate_document(changed)
        first = info.value.problems[0]
        # the problem names this field (or, for free-form metric maps, its map) at this value's line
        assert format_path(path).startswith(first.field), (path, str(first))
        assert first.location.line == document.locate(path).line, (path, str(first))
        checked += 1
    assert checked > 50  # a full preset has hundreds of scalar fields


def test_a_chapter_listed_twice_is_refused_at_its_line(tmp_path: Path) -> None:
    # the plan repeated 运营目标 as chapters 1, 2 and 3, which its own check then failed (OPS301)
    text = MINIMAL_PROFILE.replace("  kind: douyin-flowers\n", "  kind: custom\n  chapters: [goals, risks, goals]\n", 1)
    first = profile_error(tmp_path, text).splitlines()[0]
    assert first == "shop.yaml:7:28: plan.chapters[2]: 'goals' is listed twice (items 1 and 3); list each chapter once"
    with use("zh-CN"):
        assert (
            profile_error(tmp_path, text).splitlines()[0].endswith("'goals' 列了两次（第 1 项和第 3 项）；每章只列一次")
        )
