"""Render workers speak the language ``--lang`` chose, whatever the start method (issue 15's leftovers).

A worker started by fork inherited the parent's ``--lang`` by accident of memory; one started by spawn (the
default on macOS and Windows) inherits only the environment, where ``OPSPLAN_LANG=en`` (set for every test)
would win. The pool now hands the choice to each worker.
"""

from __future__ import annotations

import functools
import multiprocessing
import re
from pathlib import Path

import pytest

from opsplan.i18n import language, use
from opsplan.render.options import RenderOptions
from opsplan.render.run import render_unwritten
from opsplan.render.workers import start_workers

pytestmark = pytest.mark.slow  # starts worker processes

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("method", ["spawn", "fork"])
@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_workers_speak_the_language_lang_chose(tmp_path: Path, method: str, lang: str) -> None:
    missing = tmp_path / "no-such-shop.yaml"
    work = functools.partial(render_unwritten, options=RenderOptions(), formats=("md",))
    with use(lang):
        workers = start_workers(2, work, multiprocessing.get_context(method))
    try:
        # asked outside ``use``: only what the worker was handed can say zh-CN against OPSPLAN_LANG=en
        [(written, message, refusal)] = workers.results([missing])
    finally:
        workers.stop()
    assert written is None and refusal is None and message is not None
    assert str(missing) in message
    assert bool(CJK.search(message)) is (lang == "zh-CN"), message


def test_without_lang_the_workers_follow_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPSPLAN_LANG", "zh-CN")  # a spawned worker inherits the environment
    workers = start_workers(1, said_language, multiprocessing.get_context("spawn"))
    try:
        assert list(workers.results([None])) == ["zh-CN"]
    finally:
        workers.stop()


def said_language(_: object) -> str:
    """Return the language of messages in the worker."""
    return language()
