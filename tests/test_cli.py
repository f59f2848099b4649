from __future__ import annotations

import json

from opsplan import __version__
from opsplan.cli import app
from opsplan.kinds import PlanKind


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"opsplan {__version__}"


def test_presets_lists_the_five_kinds_one_line_each(runner):
    result = runner.invoke(app, ["presets"])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert [line.split()[0] for line in lines] == [k.value for k in PlanKind if k is not PlanKind.CUSTOM]


def test_schema_is_the_profile_json_schema(runner):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"].startswith("opsplan shop profile")
    assert {"version", "plan", "shop", "goals", "budget"} <= set(schema["required"])
    assert schema["$defs"]["Task"]["properties"]["weeks"]["exclusiveMinimum"] == 0


def test_metrics_lists_the_catalogue(runner):
    result = runner.invoke(app, ["metrics", "--locale", "zh-CN"])
    assert result.exit_code == 0
    assert "completion_rate" in result.output and "完播率" in result.output
    assert "churn_rate" in result.output and "down" in result.output


def test_no_arguments_shows_help(runner):
    result = runner.invoke(app, [])
    assert result.exit_code in (0, 2)
    assert "render" in result.output and "check" in result.output


def test_a_file_name_too_long_for_the_system_is_a_clean_error(runner, tmp_path):
    from tests.conftest import RENDERABLE_PROFILE

    profile = tmp_path / "shop.yaml"
    profile.write_text(RENDERABLE_PROFILE, encoding="utf-8")
    long = str(tmp_path / ("a" * 300))  # a name over the 255 bytes a file name may have
    extends = tmp_path / "child.yaml"
    extends.write_text(f"version: 1\nextends: {'a' * 300}.yaml\n", encoding="utf-8")
    cases = [
        ["render", str(profile), "-o", str(tmp_path / "out"), "--reference-docx", long + ".docx"],
        ["render", str(profile), "-o", str(tmp_path / "out"), "--templates", long],
        ["check", str(extends)],
        ["serve", long + ".yaml", "--port", "0"],
    ]
    for args in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert "File name too long" in result.output and "a" * 300 in result.output, args
        assert not isinstance(result.exception, OSError), args
