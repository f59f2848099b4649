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


def test_the_names_read_from_the_presets_shop_blocks_are_those_of_the_loaded_presets() -> None:
    # preset_shop_names reads only the name and aliases entries of each preset's shop block; loading every
    # preset whole must give the same table, so a preset written another way cannot slip past OPS204
    from opsplan.check.text_rules import preset_shop_names

    expected: dict[str, tuple[str, str]] = {}
    for name in preset_names():
        for locale in LOCALES:
            path = preset_path(name, locale)
            assert path is not None
            shop = load_profile(path).shop
            for alias in [shop.name, *shop.aliases]:
                expected[alias.strip()] = (name, shop.name.strip())
    assert preset_shop_names() == expected


@pytest.mark.parametrize(
    ("text", "block"),
    [
        ("version: 1\nshop:\n  name: A\n  aliases:\n  - B\nplan:\n  x: 1\n", "shop:\n  name: A\n  aliases:\n  - B\n"),
        ("shop:\nshop:\n  name: A\n", "shop:\n  name: A\n"),
        ("shop:\n  name: A", None),  # no line end: not a line of the block
        ("shops:\n  name: A\n", None),
    ],
)
def test_a_shop_block_is_its_line_and_the_indented_lines_under_it(tmp_path: Path, text: str, block: str | None) -> None:
    from opsplan.check.text_rules import shop_block

    path = tmp_path / "preset.yaml"
    path.write_bytes(text.encode("utf-8"))
    assert shop_block(path) == block
