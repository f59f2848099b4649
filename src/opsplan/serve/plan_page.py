"""One build of ``opsplan serve``'s preview, and the words serve says in the terminal.

One build: load the profile (and what it extends) → compute the plan → check it → render its Markdown under
draft semantics → ``build_html`` → ``page.preview_page``. A profile that does not load leaves the last good page
up under a banner.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from opsplan import i18n
from opsplan.errors import OpsplanError
from opsplan.i18n import Catalogue
from opsplan.serve.page import PreviewState, preview_page

_SAY: Catalogue = {
    "url": ("Previewing {path} at {url} (Ctrl-C stops)", "正在预览 {path}：{url}（Ctrl-C 停止）"),
    "exposed": (
        "warning: --host {host} is not a loopback address: anyone who can reach this machine can read the plan",
        "警告：--host {host} 不是本机回环地址，能访问本机的任何人都能看到方案",
    ),
    "taken": (
        "--port {port}: cannot listen on {host}:{port} ({why}); choose another port, or --port 0 for a free one",
        "--port {port}：无法在 {host}:{port} 上监听（{why}）；请换一个端口，或用 --port 0 自动选择空闲端口",
    ),
    "reloaded": ("rebuilt: {what}", "已更新：{what}"),
    "failed": ("not rebuilt: {why}", "未能更新：{why}"),
    "stopped": ("stopped", "已停止"),
    "unwatched": (
        "cannot watch {folders} for changes ({why}); the preview would not follow your edits",
        "无法监视 {folders} 的变化（{why}）；预览将无法跟随你的修改",
    ),
    "restart": ("restart opsplan serve to preview edits again", "请重新启动 opsplan serve 以继续预览修改"),
    "fault": (
        "opsplan failed unexpectedly ({kind}: {error}); the preview keeps watching; please report this",
        "opsplan 意外出错（{kind}: {error}）；预览仍在监视文件；请报告此问题",
    ),
}


def say(key: str, **values: object) -> str:
    """Return the terminal message ``key`` in the user's language (``--lang``, the environment, else en)."""
    return i18n.say(_SAY, key, **values)


@dataclass(frozen=True)
class ServeOptions:
    """What ``opsplan serve`` was asked to do."""

    host: str = "127.0.0.1"
    port: int = 8765
    templates: Path | None = None
    extends_anywhere: bool = False
    open_browser: bool = False


@dataclass(frozen=True)
class Build:
    """One build's outcome: the files it read (to watch) and the error that stopped it, if any."""

    files: frozenset[Path]
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Tell whether the plan was built and shown."""
        return self.error is None


def build(path: Path, options: ServeOptions, state: PreviewState) -> Build:
    """Build the preview of ``path`` into ``state``; a profile that does not load puts up the banner."""
    from opsplan.check.run import profile_report
    from opsplan.render.html import build_html
    from opsplan.render.loaded import load_profile_plan
    from opsplan.render.markdown import render_markdown

    files = {resolved(path)}
    try:
        loaded = load_profile_plan(path, extends_anywhere=options.extends_anywhere)
        plan, files = loaded.plan, files | loaded.sources
        with i18n.about_profile(plan.locale):  # findings as opsplan check words them
            findings = profile_report(path, loaded.document, loaded.profile, plan).findings
        plan_page = build_html(plan, render_markdown(plan, options.templates, draft=True)).decode("utf-8")
    except OpsplanError as error:
        state.failed(str(error))
        return Build(frozenset(files), str(error))
    chapters = [(str(chapter.key), chapter.title) for chapter in plan.chapters]
    zh = plan.locale.startswith("zh")
    state.loaded(preview_page(plan_page, chapters, findings, zh=zh), zh=zh)
    return Build(frozenset(files))


def resolved(path: Path) -> Path:
    """Return ``path`` made absolute with its links followed, as far as they lead (a link loop is left as it is)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop: RuntimeError before Python 3.13, OSError since
        return path.absolute()
