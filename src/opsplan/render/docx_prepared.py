"""DOCX frames prepared when the wheel is built, so that a first render needs neither python-docx nor its work.

A frame (``docx_frame.Frame``) is every part of a plan's DOCX that does not depend on the plan. Without a
reference document it depends only on the locale, the draft mark, the version slot, opsplan's code and the
python-docx and lxml that build and serialize it; building it in a new process is about 110 ms of a cold
render (importing python-docx 70–80 ms, preparing the parts 35–55 ms). The build hook writes the frames of
every locale and flag (``write_frames``) under ``opsplan/_prepared/docx-frames-<key>/``: one manifest per
frame (with the paragraph styles the page estimate resolves from it), each distinct part once, and each part's
deflate stream once. ``shipped_frame`` reads them back when the key, a checksum of the installed python-docx's
and lxml's version files, matches; otherwise the frame is built as before. The streams are used with the zlib
and the level they were made with (another zlib deflates the parts again when the frame is read). The tests
check that a shipped frame equals the one ``make_frame`` builds.
"""

from __future__ import annotations

import itertools
import json
import zlib
from pathlib import Path

from opsplan.prepared import library_key, prepared_folder
from opsplan.render.docx_body import Layout
from opsplan.render.docx_frame import Frame
from opsplan.render.docx_package import COMPRESS_LEVEL, deflate

MAX_PART_BYTES = 16 * 1024 * 1024
_LIBRARIES = ("docx/__init__.py", "lxml/__init__.py")


def _folder(root: Path, key: str) -> Path:
    return root / f"docx-frames-{key}"


def _manifest_name(locale: str, draft: bool, versioned: bool) -> str:
    return f"{locale}{'-draft' if draft else ''}{'-versioned' if versioned else ''}.json"


def write_frames(target: Path) -> list[Path]:
    """Write the frame of every locale, draft mark and version slot into ``target``; return the files made."""
    import hashlib

    from opsplan.presets import LOCALES
    from opsplan.render.docx_frame import make_frame

    key = library_key(*_LIBRARIES)
    if key is None:
        raise RuntimeError("python-docx and lxml are needed to prepare the DOCX frames")
    folder = _folder(target, key)
    for sub in ("parts", "deflated"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for locale, draft, versioned in itertools.product(LOCALES, (False, True), (False, True)):
        frame = make_frame(locale, None, draft=draft, versioned=versioned)
        names = []
        for name, data in frame.parts:
            digest = hashlib.sha256(data).hexdigest()[:32]
            part = folder / "parts" / digest
            if not part.exists():
                part.write_bytes(data)
                (folder / "deflated" / digest).write_bytes(frame.deflated[name][1])
                written += [part, folder / "deflated" / digest]
            names.append([name, digest, frame.deflated[name][0]])
        manifest = {
            "parts": names,
            "document_part": frame.document_part,
            "documents": {str(k).lower(): v for k, v in frame.documents.items()},
            "core_part": frame.core_part,
            "core": frame.core,
            "rels_part": frame.rels_part,
            "layout": [frame.layout.text_width, frame.layout.landscape_text_width, frame.layout.has_bullet_style],
            "sections": {str(k).lower(): v for k, v in frame.sections.items()},
            "renames": dict(frame.renames),
            "deflated": [zlib.ZLIB_RUNTIME_VERSION, COMPRESS_LEVEL],
            "styles": {key: list(style) for key, style in frame.styles.items()},
        }
        path = folder / _manifest_name(locale, draft, versioned)
        path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        written.append(path)
    return written


def shipped_frame(locale: str, *, draft: bool, versioned: bool) -> Frame | None:
    """Return the frame the wheel ships for these settings, or ``None`` when there is none for them."""
    from opsplan.render.layout_docx import Style

    key = library_key(*_LIBRARIES)
    if key is None:
        return None
    folder = _folder(prepared_folder(), key)
    try:
        manifest = json.loads((folder / _manifest_name(locale, draft, versioned)).read_text(encoding="utf-8"))
        listed = [(str(name), str(digest), int(crc)) for name, digest, crc in manifest["parts"]]
        parts = tuple((name, _read_part(folder / "parts" / digest)) for name, digest, _ in listed)
        if manifest["deflated"] == [zlib.ZLIB_RUNTIME_VERSION, COMPRESS_LEVEL]:
            deflated = {name: (crc, _read_part(folder / "deflated" / digest)) for name, digest, crc in listed}
        else:  # another zlib may deflate otherwise: as make_frame would
            deflated = {name: deflate(data) for name, data in parts}
        text_width, landscape_width, bullets = manifest["layout"]
        return Frame(
            parts=parts,
            document_part=str(manifest["document_part"]),
            documents={k == "true": str(v) for k, v in manifest["documents"].items()},
            core_part=str(manifest["core_part"]),
            core=str(manifest["core"]),
            rels_part=str(manifest["rels_part"]),
            layout=Layout(int(text_width), int(landscape_width), bool(bullets)),
            sections={k == "true": str(v) for k, v in manifest["sections"].items()},
            renames={str(k): str(v) for k, v in manifest["renames"].items()},
            deflated=deflated,
            styles={str(k): Style(*values) for k, values in manifest["styles"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _read_part(path: Path) -> bytes:
    with open(path, "rb") as stream:
        data = stream.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise ValueError(f"{path.name}: larger than a frame part may be")
    return data
