"""Does ``opsplan check`` find the same things as another opsplan? ``--format json`` of both, file by file.

    python bench/check_same.py --against OLD/bin/python [--python NEW/bin/python] [--mutations 40]

The corpus, written once into a temporary folder so that both read the same paths: the examples (profiles,
Markdown and DOCX plans), every preset in both languages, a skeleton of each kind in each language
(``opsplan new --no-input``), the profiles of the check tests (``CLEAN_PROFILE`` and each case of
``test_check_profile.CASES`` and ``_consistency_cases.CONSISTENCY_CASES`` applied to it), and seeded mutations of
the examples' Markdown and DOCX (``tests/_fuzz_check``). Each Python checks every file in one process and keeps
the report as ``--format json`` and ``--format text`` write it (or, for a file that cannot be read, the message
and exit code); then each example goes through each one's ``opsplan check --format json`` command. Prints the
files whose output or exit code differ and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

RUNNER = """
import io, json, sys
from pathlib import Path
from opsplan.check.run import CheckOptions, check_paths
from opsplan.errors import OpsplanError
from opsplan.i18n import use
results = {}
for name in sys.argv[1:]:
    said = []
    for output_format in ("json", "text"):
        out = io.StringIO()
        try:
            with use("en"):
                said += [check_paths([Path(name)], CheckOptions(output_format=output_format), out), out.getvalue()]
        except OpsplanError as error:
            said += [error.exit_code, str(error)]
    results[name] = said
print(json.dumps(results))
"""


def corpus(folder: Path, python: str, mutations: int) -> list[Path]:
    """Write the corpus into ``folder`` and return its files."""
    sys.path[:0] = [str(REPO), str(REPO / "tests")]
    from tests._check_helpers import CLEAN_PROFILE
    from tests._consistency_cases import CONSISTENCY_CASES
    from tests._fuzz_check import mutate_docx, mutate_markdown
    from tests.test_check_profile import CASES

    examples = sorted(p for p in (REPO / "examples").iterdir() if p.suffix in (".yaml", ".md", ".docx"))
    files = [p for p in examples if "actuals" not in p.name]
    for preset in sorted((REPO / "src" / "opsplan" / "presets").glob("*.yaml")):
        files.append(folder / f"preset-{preset.name}")
        files[-1].write_bytes(preset.read_bytes())
    kinds = sorted({p.name.split(".")[0] for p in (REPO / "src" / "opsplan" / "presets").glob("*.yaml")})
    for kind in kinds:
        for locale in ("zh-CN", "en"):
            path = folder / f"skeleton-{kind}.{locale}.yaml"
            new = [python, "-m", "opsplan", "new", str(path), "-p", kind, "-l", locale, "--no-input"]
            subprocess.run(new, check=True, capture_output=True)
            files.append(path)
    (folder / "clean.yaml").write_text(CLEAN_PROFILE, "utf-8")
    files.append(folder / "clean.yaml")
    for number, (_, old, new_text, *_) in enumerate([*CASES, *CONSISTENCY_CASES]):
        path = folder / f"case{number:03d}.yaml"
        path.write_text(CLEAN_PROFILE.replace(old, new_text, 1), "utf-8")
        files.append(path)
    rng = random.Random(14)
    sources = [p for p in examples if p.suffix in (".md", ".docx")]
    for number in range(mutations):
        source = sources[number % len(sources)]
        mutate = mutate_docx if source.suffix == ".docx" else mutate_markdown
        path = folder / f"mutated{number:03d}{source.suffix}"
        path.write_bytes(mutate(source.read_bytes(), rng))
        files.append(path)
    return files


def in_process(python: str, files: list[Path]) -> dict[str, list[object]]:
    """Check every file with ``python``'s opsplan in one process; return each file's exit code and output."""
    done = subprocess.run([python, "-c", RUNNER, *map(str, files)], capture_output=True, text=True, check=True)
    results: dict[str, list[object]] = json.loads(done.stdout)
    return results


def commands(python: str, files: list[Path]) -> dict[str, list[object]]:
    """Run ``opsplan check --format json`` of ``python``'s opsplan on each file; return exit code and stdout."""
    script = str(Path(python).parent / "opsplan")
    results: dict[str, list[object]] = {}
    for path in files:
        done = subprocess.run([script, "--lang", "en", "check", str(path), "--format", "json"], capture_output=True)
        results[str(path)] = [done.returncode, done.stdout.decode("utf-8", "replace")]
    return results


def differences(old: dict[str, list[object]], new: dict[str, list[object]]) -> list[str]:
    """Return the files whose exit code or output differ."""
    return [name for name in old if old[name] != new.get(name)]


def main() -> int:
    """Compare the findings of two opsplans on the corpus; print the differences."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--against", required=True, help="the Python of the opsplan to compare with")
    parser.add_argument("--python", default=sys.executable, help="the Python of the opsplan to check")
    parser.add_argument("--mutations", type=int, default=40, help="mutated Markdown and DOCX plans")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="opsplan-check-same-") as work:
        files = corpus(Path(work), args.python, args.mutations)
        runs = {name: in_process(python, files) for name, python in (("old", args.against), ("new", args.python))}
        examples = [p for p in files if p.parent == REPO / "examples"]
        cli = {name: commands(python, examples) for name, python in (("old", args.against), ("new", args.python))}
        changed = differences(runs["old"], runs["new"]) + differences(cli["old"], cli["new"])
        findings = sum(len(json.loads(str(said[1]))) for said in runs["new"].values() if said[0] != 2)
        print(f"{len(files)} files ({findings} findings) in process, {len(examples)} through the command line")
        for name in changed:
            print(f"differs: {name}")
            print(f"  old: {str(runs['old'].get(name, cli['old'].get(name)))[:400]}")
            print(f"  new: {str(runs['new'].get(name, cli['new'].get(name)))[:400]}")
        print("same" if not changed else f"{len(changed)} differ")
        return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
