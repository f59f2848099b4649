"""`opsplan new` writes a skeleton: the kind's structure, the answers in place, the prose left to fill (issue 15.1).

Done means, for each kind and locale: the new profile renders under --draft with its gaps marked, `check` fails
with placeholder findings only, and once the guided fields are written it passes `check --strict`.
"""

from __future__ import annotations

import json
import re
import typing
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.load import load_document, load_profile, validate_document
from opsplan.presets import LOCALES, preset_names, preset_path
from opsplan.profile import Profile
from opsplan.scaffold import load_preset, unwrap
from opsplan.skeleton import Answers, number_stand_ins, prose_chars, skeleton_data, skeleton_metrics
from opsplan.yamlread import PathKey, parse

CASES = [(name, locale) for name in preset_names() for locale in LOCALES]


def fill_guided(text: str, words: str) -> str:
    """Write into every field the skeleton leaves empty under a guide comment, as a user would.

    Text fields get ``words`` (a one-item list for list fields); numbers get the kind's figure the skeleton
    stands in with (``number_stand_ins``): the point is that nothing but the gaps stood between the skeleton
    and a plan that passes ``check --strict``.
    """
    document = parse(text, "skeleton.yaml")
    stand_ins = number_stand_ins(document.data)
    at_line: dict[int, PathKey] = {}
    for path, location in sorted(document.values.items(), key=lambda item: len(item[0])):
        at_line[location.line] = path  # the deepest path wins
    lines = text.splitlines()
    out = []
    for number, line in enumerate(lines, start=1):
        empty = re.fullmatch(r"(\s*(?:- )?)([a-z_]+):", line)
        below = lines[number] if number < len(lines) else ""
        nested = len(below) - len(below.lstrip()) > len(empty.group(1)) if empty else False
        if empty and lines[number - 2].lstrip().startswith("# ") and not nested:
            path = at_line[number]
            value = f"{stand_ins[path]:g}" if path in stand_ins else f"[{words}]" if _is_list(path) else words
            out.append(f"{empty.group(1)}{empty.group(2)}: {value}")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def _is_list(path: PathKey) -> bool:
    """Return whether the field at ``path`` holds a list of texts (advantages, duties, workflow …)."""
    model: Any = Profile
    for key in path:
        if isinstance(key, int):
            continue
        annotation = unwrap(model.model_fields[key].annotation)
        if typing.get_origin(annotation) is list:
            item = unwrap(typing.get_args(annotation)[0])
            if item is str:
                return True
            model = item
        else:
            model = annotation
    return False


def _check(runner: CliRunner, path: Path, *extra: str) -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(app, ["check", str(path), "--format", "json", *extra])
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize(("name", "locale"), CASES)
def test_a_new_profile_is_a_skeleton_until_its_prose_is_written(
    tmp_path: Path, runner: CliRunner, name: str, locale: str
) -> None:
    path = tmp_path / "shop.yaml"
    args = ["new", str(path), "-p", name, "-l", locale, "--shop-name", "青禾", "--no-input"]
    assert runner.invoke(app, args).exit_code == 0
    text = path.read_text(encoding="utf-8")
    example = load_preset(name, locale)
    assert example.shop.name not in text and example.shop.positioning not in text  # not someone else's plan
    assert example.market.summary not in text
    # the example's prose is gone: 11-16% of its characters are left, the kind's names (pillars, stages, tasks,
    # roles, risk titles) and the sentences made of references (bench/bench_skeleton.py prints the figures)
    preset = preset_path(name, locale)
    assert preset is not None
    assert prose_chars(parse(text, "shop.yaml").data) < 0.2 * prose_chars(load_document(preset).data)
    code, findings = _check(runner, path)
    assert code == 1
    problems = [f for f in findings if f["severity"] != "info"]
    assert problems and {(f["rule"], f["category"], f["severity"]) for f in problems} == {
        ("OPS201", "placeholder", "error")
    }
    guided = [line for line in text.splitlines() if re.fullmatch(r"\s*(?:- )?[a-z_]+:", line)]
    assert len(problems) == sum(1 for f in problems if "is still to be written" in str(f["message"]))
    first = problems[0]
    assert text.splitlines()[int(str(first["line"])) - 1].strip().endswith(f"{str(first['field']).split('.')[-1]}:")
    assert len(guided) >= len(problems) > 20
    # and so are its figures: what the user has not given (budget, headcounts, each planned metric today and at
    # every horizon) is a gap, not the example shop's number
    gaps = {str(f["field"]) for f in problems}
    metrics = skeleton_metrics(example)
    assert {"budget.total", "team[0].count", *(f"baseline.{key}" for key in metrics)} <= gaps
    assert {f"goals.short.targets.{key}" for key in metrics if key in example.goals.short.targets} <= gaps
    assert f"total: {example.budget.total:g}" not in text and "monthly_gmv: " not in text

    draft = runner.invoke(app, ["render", str(path), "-f", "md", "-o", str(tmp_path), "--draft"])
    assert draft.exit_code == 0, draft.output
    mark = "【待填写】" if locale == "zh-CN" else r"\[fill in\]"  # Markdown escapes the brackets
    markdown = (tmp_path / "shop.md").read_text(encoding="utf-8")
    assert markdown.count(mark) >= 10 and "青禾" in markdown
    refused = runner.invoke(app, ["render", str(path), "-f", "md", "-o", str(tmp_path / "final")])
    assert refused.exit_code != 0 and not (tmp_path / "final" / "shop.md").exists()

    path.write_text(fill_guided(text, "由店铺团队撰写的说明" if locale == "zh-CN" else "Written by the team"))
    code, findings = _check(runner, path, "--strict")
    assert code == 0, [(f["rule"], f["field"], f["message"]) for f in findings]


def test_guide_comments_are_in_the_profiles_language(tmp_path: Path, runner: CliRunner) -> None:
    for locale, guide_line in (
        ("zh-CN", "  # 一两句话：店铺在市场中的位置、卖什么、和谁不同"),
        ("en", "  # One or two"),
    ):
        path = tmp_path / f"{locale}.yaml"
        runner.invoke(app, ["new", str(path), "-p", "xigua-store", "-l", locale, "--shop-name", "Lumen", "--no-input"])
        lines = path.read_text(encoding="utf-8").splitlines()
        at = lines.index("  positioning:")
        assert lines[at - 1].startswith(guide_line)
        comments = [line.strip() for line in lines if line.strip().startswith("#")][2:]
        has_cjk = [bool(re.search(r"[\u4e00-\u9fff]", c)) for c in comments]
        assert all(has_cjk) if locale == "zh-CN" else not any(has_cjk[3:])


def test_answers_flow_into_the_plan() -> None:
    preset = load_preset("wechat-clothing-group", "zh-CN")
    # preset: roles of 1, 4, 2, 1, 1, 1 people; monthly_gmv 1,400,000 (short), 2,000,000 (mid), 3,000,000 (long)
    assert [r.count for r in preset.team] == [1, 4, 2, 1, 1, 1]
    answers = Answers(
        shop_name="青禾女装",
        category="通勤女装",
        audience="25-35岁的上班族女性",
        budget_total=3_000_000,
        team_size=5,
        metrics={"monthly_gmv": (500_000, 1_000_000), "active_user_share": (0.2, 0.3)},
    )
    data = skeleton_data(preset, answers)
    assert (data["shop"]["name"], data["shop"]["category"]) == ("青禾女装", "通勤女装")
    assert data["shop"]["audience"]["traits"] == ["25-35岁的上班族女性"]
    assert data["budget"]["total"] == 3_000_000
    # 5 people by the shares 1/10, 4/10 …: 0.5, 2, 1, 0.5, 0.5, 0.5 → 0, 2, 1, 0, 0, 0; the two spare people go
    # to the largest remainders (0.5 each), the first roles on a tie
    assert [role["count"] for role in data["team"]] == [1, 2, 1, 1, 0, 0]
    goals = data["goals"]
    assert data["baseline"]["monthly_gmv"] == 500_000 and goals["short"]["targets"]["monthly_gmv"] == 1_000_000
    # later horizons keep the kind's ratio to the first: 2,000,000 × (1,000,000 / 1,400,000) = 1,428,571.4
    assert goals["mid"]["targets"]["monthly_gmv"] == 1_428_571
    assert goals["long"]["targets"]["monthly_gmv"] == 2_142_857  # 3,000,000 × 5/7 = 2,142,857.1
    # a rate: 0.35 → 0.3 at the short horizon (× 6/7); mid 0.4 × 6/7 = 0.342857
    assert goals["short"]["targets"]["active_user_share"] == 0.3
    assert goals["mid"]["targets"]["active_user_share"] == 0.3429


def test_team_size_is_spread_by_the_kinds_headcounts() -> None:
    from opsplan.skeleton import _set_team_size

    roles = [{"count": 1}, {"count": 4}, {"count": 2}, {"count": 3}]  # 10 people
    _set_team_size(roles, 5)  # exact shares 0.5, 2, 1, 1.5: whole 0, 2, 1, 1; the largest remainders get one
    assert [r["count"] for r in roles] == [1, 2, 1, 1]  # remainders 0.5, 0, 0, 0.5: the first wins the tie


def test_an_empty_text_field_is_a_gap_with_its_line(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        "version: 1\nplan:\n  title: T\n  locale: en\n  start: 2027-03-01\n  kind: custom\n  chapters: [positioning]\n"
        "shop:\n  name: Lumen\n  platform: douyin\n  positioning:\n  advantages:\n"
        "goals:\n  short: {months: 3, targets: {followers: 2000}}\nbaseline: {followers: 1000}\n"
        "budget: {total: 1000, months: 3}\nplan_client: x\n".replace("plan_client: x\n", ""),
        encoding="utf-8",
    )
    profile = load_profile(path)
    assert profile.shop.positioning == "[fill in]" and profile.shop.advantages == ["[fill in]"]
    assert profile.plan.client is None  # an optional field stays empty
    _, findings = _check(runner, path)
    gaps = [(f["rule"], f["line"], f["field"]) for f in findings if "still to be written" in str(f["message"])]
    assert gaps == [("OPS201", 11, "shop.positioning"), ("OPS201", 12, "shop.advantages[0]")]
    assert validate_document(parse(path.read_text(encoding="utf-8"), "s.yaml")) == profile


def test_an_empty_number_is_a_gap_where_the_kind_has_a_figure_for_it(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "s.yaml"
    assert runner.invoke(app, ["new", str(path), "-p", "xigua-store", "-l", "en", "--no-input"]).exit_code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    _, findings = _check(runner, path)
    at = {str(f["field"]): int(str(f["line"])) for f in findings}
    assert lines[at["budget.total"] - 1] == "  total:" and lines[at["baseline.monthly_gmv"] - 1] == "  monthly_gmv:"
    assert lines[at["budget.total"] - 2] == "  # The total budget, for example 6,000,000"
    hints = {str(f["field"]): str(f["hint"]) for f in findings}
    assert hints["budget.total"].startswith("write the shop's own figure")  # not the text gaps' hint
    assert hints["shop.positioning"].startswith("write it (the comment above the key")
    # the draft computes with the kind's figure, growth tamed to the plausibility ceilings as in skeleton_data
    example = load_preset("xigua-store", "en")
    drafted = load_profile(path)
    assert drafted.budget.total == example.budget.total
    assert drafted.baseline["monthly_gmv"] == example.baseline["monthly_gmv"]
    assert [role.count for role in drafted.team] == [role.count for role in example.team]
    # a profile of no preset kind has no figure to stand in: the empty number is refused at its line
    custom = tmp_path / "custom.yaml"
    custom.write_text(path.read_text(encoding="utf-8").replace("kind: xigua-store", "kind: custom"), encoding="utf-8")
    refused = runner.invoke(app, ["check", str(custom)])
    assert refused.exit_code == 2 and f"custom.yaml:{at['budget.total']}:" in refused.output


@pytest.mark.slow
@pytest.mark.parametrize(("name", "locale"), CASES)
def test_a_new_profile_drafts_in_every_format(tmp_path: Path, runner: CliRunner, name: str, locale: str) -> None:
    path = tmp_path / "shop.yaml"
    assert runner.invoke(app, ["new", str(path), "-p", name, "-l", locale, "--no-input"]).exit_code == 0
    formats = ("md", "docx", "html", "pptx", "xlsx", "json")
    result = runner.invoke(app, ["render", str(path), "-f", ",".join(formats), "-o", str(tmp_path), "--draft"])
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in tmp_path.iterdir() if p.stem == "shop") == sorted(
        [".yaml", *map(".{}".format, formats)]
    )
    mark = "【待填写】" if locale == "zh-CN" else "[fill in]"
    document = zipfile.ZipFile(tmp_path / "shop.docx").read("word/document.xml").decode("utf-8")
    assert document.count(mark) >= 10 and ("草稿" if locale == "zh-CN" else "DRAFT") in document
    assert mark in (tmp_path / "shop.html").read_text(encoding="utf-8")
