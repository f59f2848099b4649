"""Fuzz the loader and the plan engine: 10,000 mutated profiles, each ends in a plan or a clean error.

    python bench/fuzz.py [--examples N] [--render] [--seed S]

Prints how many runs ended in a plan (or, with ``--render``, a rendered Markdown + DOCX, or a render
error: a valid plan the renderer refused), in a clean ``OpsplanError`` and in a crash (any other
exception; the first few crashes and render errors are shown with their input).
Exit 1 if anything crashed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, Phase, given, seed, settings

from tests._hardening_helpers import RenderRefused, fuzz_bases, mutated_profiles, run_one


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--render", action="store_true", help="also render Markdown and DOCX")
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()
    tally: Counter[str] = Counter()
    crashes: list[str] = []
    refused: list[str] = []
    started = time.monotonic()

    with tempfile.TemporaryDirectory() as folder:

        @seed(args.seed)
        @settings(
            max_examples=args.examples,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(text=mutated_profiles(fuzz_bases()))
        def run(text: str) -> None:
            try:
                run_one(text, Path(folder), tally, render=args.render)
            except RenderRefused:
                if len(refused) < 5:
                    refused.append(traceback.format_exc(limit=0) + "--- input ---\n" + text[:2000])
            except BaseException:
                if len(crashes) < 5:
                    crashes.append(traceback.format_exc() + "\n--- input ---\n" + text[:3000])

        run()

    total = sum(tally.values())
    print(f"{total:,} examples in {time.monotonic() - started:.0f} s")
    for outcome in ("rendered", "render error", "plan", "clean error", "crash"):
        if outcome in tally or outcome in ("clean error", "crash"):
            print(f"  {outcome:<12} {tally[outcome]:>6,}  ({100 * tally[outcome] / max(total, 1):.1f}%)")
    for crash in crashes:
        print("\n" + crash)
    for refusal in refused:
        print("\nrender error: " + refusal)
    return 1 if tally["crash"] else 0


if __name__ == "__main__":
    sys.exit(main())
