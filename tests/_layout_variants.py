"""Long-text variants of the examples, for testing the layout estimate on text that falls differently on pages.

A variant keeps the example's numbers and adds free text of its own language: every chapter's introduction runs
three times as long, each note twice, every risk's mitigation twice (taller rows in the register), and a chapter
of the user's own follows the first chapter with four ``###`` sections of paragraphs, a list and a table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

VARIANT_CHAPTER = "layout_notes"


def long_text_variant(profile: Path, folder: Path) -> Path:
    """Write the long-text variant of ``profile`` into ``folder``; return its path (same file name)."""
    data: dict[str, Any] = yaml.safe_load(profile.read_text(encoding="utf-8"))
    sections: dict[str, Any] = data.setdefault("sections", {})
    zh = str(data["plan"]["locale"]).startswith("zh")
    gap = "" if zh else " "
    intros = [str(text["intro"]) for text in sections.values() if text.get("intro")]
    for text in sections.values():
        if text.get("intro"):
            text["intro"] = gap.join([text["intro"]] * 3)
        text["notes"] = [gap.join([note] * 2) for note in text.get("notes") or []]
    for risk in data.get("risks") or []:
        risk["mitigation"] = gap.join([risk["mitigation"]] * 2)
    first = next(iter(sections))
    sections[VARIANT_CHAPTER] = {
        "title": "执行说明" if zh else "Notes on delivery",
        "after": first,
        "body": _chapter_body(intros, zh),
    }
    target = folder / profile.name
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _chapter_body(intros: list[str], zh: bool) -> str:
    """Return a chapter of four sections made of the profile's own introductions (its language, its references)."""
    titles = ["准备", "执行", "复盘", "交接"] if zh else ["Preparation", "Delivery", "Review", "Handover"]
    parts = []
    for index, title in enumerate(titles):
        texts = [intros[(index * 3 + k) % len(intros)] for k in range(3)]
        parts.append(f"### {title}\n\n{texts[0]}\n\n{texts[1]}")
        parts.append("\n".join(f"- {_first_sentence(text, zh)}" for text in texts))
        header = "| 事项 | 说明 |\n|---|---|" if zh else "| Item | Note |\n|---|---|"
        parts.append(header + "\n" + "\n".join(f"| {title} {k + 1} | {text} |" for k, text in enumerate(texts)))
    return "\n\n".join(parts)


def _first_sentence(text: str, zh: bool) -> str:
    mark = "。" if zh else ". "
    return text.split(mark)[0] + mark.strip()
