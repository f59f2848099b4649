"""Are the DOCX files the same bytes as before a change? A digest of every example's and scaled plan's DOCX.

    python bench/docx_digests.py --write before.json     # on the code before the change
    python bench/docx_digests.py --against before.json   # after it: prints what differs, exits 1 if anything does

The plans: every example profile (default options, and as a draft), and the zh-CN and en flowers examples made
longer and wider 1×, 4× and 16× (``bench_cold.longer_profile``, ``wider_profile``), each rendered to DOCX in this
process as ``opsplan render -f docx`` renders it (contents pages estimated, chapter breaks from the estimate).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
FLOWERS = ("douyin-flowers.zh-CN.yaml", "douyin-flowers.en.yaml")
FACTORS = (1, 4, 16)


def digests(folder: Path) -> dict[str, str]:
    """Return the SHA-256 of each plan's DOCX by a name that says which plan and options it is."""
    sys.path.insert(0, str(REPO / "bench"))
    from bench_cold import longer_profile, wider_profile
    from opsplan.render.options import RenderOptions
    from opsplan.render.outputs import render_bytes

    cases: list[tuple[str, Path, RenderOptions]] = []
    for profile in sorted((REPO / "examples").glob("*.yaml")):
        cases.append((profile.name, profile, RenderOptions()))
        cases.append((f"{profile.name} draft", profile, RenderOptions(draft=True)))
    for name in FLOWERS:
        for shape, build in (("longer", longer_profile), ("wider", wider_profile)):
            for factor in FACTORS:
                path = folder / f"{shape}{factor}.{name}"
                data = build(REPO / "examples" / name, factor)
                path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
                cases.append((f"{name} {shape} {factor}x", path, RenderOptions(draft=True)))
    out = {}
    for label, path, options in cases:
        (docx,) = render_bytes(path, options, ("docx",))
        out[label] = hashlib.sha256(docx).hexdigest()
        print(f"{label}: {out[label][:16]} ({len(docx):,} bytes)", flush=True)
    return out


def main() -> int:
    """Write the digests, or compare them with those written before."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the digests to this JSON file")
    group.add_argument("--against", type=Path, help="compare with the digests in this JSON file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="opsplan-docx-digests-") as work:
        now = digests(Path(work))
    if args.write:
        args.write.write_text(json.dumps(now, indent=1), encoding="utf-8")
        return 0
    before = json.loads(args.against.read_text(encoding="utf-8"))
    differ = [label for label in before if before[label] != now.get(label)]
    for label in differ:
        print(f"differs: {label}")
    print(f"{len(before)} DOCX: " + ("all the same bytes" if not differ else f"{len(differ)} differ"))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
