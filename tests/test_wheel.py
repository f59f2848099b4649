"""The built wheel: contains the presets and templates, installs into a fresh venv, runs outside the repo."""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from opsplan.prepared_models import FAMILIES
from opsplan.presets import PRESET_DIR
from tests._wheel_install import run_installed

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def test_wheel_contains_presets_and_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("opsplan/templates/") for n in names), "templates/ is not packaged"
    for preset in sorted(PRESET_DIR.glob("*.yaml")):
        assert f"opsplan/presets/{preset.name}" in names
    assert "opsplan/presets/livestream-store.zh-CN.yaml" in names


def test_installed_commands_work_outside_the_repo(venv_bin: Path, tmp_path: Path) -> None:
    work = tmp_path / "elsewhere"
    work.mkdir()
    listed = run_installed([venv_bin / "opsplan", "presets"], cwd=work).stdout
    assert [line.split()[0] for line in listed.splitlines()] == [
        "douyin-flowers",
        "wechat-clothing-group",
        "xigua-store",
        "douyin-groupbuy",
        "livestream-store",
    ]
    new: list[str | Path] = [
        venv_bin / "opsplan",
        "new",
        "shop.yaml",
        "--preset",
        "douyin-flowers",
        "--locale",
        "zh-CN",
        "--no-input",
    ]
    assert run_installed(new, cwd=work).stdout.strip() == "wrote shop.yaml"
    written = work / "shop.yaml"
    assert written.is_file()
    assert written.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=opsplan.schema.json\n")
    version = run_installed([venv_bin / "python", "-m", "opsplan", "--version"], cwd=work).stdout
    assert version.startswith("opsplan ")
    # the installed package, not the repo, answered: it runs from its own site-packages
    where = run_installed([venv_bin / "python", "-c", "import opsplan; print(opsplan.__file__)"], cwd=work).stdout
    assert str(REPO) not in where


def test_wheel_ships_the_templates_compiled(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    compiled = [n for n in names if n.startswith("opsplan/_compiled_templates/") and n.endswith(".py")]
    templates = [n for n in names if n.startswith("opsplan/templates/") and n.endswith(".j2")]
    # every template of a locale has its own code; a chapter structure shared by the locales is one file
    assert len(templates) >= len(compiled) > len(templates) // 2


def test_wheel_ships_the_schemas_the_code_computes(wheel: Path, venv_bin: Path, tmp_path: Path) -> None:
    from opsplan.prepared import FOLDER_NAME, _computed

    names = zipfile.ZipFile(wheel).namelist()
    assert sum(n.startswith(f"opsplan/{FOLDER_NAME}/") and ".schema." in n for n in names) == 4  # en and zh-CN
    assert "opsplan/schema_zh.json" in names
    for args, name in (
        (["schema"], "profile"),
        (["schema", "--plan"], "plan"),
        (["schema", "--lang", "zh-CN"], "profile.zh-CN"),
    ):
        printed = run_installed([venv_bin / "opsplan", *args], cwd=tmp_path).stdout
        assert printed == _computed(name) + "\n"
    used = run_installed(
        [venv_bin / "python", "-c", "from opsplan.prepared import _shipped; print(_shipped('profile') is not None)"],
        cwd=tmp_path,
    )
    assert used.stdout.strip() == "True", "the installed wheel computed the schema instead of reading its copy"


def test_wheel_ships_the_docx_frames_the_code_builds(venv_bin: Path, tmp_path: Path) -> None:
    script = (
        "import itertools, sys\n"
        "from opsplan.render.docx_frame import make_frame\n"
        "from opsplan.render.docx_prepared import shipped_frame\n"
        "for locale, draft, versioned in itertools.product(('zh-CN', 'en'), (False, True), (False, True)):\n"
        "    frame = shipped_frame(locale, draft=draft, versioned=versioned)\n"
        "    assert frame is not None, (locale, draft, versioned)\n"
        "    assert frame == make_frame(locale, None, draft=draft, versioned=versioned), (locale, draft, versioned)\n"
        "print('same')\n"
    )
    assert run_installed([venv_bin / "python", "-c", script], cwd=tmp_path).stdout.strip() == "same"


def test_wheel_runs_in_the_light_mode_without_pydantic(venv_bin: Path, tmp_path: Path) -> None:
    script = (
        "import sys, opsplan.modelkit as kit, opsplan.prepared_models as p\n"
        "import opsplan.plan.headline, opsplan.plan.jsonview, opsplan.track.compare\n"
        "print(kit.LIGHT, sorted(p.completed_from), sorted(set(p.completed_from.values())), 'pydantic' in sys.modules)"
    )
    said = run_installed([venv_bin / "python", "-c", script], cwd=tmp_path).stdout.strip()
    assert said == f"True {sorted(FAMILIES)} ['light'] False"
    profile = REPO / "examples" / "douyin-flowers.en.yaml"
    for args in (["render", str(profile), "-f", "md,docx,json", "-o", str(tmp_path)], ["check", str(profile)]):
        traced = run_installed([venv_bin / "python", "-X", "importtime", "-m", "opsplan", *args], cwd=tmp_path).stderr
        imported = {line.rsplit("|", 1)[-1].strip() for line in traced.splitlines() if line.startswith("import time:")}
        assert "opsplan.modelkit_light" in imported, args
        # pydantic-core's extension alone (opsplan.corelib, not logged by importtime); its package only for the JSON
        # output, whose serializer imports it for its MISSING sentinel
        assert ("pydantic_core" in imported) == (args[0] == "render"), args  # -f md,docx,json
        assert [name for name in imported if name.split(".")[0] == "pydantic"] == [], args


def test_wheel_answers_help_and_the_listings_without_typer(venv_bin: Path, tmp_path: Path) -> None:
    """The installed script reads the help pages the wheel ships (``cli_help_data``): typer's bytes, no typer."""
    script = "from opsplan.cli_help_data import shipped_pages\nprint(shipped_pages() is not None)"
    assert run_installed([venv_bin / "python", "-c", script], cwd=tmp_path).stdout.strip() == "True"
    for args in (["--help"], ["render", "--help", "--lang", "zh-CN"], ["presets"], ["schema", "--plan"]):
        traced = run_installed([venv_bin / "python", "-X", "importtime", "-m", "opsplan", *args], cwd=tmp_path)
        imported = {line.rsplit("|", 1)[-1].strip() for line in traced.stderr.splitlines()}
        assert "typer" not in imported, args
        fast = run_installed([venv_bin / "opsplan", *args], cwd=tmp_path)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "OPSPLAN_NO_LIGHT")}
        typer = subprocess.run(
            [venv_bin / "opsplan", *args],
            cwd=tmp_path,
            env={**env, "OPSPLAN_NO_FAST_CLI": "1"},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert (fast.returncode, fast.stdout, fast.stderr) == (typer.returncode, typer.stdout, typer.stderr), args


# Runs ``opsplan ARGS`` (``python -m opsplan``) reporting, on stderr as it happens, every file operation that would
# change something under PREFIX (an open for writing, mkdir, rename, remove, chmod …): a write that fails in a
# read-only folder is often silent (Python's byte-code), so it is caught where it is asked for, not by its failure.
# ``check`` ends without the interpreter's teardown, so nothing is left to an atexit handler.
WRITES_UNDER = """
import os, sys
prefix, sys.argv = sys.argv[1], ["opsplan", *sys.argv[2:]]
CHANGES = {"os.mkdir", "os.rename", "os.replace", "os.remove", "os.rmdir", "os.chmod", "os.utime", "os.link",
           "os.symlink", "os.truncate", "shutil.copyfile", "shutil.move", "shutil.rmtree"}
def hook(event, args):
    if event == "open":
        path, mode, flags = args
        if not (mode and set(mode) & set("wax+")) and not (mode is None and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)):
            return
    elif event in CHANGES:
        path = args[0]
    else:
        return
    if isinstance(path, (str, bytes, os.PathLike)) and os.path.abspath(os.fsdecode(path)).startswith(prefix):
        os.write(2, f"WRITES-INSTALL {event} {os.fsdecode(path)}\\n".encode())
sys.addaudithook(hook)
from opsplan._entry import main
main()
"""


def test_a_read_only_installation_renders_and_checks_from_another_folder(venv_bin: Path, tmp_path: Path) -> None:
    """``chmod -R a-w`` on site-packages (a system or shared install): nothing opsplan runs writes there."""
    site = Path(
        run_installed(
            [venv_bin / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path
        ).stdout.strip()
    )
    # root writes through permission bits; without its capabilities (setpriv) it is held by them as a user is
    drop = ["setpriv", "--bounding-set=-all", "--inh-caps=-all"] if os.geteuid() == 0 else []
    if drop and subprocess.run(["setpriv", "--version"], capture_output=True, check=False).returncode != 0:
        pytest.skip("running as root without setpriv: a read-only folder would not hold")
    work = tmp_path / "elsewhere"
    (work / "home").mkdir(parents=True)
    profile = work / "shop.yaml"
    profile.write_text((REPO / "examples" / "douyin-flowers.zh-CN.yaml").read_text("utf-8"), "utf-8")
    (work / "tpl" / "zh-CN").mkdir(parents=True)
    (work / "tpl" / "zh-CN" / "risks.md.j2").write_text(
        '{% extends "opsplan/risks.md.j2" %}\n{% block heat %}\n### 风险地图\n\n{{ v.rows | length }}项风险。\n\n{% endblock %}\n',
        "utf-8",
    )
    # byte-code is written as Python does by default, so a module the installation left uncompiled is caught too
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "OPSPLAN_NO_LIGHT")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(HOME=str(work / "home"), XDG_CACHE_HOME=str(work / "home" / "cache"), TMPDIR=str(work / "home"))
    subprocess.run(["chmod", "-R", "a-w", str(site)], check=True)
    try:
        probe = subprocess.run([*drop, "touch", str(site / "opsplan" / "probe")], capture_output=True, check=False)
        assert probe.returncode != 0, "the installation is still writable: the test would prove nothing"
        out = work / "out"
        for args in (
            ["render", "shop.yaml", "-f", "md,docx,json,html,xlsx,pptx", "-o", "out"],
            ["render", "shop.yaml", "-f", "md,docx", "--jobs", "2", "-o", "out", "--force"],
            ["render", "shop.yaml", "-f", "md", "--templates", "tpl", "-o", "out-tpl"],  # compiled in the user's cache
            ["check", "shop.yaml", "out/shop.md", "out/shop.docx"],
            ["schema"],
            ["new", "other.yaml", "--preset", "xigua-store", "--no-input"],
        ):
            command = [*drop, str(venv_bin / "python"), "-c", WRITES_UNDER, str(site), *args]
            done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=600, check=False)
            assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
            assert "WRITES-INSTALL" not in done.stderr, args
        assert sorted(p.name for p in out.iterdir()) == [
            f"shop.{ext}" for ext in ("docx", "html", "json", "md", "pptx", "xlsx")
        ]
        risks = len(yaml.safe_load(profile.read_text("utf-8"))["risks"])
        assert f"{risks}项风险。" in (work / "out-tpl" / "shop.md").read_text("utf-8")
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(site)], check=True)
