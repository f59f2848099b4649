"""`opsplan new` writes a skeleton: the kind's structure, the answers in place, the prose left to fill (issue 15.1).

Done means, for each kind and locale: the new profile renders under --draft with its gaps marked, `check` fails
with placeholder findings only, and once the guided fields are written it passes `check --strict`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.load import load_profile, validate_document
from opsplan.presets import LOCALES, preset_names
from opsplan.scaffold import load_preset
from opsplan.skeleton import GUIDES, Answers, skeleton_data
from opsplan.yamlread import parse

CASES = [(name, locale) for name in preset_names() for locale in LOCALES]
LIST_FIELDS = {key for (_, key) in GUIDES if key in ("advantages", "traits", "trends")}


def fill_guided(text: str, words: str) -> str:
    """Write ``words`` into every field the skeleton leaves empty under a guide comment (a list for list fields)."""
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        empty = re.fullmatch(r"(\s*(?:- )?)([a-z_]+):", line)
        below = lines[i + 1] if i + 1 < len(lines) else ""
        nested = len(below) - len(below.lstrip()) > len(empty.group(1)) if empty else False
        if empty and lines[i - 1].lstrip().startswith("# ") and not nested:
            value = f"[{words}]" if empty.group(2) in LIST_FIELDS else words
            out.append(f"{empty.group(1)}{empty.group(2)}: {value}")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


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
