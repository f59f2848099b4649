"""Reading and writing files, and what the CLI reports, in zh-CN and en: our words, exit code 2, the place named."""

from __future__ import annotations

import zipfile

import pytest

from opsplan.cli import app
from opsplan.i18n import EN, ZH
from tests._check_helpers import CLEAN_PROFILE

PREFIX = {EN: "error: ", ZH: "错误："}


def _gbk(folder):
    path = folder / "shop.yaml"
    path.write_bytes("version: 1\nplan:\n  title: 测试方案\n".encode("gbk"))
    return path


def _utf16(folder):
    path = folder / "shop.yaml"
    path.write_bytes("version: 1\n".encode("utf-16-le"))
    return path


def _control(folder):
    path = folder / "shop.yaml"
    path.write_bytes(b"version: 1\nplan:\n  title: a\x01b\n")
    return path


def _folder(folder):
    path = folder / "shop.yaml"
    path.mkdir()
    return path


def _not_a_zip(folder):
    path = folder / "plan.docx"
    path.write_bytes(b"not a zip")
    return path


# case: (a file made in a folder, what is said after its name, in each language)
READ_CASES = {
    "gbk": (
        _gbk,
        {
            EN: ":3: the file is not valid UTF-8; it looks like a GBK/GB18030 Chinese file: re-save it as UTF-8",
            ZH: ":3: 文件不是有效的 UTF-8；看起来是 GBK/GB18030 编码的中文文件：请另存为 UTF-8",
        },
    ),
    "utf-16-without-bom": (
        _utf16,
        {
            EN: ":1: the file is UTF-16 (little-endian) without a byte-order mark; re-save it as UTF-8",
            ZH: ":1: 文件是不带字节顺序标记（BOM）的 UTF-16（小端）；请另存为 UTF-8",
        },
    ),
    "control-character": (
        _control,
        {EN: ":3:11: control character '\\x01' in the file; remove it", ZH: ":3:11: 文件里有控制字符 '\\x01'；请删掉"},
    ),
    "folder": (_folder, {EN: ": is a folder, not a YAML file", ZH: ": 这是一个文件夹，不是 YAML 文件"}),
    "missing": (lambda folder: folder / "shop.yaml", {EN: ": no such file", ZH: ": 没有这个文件"}),
    "not-a-docx": (
        _not_a_zip,
        {EN: ": not a readable DOCX file (not a ZIP package: ", ZH: ": 不是能读取的 DOCX 文件（不是 ZIP 包："},
    ),
}


@pytest.mark.parametrize("lang", [EN, ZH])
@pytest.mark.parametrize("case", sorted(READ_CASES))
def test_a_file_that_cannot_be_read_in_both_languages(runner, tmp_path, case, lang):
    make, said = READ_CASES[case]
    path = make(tmp_path)
    result = runner.invoke(app, ["--lang", lang, "check", str(path)])
    assert result.exit_code == 2
    assert f"{PREFIX[lang]}{path}{said[lang]}" in result.output


def test_a_docx_without_its_body_part_in_both_languages(runner, tmp_path):
    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<not-a-document/>")
    said = {
        EN: ": part word/document.xml: has root element not-a-document, not document",
        ZH: ": 部件 word/document.xml: 根元素是 not-a-document，而不是 document",
    }
    for lang in (EN, ZH):
        result = runner.invoke(app, ["--lang", lang, "check", str(path)])
        assert result.exit_code == 2
        assert f"{PREFIX[lang]}{path}{said[lang]}" in result.output


@pytest.mark.parametrize(
    ("lang", "wrote", "exists"),
    [
        (EN, "wrote ", ": already exists; pass --force to overwrite it"),
        (ZH, "已写入 ", ": 已经存在；要覆盖请加 --force"),
    ],
)
def test_new_says_what_it_wrote_and_refuses_to_overwrite_in_both_languages(runner, tmp_path, lang, wrote, exists):
    path = tmp_path / "shop.yaml"
    first = runner.invoke(app, ["--lang", lang, "new", str(path), "--no-input"])
    assert first.exit_code == 0 and f"{wrote}{path}" in first.output
    again = runner.invoke(app, ["--lang", lang, "new", str(path), "--no-input"])
    assert again.exit_code == 2
    assert f"{PREFIX[lang]}{path}{exists}" in again.output


@pytest.mark.parametrize(
    ("lang", "wrote", "nothing", "exists"),
    [
        (EN, "wrote ", "nothing was written:", ": already exists; pass --force to overwrite it"),
        (ZH, "已写入 ", "什么都没有写：", ": 已经存在；要覆盖请加 --force"),
    ],
)
def test_render_says_what_it_wrote_and_writes_nothing_over_a_file_in_both_languages(
    runner, write, lang, wrote, nothing, exists
):
    path = write("shop.yaml", CLEAN_PROFILE)
    out = path.parent / "out"
    first = runner.invoke(app, ["--lang", lang, "render", str(path), "-f", "md,json", "-o", str(out)])
    assert first.exit_code == 0
    assert f"{wrote}{out / 'shop.md'}" in first.output and f"{wrote}{out / 'shop.json'}" in first.output
    again = runner.invoke(app, ["--lang", lang, "render", str(path), "-f", "md", "-o", str(out)])
    assert again.exit_code == 2
    assert f"{PREFIX[lang]}{nothing}\n{out / 'shop.md'}{exists}" in again.output


@pytest.mark.parametrize(
    ("lang", "nothing", "said"),
    [(EN, "nothing was written:", ": is a file, not a folder"), (ZH, "什么都没有写：", ": 是一个文件，不是文件夹")],
)
def test_render_to_a_file_named_by_o_says_why_once_in_both_languages(runner, write, lang, nothing, said):
    path = write("shop.yaml", CLEAN_PROFILE)
    out = write("out", "a file of the user's\n")  # no suffix a plan could have: not taken for -o plan.docx
    result = runner.invoke(app, ["--lang", lang, "render", str(path), "-f", "md,json,html", "-o", str(out)])
    assert result.exit_code == 2
    assert f"{PREFIX[lang]}{nothing}\n{out}{said}\n" in result.output
    assert result.output.count(said) == 1  # three formats, one reason
    assert out.read_text(encoding="utf-8") == "a file of the user's\n"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (EN, "--format: unknown format 'bogus'; choose from md, docx, pdf, json, xlsx, pptx, html"),
        (ZH, "--format: 没有格式 'bogus'；可选：md, docx, pdf, json, xlsx, pptx, html"),
    ],
)
def test_an_unknown_format_in_both_languages(runner, write, lang, said):
    result = runner.invoke(app, ["--lang", lang, "render", str(write("shop.yaml", CLEAN_PROFILE)), "-f", "md,bogus"])
    assert result.exit_code == 2
    assert PREFIX[lang] + said in result.output


@pytest.mark.parametrize(
    ("lang", "said"), [(EN, ": --templates: no such folder"), (ZH, ": --templates: 没有这个文件夹")]
)
def test_a_missing_templates_folder_in_both_languages(runner, write, lang, said):
    path = write("shop.yaml", CLEAN_PROFILE)
    missing = path.parent / "nowhere"
    result = runner.invoke(app, ["--lang", lang, "render", str(path), "--templates", str(missing)])
    assert result.exit_code == 2
    assert f"{PREFIX[lang]}{missing}{said}" in result.output


def test_a_refused_render_says_so_in_the_profiles_language(runner, write):
    bad = CLEAN_PROFILE.replace("      share: 0.3\n    - name: 场景", "      share: 0.25\n    - name: 场景", 1)
    path = write("shop.yaml", bad)
    result = runner.invoke(app, ["render", str(path), "-o", str(path.parent / "out")], env={"OPSPLAN_LANG": ""})
    assert result.exit_code == 1
    assert f"{path}: 没有生成：检查发现了错误（见上方）；请改正，或者加 --draft" in result.output
