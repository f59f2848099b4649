"""A bytecode cache for packaged templates compiled at run time, kept in the user's private cache folder.

Compiling a locale's templates (Jinja parses them, generates Python and compiles it) costs about 200 ms
of CPU in a new process. A wheel ships the packaged templates compiled (``opsplan.render.precompiled``);
this cache keeps what is compiled at run time: the packaged templates a ``--templates`` folder includes
(the sandbox's settings differ) and, in a checkout, all of them. CPU of a render of an example, cold /
warm / no cache: wheel 544 / 546 / 537 ms, wheel with ``--templates`` 787 / 516 / 724 ms, checkout
875 / 573 / 826 ms (medians of 6 runs, a fresh HOME, XDG_CACHE_HOME and TMPDIR each cold run;
``bench/bench_template_cache.py``).

What is read back can change nothing: the folder is ``<cache folder>/templates`` (mode 0700, owned by
the user, checked on every start); a file is used only if it is a regular file of the user and its
SHA-256, taken over the cache key, the template's source checksum and the code, matches the one it
starts with; the code is then loaded with ``marshal`` (never ``pickle``, as Jinja's own format does).
A damaged, truncated, swapped or foreign file is ignored and the template compiled again. The file
names carry opsplan's, Jinja's and Python's versions and a digest of the settings that shape the
generated code. Templates from a user's ``--templates`` folder are never cached.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from types import CodeType

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

import opsplan
from opsplan.errors import OpsplanError
from opsplan.render.precompiled import precompiled_code

MAGIC = b"opsplan-template-cache-1\n"
MAX_FILE_BYTES = 8 * 1024 * 1024
_DIGEST = 32


class TemplateCache(BytecodeCache):
    """Compiled code of the packaged templates, verified by a checksum over each file's whole content."""

    def __init__(self, find_folder: Callable[[], Path | None], packaged: Path, pattern: str) -> None:
        self._find_folder = find_folder
        self.packaged = str(packaged.resolve()) + os.sep
        self.pattern = pattern
        self.uncached: set[str] = set()

    @functools.cached_property
    def folder(self) -> Path | None:
        """The cache's private folder, found (and made) when a template is first read from or written to it.

        A wheel's packaged templates come compiled and need none: nothing is made in the user's cache folder.
        """
        return self._find_folder()

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        """Return the bucket of a template; one that is not packaged is never read from or written to disk."""
        if filename is not None and _is_below(filename, self.packaged):
            shipped = precompiled_code(environment, name, source, filename)
            if shipped is None:
                return super().get_bucket(environment, name, filename, source)
            # compiled when the wheel was built: nothing to read or write here, so no cache key or checksum to take
            bucket = Bucket(environment, f"shipped:{name}", "")
            bucket.code = shipped
            self.uncached.add(bucket.key)
            return bucket
        bucket = Bucket(environment, self.get_cache_key(name, filename), self.get_source_checksum(source))
        self.uncached.add(bucket.key)
        return bucket

    def path_of(self, bucket: Bucket) -> Path:
        """Return the cache file of ``bucket``."""
        assert self.folder is not None
        return self.folder / (self.pattern % bucket.key)

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` from its cache file if the file is the user's, whole and about this very template."""
        if bucket.key in self.uncached or self.folder is None:
            return
        data = _read_own_file(self.path_of(bucket))
        if data is None or not data.startswith(MAGIC):
            return
        digest, payload = data[len(MAGIC) : len(MAGIC) + _DIGEST], data[len(MAGIC) + _DIGEST :]
        if digest != _digest(bucket, payload):
            return
        checksum, _, code = payload.partition(b"\n")
        if checksum.decode("ascii", "replace") != bucket.checksum:
            return
        with contextlib.suppress(Exception):
            loaded = marshal.loads(code)
            if isinstance(loaded, CodeType):
                bucket.code = loaded

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Store ``bucket`` (written whole or not at all); give up quietly on any failure."""
        if bucket.key in self.uncached or bucket.code is None or self.folder is None:
            return
        from opsplan.fileio import write_bytes

        payload = bucket.checksum.encode("ascii") + b"\n" + marshal.dumps(bucket.code)
        with contextlib.suppress(OpsplanError, OSError, ValueError):
            write_bytes(self.path_of(bucket), MAGIC + _digest(bucket, payload) + payload, force=True)


def _is_below(filename: str, folder: str) -> bool:
    """Tell whether the file ``filename`` is in ``folder`` (resolved, ending with a separator), or links into it.

    The loader (``environment.RootedLoader``) gives a file under a resolved root whose real path it has checked is
    inside that root, so a name under ``folder`` needs no resolving (one ``lstat`` a path part, 1.5 ms of 32
    templates); another name may still be a link into the packaged templates.
    """
    return filename.startswith(folder) or os.path.realpath(filename).startswith(folder)


def _digest(bucket: Bucket, payload: bytes) -> bytes:
    return hashlib.sha256(bucket.key.encode("utf-8") + b"\0" + payload).digest()


def _read_own_file(path: Path) -> bytes | None:
    """Return the content of ``path`` if it is a regular file of this user of sane size, else ``None``."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_size > MAX_FILE_BYTES:
            return None
        with os.fdopen(os.dup(fd), "rb") as stream:
            return stream.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def settings_digest(env: jinja2.Environment) -> str:
    """Return a short digest of what shapes the code Jinja generates for ``env``."""
    finalize = getattr(env.finalize, "__qualname__", repr(env.finalize))
    settings = (
        type(env).__module__, type(env).__qualname__, sorted(getattr(env, "intercepted_binops", ())),
        sorted(getattr(env, "intercepted_unops", ())), env.block_start_string, env.block_end_string,
        env.variable_start_string, env.variable_end_string, env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
        env.newline_sequence, env.keep_trailing_newline, env.optimized, bool(env.autoescape), env.is_async,
        finalize, sorted(env.extensions),
    )  # fmt: skip
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:16]


def template_cache(env: jinja2.Environment, packaged: Path) -> TemplateCache:
    """Return the bytecode cache for ``env`` (templates under ``packaged``).

    Without a private folder it keeps nothing on disk and only hands out the templates compiled when the wheel
    was built.
    """
    versions = f"{opsplan.__version__}-jinja-{jinja2.__version__}-{sys.implementation.cache_tag}"
    return TemplateCache(_private_folder, packaged, f"{versions}-{settings_digest(env)}-%s.cache")


def _private_folder() -> Path | None:
    from opsplan.cachedir import private_folder

    return private_folder("templates")
