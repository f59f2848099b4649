"""The content of one profile's output files, in memory: its plan loaded and checked, then each format made.

``render_bytes`` is what ``opsplan render`` writes for a profile (``render.run``): the plan is loaded, computed and
checked (``checked_plan``), its Markdown rendered, and each format built from the plan and that Markdown: the DOCX
(``plan_docx``, with ``document_info`` on its title page, its contents' page numbers estimated, confirmed by
LibreOffice, which a PDF always is, or left out), PDF, HTML, XLSX, PPTX and JSON. A new format is one more entry
in ``render_bytes``. Nothing here writes a file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from opsplan.errors import RefusedError
from opsplan.gcpace import settle
from opsplan.i18n import about_profile
from opsplan.io_messages import iomsg
from opsplan.render.loaded import load_profile_plan

if TYPE_CHECKING:
    from opsplan.plan.model import Plan
    from opsplan.render.docx import DocumentInfo
    from opsplan.render.options import RenderOptions


def render_bytes(path: Path, options: RenderOptions, formats: Sequence[str]) -> list[bytes]:
    """Return the content of each requested format for the profile at ``path``, in the order of ``formats``.

    Raises ``RefusedError`` when the profile's check finds errors and ``options.draft`` is not set.
    """
    plan = checked_plan(path, draft=options.draft, extends_anywhere=options.extends_anywhere)
    markdown: str | None = None
    if "md" in formats or "docx" in formats or "pdf" in formats or "html" in formats:
        from opsplan.render.markdown import render_markdown

        markdown = render_markdown(plan, options.templates, draft=options.draft)
    settle()  # one plan on the command line: what is built lives to the end (``gcpace.one_plan``), else nothing
    made: dict[str, bytes] = {}
    if "pdf" in formats or ("docx" in formats and options.page_numbers == "confirmed"):
        from opsplan.render.docx import chapter_bookmarks
        from opsplan.render.pdf import render_pdf

        assert markdown is not None
        text = markdown
        made["docx"], made["pdf"] = render_pdf(
            lambda pages, breaks: plan_docx(plan, text, options, pages=pages, breaks=breaks), chapter_bookmarks(text)
        )
    out: list[bytes] = []
    for fmt in formats:
        if fmt in made:
            out.append(made[fmt])
            continue
        if fmt == "md":
            assert markdown is not None
            out.append(markdown.encode("utf-8"))
        elif fmt == "docx":
            assert markdown is not None
            out.append(plan_docx(plan, markdown, options))
        elif fmt == "html":
            from opsplan.render.html import build_html

            assert markdown is not None
            out.append(build_html(plan, markdown))
        elif fmt == "xlsx":
            from opsplan.render.xlsx import build_xlsx

            out.append(build_xlsx(plan, draft=options.draft))
        elif fmt == "pptx":
            from opsplan.render.pptx import build_pptx

            out.append(build_pptx(plan, reference_pptx=options.reference_pptx, draft=options.draft))
        else:
            from opsplan.plan.jsonview import plan_to_json

            text = json.dumps(plan_to_json(plan), ensure_ascii=False, indent=2, sort_keys=False)
            out.append((text + "\n").encode("utf-8"))
    return out


def load_plan(path: Path, *, extends_anywhere: bool = False) -> Plan:
    """Load the profile at ``path`` and compute its plan; refuse text with a reference that names no value."""
    return load_profile_plan(path, extends_anywhere=extends_anywhere).plan


def checked_plan(path: Path, *, draft: bool, extends_anywhere: bool = False) -> Plan:
    """Load and compute as ``load_plan`` does, then check; raise ``RefusedError`` on check errors.

    With ``draft`` the plan is returned whatever the check finds.
    """
    from opsplan.check.findings import fails
    from opsplan.check.reporters import render_text
    from opsplan.check.run import profile_report

    loaded = load_profile_plan(path, extends_anywhere=extends_anywhere)
    if draft:
        return loaded.plan
    report = profile_report(Path(path), loaded.document, loaded.profile, loaded.plan)
    if any(fails(f, strict=False) for f in report.findings):
        with about_profile(report.locale):  # said, as the report is, in the profile's language
            raise RefusedError(iomsg("render.refused", path=path), render_text([report], strict=False))
    return loaded.plan


def plan_docx(
    plan: Plan,
    markdown: str,
    options: RenderOptions,
    *,
    pages: Mapping[str, int] | None = None,
    breaks: frozenset[str] = frozenset(),
) -> bytes:
    """Return the DOCX of ``plan`` from its Markdown, with the plan's metadata and, with --charts, its charts.

    ``pages``: each heading's page by bookmark, for the contents, and ``breaks``: the chapters that start a new
    page (both known once the DOCX went through LibreOffice, ``render.pdf``). Without ``pages``, the contents
    get the estimated pages and the chapter breaks that go with them, or none under ``page_numbers="none"``.
    """
    from opsplan.render.docx import build_docx
    from opsplan.render.docx_toc import Contents

    charts: dict[str, list[bytes]] = {}
    if options.charts:
        from opsplan.render.charts import draw_charts

        for chapter, png in draw_charts(plan):
            charts.setdefault(str(chapter), []).append(png)
    estimate = pages is None and options.page_numbers != "none"
    return build_docx(
        markdown,
        document_info(plan, draft=options.draft),
        chapters=[str(chapter.key) for chapter in plan.chapters],
        charts=charts,
        reference_docx=options.reference_docx,
        contents=Contents(depth=options.toc_depth, pages=pages, estimate=estimate),
        page_breaks=breaks,
    )


def document_info(plan: Plan, *, draft: bool = False) -> DocumentInfo:
    """Return what the DOCX title page, headers and properties show, from the plan (``draft``: 草稿 / DRAFT)."""
    from opsplan.render.docx import DocumentInfo

    settings, shop = plan.profile.plan, plan.profile.shop
    keywords = [shop.name, shop.platform.value, settings.kind.value, shop.category]
    return DocumentInfo(
        title=settings.title.replace("\n", " "),
        shop=shop.name,
        author=settings.author or "",
        date=settings.date,
        locale=plan.locale,
        draft=draft,
        client=settings.client or "",
        version=settings.version or "",
        confidentiality=settings.confidentiality or "",
        keywords=", ".join(word.replace(" ", "\u00a0") for word in keywords if word),  # LibreOffice splits at " "
    )
