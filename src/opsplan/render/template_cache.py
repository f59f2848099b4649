"""A bytecode cache for the compiled templates, shared by every opsplan process of one user.

Compiling the templates of a locale (Jinja parses them, generates Python and compiles it) costs more
than rendering a whole plan with them, and a new process would otherwise pay it on every run. Jinja's
``FileSystemBytecodeCache`` keeps the compiled code in a folder that only the current user can write
(``<temp>/_jinja2-cache-<uid>``, mode 0700, checked on every start), keyed by template name and file, and
checks a hash of the source before using it, so an edited template is compiled again. The file names
also carry opsplan's and Jinja's versions and a digest of the settings that change the generated code,
so a cache written by another version or configuration is never read. Any failure to read or write the
cache (read-only or full disk, unsafe folder) only means compiling as if there were no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

import opsplan


class TemplateCache(FileSystemBytecodeCache):
    """``FileSystemBytecodeCache`` for the packaged templates only, whose errors never stop a rendering.

    Templates from a user's ``--templates`` folder are compiled in each process: they are few, and
    caching them would leave a file behind for every folder ever used.
    """

    def __init__(self, packaged: Path, pattern: str) -> None:
        super().__init__(pattern=pattern)
        self.packaged = str(packaged.resolve()) + os.sep
        self.uncached: set[str] = set()

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        """Return the bucket of a template; one that is not packaged is never read from or written to disk."""
        if filename is not None and os.path.realpath(filename).startswith(self.packaged):
            return super().get_bucket(environment, name, filename, source)
        bucket = Bucket(environment, self.get_cache_key(name, filename), self.get_source_checksum(source))
        self.uncached.add(bucket.key)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` from the cache file, if there is a usable one."""
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged or unreadable file: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Store ``bucket`` (atomically: a temporary file renamed into place); give up quietly on failure."""
        if bucket.key in self.uncached:
            return
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


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


def template_cache(env: jinja2.Environment, packaged: Path) -> Any:
    """Return the bytecode cache for ``env`` (templates under ``packaged``), or ``None`` without a safe folder."""
    pattern = f"opsplan-{opsplan.__version__}-jinja-{jinja2.__version__}-{settings_digest(env)}-%s.cache"
    try:
        return TemplateCache(packaged, pattern)
    except (OSError, RuntimeError):  # no private temp folder: compile in every process
        return None
