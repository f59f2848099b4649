"""How much prose ``opsplan new`` leaves in a skeleton, against the kind's worked example (issue 15.1).

For each plan kind and locale: writes the skeleton (``--no-input``, no answers), then counts the characters
of free text (every ``Text`` field: names, titles, sentences, list items; gap marks excluded) in the skeleton
and in the kind's example, and the fields left to fill (text and numbers), from ``opsplan check``'s findings.

    python bench/bench_skeleton.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from opsplan.check.run import check_profile
from opsplan.load import load_document, validate_document
from opsplan.presets import LOCALES, preset_names, preset_path
from opsplan.scaffold import new_profile
from opsplan.skeleton import prose_chars


def measure(folder: Path, name: str, locale: str) -> tuple[int, int, int, int]:
    """Return (skeleton prose, example prose, text gaps, number gaps) for kind ``name`` in ``locale``."""
    path = folder / f"{name}.{locale}.yaml"
    new_profile(path, preset=name, locale=locale, shop_name=None, start=None, interactive=False, force=True)
    example = preset_path(name, locale)
    assert example is not None
    document = load_document(path)
    skeleton, full = prose_chars(document.data), prose_chars(load_document(example).data)
    validate_document(document)  # fills the gaps and records the numbers among them
    gaps = sum(1 for f in check_profile(path).findings if f.rule == "OPS201")
    return skeleton, full, gaps - len(document.number_gaps), len(document.number_gaps)


def main() -> int:
    """Print one row per kind and locale: prose characters in the skeleton and the example, and the gaps."""
    print(f"{'kind':<24}{'locale':<7}{'skeleton':>9}{'example':>9}{'share':>7}{'text gaps':>10}{'numbers':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for name in preset_names():
            for locale in LOCALES:
                skeleton, full, texts, numbers = measure(Path(folder), name, locale)
                row = f"{name:<24}{locale:<7}{skeleton:>9,}{full:>9,}{skeleton / full:>7.1%}{texts:>10}{numbers:>8}"
                print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
