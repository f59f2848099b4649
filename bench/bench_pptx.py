"""The deck's rendering time per plan against the DOCX's (issue 18), in one process.

    python bench/bench_pptx.py              # every example, best of 5 rounds
    python bench/bench_pptx.py --runs 9

For each example profile the plan is computed once; then, alternately (DOCX, PPTX, DOCX, PPTX …), the DOCX
is rendered the way ``opsplan render -f docx`` does (the Markdown, then the document built from it) and the
deck the way ``-f pptx`` does (``build_pptx`` on the plan). Each is timed in wall time, best
of the rounds, after one warm-up that imports python-docx and python-pptx. Printed: a Markdown table per
example with both times and the ratio PPTX / DOCX, and the median ratio. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from opsplan.plan.model import Plan
from opsplan.render.markdown import render_markdown
from opsplan.render.options import RenderOptions
from opsplan.render.outputs import load_plan, plan_docx
from opsplan.render.pptx import build_pptx

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    options = RenderOptions()
    rows = []
    for profile in sorted((REPO / "examples").glob("*.yaml")):
        plan = load_plan(profile)

        def docx(plan: Plan = plan) -> bytes:
            return plan_docx(plan, render_markdown(plan), options)

        def pptx(plan: Plan = plan) -> bytes:
            return build_pptx(plan)

        docx(), pptx()  # warm-up: imports, template cache
        times: dict[str, list[float]] = {"docx": [], "pptx": []}
        for _ in range(args.runs):
            for name, render in (("docx", docx), ("pptx", pptx)):
                start = time.perf_counter()
                render()
                times[name].append(time.perf_counter() - start)
        best = {name: min(values) for name, values in times.items()}
        rows.append((profile.stem, best["docx"], best["pptx"], best["pptx"] / best["docx"]))
    print("| example | DOCX (Markdown + document) | PPTX | PPTX / DOCX |")
    print("|---|---|---|---|")
    for stem, docx_s, pptx_s, ratio in rows:
        print(f"| {stem} | {docx_s * 1000:.0f} ms | {pptx_s * 1000:.0f} ms | {ratio:.1f}× |")
    print(f"\nmedian ratio PPTX / DOCX: {statistics.median(r[3] for r in rows):.1f}× (best of {args.runs} rounds)")


if __name__ == "__main__":
    main()
