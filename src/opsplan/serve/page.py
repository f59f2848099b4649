"""The preview page: the plan's HTML with check findings beside their chapters, a banner, and a version to poll.

Pure functions over strings and findings, so the page can be tested without a server or a browser. The plan's
HTML comes whole from ``opsplan.render.html.build_html``; this module only adds to it: a panel at the top of
``<main>`` (the error banner, the draft mark, every finding), a list of the chapter's findings under each chapter
heading, and a script that polls ``/version`` and reloads when it changes. Every profile text is escaped.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from opsplan.check.findings import Finding, fails
from opsplan.i18n import EN, ZH, Catalogue, say_in

# the words the preview adds to the page, in the plan's language
PREVIEW: Catalogue = {
    "draft": (
        "DRAFT: the check finds {n} error(s); the plan is shown as a draft",
        "草稿：检查发现 {n} 个错误，以草稿显示",
    ),
    "clean": ("The check finds no errors", "检查未发现错误"),
    "findings": ("Check findings ({n})", "检查发现（{n}）"),
    "broken": (
        "The plan cannot be built (an error in the profile or a template); the last plan built is shown below",
        "方案无法生成（档案或模板有错误）；下方为最近一次成功生成的方案",
    ),
    "nothing": ("No plan has loaded yet", "尚无可显示的方案"),
}
POLL_MS = 600  # how often the page asks the server for the version

PREVIEW_STYLE = """
.pv-panel { border:1px solid #d5dbe5; border-radius:6px; padding:10px 14px; margin:0 0 18px; background:#f8fafc; }
.pv-banner { border:2px solid #b3261e; background:#fdecea; color:#5f1410; border-radius:6px; padding:10px 14px;
  margin:0 0 14px; white-space:pre-wrap; font-family:ui-monospace, monospace; font-size:13px; }
.pv-draft { color:#8a4b00; font-weight:700; margin:0 0 6px; }
.pv-findings { list-style:none; padding:0; margin:6px 0; font-size:13px; }
.pv-findings li { padding:3px 6px; margin:2px 0; border-left:4px solid #9aa5b1; background:#fff; }
.pv-findings li.error { border-color:#b3261e; } .pv-findings li.warning { border-color:#c77700; }
.pv-findings .rule { font-weight:700; margin-right:6px; } .pv-findings .where { color:#5b6573; margin-left:6px; }
aside.pv-chapter { margin:4px 0 12px; }
"""

VERSION_MARK = "<!--pv-version-->"  # where a page's own version goes (PreviewState writes it in)
POLL_SCRIPT = f"""
(function () {{
  var seen = "{VERSION_MARK}";
  var y = sessionStorage.getItem("opsplan-preview-y");
  if (y !== null) {{ window.scrollTo(0, parseInt(y, 10)); sessionStorage.removeItem("opsplan-preview-y"); }}
  function ask() {{
    fetch("/version", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }}).then(function (v) {{
      if (v !== seen) {{
        sessionStorage.setItem("opsplan-preview-y", String(window.scrollY));
        location.reload();
        return;
      }}
      setTimeout(ask, {POLL_MS});
    }}, function () {{ setTimeout(ask, {POLL_MS * 3}); }});
  }}
  ask();
}})();
"""


def word(key: str, zh: bool, **values: object) -> str:
    """Return the preview's wording ``key`` in zh-CN or en, with ``values`` filled in."""
    return say_in(ZH if zh else EN, PREVIEW, key, **values)


def findings_by_chapter(
    findings: Iterable[Finding], chapters: Sequence[str]
) -> tuple[dict[str, list[Finding]], list[Finding]]:
    """Split ``findings`` by the chapter they concern: those of a chapter in ``chapters``, and the rest.

    A finding's ``chapter`` is the chapter key the check gives it; one on a chapter the plan does not show
    (left out, or about the file as a whole) belongs to the rest, shown only in the list at the top.
    """
    placed: dict[str, list[Finding]] = {key: [] for key in chapters}
    rest: list[Finding] = []
    for finding in findings:
        placed.get(finding.chapter, rest).append(finding)
    return {key: items for key, items in placed.items() if items}, rest


def findings_html(findings: Iterable[Finding]) -> str:
    """Return findings as an escaped list: severity class, rule id, message, file:line (field)."""
    items = [
        f'<li class="{f.level.value}"><span class="rule">{escape(f.rule)}</span>{escape(f.message)}'
        f'<span class="where">{escape(f.where)}</span></li>'
        for f in findings
    ]
    return f'<ul class="pv-findings">{"".join(items)}</ul>' if items else ""


_CHAPTER_HEADING = re.compile(r'(<section class="chapter" id="[^"]*">\n<h2>)(.*?)(</h2>\n)')


def place_findings(page: str, chapters: Sequence[tuple[str, str]], findings: Sequence[Finding]) -> str:
    """Return ``page`` with each chapter's findings listed under its heading.

    ``chapters`` are the plan's ``(key, title)`` in order; a chapter heading is the one whose text ends with
    the (escaped) title, numbering such as 一、 or 1. before it. Findings of chapters not found stay out.
    """
    placed, _ = findings_by_chapter(findings, [key for key, _ in chapters])
    pending = list(chapters)
    parts: list[str] = []
    last = 0
    for match in _CHAPTER_HEADING.finditer(page):
        heading = match.group(2)
        for index, (key, title) in enumerate(pending):
            if heading.endswith(escape(title)):
                del pending[: index + 1]
                listed = findings_html(placed.get(key, []))
                if listed:
                    parts.append(page[last : match.end()])
                    parts.append(f'<aside class="pv-chapter" data-chapter="{escape(key)}">{listed}</aside>\n')
                    last = match.end()
                break
    parts.append(page[last:])
    return "".join(parts)


def top_panel(findings: Sequence[Finding], *, zh: bool) -> str:
    """Return the panel opening the page: the draft mark when the check finds errors, then every finding."""
    errors = sum(1 for f in findings if fails(f, strict=False))
    head = (
        f'<p class="pv-draft">{escape(word("draft", zh, n=errors))}</p>'
        if errors
        else f"<p>{escape(word('clean', zh))}</p>"
    )
    listed = ""
    if findings:
        listed = f"<details open><summary>{escape(word('findings', zh, n=len(findings)))}</summary>"
        listed += findings_html(findings) + "</details>"
    return f'<section class="pv-panel" id="pv-findings">{head}{listed}</section>\n'


def banner(message: str, *, zh: bool, shown_below: bool) -> str:
    """Return the banner saying the profile does not load: why (file:line message), and what is shown."""
    say = word("broken" if shown_below else "nothing", zh)
    return (
        f'<div class="pv-banner" role="alert" id="pv-banner"><strong>{escape(say)}</strong>\n{escape(message)}</div>\n'
    )


def preview_page(plan_page: str, chapters: Sequence[tuple[str, str]], findings: Sequence[Finding], *, zh: bool) -> str:
    """Return the plan's HTML made into the preview: findings in place and at the top, the reload script."""
    page = place_findings(plan_page, chapters, findings)
    page = page.replace("</style>\n", PREVIEW_STYLE + "</style>\n", 1)
    page = page.replace("<main>\n", "<main>\n<!--pv-banner-->" + top_panel(findings, zh=zh), 1)
    return page.replace("</body>", f"<script>{POLL_SCRIPT}</script>\n</body>", 1)


def empty_page(*, zh: bool) -> str:
    """Return the page shown before any plan has loaded: only the banner, and the reload script."""
    lang = "zh-CN" if zh else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>opsplan</title>\n'
        f"<style>{PREVIEW_STYLE}</style>\n</head>\n<body>\n<main>\n<!--pv-banner--></main>\n"
        f"<script>{POLL_SCRIPT}</script>\n</body>\n</html>\n"
    )


@dataclass(frozen=True)
class Snapshot:
    """What the server sends: the page and its version (which changes whenever the page does)."""

    version: int
    page: bytes


class PreviewState:
    """The preview as the server shows it: the last plan that loaded, the current load error, a version.

    Updated by the thread that builds, read by the server's; the version moves only when the page changes, so a
    save that changes nothing reloads nothing. Each page carries its own version, which its script compares with
    ``/version``: a change made while the page was loading is seen at its first poll.
    """

    def __init__(self, *, zh: bool) -> None:
        """Start with no plan (an empty page) in the language ``zh`` says."""
        self._lock = threading.Lock()
        self._good: str | None = None
        self._error: str | None = None
        self._zh = zh
        self._composed = self._compose()
        self._snapshot = Snapshot(0, self._versioned(0))

    def _versioned(self, version: int) -> bytes:
        """Return the composed page with ``version`` in its script (the last thing on the page)."""
        head, mark, tail = self._composed.rpartition(f'"{VERSION_MARK}"'.encode())
        return head + (f'"{version}"'.encode() if mark else b"") + tail

    def _compose(self) -> bytes:
        page = self._good if self._good is not None else empty_page(zh=self._zh)
        shown = "" if self._error is None else banner(self._error, zh=self._zh, shown_below=self._good is not None)
        return page.replace("<!--pv-banner-->", shown, 1).encode("utf-8")

    def _update(self) -> None:
        page = self._compose()
        if page != self._composed:
            self._composed = page
            version = self._snapshot.version + 1
            self._snapshot = Snapshot(version, self._versioned(version))

    def loaded(self, page: str, *, zh: bool) -> None:
        """Show ``page`` (a ``preview_page``): the profile loaded, so the banner goes."""
        with self._lock:
            self._good, self._error, self._zh = page, None, zh
            self._update()

    def failed(self, message: str) -> None:
        """Show the banner with ``message`` above the last plan that loaded."""
        with self._lock:
            self._error = message
            self._update()

    def snapshot(self) -> Snapshot:
        """Return the current page and version."""
        with self._lock:
            return self._snapshot
