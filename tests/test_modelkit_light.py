"""The light mode (``opsplan.modelkit``): with every prepared file there, opsplan runs without Pydantic.

A process whose models are completed from prepared schemas on ``opsplan.modelkit_light``'s classes renders every
example, checks, tracks and prints schemas byte for byte as one whose models Pydantic built, refuses every bad profile
with the same message and exit code, and never imports Pydantic. Each light class describes its fields as Pydantic
does (``model_fields``: names in order, annotation, metadata, required, default, description).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import shutil
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from pydantic_core import PydanticUndefined

import opsplan.prepared as prepared
from opsplan import modelkit
from opsplan.corelib import EXTENSION
from opsplan.prepared_models import FAMILIES, declared_classes
from tests.conftest import MINIMAL_PROFILE
from tests.test_load_type_messages import BAD, MINIMAL, PATHS, _put
from tests.test_prepared_models import BAD_EDITS, EXAMPLES

REPO = Path(__file__).resolve().parents[1]
ACTUALS = REPO / "examples" / "douyin-flowers.zh-CN.actuals.csv"

# runs command lines as the console script does, one after the other; with a folder as its first argument, the
# prepared files are read from there (a hook of this test's own process, never an option of opsplan's)
RUN = """\
import json, sys
from pathlib import Path

if sys.argv[1] != "-":
    import opsplan.prepared

    folder = Path(sys.argv[1])
    opsplan.prepared.prepared_folder = lambda: folder
import opsplan.modelkit
from opsplan.cli_fast import read_line, run_line

for args in json.loads(sys.argv[2]):
    print("$ opsplan", *args, flush=True)
    print("$ opsplan", *args, file=sys.stderr, flush=True)
    line = read_line(args)
    try:
        if line is None:
            from opsplan.cli import main

            sys.argv = ["opsplan", *args]
            main()
        else:
            run_line(line)
    except SystemExit as stop:
        print("exit", stop.code, flush=True)
import pydantic_core

extension = "pydantic_core._pydantic_core"
loaded = [name for name, module in sys.modules.items() if getattr(module, "__file__", "").endswith(".so") and "_pydantic_core" in name]
one = loaded == [extension] and pydantic_core.ValidationError is opsplan.modelkit.ValidationError
print(json.dumps({"light": opsplan.modelkit.LIGHT, "pydantic": "pydantic" in sys.modules, "one extension": one}))
"""
FIELDS = """\
import json, sys
from pathlib import Path

if sys.argv[1] != "-":
    import opsplan.prepared

    folder = Path(sys.argv[1])
    opsplan.prepared.prepared_folder = lambda: folder
import opsplan.modelkit  # the mode is chosen here, before the tests' conftest (which asks for Pydantic) is imported
from tests.test_modelkit_light import described_fields, how_models_behave

print(json.dumps([described_fields(), how_models_behave()], ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every prepared artefact, as the wheel's build hook writes them."""
    target = tmp_path_factory.mktemp("shipped") / prepared.FOLDER_NAME
    prepared.write_prepared(target)
    return target


def _run(script: str, folder: Path | str, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run ``script`` light from ``folder``'s prepared files, or on Pydantic (``-``) even where the install ships some."""
    pydantic = {"OPSPLAN_NO_LIGHT": "1"} if str(folder) == "-" else {}
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "OPSPLAN_LANG": "en", "HOME": str(cwd), **pydantic},
    )
    assert done.returncode == 0, done.stderr
    return done


def _bad_profiles(folder: Path) -> list[str]:
    """Write the bad profiles of the load tests into ``folder``; return their names."""
    texts = [MINIMAL_PROFILE.replace(old, new, 1) for old, new in BAD_EDITS]
    for path in PATHS:
        for value in BAD.values():
            data = copy.deepcopy(MINIMAL)
            _put(data, path, value)
            texts.append(yaml.safe_dump(data, allow_unicode=True))
    folder.mkdir()
    for n, text in enumerate(texts):
        (folder / f"bad{n}.yaml").write_text(text, encoding="utf-8")
    return [f"{folder.name}/bad{n}.yaml" for n in range(len(texts))]


def _lines(bad: list[str]) -> list[list[str]]:
    lines = [["render", str(path), "-f", "md,json", "-o", "out", "--force"] for path in EXAMPLES]
    lines += [["check", str(path)] for path in EXAMPLES[:2]]
    lines += [["render", *map(str, EXAMPLES[:3]), "-f", "md,json", "-o", "batch", "--jobs", "2"]]
    lines += [["track", str(EXAMPLES[1]), str(ACTUALS), "--format", "json"], ["track", str(EXAMPLES[1]), str(ACTUALS)]]
    lines += [["schema"], ["schema", "--plan"], ["schema", "--lang", "zh-CN"]]
    lines += [["new", "new.yaml", "--preset", "xigua-store", "--no-input", "--shop-name", "x", "--start", "2027-01-01"]]
    lines += [["check", path] for path in bad] + [["render", path, "-f", "md", "-o", "bad-out"] for path in bad[:12]]
    return lines


def _outputs(cwd: Path) -> dict[str, bytes]:
    return {str(path.relative_to(cwd)): path.read_bytes() for path in sorted(cwd.rglob("*")) if path.is_file()}


def test_the_light_mode_runs_every_command_as_pydantic_does_without_importing_it(folder: Path, tmp_path: Path) -> None:
    runs = {}
    for mode, hook in (("light", folder), ("pydantic", "-")):
        cwd = tmp_path / mode
        cwd.mkdir()
        lines = _lines(_bad_profiles(cwd / "bad"))
        done = _run(RUN, hook, json.dumps(lines), cwd=cwd)
        *said, last = done.stdout.splitlines()
        runs[mode] = (said, done.stderr, _outputs(cwd), json.loads(last))
    light, pydantic = runs["light"], runs["pydantic"]
    assert light[3] == {"light": True, "pydantic": False, "one extension": True}
    assert pydantic[3] == {"light": False, "pydantic": True, "one extension": True}
    assert light[0] == pydantic[0]  # every command's output and exit code
    assert light[1] == pydantic[1]  # every message, every refused profile's
    assert light[2].keys() == pydantic[2].keys()
    assert [name for name, data in light[2].items() if data != pydantic[2][name]] == []
    assert len(light[2]) > 2 * len(EXAMPLES) and "exit 2" in light[0]  # rendered; refused


def _described(value: Any) -> Any:
    """An annotation or metadata item as data: a light object and Pydantic's describe alike."""
    if typing.get_origin(value) is typing.Annotated:
        return ["Annotated", _described(value.__origin__), [_described(item) for item in value.__metadata__]]
    if type(value).__name__ == "FieldInfo":
        return ["Field", value.description, _described(value.default), [_described(m) for m in value.metadata]]
    if typing.get_args(value):
        return [repr(typing.get_origin(value)), [_described(arg) for arg in typing.get_args(value)]]
    if value is PydanticUndefined:
        return "undefined"
    if hasattr(value, "func"):
        return [type(value).__name__, value.func.__module__, value.func.__qualname__]
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and dataclasses.fields(value):
        return [type(value).__name__, {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}]
    slots = getattr(type(value), "__slots__", None)
    if type(value).__module__ == "opsplan.modelkit_light" and slots:
        return [type(value).__name__, {name: getattr(value, name) for name in slots}]
    if hasattr(value, "__dict__") and "Metadata" in type(value).__name__:
        return [type(value).__name__, dict(vars(value))]
    return repr(value)


def described_fields() -> dict[str, Any]:
    """Every model class's ``model_fields`` as data, in this process's mode."""
    described: dict[str, Any] = {"light": modelkit.LIGHT}
    for family in FAMILIES.values():
        for cls in declared_classes(family):
            described[f"{cls.__module__}.{cls.__qualname__}"] = [
                [
                    name,
                    _described(info.annotation),
                    [_described(item) for item in info.metadata],
                    info.is_required(),
                    _described(info.default),
                    repr(info.default_factory),
                    info.description,
                ]
                for name, info in cls.model_fields.items()
            ]
    return described


def _hashed(model: Any) -> object:
    try:
        return hash(model) == hash(copy.deepcopy(model))
    except TypeError:
        return "unhashable"


def how_models_behave() -> list[Any]:
    """What a profile and its plan do when compared, hashed, copied, pickled, printed, changed and dumped."""
    import pickle

    from opsplan.load import load_profile
    from opsplan.modelkit import ValidationError
    from opsplan.plan import build_plan

    profile = load_profile(EXAMPLES[0])
    plan = build_plan(profile)
    shop = profile.shop
    other = shop.model_copy(update={"name": "another"})
    said: list[Any] = [shop == shop.model_copy(), shop == other, other.name, sorted(other.model_fields_set)]
    said += [_hashed(shop), _hashed(profile.plan), pickle.loads(pickle.dumps(plan)) == plan, repr(profile.goals)]
    said += [str(profile.goals.short), dict(profile.goals.short), shop.model_dump(include={"name", "platform"})]
    said += [
        plan.budget.model_dump(mode="json", exclude={"lines"}),
        copy.copy(plan) == plan,
        plan != cast(object, profile),
    ]
    try:
        shop.name = "changed"  # type: ignore[misc]  # a frozen model refuses it: what is tested
    except ValidationError as error:
        said.append([error.title, error.errors(include_url=False)])
    try:
        type(shop).model_validate({"name": "x"}, context={"lenient_references": True})
    except ValidationError as error:
        said.append([error.title, str(error.errors(include_url=False))])
    as_json: list[Any] = json.loads(json.dumps(said, ensure_ascii=False, default=str))
    return as_json


def test_every_light_class_describes_its_fields_as_pydantic_does(folder: Path) -> None:
    light, behaves = json.loads(_run(FIELDS, folder).stdout)
    assert behaves == how_models_behave()
    assert behaves[:2] == [True, False] and behaves[-2][1][0]["type"] == "frozen_instance"
    assert light.pop("light") is True
    pydantic = described_fields()
    assert pydantic.pop("light") is False
    assert len(light) == len(pydantic) > 90
    for name, fields in pydantic.items():
        assert light[name] == json.loads(json.dumps(fields, ensure_ascii=False)), name
    bounded = [item for fields in light.values() for field in fields for item in field[2] if item[0] == "Le"]
    assert bounded  # the constraints are there to compare (Field(le=…) as Le)


# a render of Markdown and DOCX and a check, in the light mode: pydantic-core's extension alone (``opsplan.corelib``)
ALONE = """\
import json, sys
from pathlib import Path

import opsplan.prepared

folder = Path(sys.argv[1])
opsplan.prepared.prepared_folder = lambda: folder
from opsplan.cli_fast import read_line, run_line

extension = "pydantic_core._pydantic_core"
for args in json.loads(sys.argv[2]):
    try:
        run_line(read_line(args))
    except SystemExit as stop:
        print("exit", stop.code)
alone = {name: name in sys.modules for name in ("pydantic_core", "pydantic_core.core_schema", "uuid", extension)}
first = sys.modules[extension]
from opsplan.plan.model import Plan

import pydantic_core
from pydantic_core import _pydantic_core

same = [sys.modules[extension] is first is _pydantic_core, Plan.__pydantic_validator__.__class__ is pydantic_core.SchemaValidator]
print(json.dumps([alone, same]))
"""


def test_the_light_mode_renders_and_checks_with_pydantic_cores_extension_alone(folder: Path, tmp_path: Path) -> None:
    example = str(EXAMPLES[0])
    lines = [["render", example, "-f", "md,docx", "-o", str(tmp_path)], ["check", example]]
    done = _run(ALONE, folder, json.dumps(lines), cwd=tmp_path)
    *said, last = done.stdout.splitlines()
    alone, same = json.loads(last)
    assert [line for line in said if line.startswith("exit")] in (["exit 0"], ["exit 0", "exit 0"])
    assert [len(list(tmp_path.glob(pattern))) for pattern in ("*.md", "*.docx")] == [1, 1]
    # neither pydantic-core's package nor what a first serialization imports: the views read the fields themselves
    assert alone == {"pydantic_core": False, "pydantic_core.core_schema": False, "uuid": False, EXTENSION: True}
    assert same == [True, True]  # a later ``import pydantic_core`` takes the one extension loaded


FALLBACK = """\
import json, sys
import opsplan.corelib as corelib

def fails():
    raise OSError("an extension that cannot be found on its own")

corelib._load_extension = fails
module = corelib.core()
print(json.dumps([module.__name__, module is sys.modules["pydantic_core"], corelib.EXTENSION in sys.modules]))
"""


def test_the_extension_that_cannot_load_alone_comes_with_its_package() -> None:
    done = _run(FALLBACK, "-")
    assert json.loads(done.stdout) == ["pydantic_core", True, True]


def test_a_prepared_file_cut_short_leaves_the_process_on_pydantic(folder: Path, tmp_path: Path) -> None:
    damaged = tmp_path / prepared.FOLDER_NAME
    shutil.copytree(folder, damaged)
    path = next(damaged.glob(f"{FAMILIES['plan'].stem}.*.py"))
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])  # a copy stopped half-way
    lines = [["check", str(EXAMPLES[0])], ["render", str(EXAMPLES[0]), "-f", "json", "-o", str(tmp_path)]]
    done = _run(RUN, damaged, json.dumps(lines), cwd=tmp_path)
    *said, last = done.stdout.splitlines()
    mode = json.loads(last)
    assert (mode["light"], mode["pydantic"]) == (False, True)
    assert said.count("exit 0") == 2, done.stderr
    assert len(list(tmp_path.glob("*.json"))) == 1


def test_a_damaged_shipped_json_schema_is_computed_by_pydantic_in_the_light_mode(folder: Path, tmp_path: Path) -> None:
    damaged = tmp_path / prepared.FOLDER_NAME
    shutil.copytree(folder, damaged)
    next(damaged.glob("profile.schema.*.json")).write_bytes(b'{\n  "$defs": {\n')  # cut short
    next(damaged.glob("plan.schema.*.json")).write_bytes(b"\xff\xfe{")  # not text
    lines = json.dumps([["schema"], ["schema", "--plan"]])
    light, pydantic = (_run(RUN, hook, lines, cwd=tmp_path) for hook in (damaged, "-"))
    assert json.loads(light.stdout.splitlines()[-1])["light"] is True
    assert light.stdout.splitlines()[:-1] == pydantic.stdout.splitlines()[:-1]
    assert light.stdout.count("exit 0") == 2 and light.stdout.count('"$defs"') == 2


def _left_out(text: str) -> str:
    """The file with its SCHEMAS list's first class left out."""
    head, entries = text.split("SCHEMAS = [\n", 1)
    return head + "SCHEMAS = [\n" + entries.split("\n", 1)[1]


@pytest.mark.parametrize(
    "edit",
    [_left_out, lambda text: text.replace("# fmt: off\n", "# fmt: off\nimport opsplan_no_such_module\n", 1)],
    ids=["a class left out", "an import that fails"],
)
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_a_prepared_file_edited_into_other_python_is_said_to_be_a_damaged_install(
    folder: Path, tmp_path: Path, edit: typing.Callable[[str], str], lang: str
) -> None:
    damaged = tmp_path / prepared.FOLDER_NAME
    shutil.copytree(folder, damaged)
    path = next(damaged.glob(f"{FAMILIES['profile'].stem}.*.py"))
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    lines = [["--lang", lang, "check", str(EXAMPLES[0])], ["--lang", lang, "render", str(EXAMPLES[0]), "-o", "out"]]
    done = _run(RUN, damaged, json.dumps(lines), cwd=tmp_path)
    said = [line for line in done.stdout.splitlines() if line.startswith("exit")]
    assert said == ["exit 72", "exit 72"], done.stderr  # EX_OSFILE: the installation's, neither input (2) nor bug (70)
    messages = [line for line in done.stderr.splitlines() if not line.startswith("$ opsplan")]
    assert len(messages) == 2 and all(str(path) in line for line in messages), done.stderr
    wanted = (
        "pip install --force-reinstall opsplan",
        "OPSPLAN_NO_LIGHT=1",
        "重新安装" if lang == "zh-CN" else "Reinstall",
    )
    assert all(all(part in line for part in wanted) for line in messages), messages
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


# checks each profile as the console script does, then names what of ``INTROSPECTION`` the process imported
CHECK_IMPORTS = """\
import json, sys
from pathlib import Path

import opsplan.prepared

folder = Path(sys.argv[1])
opsplan.prepared.prepared_folder = lambda: folder
import opsplan.modelkit
from opsplan.cli_fast import read_line, run_line

for path in json.loads(sys.argv[2]):
    try:
        run_line(read_line(["check", path]))
    except SystemExit as stop:
        print("exit", stop.code)
imported = [name for name in json.loads(sys.argv[3]) if name in sys.modules]
print(json.dumps({"light": opsplan.modelkit.LIGHT, "imported": imported}))
"""
# what d89fdb9 took off a profile's check: dataclasses, and inspect (with dis and tokenize) that it imports
INTROSPECTION = ["dataclasses", "inspect", "dis", "tokenize"]


def test_a_profiles_check_imports_no_dataclasses_nor_inspect(folder: Path, tmp_path: Path) -> None:
    lines = json.dumps([str(path) for path in EXAMPLES])
    done = _run(CHECK_IMPORTS, folder, lines, json.dumps(INTROSPECTION), cwd=tmp_path)
    *said, last = done.stdout.splitlines()
    assert [line for line in said if line.startswith("exit")] == ["exit 0"] * len(EXAMPLES), done.stdout
    assert json.loads(last) == {"light": True, "imported": []}
