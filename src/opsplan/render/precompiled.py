"""opsplan's own templates, compiled to Python when the wheel is built, so that a first run does not compile them.

Parsing the packaged templates and generating their Python code is most of a first render (about 900 ms of a
1.8 s cold render of an example on a busy 2-core machine; ``bench/bench_cold.py``). The wheel's build hook
(``hatch_build.py``) calls ``write_precompiled`` and ships the generated Python source under
``opsplan/_compiled_templates/``, which pip byte-compiles when it installs the wheel; at run time
``precompiled_code`` loads that byte-code (compiling the source again took 60 ms of a cold render) and names the
template's own file in it, so error messages still name the template and line.

A file is found by a key over Jinja's version, the settings that shape generated code, the template's name and
its whole source: an edited template, another Jinja or other settings simply find nothing and the template is
compiled from its source as usual. A checkout or an editable install has no such folder and always compiles.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from types import CodeType

import jinja2

import opsplan
from opsplan.prepared import shipped_code

FOLDER_NAME = "_compiled_templates"
MAX_SOURCE_BYTES = 4 * 1024 * 1024


@functools.cache  # asked for each template: resolving the path each time was 1.5 ms of 32 templates
def compiled_folder() -> Path:
    """Return the folder the wheel ships the compiled templates in (absent in a checkout)."""
    return Path(opsplan.__file__).resolve().parent / FOLDER_NAME


def code_key(env: jinja2.Environment, name: str, source: str) -> str:
    """Return the file key of ``name`` with ``source`` as ``env`` would compile it."""
    from opsplan.render.template_cache import settings_digest

    text = "\0".join((jinja2.__version__, settings_digest(env), name, source))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def precompiled_code(env: jinja2.Environment, name: str, source: str, filename: str) -> CodeType | None:
    """Return the code of a packaged template compiled at build time, or ``None`` when there is none for it.

    The code comes from the byte-code that pip wrote beside the shipped file when it installed the wheel
    (Python's own loader checks it against the file and compiles the file when it is stale or missing), and
    carries the template's ``filename`` so that errors name the template.
    """
    key = code_key(env, name, source)
    path = compiled_folder() / f"{key}.py"
    code = shipped_code(path, f"opsplan.{FOLDER_NAME}.t{key}", MAX_SOURCE_BYTES)
    # Jinja names the template after its module code's file (``Template.filename``) and rewrites a traceback's
    # frames of a template to that name and the template's own line; the functions inside keep the shipped file's
    # name (renaming every nested code object took 2.2 ms of a cold render, 32 templates)
    return None if code is None else code.replace(co_filename=filename)


def write_precompiled(target: Path) -> int:
    """Write the generated Python of every packaged template, for every locale, into ``target``.

    Return how many files that made (a chapter structure shared by the locales is one file).
    """
    from opsplan.render.environment import make_environment, packaged_templates

    target.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    for folder in sorted(packaged_templates().iterdir()):
        if not folder.is_dir() or folder.name == "common":
            continue
        env = make_environment(folder.name)
        assert env.loader is not None
        for name in env.loader.list_templates():
            source, filename, _ = env.loader.get_source(env, name)
            raw = env.compile(source, name, filename, raw=True)
            key = code_key(env, name, source)
            (target / f"{key}.py").write_text(raw, encoding="utf-8")
            written.add(key)
    return len(written)
