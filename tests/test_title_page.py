"""Title page and document properties (issue 15.6): client, version, author, date and a confidentiality notice
on the title page of the Markdown and the DOCX; DOCX core properties title, author, subject and keywords."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


FIELDS = {
    "zh-CN": {
        "client": "拾光花事（上海）文化创意有限公司",
        "version": "v1.0",
        "confidentiality": "本方案仅供客户内部使用，未经书面许可不得外传。",
    },
    "en": {
        "client": "Shiguang Flowers (Shanghai) Ltd.",
        "version": "v1.0",
        "confidentiality": "For the client's internal use only; not to be shared without written consent.",
    },
}


def render(tmp_path: Path, locale: str) -> tuple[str, zipfile.ZipFile]:
    text = (EXAMPLES / f"douyin-flowers.{locale}.yaml").read_text(encoding="utf-8")
    fields = "".join(f"  {key}: {value!r}\n" for key, value in FIELDS[locale].items())
    assert "  date: 2027-02-15\n" in text
    text = text.replace("  date: 2027-02-15\n", "  date: 2027-02-15\n" + fields, 1)
    profile = tmp_path / f"douyin-flowers.{locale}.yaml"
    profile.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(profile), "-f", "md,docx", "-o", str(tmp_path), "--force"])
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / f"douyin-flowers.{locale}.md").read_text(encoding="utf-8")
    return markdown, zipfile.ZipFile(tmp_path / f"douyin-flowers.{locale}.docx")


@pytest.mark.parametrize(
    ("locale", "lines"),
    [
        (
            "zh-CN",
            [
                "客户：拾光花事（上海）文化创意有限公司",
                "版本：v1.0",
                "编制：拾光花事品牌运营中心",
                "日期：2027年2月15日",
                "> 本方案仅供客户内部使用，未经书面许可不得外传。",
            ],
        ),
        (
            "en",
            [
                "Client: Shiguang Flowers (Shanghai) Ltd.",
                "Version: v1.0",
                "Prepared by: Shiguang Florals brand operations team",
                "Date: 15 February 2027",
                "> For the client's internal use only; not to be shared without written consent.",
            ],
        ),
    ],
)
def test_the_title_page_shows_client_version_author_date_and_notice(tmp_path: Path, locale: str, lines: list[str]):
    markdown, docx = render(tmp_path, locale)
    head = markdown.split("<!-- opsplan:end-title-page -->")[0]
    assert [line for line in head.splitlines()[3:] if line] == lines
    document = docx.read("word/document.xml").decode("utf-8")
    title_page, body = document.split("<w:sectPr", 1)[0], document
    texts = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", title_page)
    sep = "：" if locale == "zh-CN" else ": "
    for line in lines[:4]:  # client, version, author and date as the Markdown shows them
        assert line.replace("：", sep) in texts
    assert lines[-1].removeprefix("> ").replace("'", "&apos;") in texts or lines[-1][2:] in texts
    assert body.count(lines[1].split(sep)[-1]) == 1  # the version once: on the title page, not again in the body


def test_docx_core_properties(tmp_path: Path) -> None:
    _, docx = render(tmp_path, "zh-CN")
    core = docx.read("docProps/core.xml").decode("utf-8")

    def prop(name: str) -> str:
        found = re.search(rf"<{name}>([^<]*)</{name}>", core)
        return found.group(1) if found else ""

    assert prop("dc:title") == "拾光花事抖音短视频与直播运营方案（2027—2029）"
    assert prop("dc:creator") == "拾光花事品牌运营中心"
    assert prop("dc:subject") == "拾光花事"
    assert prop("cp:keywords") == "拾光花事, douyin, douyin-flowers, 高端鲜花花束与花艺订阅"


def test_keywords_keep_their_words_together(tmp_path: Path) -> None:
    # LibreOffice made the PDF's keywords "Shiguang, Florals, douyin, …" of "Shiguang Florals, douyin, …"
    _, docx = render(tmp_path, "en")
    core = docx.read("docProps/core.xml").decode("utf-8")
    keywords = re.search(r"<cp:keywords>([^<]*)</cp:keywords>", core)
    assert keywords is not None
    assert keywords.group(1).split(", ")[0] == "Shiguang\u00a0Florals"
    assert " " not in keywords.group(1).replace(", ", "")


def test_the_version_is_in_the_page_header(tmp_path: Path) -> None:
    _, docx = render(tmp_path, "en")
    headers = [docx.read(name).decode("utf-8") for name in docx.namelist() if name.startswith("word/header")]
    assert any(">v1.0<" in header for header in headers)
    assert not any("opsplan-slot" in docx.read(name).decode("utf-8", "replace") for name in docx.namelist())


def test_without_a_version_the_header_has_none(tmp_path: Path) -> None:
    profile = EXAMPLES / "douyin-flowers.en.yaml"
    result = CliRunner().invoke(app, ["render", str(profile), "-f", "docx", "-o", str(tmp_path), "--force"])
    assert result.exit_code == 0, result.output
    docx = zipfile.ZipFile(tmp_path / "douyin-flowers.en.docx")
    assert not any("opsplan-slot" in docx.read(name).decode("utf-8", "replace") for name in docx.namelist())


def test_the_deck_is_dated_as_the_docx_title_page(tmp_path: Path) -> None:
    from pptx import Presentation

    profile = EXAMPLES / "douyin-flowers.zh-CN.yaml"  # plan.date 2027-02-15, plan.start 2027-03-01
    result = CliRunner().invoke(app, ["render", str(profile), "-f", "pptx", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    deck = Presentation(str(tmp_path / "douyin-flowers.zh-CN.pptx"))
    title = " ".join(shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame)
    assert "2027年2月15日" in title and "2027年3月1日" not in title
    assert deck.core_properties.created is not None and deck.core_properties.created.date().isoformat() == "2027-02-15"
