"""Artefacts that the wheel ships prepared at build time, computed by the same code that would compute them at run time.

``opsplan schema`` exports the JSON Schema of the profile's Pydantic models. Importing those models and asking
Pydantic for their schema is about 300 ms in a new process, twenty times Python's own start-up, to print a text
that only changes with opsplan's code and Pydantic's version. The wheel's build hook (``hatch_build.py``) calls
``write_prepared``, which writes each schema exactly as the command prints it, under ``opsplan/_prepared/``, and
the models' core schemas (``opsplan.prepared_models``), the DOCX frames (``opsplan.render.docx_prepared``), the
regular expressions compiled by the building interpreter (``opsplan.retable``) and the help pages read from the
typer app (``opsplan.cli_help_data``) beside them.

A file is used only when its key matches: a checksum of Pydantic's own ``version.py`` (read, never imported), which
names the Pydantic and pydantic-core versions that shape the schema. Another Pydantic, a checkout or an editable
install (no such folder) finds nothing, and the schema is computed as before. The tests check that what is
shipped equals what the code computes.
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import zlib
from collections.abc import Callable
from pathlib import Path
from types import CodeType
from typing import Any

import opsplan
from opsplan.prepared_frame import FOLDER_NAME as FOLDER_NAME

MAX_BYTES = 4 * 1024 * 1024


def _profile_schema() -> dict[str, Any]:
    from opsplan.profile import profile_json_schema

    return profile_json_schema()


def _plan_schema() -> dict[str, Any]:
    from opsplan.plan.jsonview import plan_json_schema

    return plan_json_schema()


def _profile_schema_zh() -> dict[str, Any]:
    from opsplan.schema_zh import described_in_chinese

    return described_in_chinese(_profile_schema())  # type: ignore[no-any-return]


def _plan_schema_zh() -> dict[str, Any]:
    from opsplan.schema_zh import described_in_chinese

    return described_in_chinese(_plan_schema())  # type: ignore[no-any-return]


# by name and language: the English descriptions the models carry, or their Chinese (``opsplan.schema_zh``)
SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "profile": _profile_schema,
    "plan": _plan_schema,
    "profile.zh-CN": _profile_schema_zh,
    "plan.zh-CN": _plan_schema_zh,
}


@functools.cache
def prepared_folder() -> Path:
    """Return the folder the wheel ships the prepared artefacts in (absent in a checkout)."""
    return Path(opsplan.__file__).resolve().parent / FOLDER_NAME


def shipped_code(path: Path, module_name: str, max_bytes: int = MAX_BYTES) -> CodeType | None:
    """Return the code of a Python file the wheel ships, or ``None`` when it is absent, too large or damaged.

    The code comes from the byte-code that pip wrote beside the file when it installed the wheel (Python's own loader
    checks it against the file and compiles the file when it is stale or missing). Byte-code that is damaged past
    its header (cut short by a full disk, overwritten) is passed over for the file itself: Python's loader lets
    ``marshal``'s ``EOFError`` through, which the command line took for Ctrl-D ("Aborted!", exit 1).
    """
    try:
        if path.stat().st_size > max_bytes:
            return None
        loader = importlib.machinery.SourceFileLoader(module_name, str(path))
        try:
            return loader.get_code(module_name)
        except (EOFError, ValueError, TypeError, ImportError):  # the byte-code's body (a bad source fails again below)
            return compile(loader.get_data(str(path)), str(path), "exec", dont_inherit=True)
    except (OSError, ImportError, SyntaxError, ValueError, UnicodeDecodeError):
        return None


@functools.cache  # asked for every family's file and schema: found and read once a process (0.1 ms each time)
def pydantic_key() -> str | None:
    """Return a checksum of the installed Pydantic's ``version.py`` without importing Pydantic, or ``None``."""
    return library_key("pydantic/version.py")


def library_key(*files: str) -> str | None:
    """Return a checksum of installed libraries' files (``docx/__init__.py``) without importing them, or ``None``.

    The files chosen name the library's version, so the key changes when another version is installed.
    """
    key = ""
    for file in files:
        package, _, rest = file.partition("/")
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            return None
        if spec is None or spec.origin is None:
            return None
        try:
            raw = (Path(spec.origin).parent / rest).read_bytes()
        except OSError:
            return None
        key += f"{zlib.crc32(raw):08x}{len(raw):x}"  # a CRC, not a hash: hashlib costs 8 ms to import
    return key


def schema_text(name: str, lang: str = "en") -> str:
    """Return the JSON Schema ``name`` (``profile`` or ``plan``) as ``opsplan schema`` prints it.

    Descriptions in ``lang`` (``en``, or ``zh-CN``); the wheel's prepared copy when it was made with this
    Pydantic, computed otherwise.
    """
    if lang != "en":
        name = f"{name}.{lang}"
    return _shipped(name) or _computed(name)


def _computed(name: str) -> str:
    import json

    from opsplan.modelkit import LIGHT, NO_LIGHT

    if LIGHT:  # a shipped file damaged: the light classes have no JSON Schema, Pydantic computes it in a process
        import os
        import subprocess
        import sys

        script = (
            "import sys; from opsplan.prepared import _computed as c; sys.stdout.buffer.write(c(sys.argv[1]).encode())"
        )
        env = {**os.environ, NO_LIGHT: "1"}
        return subprocess.run(
            [sys.executable, "-c", script, name], capture_output=True, env=env, check=True
        ).stdout.decode()
    return json.dumps(SCHEMAS[name](), ensure_ascii=False, indent=2)


def _file_name(name: str, key: str) -> str:
    return f"{name}.schema.{key}.json"


def shipped_schema_files() -> list[Path]:
    """Return where the wheel ships each JSON Schema for the installed Pydantic (the files may be absent)."""
    key = pydantic_key()
    if key is None:
        return []
    return [prepared_folder() / _file_name(name, key) for name in SCHEMAS]


def _shipped(name: str) -> str | None:
    key = pydantic_key()
    if key is None:
        return None
    try:
        with open(prepared_folder() / _file_name(name, key), "rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_BYTES:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    import json

    try:  # a file cut short is not printed as the schema (read only by ``opsplan schema``: a millisecond)
        return text if isinstance(json.loads(text), dict) else None
    except ValueError:
        return None


def write_prepared(target: Path) -> list[Path]:
    """Write every prepared artefact, computed by this source tree with these libraries, into ``target``.

    The JSON Schemas here, the models' core schemas by ``opsplan.prepared_models``, the DOCX frames by
    ``opsplan.render.docx_prepared``, the table of compiled regular expressions by ``opsplan.retable``, the help
    pages read from the typer app by ``opsplan.cli_help_data``.
    """
    from opsplan.cli_help_data import write_pages
    from opsplan.prepared_models import write_sources
    from opsplan.render.docx_prepared import write_frames
    from opsplan.retable import write_table

    key = pydantic_key()
    if key is None:
        raise RuntimeError("pydantic is needed to prepare the schemas")
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = target / _file_name(name, key)
        path.write_text(_computed(name), encoding="utf-8")
        written.append(path)
    return [*written, *write_sources(target), *write_frames(target), *write_table(target), *write_pages(target)]


_DAMAGED = {
    "damaged": (
        "opsplan's installation is damaged: {path} is not the file opsplan was installed with. Reinstall opsplan "
        "(pip install --force-reinstall opsplan); meanwhile, OPSPLAN_NO_LIGHT=1 runs opsplan without its prepared "
        "files.",
        "opsplan 的安装已损坏：{path} 不是安装时的文件。请重新安装 opsplan（pip install --force-reinstall opsplan）；"
        "在此之前，设置 OPSPLAN_NO_LIGHT=1 可不用预备文件运行 opsplan。",
    ),
}


def damaged_install(path: Path) -> Exception:
    """Return the error saying the prepared file at ``path`` is damaged: reinstall (exit ``DamagedInstall``'s, 72)."""
    from opsplan.errors import DamagedInstall
    from opsplan.i18n import say

    return DamagedInstall(say(_DAMAGED, "damaged", path=path))
