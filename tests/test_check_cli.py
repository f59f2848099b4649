"""``opsplan check`` through the CLI: exit codes, --strict, --ignore, formats, examples, the pre-commit hook."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest
import yaml

from opsplan.check.rule_table import RULES, rules_markdown
from opsplan.cli import app
from tests._check_helpers import CLEAN_PROFILE, line_of, repo_profiles
from tests.conftest import REPO

WARNING_ONLY = CLEAN_PROFILE.replace("churn_rate: 0.08}", "churn_rate: 0.08, koc_count: 50}", 1)  # OPS606
SUM_95 = CLEAN_PROFILE.replace("      share: 0.3\n    - name: 场景", "      share: 0.25\n    - name: 场景", 1)


def test_clean_profile_exits_0(runner, write):
    result = runner.invoke(app, ["check", str(write("shop.yaml", CLEAN_PROFILE))])
    assert result.exit_code == 0, result.output
    assert "passed: 1 file checked, 0 errors, 0 warnings" in result.output


def test_error_exits_1_and_names_the_line(runner, write):
    path = write("shop.yaml", SUM_95)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    line = line_of(SUM_95, "share: 0.25")
    assert f"shop.yaml:{line}:14" in result.output  # `      share: 0.25`: the value starts at column 14
    assert "content pillar shares sum to 95%, not 100%" in result.output
    assert "FAILED: 1 file checked, 1 error, 0 warnings" in result.output


def test_warning_fails_only_with_strict(runner, write):
    path = str(write("shop.yaml", WARNING_ONLY))
    assert runner.invoke(app, ["check", path]).exit_code == 0
    strict = runner.invoke(app, ["check", "--strict", path])
    assert strict.exit_code == 1
    assert "(--strict: warnings fail)" in strict.output


def test_ignore_skips_a_rule(runner, write):
    path = str(write("shop.yaml", SUM_95))
    assert runner.invoke(app, ["check", path, "--ignore", "OPS501"]).exit_code == 0
    assert runner.invoke(app, ["check", path, "--ignore", "ops203,OPS501"]).exit_code == 0
    assert runner.invoke(app, ["check", path, "--ignore", "OPS203"]).exit_code == 1


def test_unknown_ignore_or_format_is_a_usage_error(runner, write):
    path = str(write("shop.yaml", CLEAN_PROFILE))
    result = runner.invoke(app, ["check", path, "--ignore", "OPS999"])
    assert result.exit_code == 2
    assert "--ignore: no rule OPS999" in result.output
    result = runner.invoke(app, ["check", path, "--format", "xml"])
    assert result.exit_code == 2
    assert "use one of text, json, github, sarif" in result.output


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("shop.yaml", "version: 1\nplan: [\n", r"shop.yaml:\d+:\d+: YAML syntax error"),
        ("shop.yaml", CLEAN_PROFILE.replace("weeks: 2}", "weeks: 0}", 1), r"shop.yaml:\d+:\d+: timeline.phases"),
        ("plan.txt", "hello", r"plan.txt: opsplan check reads profiles"),
    ],
)
def test_unreadable_input_exits_2(runner, write, name, content, message):
    result = runner.invoke(app, ["check", str(write(name, content))])
    assert result.exit_code == 2
    assert re.search(message, result.output)


def test_missing_file_exits_2(runner, tmp_path):
    result = runner.invoke(app, ["check", str(tmp_path / "nope.md")])
    assert result.exit_code == 2
    assert "nope.md: no such file" in result.output


def test_documents_and_profiles_together(runner, write):
    plan = write("plan.md", "# 方案\n\n## 一、背景\n\n正文。\n\n## 三、目标\n\n正文。\n")
    shop = write("shop.yaml", CLEAN_PROFILE)
    result = runner.invoke(app, ["check", str(shop), str(plan), "--format", "json"])
    assert result.exit_code == 1
    (finding,) = json.loads(result.output)
    assert finding["rule"] == "OPS401"
    assert finding["file"].endswith("plan.md")
    assert finding["line"] == 7


PROFILES = repo_profiles(REPO)


def test_the_repository_has_its_plans() -> None:
    # the parametrized tests below would be skipped without a word if these folders moved or emptied
    assert len([p for p in PROFILES if p.parent.name == "presets"]) == 10  # 5 kinds x 2 locales
    assert EXAMPLES and RENDERED and len(RENDERED) == 2 * len(list((REPO / "examples").glob("*.yaml")))


@pytest.mark.parametrize("path", PROFILES, ids=[f"{p.parent.name}/{p.name}" for p in PROFILES])
def test_presets_and_examples_pass_strict(runner, path):
    result = runner.invoke(app, ["check", "--strict", "--format", "github", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == ""


RENDERED = sorted([*(REPO / "examples").glob("*.md"), *(REPO / "examples").glob("*.docx")])


@pytest.mark.parametrize("path", RENDERED, ids=[p.name for p in RENDERED])
def test_rendered_examples_pass_strict(runner, path):
    result = runner.invoke(app, ["check", "--strict", "--format", "github", str(path)])
    assert result.exit_code == 0, result.output


_SHARE = re.compile(r"^(\s*(?:- )?share: )([0-9.]+)\s*$")
EXAMPLES = sorted(p for p in (REPO / "examples").glob("*.yaml") if "extends:" not in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("source", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_mutated_example_with_shares_at_95_percent_fails_at_the_first_share(runner, tmp_path, source):
    lines = source.read_text(encoding="utf-8").splitlines()
    start = lines.index("content:")
    # the first `share:` line after `content:` is the first pillar's; take 0.05 off it
    index = next(i for i in range(start, len(lines)) if _SHARE.match(lines[i]))
    match = _SHARE.match(lines[index])
    assert match is not None
    lines[index] = f"{match.group(1)}{round(float(match.group(2)) - 0.05, 4)}"
    path = tmp_path / source.name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1
    findings = json.loads(result.output)
    # content.strategy states the three shares by reference (${content.pillars.….share}): resolved, they say 95%
    # too, as the rendered plan's sentence does (OPS510); nothing else is found
    assert {(f["rule"], f["field"]) for f in findings} - {("OPS510", "content.strategy")} == {
        ("OPS501", "content.pillars[0].share")
    }
    (finding,) = [f for f in findings if f["rule"] == "OPS501"]
    assert finding["line"] == index + 1
    assert finding["column"] == len(match.group(1)) + 1
    assert "sum to 95%, not 100%" in finding["message"]


def test_rules_markdown_lists_every_rule_once():
    table = rules_markdown()
    rows = table.splitlines()
    assert rows[0].startswith("| rule | category | severity |")
    assert len(rows) == 2 + len(RULES)
    for rule_id, row in zip(RULES, rows[2:], strict=True):
        assert row.startswith(f"| `{rule_id}` |")


def test_rule_ids_are_stable_and_families_match_categories():
    family = {
        "1": {"structure", "missing-section", "empty-section"},
        "2": {"placeholder"},
        "3": {"duplicate-heading"},
        "4": {"numbering"},
        "5": {"sum"},
        "6": {"goal"},
        "7": {"timeline"},
        "8": {"risk"},
        "9": {"money"},
    }
    for rule in RULES.values():
        assert re.fullmatch(r"OPS[1-9]\d\d", rule.id)
        assert rule.category.value in family[rule.id[3]]


def test_pre_commit_hook_runs_opsplan_check_on_plan_files():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "opsplan-check")
    assert hook["entry"] == "opsplan check"
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    for taken in [
        "plans/shop.yaml",
        "clients/a/plans/plan.md",
        "profiles/x.yml",
        "plans/old.docx",
        "shop.opsplan.yaml",
    ]:
        assert files.search(taken), taken
    for skipped in [".github/workflows/ci.yml", "README.md", "docs/index.md", ".pre-commit-config.yaml"]:
        assert not files.search(skipped), skipped


# The console script's main in a real process: check ends the process without the interpreter's teardown, after
# the functions registered with atexit (here one that says so on stderr)
_CONSOLE = (
    "import atexit, sys; atexit.register(lambda: print('atexit ran', file=sys.stderr));"
    "sys.argv = ['opsplan', *sys.argv[1:]]; from opsplan._entry import main; main()"
)


@pytest.mark.slow  # three processes
def test_the_console_script_ends_check_with_its_output_and_exit_code(write, tmp_path):
    def console(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-c", _CONSOLE, "--lang", "en", "check", *args]
        return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)

    failing = console(str(write("shop.yaml", SUM_95)), "--format", "json")
    assert failing.returncode == 1 and failing.stderr == "atexit ran\n"
    assert [f["rule"] for f in json.loads(failing.stdout)] == ["OPS501"]  # the shares at 95%: the whole report, flushed
    passing = console(str(write("clean.yaml", CLEAN_PROFILE)))
    assert passing.returncode == 0
    assert passing.stdout.rstrip().endswith("passed: 1 file checked, 0 errors, 0 warnings")
    missing = console(str(tmp_path / "none.yaml"))
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.startswith("error: ") and "none.yaml" in missing.stderr
    assert missing.stderr.endswith("atexit ran\n")


def test_garbage_collection_is_few_while_checking_and_restored_after(write, monkeypatch):
    import gc
    from pathlib import Path

    from opsplan import gcpace
    from opsplan.check import run

    seen: list[tuple[int, int, int]] = []
    real = run.check_file

    def check_file(path: Path, *, extends_anywhere: bool = False):
        seen.append(gc.get_threshold())
        return real(path, extends_anywhere=extends_anywhere)

    def noted(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(gc.get_count())

    monkeypatch.setattr(run, "check_file", check_file)
    collections: list[tuple[int, int, int]] = []
    path, before = write("shop.yaml", CLEAN_PROFILE), gc.get_threshold()
    gc.callbacks.append(noted)
    try:
        assert run.check_paths([path], run.CheckOptions(), out=io.StringIO()) == 0
        after: list[list[object]] = [[] for _ in range(100)]  # the next allocations, at the old pace
    finally:
        gc.callbacks.remove(noted)
    assert seen == [gcpace.FEW_COLLECTIONS] == [(100_000, 10, 10)]
    assert gc.get_threshold() == before
    # what the check kept went to the oldest generation: the allocations after it collected none of it at once
    assert (len(after), collections) == (100, [])
    assert gc.get_freeze_count() == 0  # nor was it frozen: a full collection frees what of it becomes garbage
