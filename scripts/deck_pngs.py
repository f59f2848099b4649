"""Make the README's pictures of the meeting deck: four slides of an example deck as PNG files.

    python scripts/deck_pngs.py                    # docs/deck/*.png from examples/douyin-flowers.zh-CN.pptx
    python scripts/deck_pngs.py examples/xigua-store.en.pptx --slides 2,8,13,14 --dpi 60 --out docs/deck

LibreOffice (with a private profile in a temporary folder) turns the deck into a PDF and pdftoppm
(poppler-utils) renders the chosen slides; the PNGs are named ``<deck>-slide-<n>.png``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def slide_pngs(deck: Path, slides: list[int], dpi: int, out: Path) -> list[Path]:
    """Render ``slides`` (1-based) of ``deck`` to PNG files in ``out``; return their paths."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        raise SystemExit("needs LibreOffice (soffice) and pdftoppm (poppler-utils)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(deck),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pdf = Path(work) / f"{deck.stem}.pdf"
        for number in slides:
            stem = out / f"{deck.stem}-slide-{number}"
            subprocess.run(
                [
                    pdftoppm,
                    "-png",
                    "-r",
                    str(dpi),
                    "-f",
                    str(number),
                    "-l",
                    str(number),
                    "-singlefile",
                    str(pdf),
                    str(stem),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            written.append(Path(f"{stem}.png"))
    return written


def main() -> None:
    """Parse the options and write the PNG files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck", nargs="?", type=Path, default=REPO / "examples" / "douyin-flowers.zh-CN.pptx")
    parser.add_argument("--slides", default="2,8,13,14", help="1-based slide numbers, comma-separated")
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "deck")
    args = parser.parse_args()
    slides = [int(n) for n in args.slides.split(",") if n.strip()]
    for path in slide_pngs(args.deck, slides, args.dpi, args.out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
