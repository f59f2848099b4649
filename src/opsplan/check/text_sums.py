"""OPS510 and OPS511 on a profile's text: shares and totals written in prose, read as a plan's text is read.

Text a profile holds ends up in the plan rendered from it (a paragraph, a list item, a table cell, a heading),
where ``opsplan check`` of the document reads every sentence for shares of one whole that miss 100% (OPS510) and
for a stated total its parts do not add up to (OPS511). The profile's check reads each of its texts as the plan
says it, its references (``${…}``) resolved as the plan resolved them (``Locator.said``, from ``Plan.texts``), with
the same function (``document_sums.sum_problems``), so the same sentence gets the same verdict on the profile, at
its line, and on the rendered plan.
"""

from __future__ import annotations

from collections.abc import Iterator

from opsplan.check.document_sums import may_not_add_up, sum_problems
from opsplan.check.findings import Finding
from opsplan.check.profile_rules import Locator


def check_text_sums(loc: Locator) -> Iterator[Finding]:
    """OPS510/OPS511: a sentence of a profile's text whose shares or stated total do not add up."""
    said = loc.texts.get
    for path, raw in loc.strings:
        text = said(raw, raw)  # ``loc.said``, and the quick test of ``sum_problems``, without a call each
        if may_not_add_up(text):
            for rule, message, hint in sum_problems(text):
                yield loc.finding(rule, path, message.said(), hint.said())
