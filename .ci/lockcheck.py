"""Fail clearly when the lock does not cover what pyproject.toml asks for.

`python3 .ci/lockcheck.py` (any Python 3.11+) checks that constraints.txt pins every package pyproject.toml names
(dependencies and every extra). `.venv/bin/python .ci/lockcheck.py --installed` checks that every package in the
virtual environment is pinned, at the version installed: pip installs a package the lock does not name at its
newest version without a word, so this is where an unlocked dependency of a dependency shows.
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFRESH = "refresh the lock with .ci/lock and commit constraints.txt (see the README, Contributing)"
NOT_LOCKED = {"opsplan", "pip", "setuptools", "wheel"}


def canonical(name: str) -> str:
    """Return the package name as pip compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path = ROOT / "constraints.txt") -> dict[str, str]:
    """Package → version pinned in the lock file."""
    pinned: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pinned[canonical(name)] = version.strip()
    return pinned


def requested(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """Every package pyproject.toml names: dependencies and every optional extra."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    specs = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        specs.extend(extra)
    names = {canonical(re.split(r"[\s\[<>=!~;]", spec, maxsplit=1)[0]) for spec in specs}
    return sorted(names - NOT_LOCKED)


def installed() -> dict[str, str]:
    """Package → version in the running interpreter's environment."""
    found = {canonical(dist.metadata["Name"]): dist.version for dist in metadata.distributions()}
    return {name: version for name, version in found.items() if name not in NOT_LOCKED}


def problems(check_installed: bool) -> list[str]:
    """Return what the lock misses, one sentence each."""
    pinned = pins()
    found = [
        f"pyproject.toml asks for {name}, which constraints.txt does not pin"
        for name in requested()
        if name not in pinned
    ]
    if check_installed:
        for name, version in sorted(installed().items()):
            if name not in pinned:
                found.append(f"{name} {version} is installed but constraints.txt does not pin it")
            elif pinned[name] != version:
                found.append(f"{name} {version} is installed but constraints.txt pins {pinned[name]}")
    return found


def main() -> int:
    """Print what the lock misses and exit 1, or exit 0 when it covers everything."""
    found = problems("--installed" in sys.argv[1:])
    for problem in found:
        print(f"lockcheck: {problem}", file=sys.stderr)
    if found:
        print(f"lockcheck: {REFRESH}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
