"""Fuzz ``opsplan check`` on documents: 10,000 mutated examples (Markdown and DOCX), no crash, none slow.

    python bench/fuzz_check.py [--cases N] [--seed S] [--slow SECONDS]
    python bench/fuzz_check.py --linear     # the worst cases of every document pattern, 100 KB against 1 MB

Each case is an example plan from examples/ (``.md`` and ``.docx`` in turn) with random edits: lines
deleted, repeated, swapped or cut, hostile pieces inserted (big heading numbers, Markdown syntax, long
runs of dots or spaces, placeholders, shares and totals), bytes flipped, the DOCX's XML edited or its ZIP
damaged. Every case must end in findings or a clean error (``OpsplanError``); prints the counts, the time
per case, the slowest cases and the first crashes with their case number (``--seed`` and the number
rebuild it: ``tests._fuzz_check.run_case``). Exit 1 on a crash or a case over ``--slow`` seconds (5).

``--linear`` times each worst case of ``tests/_linear_cases.py`` at 100 KB and at 1 MB: a linear
pattern takes about ten times as long on the larger, a quadratic one a hundred times.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests._fuzz_check import run_case


def fuzz(cases: int, seed: int, slow_limit: float) -> int:
    tally: Counter[str] = Counter()
    times: list[float] = []
    slowest: list[tuple[float, str]] = []
    crashes: list[str] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        for number in range(cases):
            name, outcome = run_case(number, Path(folder), seed)
            tally[outcome.kind] += 1
            times.append(outcome.seconds)
            slowest = sorted([*slowest, (outcome.seconds, name)], reverse=True)[:5]
            if outcome.kind == "crash" and len(crashes) < 5:
                crashes.append(f"{name}:\n{outcome.detail}")
    print(f"{cases:,} cases in {time.monotonic() - started:.0f} s (seed {seed})")
    for kind in ("findings", "refused", "crash"):
        print(f"  {kind:<9} {tally[kind]:>6,}  ({100 * tally[kind] / max(cases, 1):.1f}%)")
    over = sum(1 for t in times if t > slow_limit)
    median = statistics.median(times) * 1000
    print(f"  per case: median {median:.0f} ms, max {max(times):.2f} s; over {slow_limit:g} s: {over}")
    print("  slowest: " + "; ".join(f"{name} {seconds:.2f} s" for seconds, name in slowest))
    for crash in crashes:
        print("\n" + crash)
    return 1 if tally["crash"] or over else 0


def linear() -> int:
    from tests import _linear_cases as cases

    def timed(run: object, key: str, size: int) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            run(key, size)  # type: ignore[operator]
            best = min(best, time.perf_counter() - start)
        return best

    worst = 0.0
    print(f"{'case':<52} {'100 KB':>9} {'1 MB':>9} {'ratio':>6}")
    rows = [(cases.run_pattern_case, key) for key in sorted(cases.PATTERN_CASES)]
    rows += [(cases.run_function_case, key) for key in cases.FUNCTION_CASES]
    for run, key in rows:
        small, large = timed(run, key, 100_000), timed(run, key, 1_000_000)
        ratio = large / max(small, 1e-6)
        worst = max(worst, ratio)
        print(f"{key:<52} {small * 1000:>7.1f}ms {large * 1000:>7.1f}ms {ratio:>6.1f}")
    print(f"largest ratio {worst:.1f} (linear: about 10; quadratic: about 100)")
    return 0 if worst < 30 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--slow", type=float, default=5.0, help="seconds a case may take")
    parser.add_argument("--linear", action="store_true", help="time the worst cases at 100 KB and 1 MB instead")
    args = parser.parse_args()
    return linear() if args.linear else fuzz(args.cases, args.seed, args.slow)


if __name__ == "__main__":
    sys.exit(main())
