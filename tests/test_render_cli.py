"""``opsplan render`` through the CLI: several profiles, jobs, refusals, bad input, summary, charts."""

from __future__ import annotations

import functools
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from opsplan.cli import app
from opsplan.errors import InputError
from opsplan.render.options import RenderOptions, output_paths, validate_formats
from tests._docx_helpers import W, docx_headings, markdown_headings, open_docx
from tests.conftest import RENDERABLE_PROFILE

EN_PROFILE = (
    RENDERABLE_PROFILE.replace("locale: zh-CN", "locale: en")
    .replace("title: 测试方案", "title: Test plan")
    .replace("name: 花间", "name: Bloom")
)


def _profiles(tmp_path: Path) -> tuple[Path, Path]:
    zh = tmp_path / "shop.zh-CN.yaml"
    en = tmp_path / "shop.en.yaml"
    zh.write_text(RENDERABLE_PROFILE, encoding="utf-8")
    en.write_text(EN_PROFILE, encoding="utf-8")
    return zh, en


def test_several_profiles_with_jobs_write_every_format(tmp_path: Path, runner: CliRunner) -> None:
    zh, en = _profiles(tmp_path)
    out = tmp_path / "build" / "plans"  # does not exist yet
    result = runner.invoke(app, ["render", str(zh), str(en), "-f", "md,docx,json", "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        ["shop.zh-CN.md", "shop.zh-CN.docx", "shop.zh-CN.json", "shop.en.md", "shop.en.docx", "shop.en.json"]
    )
    zh_md = (out / "shop.zh-CN.md").read_text(encoding="utf-8")
    assert zh_md.startswith("# 测试方案\n")
    assert (out / "shop.en.md").read_text(encoding="utf-8").startswith("# Test plan\n")
    doc = open_docx((out / "shop.zh-CN.docx").read_bytes())
    assert docx_headings(doc) == markdown_headings(zh_md)
    assert isinstance(json.loads((out / "shop.en.json").read_text(encoding="utf-8")), dict)
    assert "wrote " in result.output


def test_file_names_come_from_the_profile_name() -> None:
    paths = output_paths(Path("examples/douyin-flowers.zh-CN.yaml"), Path("out"), ("md", "docx"))
    assert paths == [Path("out/douyin-flowers.zh-CN.md"), Path("out/douyin-flowers.zh-CN.docx")]


def test_refuses_to_overwrite_and_writes_nothing(tmp_path: Path, runner: CliRunner) -> None:
    zh, en = _profiles(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    kept = out / "shop.en.md"
    kept.write_text("hand edited", encoding="utf-8")
    result = runner.invoke(app, ["render", str(zh), str(en), "-o", str(out)])
    assert result.exit_code == 2
    assert "shop.en.md: already exists; pass --force" in result.output
    assert kept.read_text(encoding="utf-8") == "hand edited"
    # the other profile's files were not written either: all targets are checked first
    assert sorted(p.name for p in out.iterdir()) == ["shop.en.md"]
    assert "Traceback" not in result.output


def test_force_overwrites(tmp_path: Path, runner: CliRunner) -> None:
    zh, _ = _profiles(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "shop.zh-CN.md").write_text("old", encoding="utf-8")
    result = runner.invoke(app, ["render", str(zh), "-o", str(out), "-f", "md", "--force"])
    assert result.exit_code == 0, result.output
    assert (out / "shop.zh-CN.md").read_text(encoding="utf-8").startswith("# 测试方案")


@pytest.mark.parametrize("formats", ["md,odt", "rtf", " , "])
def test_unknown_or_empty_format(tmp_path: Path, runner: CliRunner, formats: str) -> None:
    zh, _ = _profiles(tmp_path)
    result = runner.invoke(app, ["render", str(zh), "-o", str(tmp_path / "out"), "-f", formats])
    assert result.exit_code == 2
    assert "--format" in result.output
    if formats.strip(" ,"):
        assert repr(formats.split(",")[-1]) in result.output
    assert not (tmp_path / "out").exists()


def test_validate_formats_orders_and_rejects() -> None:
    assert validate_formats(["json", "MD", "docx"]) == ("md", "docx", "json")
    with pytest.raises(InputError, match="unknown format 'txt'"):
        validate_formats(["md", "txt"])


def test_bad_profile_reports_file_and_line(tmp_path: Path, runner: CliRunner) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(RENDERABLE_PROFILE.replace("  platform: douyin", "  platfrom: douyin"), encoding="utf-8")
    result = runner.invoke(app, ["render", str(bad), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    # `platfrom` is on line 9 of the profile (version, plan, title, locale, start, kind, shop, name, platfrom)
    assert f"{bad}:9" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_one_bad_profile_among_several(tmp_path: Path, runner: CliRunner) -> None:
    zh, en = _profiles(tmp_path)
    bad = tmp_path / "broken.yaml"
    bad.write_text("version: 1\nplan: [\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(zh), str(bad), str(en), "-o", str(out), "-f", "md", "-j", "2"])
    assert result.exit_code == 2
    assert "1 of 3 profiles failed" in result.output
    assert "broken.yaml" in result.output
    assert "Traceback" not in result.output
    # the good profiles were still rendered
    assert sorted(p.name for p in out.iterdir()) == ["shop.en.md", "shop.zh-CN.md"]


def test_missing_profile(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["render", str(tmp_path / "nope.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "nope.yaml" in result.output


def test_summary_prints_and_writes_nothing(tmp_path: Path, runner: CliRunner) -> None:
    zh, _ = _profiles(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(zh), "-o", str(out), "--summary"])
    assert result.exit_code == 0, result.output
    assert "测试方案" in result.output
    assert not out.exists()


def test_missing_reference_docx(tmp_path: Path, runner: CliRunner) -> None:
    zh, _ = _profiles(tmp_path)
    result = runner.invoke(app, ["render", str(zh), "-o", str(tmp_path), "--reference-docx", "brand.docx"])
    assert result.exit_code == 2
    assert "brand.docx: --reference-docx: no such file" in result.output


def test_reference_docx_through_the_cli(tmp_path: Path, runner: CliRunner) -> None:
    from docx import Document
    from docx.shared import RGBColor

    reference = Document()
    reference.styles["Heading 1"].font.color.rgb = RGBColor(0x12, 0x34, 0x56)
    brand = tmp_path / "brand.docx"
    reference.save(str(brand))
    zh, _ = _profiles(tmp_path)
    result = runner.invoke(
        app, ["render", str(zh), "-o", str(tmp_path / "o"), "-f", "docx", "--reference-docx", str(brand)]
    )
    assert result.exit_code == 0, result.output
    doc = open_docx((tmp_path / "o" / "shop.zh-CN.docx").read_bytes())
    assert doc.styles["Heading 1"].font.color.rgb == RGBColor(0x12, 0x34, 0x56)


def test_two_profiles_with_the_same_output_name(tmp_path: Path, runner: CliRunner) -> None:
    zh, _ = _profiles(tmp_path)
    other = tmp_path / "sub" / zh.name
    other.parent.mkdir()
    other.write_text(RENDERABLE_PROFILE, encoding="utf-8")
    result = runner.invoke(app, ["render", str(zh), str(other), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "would both write" in result.output


@pytest.mark.skipif(importlib.util.find_spec("matplotlib") is None, reason="--charts needs matplotlib (charts extra)")
def test_charts_add_two_images(tmp_path: Path, runner: CliRunner) -> None:
    zh, _ = _profiles(tmp_path)
    # the budget chart goes into the organisation chapter, which needs a team to be in the plan; its payroll
    # (10,000 × 6 months = 60,000) gets a people line of its own, so the lines do not commit more than the budget
    zh.write_text(
        RENDERABLE_PROFILE.replace("[goals, timeline,", "[goals, organization, timeline,").replace(
            "items: [{name: 内容, share: 1}]", "items: [{name: 内容, share: 0.95}, {name: 人力, share: 0.05}]"
        )
        + "team: [{role: 编导, count: 1, monthly_cost: 10000}]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["render", str(zh), "-o", str(tmp_path / "o"), "-f", "docx", "--charts"])
    assert result.exit_code == 0, result.output
    doc = open_docx((tmp_path / "o" / "shop.zh-CN.docx").read_bytes())
    # goal trajectory (goals chapter) and budget split (organisation chapter)
    assert len(doc.inline_shapes) == 2
    assert len(list(doc.element.body.iter(f"{W}drawing"))) == 2


def test_render_options_defaults() -> None:
    options = RenderOptions()
    assert options.formats == ("md", "docx")
    assert options.jobs == 1 and not options.force and options.out_dir == Path(".")


def test_charts_without_matplotlib_say_how_to_install(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # makes `import matplotlib` fail
    zh, _ = _profiles(tmp_path)
    result = runner.invoke(app, ["render", str(zh), "-o", str(tmp_path / "o"), "-f", "docx", "--charts"])
    assert result.exit_code == 2
    assert "pip install 'opsplan[charts]'" in result.output
    assert not (tmp_path / "o" / "shop.zh-CN.docx").exists()


def test_summary_of_a_bad_profile(tmp_path: Path, runner: CliRunner) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nplan: [\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(bad), "--summary"])
    assert result.exit_code == 2
    assert "bad.yaml" in result.output
    assert "Traceback" not in result.output


def test_garbage_collection_is_few_while_rendering_and_restored_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from opsplan.render import run

    seen: list[tuple[int, int, int]] = []
    monkeypatch.setattr(
        run, "_run_all", lambda paths, options, formats, failures, refused: seen.append(gc.get_threshold())
    )
    before = gc.get_threshold()
    run.render_paths([tmp_path / "shop.yaml"], RenderOptions(out_dir=tmp_path))
    assert seen == [(100_000, 10, 10)]  # gcpace.FEW_COLLECTIONS, as a check's
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def _unchanged_after(runner: CliRunner, args: list[str], out: Path, read: Path) -> None:
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert f"{read}: is a file this command reads; write the output elsewhere (-o)" in result.output
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_render_never_overwrites_its_profile_even_with_force(tmp_path: Path, runner: CliRunner) -> None:
    zh, _ = _profiles(tmp_path)
    profile = zh.rename(tmp_path / "shop.md")  # a profile saved under the name of its Markdown output
    _unchanged_after(
        runner, ["render", str(profile), "-f", "md,docx", "-o", str(tmp_path), "--force"], tmp_path, profile
    )


def test_render_never_overwrites_its_reference_docx_even_with_force(tmp_path: Path, runner: CliRunner) -> None:
    zh, _ = _profiles(tmp_path)
    out = tmp_path / "out"
    assert runner.invoke(app, ["render", str(zh), "-f", "docx", "-o", str(out)]).exit_code == 0
    reference = out / "shop.zh-CN.docx"  # the last render, restyled by hand and passed back for its styles
    args = ["render", str(zh), "-f", "md,docx", "-o", str(out), "--force", "--reference-docx", str(reference)]
    _unchanged_after(runner, args, out, reference)


# The console script's main in a real process: render, like check, ends without the interpreter's teardown once its
# files are written, after the functions registered with atexit (here one that says so on stderr)
_CONSOLE = (
    "import atexit, sys; atexit.register(lambda: print('atexit ran', file=sys.stderr));"
    "sys.argv = ['opsplan', *sys.argv[1:]]; from opsplan._entry import main; main()"
)


def _run_console(program: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``opsplan --lang en render ARGS`` through ``program`` (the console script's main, set up) in a new process."""
    command = [sys.executable, "-c", program, "--lang", "en", "render", *args]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)


@pytest.mark.slow  # four processes
def test_the_console_script_ends_render_with_whole_files_and_its_exit_code(tmp_path: Path) -> None:
    import zipfile

    console = functools.partial(_run_console, _CONSOLE)

    zh, en = _profiles(tmp_path)
    one = console(str(zh), "-o", str(tmp_path / "one"))
    assert one.returncode == 0 and one.stderr.endswith("atexit ran\n"), one.stderr
    with zipfile.ZipFile(tmp_path / "one" / "shop.zh-CN.docx") as package:
        assert package.testzip() is None  # every member whole: the file was finished before the process ended
    assert (tmp_path / "one" / "shop.zh-CN.md").read_text(encoding="utf-8").startswith("# ")
    two = console(str(zh), str(en), "-f", "md,docx,json", "-o", str(tmp_path / "two"), "--jobs", "2")
    assert two.returncode == 0 and two.stderr.endswith("atexit ran\n"), two.stderr
    assert len(list((tmp_path / "two").iterdir())) == 6
    assert json.loads((tmp_path / "two" / "shop.en.json").read_text(encoding="utf-8"))
    again = console(str(zh), "-o", str(tmp_path / "one"))  # no --force: refused, nothing overwritten
    assert again.returncode == 2 and again.stderr.endswith("atexit ran\n")
    missing = console(str(tmp_path / "none.yaml"), "-o", str(tmp_path / "three"))
    assert missing.returncode == 2 and "none.yaml" in missing.stderr and not (tmp_path / "three").exists()


# an atexit function during which SIGTERM arrives (here, one that sends it): the command had ended, so its own exit
# code, and no traceback; the handler used to raise Stopped inside the function ("Exception ignored in atexit …")
_STOPPED_AT_EXIT = (
    "import atexit, os, signal, sys;"
    "atexit.register(lambda: (os.kill(os.getpid(), signal.SIGTERM), print('not reached', file=sys.stderr)));"
    "sys.argv = ['opsplan', *sys.argv[1:]]; from opsplan._entry import main; main()"
)


@pytest.mark.slow  # two processes
def test_a_stop_signal_while_the_console_script_ends_keeps_the_commands_exit_code(tmp_path: Path) -> None:
    console = functools.partial(_run_console, _STOPPED_AT_EXIT)
    zh, _ = _profiles(tmp_path)
    done = console(str(zh), "-f", "md", "-o", str(tmp_path / "out"))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout == f"wrote {tmp_path / 'out' / 'shop.zh-CN.md'}\n"
    refused = console(str(zh), "-f", "md", "-o", str(tmp_path / "out"))  # exists, no --force
    assert refused.returncode == 2 and refused.stderr.startswith("error: ") and "--force" in refused.stderr
    assert refused.stderr.endswith("\n") and "Traceback" not in refused.stderr
