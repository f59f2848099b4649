"""The one Jinja environment factory: strict, sandboxed for user templates, searching the user's folder first.

``make_environment(locale, user_templates)`` returns a cached environment whose loader looks in the
user's ``--templates`` folder (``DIR/<locale>/``, then ``DIR/``) first, then the packaged
``templates/<locale>/`` (wording) and ``templates/common/`` (chapter structure), and refuses any name
that would lead outside those roots, also through symbolic links; ``opsplan/NAME`` names the packaged
template only. With a user folder the environment is the allow-list sandbox of ``sandbox.py``, bounded
in time and size, and refusing a control character (NUL, ESC …) a template writes; opsplan's own templates
alone render in a plain one. ``render_template`` turns every Jinja failure into ``TemplateError`` naming the
file and line, and stops a user's rendering whose text grows past ``MAX_OUTPUT_CHARS``.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import math
import os
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import jinja2.runtime
import jinja2.utils
from markupsafe import Markup

import opsplan
from opsplan.errors import InputError, TemplateError
from opsplan.render.filters import filters_for
from opsplan.render.markup import NEEDS_ESCAPE, escape_inline
from opsplan.render.messages import rmsg
from opsplan.render.template_cache import template_cache
from opsplan.textdecode import NOT_TEXT, decode

TEMPLATE_SUFFIX = ".j2"
MAX_OUTPUT_CHARS = 16_000_000  # longest text a rendering may produce; a whole plan is about 100,000
RENDER_SECONDS = 4.0  # CPU seconds; a whole plan renders in well under one, a template looping longer is stopped

# when the rendering under way must stop (``thread_time``): read by the sandbox on every call and attribute
deadline: contextvars.ContextVar[float] = contextvars.ContextVar("opsplan_render_deadline", default=math.inf)


def packaged_templates() -> Path:
    """Return the packaged templates folder: inside the wheel, else the repository's ``templates/``."""
    package = Path(opsplan.__file__).resolve().parent
    installed = package / "templates"
    if installed.is_dir():
        return installed
    return package.parents[1] / "templates"


PACKAGED_PREFIX = "opsplan/"  # `{% extends "opsplan/goals.md.j2" %}` names the packaged template, never an override


class RootedLoader(jinja2.BaseLoader):
    """Load templates from an ordered list of roots; never from outside them, links included.

    A name starting with ``opsplan/`` is looked up in the packaged roots only, so an override can extend
    the packaged template of the same name.
    """

    def __init__(self, roots: list[Path], packaged: int | None = None) -> None:
        self.roots = [root.resolve() for root in roots if root.is_dir()]
        self.packaged = [root.resolve() for root in roots[packaged or 0 :] if root.is_dir()]

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """Return the source of ``template`` from the first root that holds it."""
        roots = self.roots
        if template.startswith(PACKAGED_PREFIX):
            template, roots = template.removeprefix(PACKAGED_PREFIX), self.packaged
        parts = jinja2.loaders.split_template_path(template)
        for root in roots:
            # paths as strings: a ``Path`` for each candidate was a third of the time a template took to find
            candidate = os.path.join(root, *parts)
            try:
                found = _file_below(str(root), parts)
            except FileNotFoundError:
                continue
            if found is not None:  # a file under the (resolved) root, reached through no link
                real, mtime = candidate, found.st_mtime
            else:
                if not os.path.isfile(candidate):
                    continue
                resolved = Path(candidate).resolve()
                if not resolved.is_relative_to(root):
                    raise TemplateError(rmsg("template.outside", path=candidate, name=template, root=root))
                real, mtime = str(resolved), resolved.stat().st_mtime
            try:
                with open(real, "rb") as stream:
                    raw = stream.read()
                source = decode(raw, candidate)
            except InputError as error:  # not UTF-8 (a GBK editor), or a character no text may hold
                raise TemplateError(str(error)) from None

            def uptodate(path: str = real, stamp: float = mtime) -> bool:
                return os.path.isfile(path) and os.stat(path).st_mtime == stamp

            return source, candidate, uptodate
        raise jinja2.TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        """Return the names of every template in every root (user overrides and packaged ones)."""
        names: set[str] = set()
        for root in self.roots:
            for path in root.rglob(f"*{TEMPLATE_SUFFIX}"):
                if path.resolve().is_relative_to(root):
                    names.add(path.relative_to(root).as_posix())
        return sorted(names)


def _file_below(root: str, parts: list[str]) -> os.stat_result | None:
    """Return the status of the regular file ``root/parts`` if no part of the way below ``root`` is a link.

    Raise ``FileNotFoundError`` when there is nothing there; ``None`` means a link or something other than a regular
    file was met, and the caller resolves the path. ``root`` is resolved and ``parts`` hold no ``..``, so without a
    link the path is its own real path: one ``lstat`` a part, where resolving it took one for each part from ``/``
    (32 templates a render: 2.5 ms of a cold one).
    """
    path = root
    info = None
    for part in parts:
        path = os.path.join(path, part)
        try:
            info = os.lstat(path)
        except NotADirectoryError:
            raise FileNotFoundError(path) from None
        except (PermissionError, ValueError):
            return None
        if stat.S_ISLNK(info.st_mode):
            return None
    return info if info is not None and stat.S_ISREG(info.st_mode) else None


def finalize(value: Any) -> Any:
    """Escape every ``{{ … }}`` text value for Markdown (``escape_inline``); ``Markup`` and numbers pass as they are.

    Profile text may hold line breaks, backticks, ``|`` or start with ``#``; inserted as is it could add
    headings, lists, code blocks or table columns to the plan. Filters that write Markdown on purpose
    (``cell``, ``gantt_cells``, ``code_span`` …) return ``Markup``, which is not escaped again.
    """
    if type(value) is str:  # most values, and most of them need no escaping: no call for those (a plan has 2,700)
        return value if NEEDS_ESCAPE.match(value) is None else escape_inline(value)
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return escape_inline(value)


class ControlCharacter(Exception):
    """A user template wrote a character no document may hold; the message is its code point (``U+0000``)."""


def checked_finalize(value: Any) -> Any:
    r"""``finalize`` for user templates, refusing a control character a value holds (``{{ "\x00" }}``).

    A template file holding one raw is refused when it is read (``decode``); an expression can still make one,
    which the Markdown would carry into the DOCX (whose XML cannot hold it) and the HTML. Profile text is checked
    when it is loaded, so opsplan's own templates need no such check.
    """
    if isinstance(value, str):
        bad = NOT_TEXT.search(value)
        if bad:
            raise ControlCharacter(f"U+{ord(bad.group()):04X}")
    return finalize(value)


def template_roots(locale: str, user_templates: Path | None) -> list[Path]:
    """Return the search path: the user's ``DIR/<locale>/`` and ``DIR/``, then the packaged ``<locale>/``, ``common/``.

    Roots that do not exist are skipped by the loader.
    """
    base = packaged_templates()
    roots = [base / locale, base / "common"]
    if user_templates is not None:
        roots[:0] = [Path(user_templates) / locale, Path(user_templates)]
    return roots


class SharedBlocksContext(jinja2.runtime.Context):
    """A Jinja context whose derived contexts share its blocks instead of copying each block's list.

    Jinja derives a context for every call of a ``scoped`` block (a plan calls about 400, each copying the
    lists of some 20 blocks: 18% of the time its Markdown takes to render, 1.8 of 10 ms). The lists are
    extended only by a template's root, when it extends another, and never while a block renders.
    A derived context is made with the fields ``Context.__init__`` sets (``CONTEXT_FIELDS``), its variables copied
    once and its evaluation context the parent's: through ``new_context`` and ``__init__`` they were copied twice and
    an evaluation context made to be replaced (0.7 of a plan's 6.1 ms of rendering, against 0.3).
    """

    def derived(self, locals: dict[str, Any] | None = None) -> jinja2.runtime.Context:
        """Return a new context with this one's variables and ``locals``, sharing this one's blocks."""
        parent = self.get_all()
        if locals:
            parent = {**parent, **{key: value for key, value in locals.items() if value is not jinja2.utils.missing}}
        context = _new_context_object(type(self))
        context.parent = parent
        context.vars = {}
        context.environment = self.environment
        context.eval_ctx = self.eval_ctx
        context.exported_vars = set()
        context.name = self.name
        context.globals_keys = set()
        context.blocks = self.blocks.copy()
        return context


_new_context_object = object.__new__
# what ``jinja2.runtime.Context.__init__`` sets, which ``SharedBlocksContext.derived`` sets itself (a test compares)
CONTEXT_FIELDS = ("parent", "vars", "environment", "eval_ctx", "exported_vars", "name", "globals_keys", "blocks")


class PlainDataAccess(jinja2.Environment):
    """``a.b`` on a plain mapping reads the key ``b`` first, so ``budget.items`` is the list, not ``dict.items``."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Return ``obj[attribute]`` for a dict holding that key, else what Jinja's lookup returns."""
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


class PlainStrictUndefined(jinja2.StrictUndefined):
    """``StrictUndefined`` whose message, for a name the data lacks, says in our words what the data has.

    A template written for an earlier opsplan (``v.people_line.name``, now ``v.people_line.names``) then reads
    "no field 'name' … it has amount, names (did you mean 'names'?)" at its file and line.
    """

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        obj, name = self._undefined_obj, self._undefined_name
        if self._undefined_hint or not isinstance(name, str):
            return super()._undefined_message
        if obj is jinja2.utils.missing:
            return rmsg("template.no_name", name=name)
        if not isinstance(obj, Mapping):
            return super()._undefined_message
        import difflib  # only when a template fails

        fields = sorted(str(key) for key in obj)
        close = difflib.get_close_matches(name, fields, n=1)
        said = rmsg("template.no_field", name=name, fields=", ".join(fields) or "—")
        return said + (rmsg("template.did_you_mean", name=close[0]) if close else "")


class PackagedEnvironment(PlainDataAccess):
    """The environment for opsplan's own templates alone: they are our code, so they run unsandboxed.

    Attribute lookups are most of the time a plan takes to render; the sandbox checks each one. The
    sandbox is for templates a user brings with ``--templates`` (and the packaged ones they include).
    """

    context_class = SharedBlocksContext


@functools.lru_cache(maxsize=16)
def make_environment(locale: str, user_templates: Path | None = None) -> jinja2.Environment:
    """Return the (cached) environment for ``locale``; sandboxed when the user brings a templates folder."""
    if user_templates is not None:
        _check_user_folder(Path(user_templates), locale)
    if not (packaged_templates() / locale).is_dir():
        raise TemplateError(rmsg("template.no_locale", locale=locale, folder=packaged_templates()))
    kind: type[jinja2.Environment] = PackagedEnvironment
    if user_templates is not None:
        from opsplan.render.sandbox import AllowListSandbox  # only here: 0.9 ms of a cold render's imports

        kind = AllowListSandbox
    env = kind(
        loader=RootedLoader(template_roots(locale, user_templates), packaged=-2),
        undefined=PlainStrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize if user_templates is None else checked_finalize,
        # the packaged templates change only with opsplan: no file is looked at again for each plan
        auto_reload=user_templates is not None,
    )
    env.filters.update(filters_for(locale))
    env.bytecode_cache = template_cache(env, packaged_templates())
    return env


def _check_user_folder(folder: Path, locale: str) -> None:
    """Refuse a ``--templates`` folder that is not a folder, or whose ``<locale>/`` is a link leading out of it.

    The loader resolves its roots once and then reads any file below them, so a ``<locale>`` link to ``/etc`` or
    ``~/.ssh`` in a shared templates folder let ``{% include "passwd" %}`` put that file in the plan.
    """
    if not folder.is_dir():
        raise TemplateError(rmsg("template.no_folder", path=folder))
    own, base = folder / locale, folder.resolve()
    if own.is_dir() and not own.resolve().is_relative_to(base):
        raise TemplateError(rmsg("template.outside", path=own, name=locale, root=base))


class RenderTimeout(Exception):
    """Raised by the CPU timer when a rendering runs past ``RENDER_SECONDS`` (loops with no call in them)."""


def _timer_works_here() -> bool:
    """Tell whether ``_cpu_timer`` can stop a rendering in this thread (the main thread, where POSIX has timers)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def _cpu_timer() -> Iterator[None]:
    """Stop a rendering that runs away in a loop the sandbox never sees (main thread, POSIX only).

    The sandbox's own deadline is checked on every call and attribute; a loop over a long string with
    an empty body makes neither, so a process CPU-time timer interrupts it. Python runs signal handlers in
    the main thread only, so whatever renders user templates does it there: ``render --jobs`` in each worker
    process's main thread, ``serve`` in the main thread while its watchers and server have threads of their own.
    Elsewhere the timer could not stop a user's template, so ``render_template`` refuses to render one there.
    """
    if not _timer_works_here():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise RenderTimeout(rmsg("sandbox.cpu", seconds=f"{RENDER_SECONDS:g}"))

    previous = signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, RENDER_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def _failed_at(name: str) -> str:
    """Return ``file:line`` of the template the exception being handled was raised in, else ``name``."""
    frame = _template_frame(sys.exc_info()[2])
    return f"{frame[0]}:{frame[1]}" if frame else name


def _template_frame(tb: TracebackType | None) -> tuple[str, int] | None:
    """Return the innermost (file, line) of a template in a Jinja-rewritten traceback."""
    found: tuple[str, int] | None = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(TEMPLATE_SUFFIX):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render template ``name`` with ``context``; any failure becomes ``TemplateError`` with file:line.

    A user's template (a sandboxed ``env``) renders only where the CPU timer can stop it: a caller rendering one
    in another thread of a POSIX process gets ``RuntimeError`` (a fault of opsplan's, not of the template).
    """
    if env.sandboxed and hasattr(signal, "setitimer") and not _timer_works_here():
        raise RuntimeError("user templates render only in the main thread, where the CPU timer can stop them")
    token = deadline.set(time.thread_time() + RENDER_SECONDS)
    try:
        with _cpu_timer():
            template = env.get_template(name)
            if env.sandboxed:  # a user's templates (Jinja marks ``sandbox.AllowListSandbox`` so)
                return _bounded_render(template, context)
            return template.render(context)  # ours: its length follows the profile's, whose size is bounded
    except TemplateError:
        raise
    except jinja2.TemplateSyntaxError as error:
        where = f"{error.filename or error.name or name}:{error.lineno}"
        raise TemplateError(rmsg("template.syntax", where=where, error=error.message)) from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError(rmsg("template.not_found", where=name, name=error.name)) from None
    except ControlCharacter as error:
        raise TemplateError(rmsg("template.control", where=_failed_at(name), code=error)) from None
    except Exception as error:  # any failure inside a template is the template's
        kind = rmsg("template.undefined") if isinstance(error, jinja2.UndefinedError) else type(error).__name__
        raise TemplateError(rmsg("template.error", where=_failed_at(name), kind=kind, error=error)) from None
    finally:
        deadline.reset(token)


def _bounded_render(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render ``template``, stopping once its text passes ``MAX_OUTPUT_CHARS``."""
    parts: list[str] = []
    size = 0
    for part in template.generate(context):
        size += len(part)
        if size > MAX_OUTPUT_CHARS:
            where = template.filename or template.name
            raise TemplateError(rmsg("template.too_long", where=where, limit=f"{MAX_OUTPUT_CHARS:,}"))
        parts.append(part)
    return "".join(parts)
