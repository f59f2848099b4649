from __future__ import annotations

import pytest

from opsplan.errors import InputError, ProfileError
from opsplan.load import load_profile
from tests.conftest import MINIMAL_PROFILE


def test_minimal_profile_loads(write):
    profile = load_profile(write("shop.yaml", MINIMAL_PROFILE))
    assert profile.shop.name == "花间"
    assert profile.goals.short.targets["followers"] == 500000
    assert str(profile.plan.start) == "2027-03-01"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "weeks: 2}",
            "weeks: 0}",
            "shop.yaml:19:39: timeline.phases[0].tasks[0].weeks:",
        ),
        (
            "  platform: douyin",
            "  platfrom: douyin",
            "shop.yaml:9:3: shop.platfrom: unknown key 'platfrom'; did you mean 'platform'?",
        ),
        (
            "{followers: 500000,",
            "{followrs: 500000,",
            "shop.yaml:12:32: goals.short.targets: unknown metric 'followrs'; did you mean 'followers'?",
        ),
        (
            "after: [hire]",
            "after: [hrie]",
            "timeline.phases[0].tasks[1].after[0]: unknown task 'hrie'; did you mean 'hire'?",
        ),
        ("version: 1", "version: 2", "shop.yaml:1:10: version: format version 2 is not known"),
        ("start: 2027-03-01", "start: 2027-13-01", "shop.yaml:5:10: plan.start:"),
        ("platform: douyin", "platform: tiktok", "shop.yaml:9:13: shop.platform:"),
    ],
)
def test_profile_errors_name_line_field_and_fix(write, old, new, expected):
    assert old in MINIMAL_PROFILE
    path = write("shop.yaml", MINIMAL_PROFILE.replace(old, new, 1))
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert expected in str(info.value).replace(str(path.parent) + "/", "")


def test_duplicate_key_names_both_lines(write):
    path = write("shop.yaml", MINIMAL_PROFILE + "shop:\n  name: again\n  platform: douyin\n")
    with pytest.raises(InputError, match=r"shop.yaml:\d+:1: duplicate key 'shop' \(first on line 7\)"):
        load_profile(path)


def test_yaml_11_surprises_stay_text(write):
    text = MINIMAL_PROFILE.replace("name: 花间", "name: NO").replace("title: 测试方案", "title: 3.10")
    profile = load_profile(write("shop.yaml", text))
    assert profile.shop.name == "NO"
    assert profile.plan.title == "3.10"


def test_extends_preset_path_merges_and_replaces_lists(write):
    write("base.yaml", MINIMAL_PROFILE)
    child = write(
        "child.yaml",
        """\
        extends: base.yaml
        shop: {name: 新店}
        budget: {items: [{name: 投放, share: 0.5}, {name: 内容, share: 0.5}]}
        """,
    )
    profile = load_profile(child)
    assert profile.shop.name == "新店"
    assert profile.shop.platform.value == "douyin"  # merged from the parent mapping
    assert [i.name for i in profile.budget.items] == ["投放", "内容"]  # list replaced whole
    assert profile.budget.total == 1200000


def test_extends_cycle_is_refused(write):
    write("a.yaml", "extends: b.yaml\nversion: 1\n")
    b = write("b.yaml", "extends: a.yaml\n")
    with pytest.raises(InputError, match="extends cycle: b.yaml → a.yaml → b.yaml"):
        load_profile(b)


def test_error_location_comes_from_the_file_that_set_the_value(write):
    write("base.yaml", MINIMAL_PROFILE)
    child = write("child.yaml", "extends: base.yaml\nbudget:\n  total: -5\n")
    with pytest.raises(ProfileError, match=r"child.yaml:3:10: budget.total:"):
        load_profile(child)


def test_a_merged_document_locates_each_value_in_the_file_that_set_it(write):
    from opsplan.load import load_document

    base = write("base.yaml", MINIMAL_PROFILE)
    child = write("child.yaml", "extends: base.yaml\nshop: {name: 新店}\n")
    document = load_document(child)
    base = base.resolve()  # as extends names it
    # shop.name is on the child's line 2 after "shop: {name: " (column 14); shop.platform stays the base's,
    # its line 9 "  platform: douyin": the key at column 3, the value at 13
    assert str(document.locate(("shop", "name"))) == f"{child}:2:14"
    assert str(document.locate(("shop", "platform"))) == f"{base}:9:13"
    assert str(document.locate(("shop", "platform"), key=True)) == f"{base}:9:3"
    assert ("shop", "platform") in document.keys and ("shop", "nothing") not in document.keys
