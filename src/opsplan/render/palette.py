"""The colours of the plan's figures, one set for every output (DOCX, PDF, HTML, the deck and the workbook).

Colours are hex ``RRGGBB`` strings without ``#`` (what WordprocessingML and DrawingML take); ``css`` adds the
``#``. They are chosen to still read in grey print, and never carry meaning alone:

- risk levels step in lightness (high darkest, medium middling, low lightest: grey values 96, 184, 233 on a
  0-255 scale, from 0.299 R + 0.587 G + 0.114 B) and every cell also carries its level's letter;
- phases differ by hue, which grey print loses; the phase is also the row's label, so nothing is lost;
- critical tasks are outlined in ``CRITICAL_LINE`` and their label carries ``CRITICAL_MARK``; milestones are
  diamonds (``MILESTONE_MARK``), campaigns stars.
"""

from __future__ import annotations

PHASES = ("2F6FB0", "3F9A6B", "C07A1E", "7A52A8", "B0476A", "2A8F9A", "6D7A2A", "8A5A3C")
LEVEL_FILL = {"high": "C0392B", "medium": "F5B041", "low": "D5F5E3"}
LEVEL_TEXT = {"high": "FFFFFF", "medium": "1D2330", "low": "1D2330"}
LEVEL_TINT = {"high": "F8CBAD", "medium": "FFE699", "low": "C6EFCE"}  # behind a row of text (the workbook)
CRITICAL_LINE = "1D2330"  # the outline of a critical bar: near black, so it reads in grey print
CRITICAL_MARK = "●"
MILESTONE_MARK = "◆"
CAMPAIGN_MARK = "★"
MILESTONE = "1D2330"
CAMPAIGN_FILL = "F6C85F"
BUFFER_FILL = "BFBFBF"
INK = "1D2330"
HEADER_FILL = "D9E2F3"
BORDER = "8EAADB"


def phase_colour(index: int) -> str:
    """Return the colour of the phase at ``index`` (the palette repeats after eight phases)."""
    return PHASES[index % len(PHASES)]


def css(colour: str) -> str:
    """Return ``colour`` as a CSS colour (``#RRGGBB``)."""
    return f"#{colour}"


def grey(colour: str) -> int:
    """Return the grey value (0-255) ``colour`` prints as: 0.299 R + 0.587 G + 0.114 B, rounded."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return round(0.299 * r + 0.587 * g + 0.114 * b)
