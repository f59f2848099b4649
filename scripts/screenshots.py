"""The README's screenshots: pages of an example plan as a client sees them, from its PDF and its HTML.

For each language: the title page, a table page (the goal trajectory), the risk heat map and the Gantt chart,
each from the PDF (``pdftoppm``, the whole page) and from the one-file HTML (headless Chromium, the section
alone in a 1100×700 window), as small PNGs in ``docs/screens/``. Render the examples first (README,
"Rendering plans"); this script only reads ``examples/<stem>.<locale>.pdf`` and ``.html``.

    python scripts/screenshots.py [--stem douyin-flowers] [--dpi 50] [--out docs/screens]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The sections shown, by the heading the plan gives them in each language (the title page is page 1).
SECTIONS = {
    "zh-CN": {"table": "目标轨迹", "risks": "风险热力矩阵", "gantt": "甘特图"},
    "en": {"table": "Goal trajectory", "risks": "Risk heat map", "gantt": "Gantt chart"},
}
WINDOW = "1100,700"
# Shown alone: the sidebar hidden, and of the chapters only the section asked for (by its id).
_ALONE = (
    "<style>.sidebar{{display:none}} main{{margin-left:0}} main > :not(section.chapter:has(#{id})){{display:none}}"
    "section.chapter:has(#{id}) > :not(#{id}){{display:none}}</style>"
)
COLOURS = 64  # PNGs are cut to this many colours when Pillow is installed (a third of the size)


def tool(name: str) -> str:
    """Return the path of ``name`` or stop with the package that installs it."""
    found = shutil.which(name)
    if found is None:
        sys.exit(f"screenshots: {name} is not installed (apt-get install poppler-utils chromium)")
    return found


def heading_page(pdf: Path, heading: str) -> int:
    """Return the page of ``pdf`` whose text has ``heading`` as a numbered heading line, after the contents."""
    text = subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    line = re.compile(rf"^\d+(\.\d+)*\s+{re.escape(heading)}\s*$", re.MULTILINE)
    pages = [number for number, page in enumerate(text.split("\f"), start=1) if line.search(page)]
    if not pages:
        sys.exit(f"screenshots: {pdf.name} has no heading {heading!r}")
    return pages[-1]  # the contents list it first


def pdf_page(pdf: Path, page: int, target: Path, dpi: int) -> None:
    """Write page ``page`` of ``pdf`` as the PNG ``target``."""
    command = [tool("pdftoppm"), "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile"]
    subprocess.run([*command, str(pdf), str(target.with_suffix(""))], check=True)


def section_id(html: str, heading: str) -> str:
    """Return the id of the HTML section whose heading ends with ``heading``."""
    match = re.search(rf'<section class="section" id="([^"]+)">\s*<h\d[^>]*>[^<]*{re.escape(heading)}\s*</h\d>', html)
    if match is None:
        sys.exit(f"screenshots: the HTML has no section {heading!r}")
    return match[1]


def html_shot(html: str, target: Path, work: Path) -> None:
    """Write Chromium's view of ``html`` (a 1100×700 window) as the PNG ``target``."""
    page = work / "page.html"
    page.write_text(html, encoding="utf-8")
    command = [tool("chromium"), "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars"]
    command += [f"--user-data-dir={work / 'profile'}", "--virtual-time-budget=3000", f"--window-size={WINDOW}"]
    subprocess.run([*command, f"--screenshot={target}", page.as_uri()], check=True, capture_output=True, timeout=120)


def shrink(png: Path) -> None:
    """Cut ``png`` to ``COLOURS`` colours in place, when Pillow is installed (it comes with matplotlib)."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(COLOURS)
    small.save(png, optimize=True)


def main() -> None:
    """Write the screenshots of both languages and list them with their sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stem", default="douyin-flowers")
    parser.add_argument("--dpi", type=int, default=50)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screens")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="opsplan-shots-") as scratch:
        work = Path(scratch)
        for locale, sections in SECTIONS.items():
            pdf = REPO / "examples" / f"{args.stem}.{locale}.pdf"
            html = (REPO / "examples" / f"{args.stem}.{locale}.html").read_text(encoding="utf-8")
            name = f"{args.stem}.{locale}"
            pdf_page(pdf, 1, args.out / f"{name}-pdf-title.png", args.dpi)
            html_shot(html, args.out / f"{name}-html-title.png", work)
            for key, heading in sections.items():
                pdf_page(pdf, heading_page(pdf, heading), args.out / f"{name}-pdf-{key}.png", args.dpi)
                alone = _ALONE.format(id=section_id(html, heading))
                html_shot(html.replace("</head>", alone + "</head>", 1), args.out / f"{name}-html-{key}.png", work)
    shots = sorted(args.out.glob(f"{args.stem}.*.png"))
    for shot in shots:
        shrink(shot)
    for shot in shots:
        print(f"{shot.relative_to(REPO)}  {shot.stat().st_size // 1024} KB")
    print(f"{len(shots)} screenshots, {sum(s.stat().st_size for s in shots) // 1024} KB")


if __name__ == "__main__":
    main()
