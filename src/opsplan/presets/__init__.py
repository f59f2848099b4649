"""The five plan kinds as data: one complete profile per kind and locale (``<kind>.<locale>.yaml``)."""

from __future__ import annotations

from pathlib import Path

PRESET_DIR = Path(__file__).parent
LOCALES = ("zh-CN", "en")


def preset_names() -> list[str]:
    """Return the preset names, sorted."""
    return sorted({p.name.split(".")[0] for p in PRESET_DIR.glob("*.yaml")})


def preset_path(name: str, locale: str | None = None) -> Path | None:
    """Return the file of preset ``name`` in ``locale`` (zh-CN when not given), or None if unknown."""
    chosen = locale if locale in LOCALES else "zh-CN"
    path = PRESET_DIR / f"{name}.{chosen}.yaml"
    return path if path.is_file() else None
