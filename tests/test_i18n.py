"""Messages in zh-CN and en: the catalogues, how the language is chosen, check findings in both languages."""

from __future__ import annotations

import json

import pytest

from opsplan.cli import app
from opsplan.i18n import EN, ZH, about_profile, language, language_of, listing_and, parse_lang, settled, use
from tests._check_helpers import CLEAN_PROFILE, line_of

SUM_95 = CLEAN_PROFILE.replace("      share: 0.3\n    - name: 场景", "      share: 0.25\n    - name: 场景", 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("zh_CN.UTF-8", ZH), ("zh_TW", ZH), ("en_US.UTF-8", EN), ("de_DE", EN), ("C", None), ("POSIX", None), ("", None)],
)
def test_a_locale_name_gives_a_language(value, expected):
    assert language_of(value) == expected


def test_lang_accepts_zh_cn_and_en_and_refuses_others():
    assert parse_lang("zh-CN") == parse_lang("zh") == parse_lang("zh_CN") == ZH
    assert parse_lang("en") == parse_lang("en-US") == EN
    with pytest.raises(ValueError):
        parse_lang("fr")


def test_the_order_is_lang_then_opsplan_lang_then_profile_then_locale(monkeypatch):
    for name in ("OPSPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert language() == EN
    with about_profile("zh-CN"):
        assert language() == ZH  # the environment says nothing: the profile's locale decides
    monkeypatch.setenv("LANG", "C.UTF-8")
    with about_profile("zh-CN"):
        assert language() == ZH  # C says nothing either
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert language() == EN
    with about_profile("zh-CN"):
        assert language() == ZH  # a file's plan.locale comes before the locale of the shell
        with about_profile(None):
            assert language() == ZH  # a file without a locale (a document) keeps the enclosing one
    monkeypatch.setenv("LC_MESSAGES", "zh_CN.UTF-8")
    assert language() == ZH
    with about_profile("en"):
        assert language() == EN
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert language() == EN
    monkeypatch.setenv("OPSPLAN_LANG", "zh-CN")
    assert language() == ZH
    with about_profile("en"):
        assert language() == ZH  # OPSPLAN_LANG is a choice, as --lang is
    with use(EN), about_profile("zh-CN"):
        assert language() == EN


def test_settled_reads_the_environment_once_and_the_other_choices_still_apply(monkeypatch):
    for name in ("OPSPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    with settled():
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")
        assert language() == EN  # read at the start of the block
        with about_profile("zh-CN"):
            assert language() == ZH  # a profile's locale still decides when the environment chose nothing
        with use(ZH):
            assert language() == ZH  # so does --lang
    assert language() == ZH  # the change is seen once the block is over
    with about_profile(None):  # a profile's block reads the environment once too
        monkeypatch.setenv("LANG", "en_US.UTF-8")
        assert language() == ZH
        with about_profile("en"):
            assert language() == EN  # a profile's locale comes before the locale variables
        assert language() == ZH
    assert language() == EN
    monkeypatch.setenv("OPSPLAN_LANG", "en")
    with settled():
        monkeypatch.setenv("OPSPLAN_LANG", "zh-CN")
        with about_profile("zh-CN"):
            assert language() == EN  # OPSPLAN_LANG as read at the start comes before the profile
    assert language() == ZH


def test_a_document_check_follows_a_change_of_the_environment_between_two_runs(write, monkeypatch):
    from opsplan.check.docread import read_markdown
    from opsplan.check.document_rules import check_document

    document = read_markdown(write("plan.md", "## 一、背景\n\n正文。\n\n## 二、背景\n\n正文。\n"))
    for name in ("OPSPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    said = []
    for name, value in (("LANG", "zh_CN.UTF-8"), ("OPSPLAN_LANG", "en"), ("OPSPLAN_LANG", "zh-CN"), ("LANG", "en")):
        monkeypatch.setenv(name, value)
        said.append([(f.message, f.hint) for f in check_document(document)])
    assert (
        said[0]
        == said[2]
        == [
            (
                "章标题「二、背景」和「一、背景」重复了（第 1 行 和 第 5 行，不计编号）",
                "把两章合并，或者给其中一章改个名",
            )
        ]
    )
    assert said[1] == [
        (
            "chapter title '二、背景' repeats '一、背景' (line 1 and line 5), ignoring numbers",
            "merge the two chapters or rename one of them",
        )
    ]
    assert said[3] == said[2]  # OPSPLAN_LANG=zh-CN still set: it comes before LANG


def test_lang_zh_cn_from_the_environment_prints_a_chinese_finding(runner, write, monkeypatch):
    monkeypatch.delenv("OPSPLAN_LANG")
    path = write("shop.yaml", SUM_95)
    result = runner.invoke(app, ["check", str(path)], env={"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""})
    assert result.exit_code == 1
    line = line_of(SUM_95, "share: 0.25")
    assert f"shop.yaml:{line}:14" in result.output
    assert "内容支柱的占比加起来是 95%，不是 100%" in result.output
    assert "建议：再加 5%，凑满 100%（1.0）" in result.output
    assert "未通过：检查了 1 个文件，1 个错误，0 个警告" in result.output


ENGLISH_SHELL = {"OPSPLAN_LANG": "", "LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
CHINESE_SHELL = {**ENGLISH_SHELL, "LANG": "zh_CN.UTF-8"}


def test_a_chinese_profile_is_reported_in_chinese_in_an_english_shell(runner, write):
    path = write("shop.yaml", SUM_95)
    result = runner.invoke(app, ["check", str(path)], env=ENGLISH_SHELL)
    assert result.exit_code == 1
    assert f"shop.yaml:{line_of(SUM_95, 'share: 0.25')}:14" in result.output
    assert "shop.yaml  (档案)" in result.output and "错误    OPS501 sum" in result.output
    assert "内容支柱的占比加起来是 95%，不是 100%" in result.output
    assert "完整度：" in result.output
    assert "未通过：检查了 1 个文件，1 个错误，0 个警告" in result.output


def test_an_english_profile_is_reported_in_english_in_a_chinese_shell(runner, write):
    path = write("shop.yaml", SUM_95.replace("locale: zh-CN", "locale: en"))
    result = runner.invoke(app, ["check", str(path)], env=CHINESE_SHELL)
    assert result.exit_code == 1
    assert "shop.yaml  (profile)" in result.output and "error   OPS501 sum" in result.output
    assert "content pillar shares sum to 95%, not 100%" in result.output
    assert "FAILED: 1 file checked, 1 error, 0 warnings" in result.output


def test_profiles_of_two_languages_each_in_its_own_and_the_summary_in_the_shells(runner, write):
    zh = write("zh.yaml", SUM_95)
    en = write("en.yaml", SUM_95.replace("locale: zh-CN", "locale: en"))
    result = runner.invoke(app, ["check", str(zh), str(en)], env=ENGLISH_SHELL)
    assert result.exit_code == 1
    assert "内容支柱的占比加起来是 95%" in result.output and "content pillar shares sum to 95%" in result.output
    assert "FAILED: 2 files checked, 2 errors, 0 warnings" in result.output
    github = runner.invoke(app, ["check", "--format", "github", str(zh), str(en)], env=ENGLISH_SHELL).output
    assert "（建议：再加 5%" in github and " (hint: add 5%" in github


def test_one_check_of_profiles_and_a_document_keeps_each_files_language_to_its_part(runner, write):
    # an English profile between a Chinese one and a document: its language ends with its part, in text and github
    zh = write("zh.yaml", SUM_95)
    en = write("en.yaml", SUM_95.replace("locale: zh-CN", "locale: en"))
    doc = write("plan.md", "## 一、背景\n\n正文。\n\n## 二、背景\n\n正文。\n")
    result = runner.invoke(app, ["check", str(zh), str(en), str(doc)], env=CHINESE_SHELL)
    assert result.exit_code == 1
    zh_part, rest = result.output.split("en.yaml  (profile)")
    en_part, doc_part = rest.split("plan.md  (Markdown 方案)")
    assert "内容支柱的占比加起来是 95%" in zh_part and "建议：" in zh_part
    assert "content pillar shares sum to 95%" in en_part and "hint: " in en_part and "建议" not in en_part
    assert "章标题「二、背景」和「一、背景」重复了" in doc_part and "hint" not in doc_part
    assert "未通过：检查了 3 个文件，3 个错误，0 个警告" in doc_part  # the shell's language: the files' differ
    github = runner.invoke(app, ["check", "--format", "github", str(zh), str(en), str(doc)], env=CHINESE_SHELL)
    lines = github.output.splitlines()
    assert [("（建议：" in line, " (hint: " in line) for line in lines if line.startswith("::")] == [
        (True, False),
        (False, True),
        (True, False),
    ]


def test_a_chinese_profile_refused_by_render_says_why_in_chinese(runner, write, tmp_path):
    path = write("shop.yaml", SUM_95)
    result = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "out")], env=ENGLISH_SHELL)
    assert result.exit_code == 1
    assert "内容支柱的占比加起来是 95%" in result.output and "未通过：" in result.output


@pytest.mark.parametrize("args", [["--lang", "en", "check"], ["check", "--lang", "en"]])
def test_lang_en_wins_over_the_environment(runner, write, monkeypatch, args):
    monkeypatch.setenv("OPSPLAN_LANG", "zh-CN")
    result = runner.invoke(app, [*args, str(write("shop.yaml", SUM_95))])
    assert "content pillar shares sum to 95%, not 100%" in result.output
    assert "FAILED: 1 file checked, 1 error, 0 warnings" in result.output


def test_json_and_github_keep_rule_ids_and_positions_in_chinese(runner, write):
    path = str(write("shop.yaml", SUM_95))
    line = line_of(SUM_95, "share: 0.25")
    found = json.loads(runner.invoke(app, ["check", "--lang", "zh-CN", "--format", "json", path]).output)
    assert [(f["rule"], f["category"], f["severity"], f["line"], f["column"]) for f in found] == [
        ("OPS501", "sum", "error", line, 14)
    ]
    assert found[0]["message"].startswith("内容支柱的占比加起来是 95%")
    github = runner.invoke(app, ["--lang", "zh-CN", "check", "--format", "github", path]).output
    assert github.startswith("::error file=") and f"shop.yaml,line={line},col=14,title=OPS501 " in github


def test_a_bad_lang_is_a_usage_error(runner, write):
    result = runner.invoke(app, ["check", "--lang", "fr", str(write("shop.yaml", CLEAN_PROFILE))])
    assert result.exit_code == 2
    assert "use zh-CN or en" in result.output


def test_a_usage_error_in_chinese(runner, write):
    result = runner.invoke(app, ["check", "--lang", "zh-CN", "--ignore", "OPS999", str(write("a.yaml", CLEAN_PROFILE))])
    assert result.exit_code == 2
    assert "错误：--ignore：没有规则 OPS999" in result.output


def _descriptions(node: object) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "description" and isinstance(v, str)] + [
            d for k, v in node.items() if k != "description" for d in _descriptions(v)
        ]
    if isinstance(node, list):
        return [d for item in node for d in _descriptions(item)]
    return []


def test_every_profile_field_description_has_its_chinese():
    from opsplan.profile import profile_json_schema
    from opsplan.schema_zh import descriptions_zh

    missing = sorted({d for d in _descriptions(profile_json_schema()) if d not in descriptions_zh()})
    assert missing == [], "add the Chinese of these descriptions to src/opsplan/schema_zh.json"


def test_schema_lang_zh_cn_describes_the_fields_in_chinese(runner):
    schema = json.loads(runner.invoke(app, ["schema", "--lang", "zh-CN"]).output)
    assert schema["$defs"]["Risk"]["properties"]["likelihood"]["description"] == "可能性：1（很少）到 5（几乎必然）。"
    english = json.loads(runner.invoke(app, ["schema"]).output)
    assert (
        english["$defs"]["Risk"]["properties"]["likelihood"]["description"]
        == "Likelihood 1 (rare) to 5 (almost certain)."
    )


def test_an_engine_finding_in_chinese(runner, write):
    text = CLEAN_PROFILE.replace("churn_rate: 0.08}", "churn_rate: 0.12}", 1)  # churn should fall, not rise
    result = runner.invoke(app, ["check", "--lang", "zh-CN", "--format", "json", str(write("shop.yaml", text))])
    found = [f for f in json.loads(result.output) if f["rule"] == "OPS602"]
    assert [(f["field"], f["line"]) for f in found] == [
        ("goals.short.targets.churn_rate", line_of(text, "churn_rate: 0.12"))
    ]
    assert (
        found[0]["message"]
        == "短期目标里月流失率（churn_rate）定为 0.12，高于基线 0.1；这个指标应该往下降，请核对目标或基线。"
    )
    assert found[0]["hint"] == "核对目标和基线；指标该往哪个方向走，见 `opsplan metrics`"


@pytest.mark.parametrize(
    ("lang", "names", "said"),
    [
        (EN, [], ""),
        (EN, ["'人力'"], "'人力'"),
        (EN, ["'人力'", "'团队激励'"], "'人力' and '团队激励'"),
        (EN, ["a", "b", "c"], "a, b and c"),
        (ZH, ["人力", "团队激励"], "人力和团队激励"),
        (ZH, ["a", "b", "c"], "a、b和c"),
    ],
)
def test_listing_and_joins_names_as_one_list(lang: str, names: list[str], said: str) -> None:
    with use(lang):
        assert listing_and(names) == said
