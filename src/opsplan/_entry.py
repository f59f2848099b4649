"""The ``opsplan`` console script: answers ``--version`` and ``--help`` before typer is imported.

Importing typer (and the click inside it) costs several times Python's own start-up, and that is the
whole cost of printing the version or the top-level help. ``main`` prints the version itself when it is
the only argument; for a lone ``--help`` it prints the help text typer produced on an earlier run,
kept in the user's cache folder under a name that changes whenever anything that shapes the text does
(opsplan's and typer's files, the terminal width, the language settings, the output encoding). Every
other command line goes to ``opsplan.cli.main`` unchanged. The output and exit code are the same
either way.
"""

from __future__ import annotations

import os
import sys

_HELP_ENV = ("COLUMNS", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "TERMINAL_WIDTH", "_TYPER_FORCE_DISABLE_TERMINAL")


def main() -> None:
    """Run the ``opsplan`` command line, with fast paths for a lone ``--version`` or ``--help``."""
    args = sys.argv[1:]
    if args == ["--version"]:
        from opsplan import __version__

        sys.stdout.write(f"opsplan {__version__}\n")
        sys.stdout.flush()
        return
    if args == ["--help"] and _utf8_stdout():
        _help()
        return
    # pydantic looks for plugins (an entry-point scan) when it builds the first model; opsplan uses none
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from opsplan.cli import main as cli_main

    cli_main()


def _utf8_stdout() -> bool:
    encoding = getattr(sys.stdout, "encoding", None) or ""
    return encoding.lower().replace("-", "").replace("_", "") == "utf8"


def _help() -> None:
    """Print the top-level help: from the cache if it holds this exact text, else from typer (then cache it).

    The cache file starts with the line of conditions it was made under; any difference means a miss.
    """
    cached = help_cache_key()
    if cached is not None:
        path, key = cached
        try:
            with open(path, encoding="utf-8") as stream:
                first, _, text = stream.read().partition("\n")
        except (OSError, UnicodeDecodeError):
            first, text = "", ""
        if first == key and text:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
    text = help_text()
    sys.stdout.write(text)
    sys.stdout.flush()
    if cached is not None:
        _store(cached[0], f"{cached[1]}\n{text}")


def help_text() -> str:
    """Return what ``opsplan --help`` prints, as typer formats it (ending with a newline)."""
    import typer.main

    from opsplan.cli import app

    command = typer.main.get_command(app)
    with command.make_context("opsplan", [], resilient_parsing=True) as context:
        return context.get_help() + "\n"


def help_cache_key() -> tuple[str, str] | None:
    """Return the help cache file and the one-line key of the current conditions (``None``: no cache)."""
    try:
        from importlib.util import find_spec

        import opsplan

        typer_spec = find_spec("typer")
        if typer_spec is None or typer_spec.origin is None:
            return None
        here = os.path.dirname(os.path.abspath(opsplan.__file__))
        stamps = [os.stat(path) for path in (os.path.join(here, "cli.py"), os.path.join(here, "_entry.py"),
                                             typer_spec.origin)]  # fmt: skip
        try:
            terminal = str(os.get_terminal_size(sys.__stdout__.fileno()))  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            terminal = "-"
        key = "|".join(
            [opsplan.__version__, sys.version, terminal, sys.stdout.encoding or "",
             *(f"{s.st_mtime_ns}:{s.st_size}:{s.st_ino}" for s in stamps),
             *(f"{name}={os.environ.get(name, '')}" for name in _HELP_ENV)]
        ).replace("\n", " ").replace("\r", " ")  # fmt: skip
    except (OSError, ValueError):
        return None
    import zlib

    from opsplan.cachedir import cache_folder

    folder = cache_folder()
    if folder is None:
        return None
    digest = f"{zlib.crc32(key.encode('utf-8', 'replace')):08x}"
    return os.path.join(folder, f"help-{digest}.txt"), key


def _store(path: str, text: str) -> None:
    """Keep ``text`` for the next ``--help``; a cache that cannot be written is simply not used."""
    import contextlib
    from pathlib import Path

    from opsplan.errors import OpsplanError
    from opsplan.fileio import write_text

    with contextlib.suppress(OpsplanError, OSError):
        write_text(Path(path), text, force=True)
