"""What ``opsplan render`` is asked for: the options, the formats it writes, and the file each format goes to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from opsplan.errors import InputError
from opsplan.io_messages import iomsg

FORMATS = ("md", "docx", "pdf", "json", "xlsx", "pptx", "html")
# the page numbers in a DOCX's contents: from the layout estimate (no LibreOffice), from LibreOffice's layout, none
PageNumbers = Literal["estimated", "confirmed", "none"]


@dataclass(frozen=True)
class RenderOptions:
    """What ``opsplan render`` was asked to do."""

    formats: Sequence[str] = ("md", "docx")
    out_dir: Path = field(default_factory=lambda: Path("."))
    jobs: int = 1
    templates: Path | None = None
    reference_docx: Path | None = None
    reference_pptx: Path | None = None
    charts: bool = False
    force: bool = False
    summary: bool = False
    extends_anywhere: bool = False
    toc_depth: int = 2
    draft: bool = False
    page_numbers: PageNumbers = "estimated"  # and the chapter breaks that go with them (``docx_toc``)


def validate_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """Return the requested formats in canonical order; raise ``InputError`` naming an unknown one."""
    wanted = [f.strip().lower() for f in formats if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        shown = ", ".join(repr(f) for f in unknown)
        raise InputError(iomsg("render.unknown_format", unknown=shown, choices=", ".join(FORMATS)))
    if not wanted:
        raise InputError(iomsg("render.no_format", choices=", ".join(FORMATS)))
    return tuple(f for f in FORMATS if f in wanted)


def output_paths(path: Path, out_dir: Path, formats: Sequence[str]) -> list[Path]:
    """Return the files rendering ``path`` writes: ``examples/a.zh-CN.yaml`` → ``<out_dir>/a.zh-CN.md``."""
    return [out_dir / f"{Path(path).stem}.{fmt}" for fmt in formats]
