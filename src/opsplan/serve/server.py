"""``opsplan serve``: the plan's HTML preview on a local web server, rebuilt whenever its files change.

One build: load the profile (and what it extends) → compute the plan → check it → render its Markdown under
draft semantics → ``build_html`` → ``page.preview_page``. A profile that does not load leaves the last good page
up under a banner. ``watchfiles`` watches the folders of the profile and of every file it extends (not their
subfolders) and, recursively, the ``--templates`` folder; the page polls ``/version`` and reloads when it moves.
The server (the standard library's ``ThreadingHTTPServer``) answers ``/`` and ``/version`` only, to requests
naming this server in their Host header (a page elsewhere cannot read the preview by rebinding a name).
"""

from __future__ import annotations

import contextvars
import ipaddress
import socket
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

from opsplan import i18n
from opsplan.errors import InputError, OpsplanError
from opsplan.io_messages import iomsg
from opsplan.serve.page import PreviewState, preview_page

if TYPE_CHECKING:
    from watchfiles import Change

DEBOUNCE_MS = 150
WAIT_FOR_FOLDER = 0.3  # seconds between looks for a watched folder that is not there
_SAY = {
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


class _Watcher:
    """Rebuild the preview when the profile, a file it extends or a template changes, until ``stop`` is set."""

    def __init__(self, path: Path, options: ServeOptions, state: PreviewState, first: Build) -> None:
        self.path, self.options, self.state = path, options, state
        self.files = first.files
        self.stop = threading.Event()
        self.lock = threading.Lock()
        work = {"opsplan-watch-profile": self._watch_profile}
        if options.templates is not None:
            work["opsplan-watch-templates"] = self._watch_templates
        # each in a copy of this context, so the language --lang chose holds in the watchers' threads too
        self.threads = [
            threading.Thread(target=contextvars.copy_context().run, args=(run,), daemon=True, name=name)
            for name, run in work.items()
        ]
        self.ready = {thread.name: threading.Event() for thread in self.threads}

    def start(self) -> None:
        """Start watching; return once every watcher watches (so no save after this is missed)."""
        for thread in self.threads:
            thread.start()
        for event in self.ready.values():
            event.wait(timeout=10)

    def close(self) -> None:
        """Stop watching and wait for the watchers to finish."""
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=5)

    def rebuild(self, changed: str, *, templates: bool = False) -> None:
        """Build again after ``changed`` changed (``templates``: in the templates folder), and say so."""
        with self.lock:
            if templates:  # a template added, removed or moved: Jinja would keep the one it had found
                from opsplan.render.environment import make_environment

                make_environment.cache_clear()
            try:
                outcome = build(self.path, self.options, self.state)
            except Exception as error:  # a fault of opsplan's, not the user's: said, and the preview keeps watching
                why = say("fault", kind=type(error).__name__, error=error)
                self.state.failed(why)
                outcome = Build(self.files, why)
            # a file it extends that does not load is still watched, so its fix is seen
            self.files = outcome.files if outcome.error is None else self.files | outcome.files
        what = say("reloaded", what=changed) if outcome.error is None else say("failed", why=outcome.error)
        print(what, file=sys.stderr, flush=True)

    def _watch_profile(self) -> None:
        stale = False  # a folder went or came: build again once the new watch is in place, so nothing is missed
        while not self.stop.is_set():
            watched = self.files
            folders = _folders({f.parent for f in watched})

            def relevant(_change: Change, name: str, watched: frozenset[Path] = watched) -> bool:
                return resolved(Path(name)) in watched

            for changes in self._changes(folders, relevant, recursive=False):
                if changes or stale:
                    self.rebuild(_names(changes) or _names_of(folders))
                    stale = False
                if _moved(folders, changes):  # deleted, renamed or made again: watch it afresh
                    stale = True
                    break
                if self.files != watched:  # extends now names other files: watch their folders
                    break

    def _watch_templates(self) -> None:
        from watchfiles import DefaultFilter

        assert self.options.templates is not None
        usual = DefaultFilter()

        def template(change: Change, name: str) -> bool:  # a template or a folder, not an editor's temporary file
            return (name.endswith(".j2") or Path(name).is_dir()) and usual(change, name)

        stale = False
        while not self.stop.is_set():
            folders = _folders([self.options.templates])
            for changes in self._changes(folders, template, recursive=True):
                if changes or stale:
                    self.rebuild(_names(changes) or _names_of(folders), templates=True)
                    stale = False
                if _moved(folders, changes):
                    stale = True
                    break

    def _changes(
        self, folders: dict[Path, int | None], keep: Callable[[Change, str], bool], *, recursive: bool
    ) -> Iterator[set[tuple[Change, str]]]:
        """Yield each batch of changes in the ``folders`` there are that ``keep`` keeps (an empty one now and then)."""
        from watchfiles import Change, watch

        ready = self.ready[threading.current_thread().name]
        present = sorted(str(folder) for folder, inode in folders.items() if inode is not None)
        if not present:  # none of them there (yet): look again shortly
            ready.set()
            while not self.stop.wait(WAIT_FOR_FOLDER):
                yield set()
            return

        def kept(change: Change, name: str) -> bool:  # and a watched folder's own deletion, for _moved
            return keep(change, name) or (change == Change.deleted and name in present)

        for changes in watch(
            *present,
            watch_filter=kept,
            debounce=DEBOUNCE_MS,
            stop_event=self.stop,
            rust_timeout=300,
            yield_on_timeout=True,
            raise_interrupt=False,
            recursive=recursive,
        ):
            ready.set()  # the first batch (empty, after rust_timeout) comes once the folders are watched
            yield changes


def resolved(path: Path) -> Path:
    """Return ``path`` made absolute with its links followed, as far as they lead (a link loop is left as it is)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop: RuntimeError before Python 3.13, OSError since
        return path.absolute()


def _folders(folders: Iterable[Path]) -> dict[Path, int | None]:
    """Return each folder with its inode, or None where there is no folder now (so a folder made again shows)."""
    found: dict[Path, int | None] = {}
    for folder in folders:
        try:
            status = folder.stat()
        except OSError:
            found[folder] = None
            continue
        found[folder] = status.st_ino if stat.S_ISDIR(status.st_mode) else None
    return found


def _moved(folders: dict[Path, int | None], changes: set[tuple[Change, str]]) -> bool:
    """Tell whether a watched folder was deleted (said in ``changes``), is gone, or is another folder now.

    The deletion counts even when the folder is there again with the same inode: ext4 gives a folder made
    again at once (``rm -r tpl && mkdir tpl``) the inode the deleted one had, and its watch is gone with it.
    """
    from watchfiles import Change

    deleted = {name for change, name in changes if change == Change.deleted}
    return any(str(folder) in deleted for folder in folders) or _folders(folders) != folders


def _names(changes: set[tuple[Change, str]]) -> str:
    return ", ".join(sorted({Path(name).name for _, name in changes}))


def _names_of(folders: dict[Path, int | None]) -> str:
    return ", ".join(sorted(folder.name for folder in folders))


def make_handler(state: PreviewState, hosts: frozenset[str]) -> type[BaseHTTPRequestHandler]:
    """Return the request handler: ``/`` is the page, ``/version`` its version; anything else is 404.

    ``hosts`` are the Host headers accepted (this server's address and port, and ``localhost`` on loopback).
    """

    class Handler(BaseHTTPRequestHandler):
        server_version = "opsplan"
        sys_version = ""

        def do_GET(self) -> None:
            """Answer ``/`` and ``/version``; the query string is ignored, no path reaches the file system."""
            if self.headers.get("Host", "") not in hosts:
                self._send(421, b"misdirected request\n", "text/plain")
                return
            route = self.path.split("?", 1)[0]
            snapshot = state.snapshot()
            if route == "/":
                self._send(200, snapshot.page, "text/html")
            elif route == "/version":
                self._send(200, str(snapshot.version).encode("ascii"), "text/plain")
            else:
                self._send(404, b"not found\n", "text/plain")

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                "connect-src 'self'; img-src data:",
            )
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Say nothing per request."""

    return Handler


def is_loopback(host: str) -> bool:
    """Tell whether ``host`` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def listen(host: str, port: int, handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    """Return a server listening on ``host:port`` (0: a free port); a taken port is an ``InputError``."""
    kind = _Server6 if ":" in host else _Server
    try:
        return kind((host, port), handler)
    except OSError as error:
        raise InputError(say("taken", host=host, port=port, why=error.strerror or error)) from None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # SO_REUSEADDR lets a restarted preview take its port back from TIME_WAIT on POSIX, but on Windows it lets a
    # second server share a port already listened on; SO_REUSEPORT would do that everywhere (CPython gh-120485)
    allow_reuse_address = sys.platform != "win32"
    allow_reuse_port = False


class _Server6(_Server):
    address_family = socket.AF_INET6


def serve(path: Path, options: ServeOptions) -> None:
    """Serve the preview of ``path`` until Ctrl-C (return normally) or a stop signal (``Stopped`` propagates).

    Ctrl-C is how a user ends a preview, so it is a clean stop (exit 0); SIGTERM or SIGHUP come from elsewhere
    (a service manager, a closed terminal), so the CLI exits 128 + the signal's number, as ``python -m http.server``
    and uvicorn do. Either way the watchers stop and the port is released first.
    """
    from opsplan.errors import Stopped

    if options.templates is not None and not options.templates.is_dir():
        raise InputError(iomsg("option.no_folder", path=options.templates, option="--templates"))
    if not path.is_file():
        raise InputError(iomsg("in.no_file", path=path))
    if not is_loopback(options.host):
        print(say("exposed", host=options.host), file=sys.stderr, flush=True)
    state = PreviewState(zh=i18n.is_zh())
    server = listen(options.host, options.port, make_handler(state, frozenset()))  # a taken port: said at once
    watcher: _Watcher | None = None
    try:
        first = build(path, options, state)
        port = server.server_address[1]
        named = f"[{options.host}]" if ":" in options.host else options.host
        hosts = {f"{named}:{port}"} | ({f"localhost:{port}"} if is_loopback(options.host) else set())
        server.RequestHandlerClass = make_handler(state, frozenset(hosts))
        watcher = _Watcher(path, options, state, first)
        watcher.start()
        url = f"http://{named}:{port}/"
        print(say("url", path=path, url=url), flush=True)
        if first.error is not None:
            print(say("failed", why=first.error), file=sys.stderr, flush=True)
        if options.open_browser:
            import webbrowser

            webbrowser.open(url)
        server.serve_forever(poll_interval=0.2)
    except Stopped:
        raise  # the CLI says "stopped" and exits 128 + the signal's number
    except KeyboardInterrupt:  # Ctrl-C: the user ended the preview
        pass
    finally:
        if watcher is not None:
            watcher.close()
        server.server_close()
    print(say("stopped"), file=sys.stderr, flush=True)
