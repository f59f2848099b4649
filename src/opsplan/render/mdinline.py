r"""Parse the inline Markdown opsplan renders (``**bold**``, ``\``-escaped punctuation) into runs."""

from __future__ import annotations

import re

from opsplan.render.mdblocks import Inline, Run, plain_run

# a backslash before ASCII punctuation (``\\*``: a literal ``*``), or a ``**`` mark; the engine scans for them from
# left to right as a loop over the characters would (escapes first), in C
_MARK = re.compile(r"\\([!-/:-@\[-`{-~])|\*\*")


def parse_inline(text: str) -> Inline:
    r"""Split ``text`` into runs at ``**`` marks; ``\``-escaped punctuation is kept literally."""
    if "*" not in text and "\\" not in text:  # plain text (most cells): one run
        return (plain_run(text),) if text else ()
    pieces: list[str | None] = []  # None marks a ``**`` toggle
    buf: list[str] = []
    at = 0
    for mark in _MARK.finditer(text):
        buf.append(text[at : mark.start()])
        escaped = mark.group(1)
        if escaped is not None:
            buf.append(escaped)
        else:
            pieces.append("".join(buf))
            buf = []
            pieces.append(None)
        at = mark.end()
    buf.append(text[at:])
    pieces.append("".join(buf))
    toggles = sum(1 for p in pieces if p is None)
    runs: list[Run] = []
    bold = False
    seen = 0
    for piece in pieces:
        if piece is None:
            seen += 1
            if not (toggles % 2 and seen == toggles):
                bold = not bold
                continue
            piece = "**"  # an unmatched last ``**`` is literal text
        if piece:
            if runs and runs[-1].bold == bold:
                runs[-1] = Run(runs[-1].text + piece, bold)
            else:
                runs.append(Run(piece, bold))
    return tuple(runs)


def inline_text(runs: Inline) -> str:
    """Return the plain text of inline runs."""
    if len(runs) == 1:  # most cells and paragraphs
        return runs[0].text
    return "".join(r.text for r in runs)
