"""What a file really is, read from its first bytes, so a file under the wrong name gets a clear message.

``sniff`` tells a Word document, Excel workbook, PowerPoint presentation, PDF or other ZIP package from
its content (the ZIP's part names, the PDF signature); ``wrong_kind`` words the message when a file named
for one kind holds another (a workbook saved as ``plan.docx``, a DOCX renamed ``plan.md``), and
``output_folder_message`` the one for ``-o plan.docx``, where ``-o`` names a folder.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from opsplan.i18n import Catalogue, listing, say

TYPE_CHECKING = False  # typing.TYPE_CHECKING, to mypy too: a check imports no typing (3.4 ms)

if TYPE_CHECKING:
    from pathlib import Path

# the outputs opsplan writes and the office files a user may confuse with them
FILE_SUFFIXES = (".md", ".docx", ".dotx", ".pdf", ".json", ".xlsx", ".pptx", ".potx", ".html", ".htm", ".doc", ".xls")

MESSAGES: Catalogue = {
    "kind.docx": ("a Word document (.docx)", "Word 文档（.docx）"),
    "kind.xlsx": ("an Excel workbook (.xlsx)", "Excel 工作簿（.xlsx）"),
    "kind.pptx": ("a PowerPoint presentation (.pptx)", "PowerPoint 演示文稿（.pptx）"),
    "kind.pdf": ("a PDF", "PDF 文件"),
    "kind.zip": ("a ZIP archive", "ZIP 压缩包"),
    "wrong_kind": (
        "{file}: this file is {found}, although its name ends in {suffix}; {expected}",
        "{file}：这个文件其实是{found}，只是文件名以 {suffix} 结尾；{expected}",
    ),
    "is_kind": ("{file} is {found}; {expected}", "{file} 是{found}；{expected}"),
    "rename": ("rename it {better} and give that name", "请把它改名为 {better} 后再使用"),
    "expected.plan": (
        "opsplan check reads plans as Markdown (.md) or Word (.docx): give it the plan's .md or .docx file",
        "opsplan check 读取的方案须是 Markdown（.md）或 Word（.docx）文件：请给它方案的 .md 或 .docx 文件",
    ),
    "expected.reference_docx": (
        "--reference-docx needs a Word document (.docx or .dotx) whose styles the plan takes",
        "--reference-docx 需要一个 Word 文档（.docx 或 .dotx），方案沿用它的样式",
    ),
    "expected.reference_pptx": (
        "--reference-pptx needs a PowerPoint presentation (.pptx or .potx) whose master the deck takes",
        "--reference-pptx 需要一个 PowerPoint 演示文稿（.pptx 或 .potx），汇报稿沿用它的母版",
    ),
    "output_folder": (
        "-o {out}: -o names the folder the files are written to, not a file; each file is named after its "
        "profile ({names}). Give a folder, for example -o . for this one, and -f to choose the formats "
        "(-f {format} for the {format} file only)",
        "-o {out}：-o 指定的是写入文件的文件夹，不是文件名；每个文件按它的档案命名（{names}）。请给一个文件夹，"
        "例如 -o . 表示当前文件夹，用 -f 选择格式（只要 {format} 文件就写 -f {format}）",
    ),
}

_ZIP_KINDS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("ppt/presentation.xml", "pptx"))


def sniff(data: bytes) -> str | None:
    """Return docx, xlsx, pptx, pdf or zip for what ``data`` holds, None for anything else (text, say).

    A damaged ZIP is None too: what it was meant to be cannot be told, and its reader names the damage.
    """
    if data.startswith(b"%PDF-"):
        return "pdf"
    if not data.startswith(b"PK\x03\x04"):
        return None
    from opsplan.safeio import MAX_MEMBERS
    from opsplan.zipread import TooManyMembers, ZipDamaged, members

    try:
        names = {member.name for member in members(data, MAX_MEMBERS)}
    except (ZipDamaged, TooManyMembers):
        return None
    return next((kind for part, kind in _ZIP_KINDS if part in names), "zip")


def wrong_kind(path: str | os.PathLike[str], data: bytes, expected: str, wanted: Sequence[str]) -> str | None:
    """Return the message for a file at ``path`` that holds another kind than ``wanted``; None if it does not.

    ``expected`` is the key of what the caller reads (``plan``, ``reference_docx``, ``reference_pptx``).
    """
    found = sniff(data)
    if found is None or found in wanted:
        return None
    from pathlib import Path  # only for a file of the wrong kind: a check of a DOCX imports no pathlib

    shown = Path(path)
    if expected == "plan" and found == "docx":
        advice = say(MESSAGES, "rename", better=shown.with_suffix(".docx").name)
    else:
        advice = say(MESSAGES, f"expected.{expected}")
    suffix = shown.suffix.lower()
    key = "is_kind" if suffix == f".{found}" else "wrong_kind"
    return say(MESSAGES, key, file=shown, found=say(MESSAGES, f"kind.{found}"), suffix=suffix or "''", expected=advice)


def output_folder_message(out: Path, names: Sequence[str]) -> str | None:
    """Return the message for ``-o`` naming a file (``plan.docx``) rather than a folder; None when it is fine."""
    if out.suffix.lower() not in FILE_SUFFIXES or out.is_dir():
        return None
    shown = listing(names)
    suffix = out.suffix.lower().lstrip(".")
    fmt = {"htm": "html", "dotx": "docx", "doc": "docx", "potx": "pptx", "xls": "xlsx"}.get(suffix, suffix)
    return say(MESSAGES, "output_folder", out=out, names=shown, format=fmt)
