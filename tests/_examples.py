"""The example profiles (examples/*.yaml) rendered as they are today, once per test run.

Several test modules compare the committed examples with a fresh render or read the fresh deck; each example is
rendered (md, docx, html and pptx from one checked plan) the first time one of them asks, and every later test
reads the same bytes. The outputs are bytes and text, so no test can change what another reads.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

from opsplan.render.options import RenderOptions
from opsplan.render.outputs import render_bytes

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PROFILES = sorted(EXAMPLES.glob("*.yaml"))


class Rendered(NamedTuple):
    """An example's outputs as ``opsplan render -f md,docx,html,pptx`` writes them (default options)."""

    md: str
    docx: bytes
    html: bytes
    pptx: bytes


@functools.cache
def fresh_render(profile: Path) -> Rendered:
    """Return the outputs rendered today from ``profile`` (rendered on the first call for that profile)."""
    md, docx, html, pptx = render_bytes(profile, RenderOptions(), ("md", "docx", "html", "pptx"))
    return Rendered(md.decode("utf-8"), docx, html, pptx)
