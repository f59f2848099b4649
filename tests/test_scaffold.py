"""`opsplan new`: the written profile, its comments, options, refusal to overwrite, the prompts, examples/."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from opsplan.check.run import check_file
from opsplan.cli import app
from opsplan.errors import InputError, OpsplanError, OutputError
from opsplan.load import load_profile, validate_document
from opsplan.monthday import MonthDay
from opsplan.plan import build_plan
from opsplan.presets import LOCALES, preset_names
from opsplan.profile import Profile
from opsplan.scaffold import (
    Choices,
    customise,
    dump_profile,
    load_preset,
    new_profile,
)
from opsplan.schema_zh import descriptions_zh
from opsplan.skeleton import Answers
from opsplan.wizard import parse_budget, parse_start
from opsplan.yamlread import parse

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CASES = [(name, locale) for name in preset_names() for locale in LOCALES]
REGENERATE = (
    "examples/{name}.{locale}.yaml is out of date; regenerate it with\n"
    "  opsplan new examples/{name}.{locale}.yaml --preset {name} --locale {locale} --example --no-input --force"
)


def _new(path: Path, **options: object) -> Path:
    args: dict[str, object] = dict(
        preset="livestream-store",
        locale="zh-CN",
        shop_name=None,
        start=None,
        interactive=False,
        force=False,
        example=True,
    )
    args.update(options)
    return new_profile(path, **args)


@pytest.mark.parametrize(("name", "locale"), CASES)
def test_written_profile_loads_back_to_the_preset(tmp_path: Path, name: str, locale: str) -> None:
    written = _new(tmp_path / "shop.yaml", preset=name, locale=locale)
    assert written == tmp_path / "shop.yaml"
    assert load_profile(written) == load_preset(name, locale)
    first = written.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=opsplan.schema.json"


def test_keys_carry_their_descriptions_once_per_model(tmp_path: Path) -> None:
    text = _new(tmp_path / "shop.yaml", locale="en").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert "`opsplan schema > opsplan.schema.json`" in text
    for name, field in Profile.model_fields.items():
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
        assert lines[at - 1] == f"# {field.description}"
    # Competitor keys are commented on the first competitor only (4 competitors in the preset).
    assert lines.count("    # Competitor name.") == 1
    assert sum(line.strip().startswith("- name: ") for line in lines) > 4
    # Horizon (short, mid, long): the months key is described under `short` only.
    assert text.count("# Months from the plan start to this horizon.") == 1
    lines = _new(tmp_path / "zh.yaml").read_text(encoding="utf-8").splitlines()
    assert "    - label: 中国网络直播用户规模" in lines  # CJK kept as it is, not \u-escaped
    assert "  live_viewers: 600  # 单场观看人数" in lines  # metric keys get their label


@pytest.mark.parametrize("name", preset_names())
def test_a_chinese_example_is_commented_in_chinese(tmp_path: Path, name: str) -> None:
    text = _new(tmp_path / "shop.yaml", preset=name).read_text(encoding="utf-8")
    lines = text.splitlines()
    comments = [line.strip() for line in lines[1:] if line.lstrip().startswith("#")]
    assert comments and all(re.search(r"[\u4e00-\u9fff]", line) for line in comments), [
        line for line in comments if not re.search(r"[\u4e00-\u9fff]", line)
    ]
    described = [i for i, line in enumerate(lines) if re.match(r"[a-z_]+:", line)]
    for at in described:  # each top-level key the kind has (a kind without `live` has no such line)
        field = Profile.model_fields[lines[at].split(":")[0]]
        assert lines[at - 1] == f"# {descriptions_zh()[str(field.description)]}"
    assert len(described) > 10


def test_shop_name_and_start_are_applied(tmp_path: Path) -> None:
    path = _new(tmp_path / "s.yaml", locale="en", shop_name="Bright: Home #1", start="2027-04-15")
    profile = load_profile(path)
    assert profile.shop.name == "Bright: Home #1"
    assert profile.plan.title == "${shop.name} livestream store setup and operating plan"
    assert build_plan(profile).profile.plan.title == "Bright: Home #1 livestream store setup and operating plan"
    assert profile.plan.start == dt.date(2027, 4, 15)
    # campaigns recur every year, so they follow the new start: the first 520 is 2027's (05-13 – 05-20)
    assert profile.campaigns[0].start == MonthDay(5, 13)
    assert build_plan(profile).campaigns[0].start == dt.date(2027, 5, 13)


@pytest.mark.parametrize("example", [True, False], ids=["example", "skeleton"])
@pytest.mark.parametrize("name", preset_names())
def test_a_new_start_keeps_dated_work_in_the_window(tmp_path: Path, name: str, example: bool) -> None:
    # 2028-09-01 is after every date the presets once typed (2027-03 – 2028-02); window 2028-09-01 – 2030-08-31
    path = _new(tmp_path / "s.yaml", preset=name, start="2028-09-01", example=example)
    plan = build_plan(load_profile(path))
    assert plan.campaigns and all(dt.date(2028, 9, 1) <= c.start <= dt.date(2030, 8, 31) for c in plan.campaigns)
    for row in plan.timeline.tasks:
        if row.anchor is not None:
            assert row.anchor.in_window and row.anchor.met and row.anchor.start >= dt.date(2028, 9, 1), row.id
    dated = {"OPS706", "OPS707", "OPS708", "OPS709", "OPS710"}
    assert not [f.rule for f in check_file(path).findings if f.rule in dated]


def test_default_preset_and_locale(tmp_path: Path) -> None:
    if "douyin-flowers" not in preset_names():
        pytest.skip("douyin-flowers preset not written yet")
    profile = load_profile(_new(tmp_path / "d.yaml", preset=None, locale=None))
    assert profile.plan.kind.value == "douyin-flowers"
    assert profile.plan.locale == "zh-CN"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"start": "2027-02-30"}, "--start: '2027-02-30' is not a real date"),
        ({"start": "next monday"}, "--start: 'next monday' is not a real date; write it as 2027-03-01"),
        ({"preset": "livestream-stor"}, "--preset: unknown preset 'livestream-stor'; did you mean 'livestream-store'?"),
        ({"locale": "fr"}, "--locale: unknown locale 'fr'; use zh-CN or en"),
        ({"shop_name": "  "}, "--shop-name: the shop name is empty"),
        ({"shop_name": "two\nlines"}, "--shop-name: the shop name must be one line"),
    ],
)
def test_bad_options_are_refused(tmp_path: Path, options: dict[str, str], message: str) -> None:
    with pytest.raises(InputError) as info:
        _new(tmp_path / "x.yaml", **options)
    assert str(info.value).startswith(message)
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize(
    ("text", "value"),
    [("1200000", 1_200_000.0), ("1,200,000", 1_200_000.0), (" 99.5 ", 99.5), ("600万", 6_000_000), ("1.2亿", 1.2e8)],
)
def test_parse_budget(text: str, value: float) -> None:
    assert parse_budget(text) == value


@pytest.mark.parametrize("text", ["0", "-5", "abc", "1 200", ""])
def test_parse_budget_refuses(text: str) -> None:
    with pytest.raises(InputError, match="budget|not a number|out of range"):
        parse_budget(text)


def test_parse_start() -> None:
    assert parse_start(" 2028-02-29 ") == dt.date(2028, 2, 29)
    assert parse_start("2027/3/1") == parse_start("2027年3月1日") == parse_start("２０２７-3-1") == dt.date(2027, 3, 1)
    with pytest.raises(InputError, match="not a real date"):
        parse_start("2027-02-29")
    # a real date the plan cannot use is refused with the profile's own range, before anything is written
    for far in ("9999-01-01", "1899-12-31"):
        with pytest.raises(
            InputError, match=f"{far} is out of range; dates in a plan run from 1900-01-01 to 2999-12-31"
        ):
            parse_start(far)


def test_new_with_a_start_out_of_range_says_so(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "shop.yaml"
    result = runner.invoke(app, ["new", str(path), "--no-input", "--start", "9999-01-01"])
    assert result.exit_code == 2
    assert "--start: 9999-01-01 is out of range" in result.output and "internal error" not in result.output
    assert not path.exists()


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    path = tmp_path / "shop.yaml"
    path.write_text("mine\n", encoding="utf-8")
    with pytest.raises(OutputError, match="already exists; pass --force"):
        _new(path)
    assert path.read_text(encoding="utf-8") == "mine\n"
    _new(path, force=True)
    assert load_profile(path).plan.kind.value == "livestream-store"


def test_cli_refuses_to_overwrite_with_exit_2(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "shop.yaml"
    path.write_text("mine\n", encoding="utf-8")
    result = runner.invoke(app, ["new", str(path), "--preset", "livestream-store", "--no-input"])
    assert result.exit_code == 2
    assert "already exists; pass --force to overwrite it" in result.output
    assert path.read_text(encoding="utf-8") == "mine\n"


def test_cli_no_input(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "shop.yaml"
    args = ["new", str(path), "-p", "livestream-store", "-l", "en", "--shop-name", "Lumen", "--no-input"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"wrote {path}"
    assert load_profile(path).shop.name == "Lumen"


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "{folder}: no such folder; create it first"), ("zh-CN", "{folder}：没有这个文件夹；请先建好它")],
)
def test_new_refuses_a_folder_that_is_not_there(tmp_path: Path, runner: CliRunner, lang: str, said: str) -> None:
    # a file in a missing folder is a mistyped path more often than a wish for new folders: nothing is created
    folder = tmp_path / "nonexist"
    result = runner.invoke(app, ["--lang", lang, "new", str(folder / "dir" / "x.yaml"), "--no-input"])
    assert result.exit_code == 2
    assert said.format(folder=folder) in result.output  # the outermost missing folder is named
    assert not folder.exists()


def test_cli_bad_start_exit_2(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "s.yaml"), "--start", "2027/13/01", "--no-input"])
    assert result.exit_code == 2
    assert "error: --start: '2027/13/01' is not a real date" in result.output
    assert "Traceback" not in result.output


SMALL = Profile.model_validate(
    {
        "version": 1,
        "plan": {"title": "Plan for Lumen", "locale": "en", "start": "2027-03-01", "kind": "livestream-store"},
        "shop": {"name": "Lumen", "platform": "douyin"},
        "goals": {"short": {"months": 3, "targets": {"live_viewers": 10000}}},
        "budget": {"total": 100000, "months": 3},
    }
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip))
def test_any_shop_name_survives_the_round_trip(name: str) -> None:
    profile = customise(SMALL, Choices("livestream-store", "en", Answers(shop_name=name.strip())))
    assert profile.plan.title == f"Plan for {name.strip()}"
    text = dump_profile(profile)
    assert validate_document(parse(text, "t.yaml")) == profile


@pytest.mark.parametrize(("name", "locale"), CASES)
def test_example_is_what_new_writes_today(tmp_path: Path, name: str, locale: str) -> None:
    example = EXAMPLES / f"{name}.{locale}.yaml"
    message = REGENERATE.format(name=name, locale=locale)
    assert example.is_file(), message
    fresh = _new(tmp_path / example.name, preset=name, locale=locale)
    assert example.read_bytes() == fresh.read_bytes(), message


def test_no_stray_examples() -> None:
    expected = {f"{name}.{locale}.yaml" for name, locale in CASES}
    assert {p.name for p in EXAMPLES.glob("*.yaml")} <= expected


def test_a_preset_missing_in_the_locale_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("opsplan.scaffold.preset_path", lambda name, locale: None)
    with pytest.raises(InputError, match="preset 'livestream-store' has no en version"):
        _new(tmp_path / "m.yaml", locale="en")
    assert not (tmp_path / "m.yaml").exists()


def test_a_profile_that_would_not_load_back_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import opsplan.scaffold as scaffold

    real = scaffold.dump_profile
    monkeypatch.setattr(scaffold, "dump_profile", lambda p, header=None: real(p, header).replace("600", "601", 1))
    with pytest.raises(OpsplanError, match="would not load back; nothing written"):
        _new(tmp_path / "r.yaml")
    assert not (tmp_path / "r.yaml").exists()
