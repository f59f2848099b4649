"""Helpers for the Markdown and template tests: render presets and profiles, split a plan up."""

from __future__ import annotations

import functools
import re
import textwrap
from pathlib import Path

from opsplan.kinds import PlanKind
from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.presets import LOCALES, PRESET_DIR
from opsplan.render.markdown import render_markdown


def preset_files() -> list[Path]:
    """The preset file of every plan kind in every locale (a missing one fails the tests that read it)."""
    kinds = sorted(kind.value for kind in PlanKind if kind is not PlanKind.CUSTOM)
    return [PRESET_DIR / f"{kind}.{locale}.yaml" for kind in kinds for locale in LOCALES]


@functools.lru_cache(maxsize=32)
def render_file(path: Path) -> str:
    """Render the profile at ``path`` to Markdown (cached: several tests read each plan)."""
    return render_markdown(build_plan(load_profile(path)))


def render_text(tmp_path: Path, text: str, name: str = "shop.yaml") -> str:
    """Write a profile and render it."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return render_markdown(build_plan(load_profile(path)))


def locale_of(path: Path) -> str:
    return path.name.split(".")[1]


MERMAID = re.compile(r"```mermaid\n.*?```\n", re.S)
CJK = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


def prose(markdown: str) -> str:
    """The text a reader reads: without the Mermaid block and the opsplan comments."""
    text = MERMAID.sub("", markdown)
    return "\n".join(line for line in text.splitlines() if not line.startswith("<!--"))


def chapters(markdown: str) -> list[tuple[str, str]]:
    """Split into (chapter heading, body) pairs, skipping the contents chapter."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.M)
    pairs = list(zip(parts[1::2], parts[2::2], strict=True))
    return [(title, body) for title, body in pairs if title not in ("目录", "Contents")]


def sentences(body: str, locale: str) -> list[str]:
    """Prose sentences of a chapter body: table rows, headings and the Mermaid block left out."""
    lines = [
        re.sub(r"^(- |\d+\. )", "", line).strip()
        for line in MERMAID.sub("", body).splitlines()
        if line.strip() and not line.startswith(("|", "#", "<!--"))
    ]
    text = " ".join(lines)
    parts = re.split(r"(?<=[。！？])" if locale.startswith("zh") else r"(?<=[.!?])\s+", text)
    return [p.strip() for p in parts if p.strip()]
