"""What render says when it cannot go on (options, a user's templates, reference files) in zh-CN and en: exit 2."""

from __future__ import annotations

import pytest

from opsplan.cli import app
from opsplan.i18n import EN, ZH
from tests._check_helpers import CLEAN_PROFILE

PREFIX = {EN: "error: ", ZH: "错误："}


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (EN, "--toc-depth: 5 is not a contents depth; give 1, 2 or 3 (heading levels)"),
        (ZH, "--toc-depth: 5 不是目录层级；请给 1、2 或 3（标题级别）"),
    ],
)
def test_a_contents_depth_out_of_range(runner, write, lang, said):
    path = write("shop.yaml", CLEAN_PROFILE)
    result = runner.invoke(app, ["--lang", lang, "render", str(path), "-o", str(path.parent), "--toc-depth", "5"])
    assert result.exit_code == 2
    assert PREFIX[lang] + said in result.output


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (EN, "plan.md.j2:1: template error (SecurityError): '%' formatting of text is not available in templates"),
        (ZH, "plan.md.j2:1: 模板出错（SecurityError）：模板里不能用“%”格式化文字；请用过滤器"),
    ],
)
def test_a_user_template_refused_by_the_sandbox(runner, write, lang, said):
    path = write("shop.yaml", CLEAN_PROFILE)
    folder = path.parent / "mine" / "zh-CN"
    folder.mkdir(parents=True)
    (folder / "plan.md.j2").write_text('{{ "%s" % "x" }}\n', encoding="utf-8")
    result = runner.invoke(
        app,
        ["--lang", lang, "render", str(path), "-f", "md", "-o", str(path.parent), "--templates", str(folder.parent)],
    )
    assert result.exit_code == 2
    assert f"{PREFIX[lang]}{path}: {folder / 'plan.md.j2'}" in result.output and said in result.output


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (EN, ": --reference-pptx: not a PowerPoint presentation (not a ZIP package, or a damaged one)"),
        (ZH, ": --reference-pptx: 不是 PowerPoint 演示文稿（不是 ZIP 包，或者已损坏）"),
    ],
)
def test_a_damaged_reference_presentation(runner, write, lang, said):
    path = write("shop.yaml", CLEAN_PROFILE)
    reference = path.parent / "ref.pptx"
    reference.write_bytes(b"not a zip")
    args = ["render", str(path), "-f", "pptx", "-o", str(path.parent / "out"), "--reference-pptx", str(reference)]
    result = runner.invoke(app, ["--lang", lang, *args])
    assert result.exit_code == 2
    assert f"{PREFIX[lang]}{reference}{said}" in result.output
    assert not (path.parent / "out").exists()
