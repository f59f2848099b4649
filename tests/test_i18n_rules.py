"""The check rules' titles in zh-CN and en: ``opsplan rules``, GitHub annotations and SARIF; rule ids unchanged."""

from __future__ import annotations

import json

from opsplan.check.rule_table import RULES
from opsplan.check.rule_titles import TITLES
from opsplan.cli import app
from tests._check_helpers import CLEAN_PROFILE

SUM_95 = CLEAN_PROFILE.replace("      share: 0.3\n    - name: 场景", "      share: 0.25\n    - name: 场景", 1)


def test_every_rule_has_a_chinese_title():
    assert set(TITLES) == set(RULES)
    for rule_id, (en, zh) in TITLES.items():
        assert en == RULES[rule_id].title
        assert any("\u4e00" <= c <= "\u9fff" for c in zh), rule_id


def test_rules_lists_every_rule_in_the_language_chosen(runner):
    chinese = runner.invoke(app, ["--lang", "zh-CN", "rules"])
    english = runner.invoke(app, ["rules", "--lang", "en"])
    assert chinese.exit_code == english.exit_code == 0
    assert [line.split()[0] for line in chinese.output.splitlines()] == list(RULES)
    assert [line.split()[0] for line in english.output.splitlines()] == list(RULES)
    assert "OPS501  sum               错误    内容支柱占比加起来不是 100%" in chinese.output
    assert "OPS103  structure         警告    自由文字字段是空的" in chinese.output
    assert "OPS501  sum               error   Content pillar shares do not sum to 100%" in english.output


def test_github_and_sarif_titles_follow_the_profiles_language(runner, write):
    path = str(write("shop.yaml", SUM_95))
    github = runner.invoke(app, ["check", "--format", "github", path], env={"OPSPLAN_LANG": ""}).output
    assert "title=OPS501 内容支柱占比加起来不是 100%25::" in github
    sarif = json.loads(runner.invoke(app, ["check", "--format", "sarif", path], env={"OPSPLAN_LANG": ""}).output)
    rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["OPS501"]["shortDescription"]["text"] == "内容支柱占比加起来不是 100%"
    english = runner.invoke(app, ["check", "--lang", "en", "--format", "github", path]).output
    assert "title=OPS501 Content pillar shares do not sum to 100%25::" in english
