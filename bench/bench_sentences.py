"""How much prose the five presets' plans share, and how often a plan says the same sentence twice.

Run: ``python bench/bench_sentences.py``. Renders each preset in each locale to Markdown and splits the
prose (paragraphs and list items; not headings, tables or code) into sentences. Per plan it reports:

* ``shared``: the share of its sentences that also appear in another preset's plan of the same locale;
* ``shared masked``: the same with numbers, dates and names masked (the shop's and competitors' names,
  and anything in quotes), so a stock sentence that differs only by them counts as shared;
* ``repeated``: the share of its sentences that occur more than once in the plan itself.

The target (issue 12) is at most 5% shared per plan and no sentence repeated within a plan. ``--show N``
prints the N most widely shared sentences (``--masked``: masked ones), to see which template or preset
text they come from.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter

from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.presets import preset_names, preset_path
from opsplan.render.markdown import render_markdown
from opsplan.render.mdparse import BulletList, NumberedList, Paragraph, inline_text, parse_markdown

LOCALES = ("zh-CN", "en")
_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s+(?=[A-Z0-9“\"(])")
_NUMBER = re.compile(r"[+-]?\d[\d,.]*\s*(?:%|万|亿|k|M|B|个百分点|pts)?")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|《[^》]*》")
MIN_CHARS = 6  # shorter pieces (a label, a lone number) are not sentences


def sentences(markdown: str) -> list[str]:
    """Return the prose sentences of a rendered plan, in order."""
    texts: list[str] = []
    for block in parse_markdown(markdown):
        if isinstance(block, Paragraph):
            texts.append(inline_text(block.runs))
        elif isinstance(block, BulletList | NumberedList):
            texts.extend(inline_text(item.runs) for item in block.items)
    out: list[str] = []
    for text in texts:
        out.extend(s.strip() for s in _SENTENCE_END.split(text) if len(s.strip()) >= MIN_CHARS)
    return out


def masker(names: list[str]) -> re.Pattern[str] | None:
    """Return a pattern matching any of ``names`` (longest first), or None when there are none."""
    names = sorted({n for n in names if n}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names)) if names else None


def masked(sentence: str, names: re.Pattern[str] | None) -> str:
    """Return ``sentence`` with names, quoted text and numbers replaced by placeholders."""
    if names is not None:
        sentence = names.sub("‹name›", sentence)
    sentence = _QUOTED.sub("‹quoted›", sentence)
    return _NUMBER.sub("‹n›", sentence)


def render_presets(locale: str) -> dict[str, tuple[list[str], list[str]]]:
    """Render every preset in ``locale``: name → (sentences, masked sentences)."""
    plans: dict[str, tuple[list[str], list[str]]] = {}
    for name in preset_names():
        path = preset_path(name, locale)
        if path is None:
            continue
        plan = build_plan(load_profile(path))
        profile = plan.profile
        names = masker([profile.shop.name, *(c.name for c in profile.market.competitors)])
        raw = sentences(render_markdown(plan))
        plans[name] = (raw, [masked(s, names) for s in raw])
    return plans


def shared_share(own: list[str], others: set[str]) -> float:
    """The fraction of ``own`` sentences found among ``others``."""
    return sum(1 for s in own if s in others) / len(own) if own else 0.0


def repeated_share(own: list[str]) -> float:
    """The fraction of ``own`` sentences that occur more than once in it."""
    counts = Counter(own)
    return sum(1 for s in own if counts[s] > 1) / len(own) if own else 0.0


def main() -> None:
    """Print the table of shared and repeated sentences per preset and locale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print the N most widely shared sentences")
    parser.add_argument("--masked", action="store_true", help="with --show: the masked sentences")
    args = parser.parse_args()
    print(f"{'plan':<32} {'sentences':>9} {'shared':>7} {'masked':>7} {'repeated':>8}")
    widest: Counter[str] = Counter()
    for locale in LOCALES:
        plans = render_presets(locale)
        for name, (raw, mask) in plans.items():
            other_raw = {s for other, (r, _) in plans.items() if other != name for s in r}
            other_mask = {s for other, (_, m) in plans.items() if other != name for s in m}
            print(
                f"{name + '.' + locale:<32} {len(raw):>9} {shared_share(raw, other_raw):>7.1%} "
                f"{shared_share(mask, other_mask):>7.1%} {repeated_share(raw):>8.1%}"
            )
        for raw, mask in plans.values():
            widest.update(set(mask if args.masked else raw))
    for sentence, count in widest.most_common(args.show):
        print(f"{count:>3}  {sentence}")


if __name__ == "__main__":
    main()
