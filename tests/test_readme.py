"""The README stays true: two set-up commands, CI runs the test one, the profile reference is current."""

from __future__ import annotations

import re

from opsplan.reference import generated_blocks
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the quick start has a sh code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_exactly_two_commands():
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert "pip install ." in commands[0] and "opsplan render examples/" in commands[0]
    assert "'.[test]'" in commands[1] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start_commands()[1] in ci.splitlines()


def test_quick_start_example_exists():
    path = re.search(r"render (\S+\.yaml)", _quick_start_commands()[0])
    assert path and (REPO / path.group(1)).is_file()


def test_generated_blocks_are_current():
    for (start, end), block in generated_blocks().items():
        current = README.split(start, 1)[1].split(end, 1)[0].strip()
        assert current == block, (
            f"README block {start} is stale: run `python -c 'from opsplan.reference import update_readme; update_readme()'`"
        )


def test_every_image_the_readme_shows_is_in_the_repository():
    images = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", README)
    assert any("docs/screens/" in image for image in images)  # the screenshots of the PDF and HTML plans
    assert [image for image in images if not (REPO / image).is_file()] == []
