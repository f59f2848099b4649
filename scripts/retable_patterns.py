"""Record the regular expressions opsplan's commands compile: ``src/opsplan/retable_patterns.json`` (opsplan.retable).

    python scripts/retable_patterns.py            # rewrites the list
    python scripts/retable_patterns.py --check    # exits 1 when the list is not what the commands compile now

Runs the command lines of ``command_lines`` (help pages, presets, ``new``, every example checked as a profile, as
Markdown and as DOCX, rendered to every format but PDF, ``track``) in two processes, one in the light mode the
wheel runs in (the prepared artefacts written to a temporary folder, as ``tests/test_modelkit_light.py`` does), one
on Pydantic as a checkout runs, each with ``re._compiler.compile`` recording every pattern ``re`` compiles for its
cache: opsplan's and its libraries' (PyYAML, Jinja2, lxml, click, the standard library). The list is their union,
sorted: ``["str" or "bytes", pattern, flags]`` a line, bytes as Latin-1 text.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIST = REPO / "src" / "opsplan" / "retable_patterns.json"
EXAMPLES = REPO / "examples"

# runs command lines as the console script does, recording what re compiles and the module that asked (``[kind,
# pattern, flags, module]``); with a folder as its second argument, the prepared artefacts and compiled templates
# are read from there (a hook of this script, never an option)
RECORD = """\
import re, sys
from re import _compiler

seen = {}
compile_now = _compiler.compile


def origin():
    frame = sys._getframe(2)
    while frame is not None and frame.f_globals.get("__name__", "").partition(".")[0] in ("re", "functools", "typing"):
        frame = frame.f_back
    return "?" if frame is None else frame.f_globals.get("__name__", "?")


def recorded(pattern, flags=0):
    compiled = compile_now(pattern, flags)
    if type(pattern) in (str, bytes) and not int(flags) & (re.DEBUG | 1):
        text = pattern if type(pattern) is str else pattern.decode("latin-1")
        seen.setdefault((type(pattern).__name__, text, int(flags)), origin())
    return compiled


_compiler.compile = recorded
re.purge()
import json  # recorded too: its patterns are compiled as it is imported

out, folder, lines = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
if folder != "-":
    from pathlib import Path

    import opsplan.prepared
    import opsplan.render.precompiled

    opsplan.prepared.prepared_folder = lambda: Path(folder) / "_prepared"
    opsplan.render.precompiled.compiled_folder = lambda: Path(folder) / "_compiled_templates"
import opsplan.modelkit

assert opsplan.modelkit.LIGHT == (folder != "-"), "not the mode asked for"
from opsplan.cli_fast import read_line, run_line

for args in lines:
    line = read_line(args)
    try:
        if line is None:
            from opsplan.cli import main

            sys.argv = ["opsplan", *args]
            main()
        else:
            run_line(line)
    except SystemExit:
        pass
with open(out, "w", encoding="utf-8") as stream:
    json.dump(sorted([*entry, module] for entry, module in seen.items()), stream)
"""


def command_lines(work: Path) -> list[list[str]]:
    """Return the command lines whose patterns are listed, with their outputs written under ``work``."""
    lines = [["--version"], ["--help"], ["--lang", "zh-CN", "--help"], ["presets"], ["metrics"], ["rules"]]
    lines += [[command, "--help"] for command in ("render", "check", "new", "schema", "track", "serve", "rules")]
    lines += [["--lang", "zh-CN", "rules"], ["--lang", "zh-CN", "metrics"], ["--lang", "zh-CN", "presets"]]
    lines += [["schema"], ["schema", "--plan"], ["schema", "--lang", "zh-CN"]]
    for profile in sorted(EXAMPLES.glob("*.yaml")):
        stem = profile.name.removesuffix(".yaml")
        lines += [["check", str(profile)], ["check", str(EXAMPLES / f"{stem}.md"), str(EXAMPLES / f"{stem}.docx")]]
        out = str(work / "out" / stem)
        lines += [["render", str(profile), "-f", "md,docx,html,pptx,xlsx,json", "-o", out, "--force"]]
        lines += [["render", str(profile), "--summary"]]
    first = str(EXAMPLES / "douyin-flowers.en.yaml")
    lines += [["check", first, "--format", report] for report in ("json", "github", "sarif")]
    lines += [
        ["check", first, "--strict", "--ignore", "OPS204"],
        ["render", first, "-o", str(work / "out"), "-f", "md"],
    ]
    for preset in ("douyin-flowers", "wechat-clothing-group", "xigua-store", "douyin-groupbuy", "livestream-store"):
        for locale in ("en", "zh-CN"):
            new = str(work / f"new-{preset}.{locale}.yaml")
            lines += [["new", new, "--preset", preset, "--locale", locale, "--no-input", "--force"], ["check", new]]
        lines += [["new", str(work / f"example-{preset}.yaml"), "--preset", preset, "--example", "--force"]]
    actuals = str(EXAMPLES / "douyin-flowers.zh-CN.actuals.csv")
    track = ["track", str(EXAMPLES / "douyin-flowers.zh-CN.yaml"), actuals]
    lines += [
        track,
        [*track, "--format", "json"],
        [*track, "-f", "md,docx,xlsx,json", "-o", str(work / "track"), "--force"],
    ]
    return lines


def recording(
    folder: str, work: Path, seed: int, lines: list[list[str]] | None = None
) -> tuple[subprocess.Popen[bytes], Path]:
    """Start the command lines (``command_lines``') in one new process (light from ``folder``'s artefacts, or ``-``).

    Return the process and the file it writes what it recorded to, ``[kind, pattern, flags, module]`` a pattern.
    """
    out = work / f"recorded-{seed}.json"
    env = {**os.environ, "HOME": str(work), "XDG_CACHE_HOME": str(work / "cache"), "TMPDIR": str(work)}
    env.pop("OPSPLAN_NO_LIGHT", None)
    env.update(
        {"OPSPLAN_LANG": "en", "PYTHONHASHSEED": str(seed), **({"OPSPLAN_NO_LIGHT": "1"} if folder == "-" else {})}
    )
    listed = json.dumps(command_lines(work) if lines is None else lines)
    command = [sys.executable, "-c", RECORD, str(out), folder, listed]
    return subprocess.Popen(command, cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE), out


def recorded(folders: list[str], temp: Path) -> set[tuple[str, str, int]]:
    """Return the patterns each mode compiled with two hash seeds alike (the others change with the process).

    ``tokenize`` joins a set of string prefixes into its pattern: another process, another pattern, never found.
    """
    runs = []
    for folder in folders:
        runs.append([recording(folder, Path(tempfile.mkdtemp(dir=temp)), seed) for seed in (1, 2)])
    patterns: set[tuple[str, str, int]] = set()
    for pair in runs:
        seen = []
        for process, out in pair:
            _, errors = process.communicate()
            if process.returncode:
                raise SystemExit(f"recording failed:\n{errors.decode(errors='replace')}")
            seen.append({(kind, text, flags) for kind, text, flags, _ in json.loads(out.read_text(encoding="utf-8"))})
        patterns |= seen[0] & seen[1]
    return patterns


def list_text(patterns: set[tuple[str, str, int]]) -> str:
    """Return the list as it is written: sorted, a pattern a line, characters as they are but lone surrogates."""
    lines = [json.dumps(list(entry), ensure_ascii=False) for entry in sorted(patterns)]
    text = "[\n" + ",\n".join(lines) + "\n]\n"
    return "".join(f"\\u{ord(c):04x}" if "\ud800" <= c <= "\udfff" else c for c in text)  # JSON's escape, not UTF-8's


def prepare(folder: Path) -> None:
    """Write the prepared artefacts and the compiled templates as the wheel's build hook does (on Pydantic)."""
    script = (
        "import sys; from pathlib import Path; from opsplan import prepared; from opsplan.render import precompiled; "
        "prepared.write_prepared(Path(sys.argv[1]) / '_prepared'); "
        "precompiled.write_precompiled(Path(sys.argv[1]) / '_compiled_templates')"
    )
    subprocess.run([sys.executable, "-c", script, str(folder)], env={**os.environ, "OPSPLAN_NO_LIGHT": "1"}, check=True)


def main() -> None:
    """Record the patterns; write the list, or with ``--check`` compare it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="compare with the list instead of writing it")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="opsplan-retable-") as temp:
        shipped = Path(temp) / "shipped"
        prepare(shipped)
        patterns = recorded([str(shipped), "-"], Path(temp))
    text = list_text(patterns)
    if options.check:
        if LIST.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{LIST.relative_to(REPO)} is not what the commands compile: run {sys.argv[0]}")
        return
    LIST.write_text(text, encoding="utf-8")
    print(f"{len(patterns)} patterns -> {LIST.relative_to(REPO)}")


if __name__ == "__main__":
    main()
