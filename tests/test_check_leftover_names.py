"""OPS204 knows a preset's short names (``shop.aliases``): 湘味里 left in the prose of a plan for another shop."""

from __future__ import annotations

from pathlib import Path

import pytest

from opsplan.check.run import check_file
from opsplan.load import load_profile
from opsplan.presets import LOCALES, preset_names, preset_path


def _leftovers(tmp_path: Path, shop: str) -> list[tuple[str, int, str]]:
    path = tmp_path / "shop.yaml"
    path.write_text(f"version: 1\nextends: douyin-groupbuy\nshop:\n{shop}", encoding="utf-8")
    found = check_file(path).findings
    return [(f.file, f.line, f.message) for f in found if f.rule == "OPS204"]


def test_a_short_name_left_in_the_prose_of_another_shop_is_found(tmp_path: Path) -> None:
    found = _leftovers(tmp_path, "  name: 青禾小馆\n  positioning: 湘味里招牌的家常小炒，一人食也能点。\n")
    assert [(Path(file).name, line) for file, line, _ in found] == [("shop.yaml", 5)]
    assert found[0][2] == (
        "shop.positioning names '湘味里', the shop of the douyin-groupbuy preset, but this plan is for '青禾小馆'"
    )


def test_the_full_name_is_named_before_the_short_one(tmp_path: Path) -> None:
    found = _leftovers(tmp_path, "  name: 青禾小馆\n  positioning: 湘味里湘菜小炒的老配方。\n")
    assert [message.split("'")[1] for _, _, message in found] == ["湘味里湘菜小炒"]


@pytest.mark.parametrize(
    "shop",
    [
        # the preset's own shop keeps its short name
        "  positioning: 湘味里招牌的家常小炒。\n",
        # a shop whose own name holds the short name
        "  name: 湘味里二店\n  positioning: 湘味里招牌的家常小炒。\n",
    ],
)
def test_a_short_name_of_this_shop_is_not_a_leftover(tmp_path: Path, shop: str) -> None:
    assert _leftovers(tmp_path, shop) == []


@pytest.mark.parametrize(("name", "locale"), [(n, loc) for n in preset_names() for loc in LOCALES])
def test_every_preset_declares_the_short_names_its_prose_could_leave(name: str, locale: str) -> None:
    path = preset_path(name, locale)
    assert path is not None
    shop = load_profile(path).shop
    assert shop.aliases and all(alias and alias != shop.name for alias in shop.aliases)
