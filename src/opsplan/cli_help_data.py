"""The help pages' data (``cli_help.Page``) read from the typer app when the wheel is built, shipped, and read back.

``opsplan --help`` and every command's help cost importing typer and the click it carries (most of a help page's
~80 ms, cold), to build click objects whose names, value names and defaults never change between two builds. The
wheel's build hook (``opsplan.prepared.write_prepared``) calls ``write_pages``: ``app_pages`` reads every page from
the typer app itself (``cli_help.page_data``, as the help of typer's path reads it) and writes them, marshalled,
to ``_prepared/cli_help.bin`` with a key of the typer (and click) they were read with. ``shipped_pages`` reads them
back when that key is the installed typer's; otherwise (another typer, a checkout or an editable install, a damaged
file) it returns ``None`` and every command line goes to typer as before. ``tests/test_fasthelp_data.py`` checks
that what is written equals what the live app gives.
"""

from __future__ import annotations

import marshal
import os
import zlib
from typing import TYPE_CHECKING, Any

from opsplan.prepared_frame import framed, read_framed, shipped_folder

if TYPE_CHECKING:
    from pathlib import Path

    from opsplan.cli_help import Page

FILE_NAME = "cli_help.bin"
MAGIC = b"opsplan help pages 2\n"
MAX_BYTES = 1024 * 1024
# where the pages are read from: the wheel's prepared folder; a test points it at pages it wrote
folder = shipped_folder()


def app_pages() -> dict[str, Page]:
    """Return every help page of the typer app (``opsplan`` and each command's), read from its click objects."""
    import typer

    from opsplan.cli import COMMANDS, app
    from opsplan.cli_help import page_data

    group = typer.main.get_command(app)
    root = group.context_class(group, info_name="opsplan")
    pages = {"opsplan": page_data(root)}
    for name in COMMANDS:
        command = group.get_command(root, name)  # type: ignore[attr-defined]
        pages[name] = page_data(command.context_class(command, info_name=name, parent=root))
    return pages


def key_files() -> list[str]:
    """Return the files whose contents key the pages: typer's version, and click's when typer does not carry one."""
    files = ["typer/__init__.py"]
    typer_init = _origin("typer")
    if typer_init is None or not os.path.isdir(os.path.join(os.path.dirname(typer_init), "_click")):
        files.append("click/__init__.py")
    return files


def _origin(package: str) -> str | None:
    """Return the file a top-level package is imported from, as found on ``sys.path``, without importing it.

    ``importlib.machinery.PathFinder``, from the import system's own module (importing ``importlib`` costs more
    than the look-up).
    """
    from _frozen_importlib_external import PathFinder

    try:
        spec = PathFinder.find_spec(package)
    except (ImportError, ValueError):
        return None
    return None if spec is None else spec.origin


def files_key(files: list[str]) -> str | None:
    """Return a checksum of the installed libraries' ``files`` (``typer/__init__.py``); ``None`` if one is absent."""
    key = ""
    for file in files:
        package, _, rest = file.partition("/")
        origin = _origin(package)
        if origin is None:
            return None
        try:
            with open(os.path.join(os.path.dirname(origin), rest), "rb") as stream:
                raw = stream.read()
        except OSError:
            return None
        key += f"{zlib.crc32(raw):08x}{len(raw):x}"
    return key


def pages_bytes(pages: dict[str, Page]) -> bytes:
    """Return the file that ships ``pages``, framed under the magic line: the key files, their key, the pages.

    The rest is marshalled (``marshal.loads`` reads it in microseconds, with no ``json`` to import).
    """
    files = key_files()
    key = files_key(files)
    if key is None:
        raise RuntimeError("typer is needed to prepare the help pages")
    return framed(MAGIC, marshal.dumps((files, key, pages)))


def write_pages(target: Path) -> list[Path]:
    """Write the app's help pages into ``target`` (the wheel's prepared folder); return the file written."""
    path = target / FILE_NAME
    path.write_bytes(pages_bytes(app_pages()))
    return [path]


def shipped_pages() -> dict[str, Page] | None:
    """Return the pages the wheel ships when they were read with the installed typer, else ``None``."""
    body = read_framed(os.path.join(folder, FILE_NAME), MAGIC, MAX_BYTES)
    if body is None:
        return None
    try:
        files, key, pages = marshal.loads(body)
    except (EOFError, ValueError, TypeError):  # cut short or damaged
        return None
    if not _well_formed(files, key, pages) or files_key(files) != key:
        return None
    return pages  # type: ignore[no-any-return]


def _well_formed(files: Any, key: Any, pages: Any) -> bool:
    return (
        isinstance(files, list)
        and all(isinstance(file, str) for file in files)
        and isinstance(key, str)
        and isinstance(pages, dict)
        and all(isinstance(page, dict) for page in pages.values())
    )
