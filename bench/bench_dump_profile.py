"""How long ``scaffold.dump_profile`` (what ``opsplan new`` writes) takes, with and without asking PyYAML per scalar.

For every preset and example, both languages: CPU time of ``dump_profile`` as it is, and as it was (every string
through ``yaml.safe_dump``, ``scaffold._quoted`` switched off), side by side in one run, best of ``--runs``;
the two texts are compared byte for byte.

    python bench/bench_dump_profile.py [--runs 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from opsplan import scaffold
from opsplan.load import load_profile
from opsplan.presets import LOCALES, preset_names, preset_path

REPO = Path(__file__).resolve().parents[1]


def _best(profile: object, runs: int) -> tuple[float, str]:
    best, text = float("inf"), ""
    for _ in range(runs):
        start = time.process_time()
        text = scaffold.dump_profile(profile)  # type: ignore[arg-type]
        best = min(best, time.process_time() - start)
    return best, text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    paths = [preset_path(name, locale) for name in preset_names() for locale in LOCALES]
    paths += sorted((REPO / "examples").glob("*.yaml"))
    quoted = scaffold._quoted
    totals = [0.0, 0.0]
    print(f"{'profile':<44} {'now ms':>8} {'before ms':>10} {'ratio':>6}  same")
    for path in paths:
        assert path is not None
        profile = load_profile(path)
        now, text = _best(profile, runs)
        scaffold._quoted = lambda text: None
        try:
            before, old = _best(profile, runs)
        finally:
            scaffold._quoted = quoted
        totals[0] += now
        totals[1] += before
        name = f"{path.parent.name}/{path.name}"
        print(f"{name:<44} {now * 1000:8.1f} {before * 1000:10.1f} {now / before:6.2f}  {text == old}")
    print(f"{'all':<44} {totals[0] * 1000:8.1f} {totals[1] * 1000:10.1f} {totals[0] / totals[1]:6.2f}")


if __name__ == "__main__":
    main()
