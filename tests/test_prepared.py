"""The JSON Schemas the wheel ships prepared are what the code computes, and are used only with the Pydantic
they were prepared with."""

from __future__ import annotations

import json
import py_compile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import opsplan.prepared as prepared
from opsplan.cli import app
from opsplan.plan.jsonview import plan_json_schema
from opsplan.profile import profile_json_schema
from opsplan.schema_zh import described_in_chinese


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / prepared.FOLDER_NAME
    written = prepared.write_prepared(folder)
    schemas = [p.name.split(".schema.")[0] for p in written if ".schema." in p.name]
    assert sorted(schemas) == ["plan", "plan.zh-CN", "profile", "profile.zh-CN"]
    assert any(p.parent.parent.name.startswith("docx-frames-") for p in written), "the DOCX frames are prepared too"
    monkeypatch.setattr(prepared, "prepared_folder", lambda: folder)
    return folder


def test_the_shipped_schemas_are_what_the_code_computes(shipped: Path) -> None:
    for name, compute in (("profile", profile_json_schema), ("plan", plan_json_schema)):
        text = prepared._shipped(name)
        assert text is not None, f"the prepared {name} schema was not found"
        assert json.loads(text) == compute()
        assert text == json.dumps(compute(), ensure_ascii=False, indent=2)


def test_the_shipped_chinese_schemas_are_what_the_code_computes(shipped: Path) -> None:
    for name, compute in (("profile", profile_json_schema), ("plan", plan_json_schema)):
        text = prepared._shipped(f"{name}.zh-CN")
        assert text is not None, f"the prepared zh-CN {name} schema was not found"
        assert json.loads(text) == described_in_chinese(compute())


def test_the_command_prints_the_shipped_schema(shipped: Path) -> None:
    for name, args in (
        ("profile", ["schema"]),
        ("plan", ["schema", "--plan"]),
        ("profile.zh-CN", ["schema", "--lang", "zh-CN"]),
        ("plan.zh-CN", ["--lang", "zh-CN", "schema", "--plan"]),
    ):
        path = next(shipped.glob(f"{name}.schema.*.json"))
        path.write_text('{"marked": "shipped"}', encoding="utf-8")
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0
        assert json.loads(result.output) == {"marked": "shipped"}


def test_another_pydantic_computes_the_schema(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    next(shipped.glob("profile.schema.*.json")).write_text('{"marked": "shipped"}', encoding="utf-8")
    monkeypatch.setattr(prepared, "pydantic_key", lambda: "0000another")
    assert prepared._shipped("profile") is None
    assert json.loads(prepared.schema_text("profile")) == profile_json_schema()


def test_without_a_prepared_folder_the_schema_is_computed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prepared, "prepared_folder", lambda: tmp_path / "absent")
    assert json.loads(prepared.schema_text("plan")) == plan_json_schema()


def test_the_key_follows_the_installed_pydantic() -> None:
    import pydantic.version

    key = prepared.pydantic_key()
    raw = Path(pydantic.version.__file__).read_bytes()
    assert key is not None and key.endswith(f"{len(raw):x}")


@pytest.mark.parametrize("damage", [lambda code: code[:40], lambda code: code[:16] + b"\xff" * (len(code) - 16)])
def test_a_shipped_file_whose_byte_code_is_damaged_is_compiled_from_its_source(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    path = tmp_path / "shipped_example.py"
    path.write_text("VALUE = [41 + 1] * 300\n", encoding="utf-8")
    compiled = py_compile.compile(str(path), doraise=True)
    assert compiled is not None
    cached = Path(compiled)
    cached.write_bytes(damage(cached.read_bytes()))  # its header still matches the file: only its body is wrong
    code = prepared.shipped_code(path, "opsplan._prepared.shipped_example")
    assert code is not None
    namespace: dict[str, object] = {}
    exec(code, namespace)
    assert namespace["VALUE"] == [42] * 300
    path.write_text("VALUE = [\n", encoding="utf-8")  # a damaged source is no code at all
    assert prepared.shipped_code(path, "opsplan._prepared.shipped_example") is None
