"""The models' core schemas that the wheel ships are Pydantic's own, and a process that completes the models from
them reads every profile, good or bad, and writes plans and JSON Schemas exactly as one whose models Pydantic built."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

import opsplan.prepared as prepared
import opsplan.prepared_models as prepared_models
from opsplan.errors import OpsplanError
from opsplan.load import load_profile
from opsplan.plan import build_plan
from opsplan.plan.headline import build_headline
from opsplan.plan.jsonview import plan_json_schema, plan_to_json
from opsplan.profile import profile_json_schema
from tests.conftest import MINIMAL_PROFILE

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p for p in (REPO / "examples").glob("*.yaml") if "actuals" not in p.name)
# one profile per kind of failure: a field's type, an unknown key, a model's own validator, a reference, a date
BAD_EDITS = [
    ("weeks: 2}", "weeks: 0}"),
    ("  platform: douyin", "  platfrom: douyin"),
    ("{followers: 500000,", "{followrs: 500000,"),
    ("after: [hire]", "after: [hrie]"),
    ("version: 1", "version: 2"),
    ("start: 2027-03-01", "start: 2027-13-01"),
    ("start: 2027-03-01", "start: 86400"),
    ("{id: setup,", "{id: hire,"),
    ("short: {months: 6,", "short: {months: 0,"),
    ("budget: {total: 1200000,", "budget: {total: .nan,"),
    ("budget: {total: 1200000,", "campaigns: [{name: x, start: 05-20, end: 2027-05-21}]\nbudget: {total: 1200000,"),
]
READ = """\
import json, sys
from pathlib import Path

import opsplan.prepared

opsplan.prepared.prepared_folder = lambda: Path(sys.argv[1])
from opsplan.plan.jsonview import plan_json_schema
from opsplan.profile import profile_json_schema
from opsplan.prepared_models import completed_from
from tests.test_prepared_models import read

assert set(completed_from.values()) == {"prepared"}, completed_from
profiles = [read(Path(p)) for p in sys.argv[2:]]
print(json.dumps([profiles, profile_json_schema(), plan_json_schema()], ensure_ascii=False))
"""


def read(path: Path) -> list[object]:
    """What loading ``path`` gives: the profile, its plan and headline as JSON, or the error's text and exit code."""
    try:
        profile = load_profile(path)
    except OpsplanError as error:
        return [str(error), error.exit_code]
    plan = build_plan(profile)
    return [profile.model_dump(mode="json"), plan_to_json(plan), build_headline(plan).model_dump(mode="json")]


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / prepared.FOLDER_NAME
    prepared_models.write_sources(folder)
    monkeypatch.setattr(prepared, "prepared_folder", lambda: folder)
    return folder


def comparable(value: Any) -> Any:
    """A core schema with the closures Pydantic makes (or their prepared copies) as their code and what they hold."""
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(comparable(item) for item in value)
    if isinstance(value, types.FunctionType) and value.__name__ in ("get_json_schema", "<lambda>"):
        held = [comparable(cell.cell_contents) for cell in value.__closure__ or ()]
        return (value.__name__, value.__code__.co_code, held)
    return value


@pytest.mark.parametrize("name", list(prepared_models.FAMILIES))
def test_the_models_are_completed_from_the_shipped_schemas_where_there_are_some(name: str) -> None:
    for module in prepared_models.FAMILIES[name].modules:
        importlib.import_module(module)
    shipped = prepared_models._shipped_schemas(prepared_models.FAMILIES[name]) is not None  # none in a checkout
    assert prepared_models.completed_from[name] == ("prepared" if shipped else "pydantic")


@pytest.mark.parametrize("family", prepared_models.FAMILIES.values(), ids=list(prepared_models.FAMILIES))
def test_the_prepared_schemas_are_the_ones_pydantic_builds(shipped: Path, family: prepared_models.Family) -> None:
    schemas = prepared_models._shipped_schemas(family)
    assert schemas is not None, "the prepared core schemas were not found"
    classes = prepared_models.model_classes(family)
    assert [name for name, _, _ in schemas] == [cls.__qualname__ for cls in classes]
    for cls, (_, schema, _) in zip(classes, schemas, strict=True):
        assert comparable(schema) == comparable(cls.__pydantic_core_schema__), cls.__qualname__


@pytest.mark.parametrize("family", prepared_models.FAMILIES.values(), ids=list(prepared_models.FAMILIES))
def test_the_prepared_source_names_only_modules_its_key_covers(shipped: Path, family: prepared_models.Family) -> None:
    source = next(shipped.glob(f"{family.stem}.*.py")).read_text(encoding="utf-8")
    imported = {line.split()[1] for line in source.splitlines() if line.startswith("import ")}
    assert imported <= {*family.sources, "datetime"}


def test_another_pydantic_or_an_edited_model_finds_no_prepared_schemas(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = prepared_models.FAMILIES["profile"]
    assert prepared_models._shipped_schemas(profile) is not None
    monkeypatch.setattr(prepared, "pydantic_key", lambda: "0000another")
    assert prepared_models._shipped_schemas(profile) is None


def test_a_prepared_file_that_lists_other_classes_is_not_used(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    family = prepared_models.FAMILIES["plan"]
    schemas = prepared_models._shipped_schemas(family)
    assert schemas is not None
    monkeypatch.setattr(prepared_models, "_shipped_schemas", lambda _family: schemas[1:])  # one class left out
    monkeypatch.setitem(prepared_models.completed_from, "plan", "not yet")
    prepared_models.install("plan")
    assert prepared_models.completed_from["plan"] == "pydantic"


def test_a_process_with_the_prepared_schemas_reads_profiles_and_writes_schemas_as_pydantic_does(
    shipped: Path, tmp_path: Path
) -> None:
    bad = []
    for n, (old, new) in enumerate(BAD_EDITS):
        assert old in MINIMAL_PROFILE, old
        bad.append(tmp_path / f"bad{n}.yaml")
        bad[-1].write_text(MINIMAL_PROFILE.replace(old, new, 1), encoding="utf-8")
    paths = [*EXAMPLES, *bad]
    done = subprocess.run(
        [sys.executable, "-c", READ, str(shipped), *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    profiles, profile_schema, plan_schema = json.loads(done.stdout)
    assert profiles == [read(path) for path in paths]
    assert profile_schema == profile_json_schema()
    assert plan_schema == plan_json_schema()
    assert all(isinstance(read(path)[0], str) for path in bad)  # every bad profile is refused, with its message
