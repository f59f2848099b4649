"""Does the on-disk template cache pay for itself? CPU time of a whole ``opsplan render`` process, three ways.

``cold``: the cache enabled but empty (a fresh HOME, XDG_CACHE_HOME and TMPDIR for every run: what CI and
a new user see; the run compiles and stores the templates); ``warm``: the cache filled by earlier runs;
``off``: nothing kept on disk (the templates a wheel ships compiled are still used). The three are run in
turn, ``--runs`` times each, and the medians printed. CPU time (user + system of the child) is used
because wall time on a shared machine varies by a third. ``--python`` runs another installation (a
wheel installed in a virtual environment, say); ``--templates DIR`` renders with a user's templates.

    python bench/bench_template_cache.py [--runs 10] [--profile FILE] [--python PATH] [--templates DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DRIVER = """
import sys
if sys.argv[1] == "off":
    import opsplan.cachedir
    opsplan.cachedir.private_folder = lambda name: None
sys.argv = ["opsplan", "render", sys.argv[2], "-f", "md,docx", "-o", sys.argv[3], "--force", *sys.argv[4:]]
from opsplan.cli import main
main()
"""


def run(arm: str, profile: Path, warm_home: str, python: str, extra: list[str]) -> float:
    """Render ``profile`` once in a new process; return its CPU time in milliseconds."""
    home = warm_home if arm == "warm" else tempfile.mkdtemp()
    out = tempfile.mkdtemp()
    env = dict(os.environ, HOME=home, XDG_CACHE_HOME=os.path.join(home, "cache"), TMPDIR=tempfile.mkdtemp())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [python, "-c", DRIVER, "off" if arm == "off" else "on", str(profile.resolve()), out, *extra]
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=tempfile.gettempdir())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000


def main() -> None:
    """Print the median CPU time of a render with a cold, a warm and no template cache."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--profile", type=Path, default=REPO / "examples" / "douyin-flowers.zh-CN.yaml")
    parser.add_argument("--python", default=sys.executable, help="the Python of the opsplan installation to run")
    parser.add_argument("--templates", type=Path, help="render with this templates folder")
    args = parser.parse_args()
    extra = ["--templates", str(args.templates.resolve())] if args.templates else []
    warm_home = tempfile.mkdtemp()
    run("warm", args.profile, warm_home, args.python, extra)  # fills the warm cache
    times: dict[str, list[float]] = {"cold": [], "warm": [], "off": []}
    for _ in range(args.runs):
        for arm, samples in times.items():
            samples.append(run(arm, args.profile, warm_home, args.python, extra))
    for arm, samples in times.items():
        low, high = min(samples), max(samples)
        print(f"{arm:<5} median {statistics.median(samples):6.0f} ms CPU  (range {low:.0f}–{high:.0f})")


if __name__ == "__main__":
    main()
