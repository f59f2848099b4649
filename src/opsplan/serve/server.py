"""``opsplan serve``: the plan's HTML preview on a local web server, rebuilt whenever its files change.

The server (the standard library's ``ThreadingHTTPServer``) answers ``/`` and ``/version`` only, to requests
naming this server in their Host header (a page elsewhere cannot read the preview by rebinding a name), in a
thread of its own; the page polls ``/version`` and reloads when it moves. The watchers (``serve.watch``) have
threads of their own too; the main thread builds (``serve.plan_page``), so that the CPU timer that stops a
runaway user template can stop it there.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from opsplan import i18n
from opsplan.errors import InputError
from opsplan.io_messages import iomsg
from opsplan.render.loaded import PLAN_DOCUMENT_SUFFIXES
from opsplan.serve.page import PreviewState
from opsplan.serve.plan_page import ServeOptions, build, say
from opsplan.serve.watch import Watcher

__all__ = ["ServeOptions", "is_loopback", "listen", "make_handler", "serve"]


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
    from opsplan.gcpace import interpreter_pace

    interpreter_pace()  # a server lives long: its requests' garbage goes as soon as Python lets it go
    if options.templates is not None and not options.templates.is_dir():
        raise InputError(iomsg("option.no_folder", path=options.templates, option="--templates"))
    if not path.is_file():
        raise InputError(iomsg("in.no_file", path=path))
    if path.suffix.lower() in PLAN_DOCUMENT_SUFFIXES:
        raise InputError(iomsg("render.plan_document", path=path, suffix=path.suffix.lower()))
    if not is_loopback(options.host):
        print(say("exposed", host=options.host), file=sys.stderr, flush=True)
    state = PreviewState(zh=i18n.is_zh())
    server = listen(options.host, options.port, make_handler(state, frozenset()))  # a taken port: said at once
    watcher: Watcher | None = None
    serving: threading.Thread | None = None
    try:
        first = build(path, options, state)
        port = server.server_address[1]
        named = f"[{options.host}]" if ":" in options.host else options.host
        hosts = {f"{named}:{port}"} | ({f"localhost:{port}"} if is_loopback(options.host) else set())
        server.RequestHandlerClass = make_handler(state, frozenset(hosts))
        watcher = Watcher(path, options, state, first)
        watcher.start()
        serving = _serve_in_thread(server)
        url = f"http://{named}:{port}/"
        print(say("url", path=path, url=url), flush=True)
        if first.error is not None:
            print(say("failed", why=first.error), file=sys.stderr, flush=True)
        if options.open_browser:
            import webbrowser

            webbrowser.open(url)
        while True:  # builds here, in the main thread (see the module's docstring)
            watcher.rebuild_when_asked(timeout=0.5)
    except Stopped:
        raise  # the CLI says "stopped" and exits 128 + the signal's number
    except KeyboardInterrupt:  # Ctrl-C: the user ended the preview
        pass
    finally:
        if serving is not None:
            server.shutdown()
        if watcher is not None:
            watcher.close()
        server.server_close()
    print(say("stopped"), file=sys.stderr, flush=True)


def _serve_in_thread(server: ThreadingHTTPServer) -> threading.Thread:
    """Start answering requests in a thread of its own (stop signals held there: they go to the main thread)."""
    from opsplan.fileio import signals_held

    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True, name="opsplan-serve"
    )
    with signals_held():
        thread.start()
    return thread
